import Testing

@testable import StreamTapCore

/// The hot paths look at eight, 32 or 64 bytes at a time and fall back to one
/// byte at a time near anything special. These tests put the special byte
/// at every offset of inputs longer than a few words, so each word position
/// and both fallbacks are crossed.
@Suite struct WordAtATimeTests {
    static let filler = Array(repeating: UInt8(ascii: "a"), count: 140)

    @Test(arguments: 0..<140)
    func invalidUTF8IsFoundAtEveryOffset(offset: Int) {
        var bytes = Self.filler
        bytes[offset] = 0xFF
        #expect(!UTF8Validator.isValid(bytes))
        bytes[offset] = 0xC3  // a lead byte without its continuation
        #expect(!UTF8Validator.isValid(bytes))
    }

    @Test(arguments: 0..<138)
    func multiByteCharacterIsAcceptedAtEveryOffset(offset: Int) {
        var bytes = Self.filler
        bytes.replaceSubrange(offset..<offset + 3, with: Array("€".utf8))
        #expect(UTF8Validator.isValid(bytes))
        var validator = UTF8Validator()
        let (headAccepted, completeAfterHead, tailAccepted) = bytes.withUnsafeBytes { all in
            let head = validator.feed(UnsafeRawBufferPointer(rebasing: all[..<(offset + 1)]))
            let complete = validator.isComplete
            return (head, complete, validator.feed(UnsafeRawBufferPointer(rebasing: all[(offset + 1)...])))
        }
        #expect(headAccepted && !completeAfterHead && tailAccepted)
        #expect(validator.isComplete)
    }

    @Test func surrogateAfterLongASCIIRunIsRejected() {
        #expect(!UTF8Validator.isValid(Self.filler + [0xED, 0xA0, 0x80] + Self.filler))
    }

    @Test(arguments: ["\"", "\\", "\n", "\u{01}", "\u{7F}", "\u{2028}", "é", "€"])
    func jsonEscapesAtEveryOffsetOfALongString(special: String) {
        for offset in 0...40 {
            let text = String(repeating: "b", count: offset) + special + String(repeating: "c", count: 40 - offset)
            var writer = JSONWriter()
            writer.string(text)
            let escaped: String =
                switch special {
                case "\"": "\\\""
                case "\\": "\\\\"
                case "\n": "\\n"
                case "\u{01}": "\\u0001"
                case "\u{7F}": "\\u007f"
                case "\u{2028}": "\\u2028"
                default: special
                }
            let expected =
                "\"" + String(repeating: "b", count: offset) + escaped + String(repeating: "c", count: 40 - offset)
                + "\""
            #expect(String(decoding: writer.bytes, as: UTF8.self) == expected, "offset \(offset)")
        }
    }

    @Test func timestampsInTheSameAndInAnotherMillisecond() {
        var writer = JSONWriter()
        let first = Timestamp(nanosecondsSinceEpoch: 1_764_054_835_123_000_000)
        let sameMillisecond = Timestamp(nanosecondsSinceEpoch: 1_764_054_835_123_999_999)
        let next = Timestamp(nanosecondsSinceEpoch: 1_764_054_835_124_000_000)
        writer.beginArray()
        writer.timestamp(first)
        writer.timestamp(sameMillisecond)
        writer.timestamp(next)
        writer.endArray()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #"["2025-11-25T07:13:55.123Z","2025-11-25T07:13:55.123Z","2025-11-25T07:13:55.124Z"]"#
        )
    }

    /// A stream of long lines with every kind of line ending, fed whole,
    /// then split into two reads at every point.
    @Test func longLinesGiveTheSameEventsHoweverTheyAreSplit() {
        let long = String(repeating: "x", count: 45)
        let text =
            "data: \(long)\n\n"
            + "data: \(long)\r\ndata: \(long)y\r\n\r\n"
            + "event: tick\rdata: \(long)\r\r"
            + ": \(long)\n"
            + "data: \(long)z\n"
            + "id: 7\n\n"
        let bytes = Array(text.utf8)
        var whole = SSEParser()
        let expected = whole.feed(bytes)
        #expect(
            expected == [
                .event(SSEEvent(data: long)),
                .event(SSEEvent(data: long + "\n" + long + "y")),
                .event(SSEEvent(type: "tick", data: long)),
                .comment(" " + long),
                .event(SSEEvent(data: long + "z", lastEventID: "7")),
            ]
        )
        for cut in 0...bytes.count {
            var parser = SSEParser()
            var outputs = parser.feed(bytes[..<cut])
            outputs += parser.feed(bytes[cut...])
            #expect(outputs == expected, "cut at \(cut)")
        }
    }

    @Test func theSizeLimitCountsADataLineStillInTheRead() {
        var parser = SSEParser(maximumEventSize: 60)
        let first = String(repeating: "a", count: 40)
        let outputs = parser.feed(Array("data: \(first)\ndata: \(first)\n\ndata: ok\n\n".utf8))
        #expect(outputs.count == 2)
        if case .error = outputs.first {} else { Issue.record("expected the size error first, got \(outputs)") }
        #expect(outputs.last == .event(SSEEvent(data: "ok")))
    }

    /// Frames of every length class, split into two reads at every point
    /// and fed one byte at a time, come out whole and in order.
    @Test func framesSplitAnywhereComeOutWhole() throws {
        let sizes = [0, 5, 125, 126, 300]
        let frames = sizes.enumerated().map { index, size in
            FrameInfo(
                direction: .incoming,
                opcode: index.isMultiple(of: 2) ? .text : .binary,
                payload: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) }
            )
        }
        var wire: [UInt8] = []
        for frame in frames { WebSocketFrameSerializer.serialize(frame, into: &wire) }
        func parse(_ chunks: [ArraySlice<UInt8>]) throws -> [FrameInfo] {
            var parser = WebSocketFrameParser(maxFramePayload: 1 << 20)
            var parsed: [FrameInfo] = []
            for chunk in chunks {
                try Array(chunk).withUnsafeBytes { bytes in
                    try parser.parse(bytes) { parsed.append($0) }
                }
            }
            #expect(parser.bufferedByteCount == 0)
            return parsed
        }
        for cut in 0...wire.count {
            #expect(try parse([wire[..<cut], wire[cut...]]) == frames, "cut at \(cut)")
        }
        #expect(try parse(wire.indices.map { wire[$0...$0] }) == frames)
    }
}
