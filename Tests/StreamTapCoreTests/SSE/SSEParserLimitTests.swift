import Testing

@testable import StreamTapCore

@Suite struct SSEParserLimitTests {
    static let tooLarge = SSEParser.Output.error("SSE event larger than 24 bytes; discarded up to its blank line")

    @Test func theDefaultLimitIs16MiBAndNamedInTheError() {
        let parser = SSEParser()
        #expect(parser.maximumEventSize == 16 * 1024 * 1024)
        var small = SSEParser(maximumEventSize: 4 << 10)
        let outputs = small.feed(Array("data: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5000))
        #expect(outputs == [.error("SSE event larger than 4 KiB; discarded up to its blank line")])
    }

    @Test func anEventAtTheLimitIsDispatched() {
        let data = String(repeating: "x", count: 18)
        #expect(SSEParser.outputs(of: "data: \(data)\n\n", maximumEventSize: 24) == [sseEvent(data)])
    }

    @Test func manyDataLinesOverTheLimitAreOneErrorAndTheEventIsDropped() {
        let stream = String(repeating: "data: abcdef\n", count: 10) + "\ndata: next\n\n"
        #expect(SSEParser.outputs(of: stream, maximumEventSize: 24) == [Self.tooLarge, sseEvent("next")])
    }

    @Test func oneLongLineIsCaughtBeforeItsEndArrives() {
        var parser = SSEParser(maximumEventSize: 24)
        #expect(parser.feed("data: 0123456789".utf8).isEmpty)
        #expect(parser.feed("0123456789".utf8) == [Self.tooLarge])
        #expect(parser.feed("0123456789\ndata: more\n".utf8).isEmpty)
        #expect(parser.feed("\ndata: after\n\n".utf8) == [sseEvent("after")])
    }

    @Test func theRestOfTheDiscardedEventIsDroppedIncludingItsTypeAndID() {
        var parser = SSEParser(maximumEventSize: 24)
        _ = parser.feed("id: 1\ndata: a\n\n".utf8)
        let stream = "id: 2\nevent: big\ndata: 0123456789abcdefghij\nid: 3\nevent: other\ndata: z\n\ndata: b\n\n"
        #expect(parser.feed(stream.utf8) == [Self.tooLarge, sseEvent("b", id: "1")])
        #expect(parser.lastEventID == "1")
    }

    @Test func aLongCommentLineCountsToo() {
        let stream = ": " + String(repeating: "c", count: 40) + "\ndata: x\n\ndata: y\n\n"
        #expect(SSEParser.outputs(of: stream, maximumEventSize: 24) == [Self.tooLarge, sseEvent("y")])
    }

    @Test func memoryStaysBoundedWhileALineNeverEnds() {
        var parser = SSEParser(maximumEventSize: 1 << 10)
        var outputs: [SSEParser.Output] = []
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        parser.feed(Array("data: ".utf8), into: &outputs)
        for _ in 0..<256 {
            parser.feed(chunk, into: &outputs)
        }
        #expect(outputs == [.error("SSE event larger than 1 KiB; discarded up to its blank line")])
        parser.feed("\n\ndata: ok\n\n".utf8, into: &outputs)
        #expect(outputs.last == sseEvent("ok"))
    }

    @Test func theParserIsUsableAfterAnErrorAtTheEndOfAStream() {
        var parser = SSEParser(maximumEventSize: 24)
        let first = parser.run([Array("data: 0123456789abcdefghijklmnop".utf8)])
        #expect(first.outputs == [Self.tooLarge])
        #expect(first.discarded)
        #expect(parser.feed("data: fresh\n\n".utf8) == [sseEvent("fresh")])
    }

    @Test func theMixedLimitStreamMeansWhatItShould() {
        let stream = SSEParserDifferentialTests.streams[5]
        let result = SSEParserDifferentialTests.run([stream.bytes], maximumEventSize: stream.maximumEventSize)
        #expect(
            result.outputs == [sseEvent("ok"), Self.tooLarge, sseEvent("fine"), Self.tooLarge, sseEvent("y", id: "4")]
        )
    }
}
