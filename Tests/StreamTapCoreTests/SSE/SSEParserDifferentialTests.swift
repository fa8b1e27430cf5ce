import Testing

@testable import StreamTapCore

/// However a stream is cut into reads, the parser must report the same
/// thing: each rich stream is fed whole, split into two reads at every
/// possible point, and one byte at a time.
@Suite struct SSEParserDifferentialTests {
    struct Run: Equatable {
        var outputs: [SSEParser.Output]
        var discarded: Bool
        var lastEventID: String
        var reconnectionTime: Int?
    }

    static func run(_ chunks: [[UInt8]], maximumEventSize: Int) -> Run {
        var parser = SSEParser(maximumEventSize: maximumEventSize)
        let result = parser.run(chunks)
        return Run(
            outputs: result.outputs,
            discarded: result.discarded,
            lastEventID: parser.lastEventID,
            reconnectionTime: parser.reconnectionTime
        )
    }

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static let streams: [(name: String, bytes: [UInt8], maximumEventSize: Int)] = [
        (
            "mixed line endings, comments, types and ids",
            Array(": hello\r\nevent: a\rdata: 1\r\ndata: 2\n\rid: 7\r\n\r\n:\r\rdata:x\n\n".utf8),
            1 << 20
        ),
        (
            "BOM, multibyte text, invalid bytes",
            bom + Array("data: 😀 日本\r\nevent: ü\r".utf8) + [0xF0, 0x9F, 0x98] + Array("\ndata: a".utf8)
                + [0xFF, 0xE2, 0x82] + Array("\r\n\r\ndata: \u{FEFF}\n\n".utf8),
            1 << 20
        ),
        (
            "ids with NUL, retry good and bad, empty data",
            Array("id: 1\ndata\n\nid: 2\0x\ndata:\ndata\r\n\r\nretry: 300\rretry: 3x\nretry:\nid\r\n\r\n".utf8)
                + Array("retry: 99999999999999999999999\ndata: last\r\n\r".utf8),
            1 << 20
        ),
        (
            "a bare CR before a final LF and an unterminated event",
            Array("data: a\r\r\ndata: b\r\n\n\rdata: tail\r\nid: 9".utf8),
            1 << 20
        ),
        (
            "CR-only stream starting with a partial BOM",
            [0xEF, 0xBB] + Array("\rdata: a\r\rdata: b\r\r\r".utf8),
            1 << 20
        ),
        (
            "events over the size limit among good ones",
            Array("data: ok\n\nid: 3\ndata: 0123456789abcdef\ndata: more\n\ndata: fine\r\n\r\n".utf8)
                + Array(": a comment longer than the limit\rdata: x\r\rid: 4\ndata: y\n\n".utf8),
            24
        ),
    ]

    @Test(arguments: streams.indices)
    func splittingIntoTwoReadsAnywhereChangesNothing(index: Int) {
        let stream = Self.streams[index]
        let whole = Self.run([stream.bytes], maximumEventSize: stream.maximumEventSize)
        #expect(!whole.outputs.isEmpty, "\(stream.name)")
        for cut in 0...stream.bytes.count {
            let parts = [Array(stream.bytes[..<cut]), Array(stream.bytes[cut...])]
            let split = Self.run(parts, maximumEventSize: stream.maximumEventSize)
            #expect(split == whole, "\(stream.name), cut at \(cut)")
        }
    }

    @Test(arguments: streams.indices)
    func feedingOneByteAtATimeChangesNothing(index: Int) {
        let stream = Self.streams[index]
        let whole = Self.run([stream.bytes], maximumEventSize: stream.maximumEventSize)
        let bytewise = Self.run(stream.bytes.map { [$0] }, maximumEventSize: stream.maximumEventSize)
        #expect(bytewise == whole, "\(stream.name)")
    }

    @Test func theMixedStreamMeansWhatTheStandardSays() {
        let outputs = Self.run([Self.streams[0].bytes], maximumEventSize: 1 << 20).outputs
        #expect(
            outputs == [
                .comment(" hello"), sseEvent("1\n2", type: "a"), .comment(""), sseEvent("x", id: "7"),
            ]
        )
    }

    @Test func theRichUTF8StreamMeansWhatTheStandardSays() {
        let result = Self.run([Self.streams[1].bytes], maximumEventSize: 1 << 20)
        #expect(
            result.outputs == [sseEvent("😀 日本\na\u{FFFD}\u{FFFD}", type: "ü"), sseEvent("\u{FEFF}")]
        )
    }

    @Test func theIDAndRetryStreamMeansWhatTheStandardSays() {
        let result = Self.run([Self.streams[2].bytes], maximumEventSize: 1 << 20)
        #expect(
            result.outputs == [
                sseEvent("", id: "1"), sseEvent("\n", id: "1"), .retry(milliseconds: 300),
                .retry(milliseconds: Int.max), sseEvent("last", id: ""),
            ]
        )
        #expect(result.reconnectionTime == Int.max)
        #expect(!result.discarded)
    }

    @Test func theUnterminatedStreamMeansWhatTheStandardSays() {
        let result = Self.run([Self.streams[3].bytes], maximumEventSize: 1 << 20)
        #expect(result.outputs == [sseEvent("a"), sseEvent("b")])
        #expect(result.discarded)
        #expect(result.lastEventID == "")
    }

    @Test func theCROnlyStreamMeansWhatTheStandardSays() {
        let result = Self.run([Self.streams[4].bytes], maximumEventSize: 1 << 20)
        #expect(result.outputs == [sseEvent("a"), sseEvent("b")])
    }
}
