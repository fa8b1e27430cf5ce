import Testing

@testable import StreamTapCore

extension SSEParser {
    /// Feeds `chunks` as successive reads, then ends the stream; returns the
    /// outputs in order and whether ``finish()`` discarded anything.
    mutating func run(_ chunks: [[UInt8]]) -> (outputs: [Output], discarded: Bool) {
        var outputs: [Output] = []
        for chunk in chunks {
            feed(chunk, into: &outputs)
        }
        return (outputs, finish())
    }

    /// The outputs of a whole stream given as text, fed as one read.
    static func outputs(of text: String, maximumEventSize: Int = defaultMaximumEventSize) -> [Output] {
        var parser = SSEParser(maximumEventSize: maximumEventSize)
        return parser.run([Array(text.utf8)]).outputs
    }
}

/// Shorthand for an expected dispatched event.
func sseEvent(_ data: String, type: String = "message", id: String = "") -> SSEParser.Output {
    .event(SSEEvent(type: type, data: data, lastEventID: id))
}

@Suite struct SSEParserFieldTests {
    @Test func dataLinesJoinWithLineFeeds() {
        #expect(SSEParser.outputs(of: "data: a\ndata: b\ndata: c\n\n") == [sseEvent("a\nb\nc")])
    }

    @Test func onlyOneLeadingSpaceIsRemovedFromTheValue() {
        #expect(SSEParser.outputs(of: "data:   x \n\n") == [sseEvent("  x ")])
        #expect(SSEParser.outputs(of: "data:\tx\n\n") == [sseEvent("\tx")])
    }

    @Test func valueStartsAfterTheFirstColonOnly() {
        #expect(SSEParser.outputs(of: "data: a: b:c\n\n") == [sseEvent("a: b:c")])
        #expect(SSEParser.outputs(of: "data::\n\n") == [sseEvent(":")])
    }

    @Test func aLineWithoutColonIsAFieldWithAnEmptyValue() {
        #expect(SSEParser.outputs(of: "data\n\n") == [sseEvent("")])
        #expect(SSEParser.outputs(of: "event\ndata: x\n\n") == [sseEvent("x")])
        #expect(SSEParser.outputs(of: "data: x\nid\n\n") == [sseEvent("x", id: "")])
    }

    @Test func fieldNamesAreCaseSensitiveAndExact() {
        #expect(SSEParser.outputs(of: "Data: x\n\n").isEmpty)
        #expect(SSEParser.outputs(of: "data : x\n\n").isEmpty)
        #expect(SSEParser.outputs(of: " data: x\n\n").isEmpty)
        #expect(SSEParser.outputs(of: "datas: x\n\n").isEmpty)
        #expect(SSEParser.outputs(of: "dat: x\n\n").isEmpty)
    }

    @Test func unknownFieldsAreIgnored() {
        #expect(SSEParser.outputs(of: "foo: bar\ndata: x\nbaz\n\n") == [sseEvent("x")])
        #expect(SSEParser.outputs(of: "foo: bar\n\n").isEmpty)
    }

    @Test func eventFieldSetsTheTypeOfTheNextDispatchOnly() {
        let outputs = SSEParser.outputs(of: "event: add\ndata: 1\n\ndata: 2\n\n")
        #expect(outputs == [sseEvent("1", type: "add"), sseEvent("2")])
    }

    @Test func theLastEventFieldWins() {
        #expect(SSEParser.outputs(of: "event: a\nevent: b\ndata: x\n\n") == [sseEvent("x", type: "b")])
    }

    @Test func anEmptyEventFieldMeansMessage() {
        #expect(SSEParser.outputs(of: "event: a\nevent:\ndata: x\n\n") == [sseEvent("x")])
    }

    @Test func commentsAreReportedWithTheirTextAndDoNotDispatch() {
        let outputs = SSEParser.outputs(of: ": keep-alive\n:\n::x\n\n")
        #expect(outputs == [.comment(" keep-alive"), .comment(""), .comment(":x")])
    }

    @Test func commentsInsideAnEventDoNotDisturbIt() {
        let outputs = SSEParser.outputs(of: "data: a\n: ping\ndata: b\n\n")
        #expect(outputs == [.comment(" ping"), sseEvent("a\nb")])
    }
}

