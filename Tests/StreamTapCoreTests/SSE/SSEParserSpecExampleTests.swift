import Testing

@testable import StreamTapCore

/// The examples of the HTML Standard's section on interpreting an event
/// stream, with the outcome its text describes.
@Suite struct SSEParserSpecExampleTests {
    @Test func stockTickerDataLines() {
        let outputs = SSEParser.outputs(of: "data: YHOO\ndata: +2\ndata: 10\n\n")
        #expect(outputs == [sseEvent("YHOO\n+2\n10")])
    }

    @Test func stockTickerNeedsTheBlankLine() {
        var parser = SSEParser()
        let result = parser.run([Array("data: YHOO\ndata: +2\ndata: 10\n".utf8)])
        #expect(result.outputs.isEmpty)
        #expect(result.discarded)
    }

    @Test func fourBlocksWithCommentAndIDs() {
        var parser = SSEParser()
        let stream = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"
        var outputs: [SSEParser.Output] = []
        parser.feed(stream.utf8, into: &outputs)
        #expect(
            outputs == [
                .comment(" test stream"),
                sseEvent("first event", id: "1"),
                sseEvent("second event", id: ""),
                sseEvent(" third event", id: ""),
            ]
        )
        #expect(parser.lastEventID == "")
    }

    @Test func lastEventIDBetweenTheBlocks() {
        var parser = SSEParser()
        _ = parser.feed(": test stream\n\ndata: first event\nid: 1\n\n".utf8)
        #expect(parser.lastEventID == "1")
        _ = parser.feed("data:second event\nid\n\n".utf8)
        #expect(parser.lastEventID == "")
    }

    @Test func twoEventsAndAnUnterminatedThird() {
        var parser = SSEParser()
        let result = parser.run([Array("data\n\ndata\ndata\n\ndata:".utf8)])
        #expect(result.outputs == [sseEvent(""), sseEvent("\n")])
        #expect(result.discarded)
    }

    @Test func theSpaceAfterTheColonIsIgnored() {
        let outputs = SSEParser.outputs(of: "data:test\n\ndata: test\n\n")
        #expect(outputs == [sseEvent("test"), sseEvent("test")])
    }

    @Test func eventTypes() {
        let outputs = SSEParser.outputs(
            of: "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n"
        )
        #expect(
            outputs == [
                sseEvent("73857293", type: "add"), sseEvent("2153", type: "remove"), sseEvent("113411", type: "add"),
            ]
        )
    }
}
