import Testing

@testable import StreamTapCore

@Suite struct SSEParserLineEndingTests {
    @Test(arguments: ["\n", "\r", "\r\n"])
    func everyLineEndingEndsALine(ending: String) {
        let stream = "data: a\(ending)data: b\(ending)\(ending)"
        #expect(SSEParser.outputs(of: stream) == [sseEvent("a\nb")])
    }

    @Test func mixedLineEndingsInOneStream() {
        let stream = "event: e\r\nid: 1\rdata: one\ndata: two\r\n\r\n: c\rdata: three\n\n"
        let outputs = SSEParser.outputs(of: stream)
        #expect(outputs == [sseEvent("one\ntwo", type: "e", id: "1"), .comment(" c"), sseEvent("three", id: "1")])
    }

    @Test func crThenLFIsOneLineEndingButLFThenCRIsTwo() {
        #expect(SSEParser.outputs(of: "data: a\r\ndata: b\r\n\r\n") == [sseEvent("a\nb")])
        #expect(SSEParser.outputs(of: "data: a\n\rdata: b\n\r") == [sseEvent("a"), sseEvent("b")])
    }

    @Test func twoCRsAreTwoLineEndings() {
        #expect(SSEParser.outputs(of: "data: a\r\r") == [sseEvent("a")])
    }

    @Test func crAtTheEndOfAReadAndLFAtTheStartOfTheNextAreOneLineEnding() {
        var parser = SSEParser()
        #expect(parser.feed("data: a\r".utf8).isEmpty)
        #expect(parser.feed("\ndata: b\r".utf8).isEmpty)
        #expect(parser.feed("\n\r".utf8) == [sseEvent("a\nb")])
        #expect(parser.feed("\n".utf8).isEmpty)
    }

    @Test func aCRDispatchesAtOnceWithoutWaitingForTheNextRead() {
        var parser = SSEParser()
        #expect(parser.feed("data: a\r\r".utf8) == [sseEvent("a")])
    }

    @Test func aLineSplitAcrossManyReadsIsReassembled() {
        var parser = SSEParser()
        var outputs: [SSEParser.Output] = []
        for piece in ["da", "ta", ": hel", "lo wor", "ld", "\n", "\n"] {
            parser.feed(piece.utf8, into: &outputs)
        }
        #expect(outputs == [sseEvent("hello world")])
    }

    @Test func anEmptyReadChangesNothing() {
        var parser = SSEParser()
        #expect(parser.feed("data: a\r".utf8).isEmpty)
        #expect(parser.feed([UInt8]()).isEmpty)
        #expect(parser.feed("\n\n".utf8) == [sseEvent("a")])
    }
}

@Suite struct SSEParserByteOrderMarkTests {
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func aLeadingBOMIsDropped() {
        var parser = SSEParser()
        #expect(parser.run([Self.bom + Array("data: a\n\n".utf8)]).outputs == [sseEvent("a")])
    }

    @Test func aLeadingBOMBeforeAFieldNameDoesNotRenameIt() {
        var parser = SSEParser()
        let outputs = parser.run([Self.bom + Array("event: e\ndata: a\n\n".utf8)]).outputs
        #expect(outputs == [sseEvent("a", type: "e")])
    }

    @Test func aLeadingBOMSplitAcrossReadsIsDropped() {
        var parser = SSEParser()
        let outputs = parser.run([[0xEF], [0xBB], [0xBF, UInt8(ascii: "d")], Array("ata: a\n\n".utf8)]).outputs
        #expect(outputs == [sseEvent("a")])
    }

    @Test func onlyOneBOMIsDropped() {
        var parser = SSEParser()
        let outputs = parser.run([Self.bom + Self.bom + Array("data: a\n\ndata: b\n\n".utf8)]).outputs
        #expect(outputs == [sseEvent("b")])
    }

    @Test func aBOMLaterInTheStreamIsKept() {
        var parser = SSEParser()
        let outputs = parser.run([Array("data: a\n\n".utf8), Self.bom + Array("data: b\n\ndata: \u{FEFF}c\n\n".utf8)])
        #expect(outputs.outputs == [sseEvent("a"), sseEvent("\u{FEFF}c")])
    }

    @Test func bytesThatOnlyStartLikeABOMAreContent() {
        var whole = SSEParser()
        #expect(whole.run([[0xEF, 0xBB] + Array("data: a\n\n".utf8)]).outputs.isEmpty)
        var split = SSEParser()
        #expect(split.run([[0xEF], [0xBB], Array("data: a\n\n".utf8)]).outputs.isEmpty)
        var beforeComment = SSEParser()
        #expect(beforeComment.run([[0xEF], Array(": x\n".utf8)]).outputs.isEmpty)
    }