@Suite struct SSEParserDispatchTests {
    @Test func aBlankLineWithoutDataDispatchesNothing() {
        #expect(SSEParser.outputs(of: "\n\n\n").isEmpty)
        #expect(SSEParser.outputs(of: "event: x\n\n").isEmpty)
    }

    @Test func anEventWithoutDataResetsItsType() {
        #expect(SSEParser.outputs(of: "event: ignored\n\ndata: x\n\n") == [sseEvent("x")])
    }

    @Test func emptyDataStillDispatches() {
        #expect(SSEParser.outputs(of: "data:\n\n") == [sseEvent("")])
        #expect(SSEParser.outputs(of: "data\ndata\n\n") == [sseEvent("\n")])
    }

    @Test func onlyOneTrailingLineFeedIsRemoved() {
        #expect(SSEParser.outputs(of: "data: a\ndata\n\n") == [sseEvent("a\n")])
    }

    @Test func theLastEventIDPersistsAcrossEvents() {
        var parser = SSEParser()
        let outputs = parser.feed("id: 7\ndata: a\n\ndata: b\n\n".utf8)
        #expect(outputs == [sseEvent("a", id: "7"), sseEvent("b", id: "7")])
        #expect(parser.lastEventID == "7")
    }

    @Test func anIDIsCommittedOnlyByADispatch() {
        var parser = SSEParser()
        _ = parser.feed("id: 1\ndata: a\n\nid: 2\n".utf8)
        #expect(parser.lastEventID == "1")
        _ = parser.feed("\n".utf8)
        #expect(parser.lastEventID == "2")
    }

    @Test func anIDWithoutDataStillSetsTheLastEventID() {
        var parser = SSEParser()
        let outputs = parser.feed("id: 9\n\ndata: x\n\n".utf8)
        #expect(outputs == [sseEvent("x", id: "9")])
    }

    @Test func anEmptyIDResetsTheLastEventID() {
        var parser = SSEParser()
        let outputs = parser.feed("id: 1\ndata: a\n\nid:\ndata: b\n\n".utf8)
        #expect(outputs == [sseEvent("a", id: "1"), sseEvent("b", id: "")])
        #expect(parser.lastEventID == "")
    }

    @Test func anIDContainingNullIsIgnored() {
        var parser = SSEParser()
        let outputs = parser.feed("id: 5\ndata: a\n\nid: 6\0\ndata: b\n\nid: \0\n\n".utf8)
        #expect(outputs == [sseEvent("a", id: "5"), sseEvent("b", id: "5")])
        #expect(parser.lastEventID == "5")
    }

    @Test func fieldOrderWithinAnEventDoesNotMatter() {
        let outputs = SSEParser.outputs(of: "data: x\nid: 3\nevent: e\n\n")
        #expect(outputs == [sseEvent("x", type: "e", id: "3")])
    }
}

@Suite struct SSEParserRetryTests {
    @Test func digitsSetTheReconnectionTime() {
        var parser = SSEParser()
        #expect(parser.reconnectionTime == nil)
        #expect(parser.feed("retry: 5000\n".utf8) == [.retry(milliseconds: 5000)])
        #expect(parser.reconnectionTime == 5000)
        #expect(parser.feed("retry:0\n".utf8) == [.retry(milliseconds: 0)])
        #expect(parser.reconnectionTime == 0)
    }

    @Test(arguments: ["retry: 1a", "retry: -1", "retry: +1", "retry: 1.5", "retry:", "retry", "retry:  1", "retry: 1 "])
    func anythingButDigitsIsIgnored(line: String) {
        var parser = SSEParser()
        _ = parser.feed("retry: 300\n".utf8)
        #expect(parser.feed("\(line)\n".utf8).isEmpty)
        #expect(parser.reconnectionTime == 300)
    }

    @Test func retryTakesEffectWithoutADispatch() {
        var parser = SSEParser()
        #expect(parser.feed("data: x\nretry: 10\n".utf8) == [.retry(milliseconds: 10)])
        #expect(parser.feed("\n".utf8) == [sseEvent("x")])
    }

    @Test func aHugeNumberIsClampedNotAnOverflow() {
        var parser = SSEParser()
        #expect(parser.feed("retry: 99999999999999999999999999\n".utf8) == [.retry(milliseconds: Int.max)])
        #expect(parser.reconnectionTime == Int.max)
    }
}
