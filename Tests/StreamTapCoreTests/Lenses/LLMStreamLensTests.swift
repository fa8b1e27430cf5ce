import StreamTapCore
import Testing

/// The model-stream lens on its own: what `auto` recognises and what it
/// leaves alone, how tokens are timed and bursts told, and the pieces of
/// the providers' formats that the end-to-end tests' server cannot vary.
struct LLMStreamLensTests {
    private static func chunk(_ content: String) -> SSEEvent {
        SSEEvent(data: #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"\#(content)"}}]}"#)
    }

    @Test func autoLeavesAStreamThatIsNoModelsAloneAfterItsFirstEvents() {
        var lens = LLMStreamLens(format: nil)
        for seq in 0..<20 {
            let reading = lens.received(SSEEvent(data: #"{"seq":\#(seq)}"#), at: Double(seq), read: seq)
            #expect(reading.decoding == nil)
        }
        // Past the window it no longer looks, even at a model's chunk.
        #expect(lens.received(Self.chunk("late"), at: 30, read: 30).decoding == nil)
        #expect(lens.summary(at: 40) == nil)
    }

    @Test func autoRecognisesEachProviderFromItsFirstEvent() {
        let events: [(SSEEvent, LensName)] = [
            (Self.chunk("hi"), .openAI),
            (
                SSEEvent(
                    type: "message_start",
                    data: #"{"type":"message_start","message":{"usage":{"input_tokens":3}}}"#
                ),
                .anthropic
            ),
            (
                SSEEvent(type: "response.created", data: #"{"type":"response.created","sequence_number":0}"#),
                .openAIResponses
            ),
            (SSEEvent(data: #"{"model":"m","created_at":"x","response":"hi","done":false}"#), .ollama),
        ]
        for (event, name) in events {
            var lens = LLMStreamLens(format: nil)
            #expect(lens.received(event, at: 0, read: 1).decoding != nil)
            #expect(lens.name == name)
        }
    }

    @Test func doneEndsTheStreamAndTheDeltasMakeTheText() {
        var lens = LLMStreamLens(format: .openAIChat)
        #expect(lens.received(Self.chunk("Hel"), at: 10, read: 1).decoding?.application == "Hel")
        #expect(lens.received(Self.chunk("lo"), at: 20, read: 2).decoding?["delta"] == .string("lo"))
        let done = lens.received(SSEEvent(data: "[DONE]"), at: 25, read: 2)
        #expect(done.end == .complete("the stream is complete ([DONE])"))
        let summary = lens.summary(at: 30)
        #expect(summary?.type == "complete")
        #expect(summary?["text"] == .string("Hello"))
        #expect(summary?["ttftMs"] == .number(10))
        #expect(summary?["tokens"] == .number(2))
        #expect(summary?["tokensCounted"] == .string("deltas"))
    }

    @Test func anthropicsPlaceholderOutputCountIsNotTheUsage() {
        var lens = LLMStreamLens(format: .anthropic)
        _ = lens.received(
            SSEEvent(
                type: "message_start",
                data: #"{"type":"message_start","message":{"usage":{"input_tokens":9,"output_tokens":1}}}"#
            ),
            at: 0,
            read: 1
        )
        for (number, text) in ["a", "b", "c"].enumerated() {
            _ = lens.received(
                SSEEvent(
                    type: "content_block_delta",
                    data: #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\#(text)"}}"#
                ),
                at: Double(number),
                read: number + 2
            )
        }
        let summary = lens.summary(at: 5)
        #expect(summary?["tokens"] == .number(3))
        #expect(summary?["tokensCounted"] == .string("deltas"))
        #expect(summary?["inputTokens"] == .number(9))
        #expect(summary?.type == "incomplete")
    }

    @Test func manyTokensInOneReadAfterASilenceAreABurst() {
        var lens = LLMStreamLens(format: .openAIChat)
        for number in 0..<5 { _ = lens.received(Self.chunk("t"), at: Double(number * 20), read: number) }
        #expect(lens.timeline.figures.buffered == false)
        for _ in 0..<20 { _ = lens.received(Self.chunk("t"), at: 900, read: 99) }
        let figures = lens.timeline.figures
        #expect(figures.bursts == 1)
        #expect(figures.tokensInBursts == 20)
        #expect(figures.longestSilenceMilliseconds == 820)
        #expect(figures.buffered)
        #expect(figures.bufferingWarning?.hasPrefix("tokens arrive in bursts: 20 of 25 came in 1 read") == true)
        #expect(lens.timeline.gaps.count == 24)
        #expect(figures.gapMaxMilliseconds == 820)
        #expect(figures.gapP50Milliseconds == 0)
    }

    @Test func steadyTokensInTheirOwnReadsAreNoBurst() {
        var lens = LLMStreamLens(format: .openAIChat)
        for number in 0..<50 { _ = lens.received(Self.chunk("t"), at: Double(number * 300), read: number) }
        #expect(lens.timeline.figures.bursts == 0)
        #expect(lens.summary(at: 15_000)?["buffered"] == nil)
    }

    @Test func openAIToolCallArgumentsJoinByIndex() {
        var lens = LLMStreamLens(format: .openAIChat)
        let pieces = [
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"a","arguments":""}},{"index":1,"id":"c2","function":{"name":"b","arguments":"{\"y"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"x\":1}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\":2}"}}]},"finish_reason":"tool_calls"}]}"#,
        ]
        for (number, data) in pieces.enumerated() { _ = lens.received(SSEEvent(data: data), at: 0, read: number) }
        #expect(
            lens.assembly.toolCalls == [
                LLMToolCall(index: 0, id: "c1", name: "a", arguments: #"{"x":1}"#),
                LLMToolCall(index: 1, id: "c2", name: "b", arguments: #"{"y":2}"#),
            ]
        )
        #expect(lens.assembly.stopReason == "tool_calls")
    }

