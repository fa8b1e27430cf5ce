import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// `a` on a pane that carries a model's stream: the answer put together,
/// its figures, tool calls as JSON, and what the list rows say.
@Suite struct AssembledDocumentTests {
    static let sizes = [
        TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 40, rows: 10),
    ]

    /// OpenAI chunks as the connection delivers them: read by the lens.
    static func openAIStream(arguments: String) -> [StreamEvent] {
        let datas = [
            #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#,
            #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hello, "}}]}"#,
            #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"wörld\nbye"}}]}"#,
            #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","function":{"name":"lookup","arguments":"\#(arguments)"}}]}}]}"#,
            #"{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
            "[DONE]",
        ]
        var lens = LLMStreamLens(format: nil)
        var events = [
            Fixtures.event(2, 0, .connecting(url: "http://127.0.0.1:8080/v1/chat/completions", attempt: 1)),
            Fixtures.event(2, 4, .open(Fixtures.sseHandshake)),
        ]
        for (number, data) in datas.enumerated() {
            var event = SSEEvent(data: data)
            event.lens = lens.received(event, at: Double(100 + number * 50), read: number).decoding
            events.append(Fixtures.event(2, 100 + number * 50, .event(event)))
        }
        var close = CloseInfo(code: 1000, reason: "the stream is complete ([DONE])", initiator: .server)
        close.lens = lens.summary(at: 400)
        events.append(Fixtures.event(2, 400, .close(close)))
        return events
    }

    static func answering(arguments: String, size: TerminalSize) -> AppState {
        var state = Fixtures.state(size: size)
        Fixtures.addSSEPane(to: &state)
        Reducer.reduce(&state, .events(openAIStream(arguments: arguments)))
        return state
    }

    @Test(arguments: sizes) func rowsShowTheDeltaTextAndTheTitleTheProvider(size: TerminalSize) {
        let screen = AppView.render(Self.answering(arguments: #"{\"q\":1}"#, size: size)).snapshot()
        #expect(screen.contains("text"))
        #expect(!screen.contains("chat.completion.chunk"))
        if size.rows >= 24 {
            #expect(screen.contains("[openai]"))
            #expect(screen.contains("Hello,"))
            #expect(screen.contains("tool call lookup"))
        }
    }

    @Test(arguments: sizes) func aShowsTheAnswerWithItsFigures(size: TerminalSize) {
        var state = Self.answering(arguments: #"{\"q\":1}"#, size: size)
        Fixtures.press(.character("a"), into: &state)
        let screen = AppView.render(state).snapshot()
        #expect(screen.contains("Answer"))
        guard size.rows >= 24 else { return }
        #expect(screen.contains("Answer · OpenAI · complete, stop: tool_calls"))
        #expect(screen.contains("first token 148 ms"))
        #expect(screen.contains("3 tokens (deltas)"))
        #expect(screen.contains("Hello, wörld"))
        #expect(screen.contains("bye"))
        #expect(screen.contains("Tool call 1: lookup"))
        #expect(screen.contains(#""q": 1"#))
        Fixtures.press(.character("a"), into: &state)
        #expect(!AppView.render(state).snapshot().contains("Tool call 1"))
    }

    @Test func argumentsThatAreNotJSONArePointedAt() {
        var state = Self.answering(arguments: #"{\"q\":}"#, size: TerminalSize(columns: 100, rows: 30))
        Fixtures.press(.character("a"), into: &state)
        let screen = AppView.render(state).snapshot()
        #expect(screen.contains("the arguments are not JSON (yet): line 1, column 6"))
        let lines = screen.split(separator: "\n").map(String.init)
        let text = lines.firstIndex { $0.contains(#"{"q":}"#) }
        #expect(text.map { lines[$0 + 1].contains("     ^") } == true)
    }

    @Test func aPaneWithoutAModelsStreamSaysSo() {
        var state = Fixtures.state(size: TerminalSize(columns: 80, rows: 24))
        Fixtures.addSSEPane(to: &state)
        Reducer.reduce(&state, .events(Fixtures.sseEvents()))
        Fixtures.press(.character("a"), into: &state)
        #expect(AppView.render(state).snapshot().contains("No model's stream on this pane yet."))
    }
}