    @Test func bomBytesLaterInALineAreDecodedAsText() {
        var parser = SSEParser()
        let outputs = parser.run([[UInt8(ascii: ":"), 0xEF], [0xBB, 0xBF, UInt8(ascii: "\n")]]).outputs
        #expect(outputs == [.comment("\u{FEFF}")])
    }
}

@Suite struct SSEParserUTF8Tests {
    @Test func multibyteTextIsDecoded() {
        #expect(SSEParser.outputs(of: "event: ü\ndata: 😀 日本\nid: é\n\n") == [sseEvent("😀 日本", type: "ü", id: "é")])
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        let stream: [UInt8] = Array("data: a".utf8) + [0xFF, 0xC0, 0x80] + Array("b\n\n".utf8)
        var parser = SSEParser()
        #expect(parser.run([stream]).outputs == [sseEvent("a\u{FFFD}\u{FFFD}\u{FFFD}b")])
    }

    @Test func aTruncatedCharacterBeforeALineEndIsOneReplacement() {
        let stream: [UInt8] = Array("data: a".utf8) + [0xF0, 0x9F, 0x98] + Array("\ndata: b\n\n".utf8)
        var parser = SSEParser()
        #expect(parser.run([stream]).outputs == [sseEvent("a\u{FFFD}\nb")])
    }

    @Test func aCharacterSplitAcrossReadsIsDecodedWhole() {
        let smile: [UInt8] = Array("😀".utf8)
        var parser = SSEParser()
        let chunks = [
            Array("data: ".utf8) + smile[0..<1], Array(smile[1..<3]), Array(smile[3...]) + Array("\n\n".utf8),
        ]
        #expect(parser.run(chunks).outputs == [sseEvent("😀")])
    }

    @Test func invalidBytesInAnIDOrTypeAreReplacedToo() {
        let stream: [UInt8] = Array("event: x".utf8) + [0xFE] + Array("\nid: ".utf8) + [0xC3] + Array("\ndata\n\n".utf8)
        var parser = SSEParser()
        #expect(parser.run([stream]).outputs == [sseEvent("", type: "x\u{FFFD}", id: "\u{FFFD}")])
    }

    @Test func aNullCharacterInDataIsKept() {
        #expect(SSEParser.outputs(of: "data: a\0b\n\n") == [sseEvent("a\0b")])
    }
}

@Suite struct SSEParserEndOfStreamTests {
    @Test func anEventWithoutItsBlankLineIsDiscardedAtTheEnd() {
        var parser = SSEParser()
        let result = parser.run([Array("data: a\n\ndata: b\n".utf8)])
        #expect(result.outputs == [sseEvent("a")])
        #expect(result.discarded)
    }

    @Test func aStreamEndingBetweenEventsDiscardsNothing() {
        var parser = SSEParser()
        let result = parser.run([Array("data: a\n\n: bye\n".utf8)])
        #expect(result.outputs == [sseEvent("a"), .comment(" bye")])
        #expect(!result.discarded)
    }

    @Test func anUnterminatedLineIsDiscardedAtTheEnd() {
        var parser = SSEParser()
        let result = parser.run([Array("data: a\n\n: unterminated comment".utf8)])
        #expect(result.outputs == [sseEvent("a")])
        #expect(result.discarded)
    }

    @Test func aPendingIDIsNotCommittedAtTheEnd() {
        var parser = SSEParser()
        _ = parser.run([Array("id: 1\ndata: a\n\nid: 2\n".utf8)])
        #expect(parser.lastEventID == "1")
    }

    @Test func aReconnectionKeepsTheLastEventIDAndReconnectionTime() {
        var parser = SSEParser()
        _ = parser.run([Array("retry: 2500\nid: 41\ndata: a\n\ndata: half".utf8)])
        #expect(parser.lastEventID == "41")
        #expect(parser.reconnectionTime == 2500)
        let outputs = parser.feed("data: b\n\n".utf8)
        #expect(outputs == [sseEvent("b", id: "41")])
        #expect(parser.reconnectionTime == 2500)
    }

    @Test func aReconnectionStartsAFreshEvent() {
        var parser = SSEParser()
        _ = parser.run([Array("event: old\ndata: stale\n".utf8)])
        #expect(parser.feed("data: new\n\n".utf8) == [sseEvent("new")])
    }

    @Test func aReconnectionDropsALeadingBOMAgain() {
        var parser = SSEParser()
        _ = parser.run([[0xEF, 0xBB, 0xBF] + Array("data: a\n\n".utf8)])
        let second = parser.run([[0xEF, 0xBB, 0xBF] + Array("data: b\n\n".utf8)])
        #expect(second.outputs == [sseEvent("b")])
    }

    @Test func aCRAtTheEndOfOneStreamDoesNotSwallowAnLFStartingTheNext() {
        var parser = SSEParser()
        _ = parser.run([Array("data: a\r".utf8)])
        #expect(parser.feed("\ndata: b\n\n".utf8) == [sseEvent("b")])
    }
}