    @Test func anEventThatIsNotJSONIsAProblemNotACrash() {
        var lens = LLMStreamLens(format: .anthropic)
        let reading = lens.received(SSEEvent(type: "content_block_delta", data: "{not json"), at: 0, read: 1)
        #expect(reading.decoding?.problem == "the event's data is not a JSON object")
        #expect(reading.end == nil)
    }

    @Test func anErrorEventFailsTheStreamInTheServersWords() {
        var lens = LLMStreamLens(format: .anthropic)
        let reading = lens.received(
            SSEEvent(
                type: "error",
                data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
            ),
            at: 0,
            read: 1
        )
        #expect(reading.end == .failed("overloaded_error: Overloaded"))
        #expect(lens.summary(at: 1)?.type == "error")
    }
}

/// JSONPath, as `--assemble` reads it.
struct JSONPathTests {
    private let document = try? JSONParser.parse(
        #"{"choices":[{"delta":{"content":"a"}},{"delta":{"content":"b"}}],"odd key":[1,2,3]}"#
    )

    @Test func selectsMembersIndexesAndWildcards() throws {
        let document = try #require(document)
        #expect(try JSONPath("$.choices[0].delta.content").select(in: document) == [.string("a")])
        #expect(try JSONPath("$.choices[*].delta.content").select(in: document) == [.string("a"), .string("b")])
        #expect(try JSONPath("$['odd key'][-1]").select(in: document) == [.number(3)])
        #expect(try JSONPath("$.choices[5].delta").select(in: document).isEmpty)
        #expect(try JSONPath("$").select(in: document) == [document])
    }

    @Test func aPathThatCannotBeReadSaysWhy() {
        #expect(throws: JSONPathError.self) { try JSONPath("choices") }
        #expect(throws: JSONPathError.self) { try JSONPath("$.choices[0") }
        #expect(throws: JSONPathError.self) { try JSONPath("$.choices[x]") }
        #expect(throws: JSONPathError.self) { try JSONPath("$.") }
    }
}

/// JSON lines read as events.
struct JSONLinesParserTests {
    private func events(_ reads: [String], maximum: Int = 1_000) -> [SSEParser.Output] {
        var parser = JSONLinesParser(maximumLineSize: maximum)
        var outputs: [SSEParser.Output] = []
        for read in reads {
            Array(read.utf8).withUnsafeBytes { parser.feed($0, into: &outputs) }
        }
        parser.finish(into: &outputs)
        return outputs
    }

    @Test func eachLineIsAnEventJoinedAcrossReads() {
        #expect(
            events([#"{"a":"#, "1}\r\n\n  \n{\"b\"", ":\"é\"}\n", #"{"c":3}"#]) == [
                .event(SSEEvent(data: #"{"a":1}"#)), .event(SSEEvent(data: #"{"b":"é"}"#)),
                .event(SSEEvent(data: #"{"c":3}"#)),
            ]
        )
    }

    @Test func aLineTooLongIsReportedAndSkipped() {
        let outputs = events(
            [String(repeating: "x", count: 30), String(repeating: "y", count: 30) + "\n{}\n"],
            maximum: 40
        )
        #expect(outputs.count == 2)
        #expect(outputs.last == .event(SSEEvent(data: "{}")))
        guard case .error(let message)? = outputs.first else {
            Issue.record("expected an error first")
            return
        }
        #expect(message.contains("longer than 40 bytes"))
    }
}
