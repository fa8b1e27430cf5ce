import NIOConcurrencyHelpers
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import streamtap

/// What `streamtap cat` prints for each event: bare messages and SSE data
/// on standard output, the JSONL contract with `--jsonl`, what a person
/// needs to know on standard error, and `--count`.
@Suite struct CatSinkTests {
    /// A sink writing to captured files instead of standard output and
    /// error.
    struct Run {
        let output: CapturedOutput
        let diagnostics: CapturedOutput
        let sink: CatSink

        init(
            jsonl: Bool = false,
            frames: Bool = false,
            rawBinary: Bool = false,
            comments: Bool = false,
            echo: Bool = false,
            count: Int? = nil
        ) throws {
            output = try CapturedOutput()
            diagnostics = try CapturedOutput()
            sink = CatSink(
                format: CatFormat(jsonl: jsonl, frames: frames, rawBinary: rawBinary, comments: comments),
                echo: echo,
                countLimit: count,
                output: output.stream,
                diagnostics: diagnostics.stream
            )
        }

        func receive(_ kinds: StreamEvent.Kind...) {
            for kind in kinds { sink.receive(StreamEvent(timestamp: CatSinkTests.time, kind: kind)) }
            sink.flush()
        }
    }

    static let time = Timestamp(nanosecondsSinceEpoch: 1_795_608_000_000_000_000)

    static func text(_ text: String, _ direction: Direction = .incoming) -> StreamEvent.Kind {
        .message(Message(direction: direction, opcode: .text, payload: Array(text.utf8)))
    }

    static func binary(_ payload: [UInt8]) -> StreamEvent.Kind {
        .message(Message(direction: .incoming, opcode: .binary, payload: payload))
    }

    /// The JSONL line the contract gives for `kind`.
    static func jsonl(_ kind: StreamEvent.Kind) -> String {
        var encoder = JSONLEncoder()
        return encoder.line(for: StreamEvent(timestamp: time, kind: kind)) + "\n"
    }

    @Test func incomingTextMessagesArePrintedOneALineAndOutgoingOnesAreNot() throws {
        let run = try Run()
        run.receive(Self.text("first"), Self.text("sent", .outgoing), Self.text("second"))
        #expect(run.output.text == "first\nsecond\n")
        #expect(run.diagnostics.text.isEmpty)
    }

    @Test func binaryMessagesAreBase64UnlessRawIsAsked() throws {
        let payload: [UInt8] = [0, 1, 0xFE, 0xFF]
        let encoded = try Run()
        encoded.receive(Self.binary(payload))
        #expect(encoded.output.text == Base64.encode(payload) + "\n")
        let raw = try Run(rawBinary: true)
        raw.receive(Self.binary(Array("raw".utf8)))
        #expect(raw.output.text == "raw")
    }

    @Test func anSSEEventIsItsDataAndABlankLine() throws {
        let run = try Run()
        run.receive(
            .event(SSEEvent(type: "tick", data: "line one\nline two", lastEventID: "7")),
            .event(SSEEvent(data: ""))
        )
        #expect(run.output.text == "line one\nline two\n\n\n\n")
    }

    @Test func commentsArePrintedOnlyWhenAsked() throws {
        let quiet = try Run()
        quiet.receive(.comment(" keepalive"), Self.text("after"))
        #expect(quiet.output.text == "after\n")
        let shown = try Run(comments: true)
        shown.receive(.comment(" keepalive"))
        #expect(shown.output.text == ": keepalive\n")
    }

    @Test func commentsInJSONLAreLinesOnlyWhenAsked() throws {
        let quiet = try Run(jsonl: true)
        quiet.receive(.comment(" keepalive"))
        #expect(quiet.output.text.isEmpty)
        let shown = try Run(jsonl: true, comments: true)
        shown.receive(.comment(" keepalive"))
        #expect(shown.output.text == Self.jsonl(.comment(" keepalive")))
    }

    @Test func jsonlWritesEveryEventAsTheContractSaysButFramesOnlyWhenAsked() throws {
        let frame = StreamEvent.Kind.frame(FrameInfo(direction: .incoming, opcode: .text, payload: Array("hi".utf8)))
        let kinds: [StreamEvent.Kind] = [
            .connecting(url: "ws://127.0.0.1:9/", attempt: 1), frame, Self.text("hi"),
            .event(SSEEvent(data: "tick")), .retry(milliseconds: 250),
            .close(CloseInfo(code: 1000, reason: "", initiator: .server)),
        ]
        let run = try Run(jsonl: true)
        let withFrames = try Run(jsonl: true, frames: true)
        for kind in kinds {
            run.receive(kind)
            withFrames.receive(kind)
        }
        #expect(run.output.text == kinds.filter { $0 != frame }.map(Self.jsonl).joined())
        #expect(withFrames.output.text == kinds.map(Self.jsonl).joined())
        #expect(run.diagnostics.text.isEmpty)
    }

    @Test func countStopsPrintingAfterTheLimitAndSaysSoOnce() throws {
        let run = try Run(count: 2)
        let reached = CallCounter()
        run.sink.attach(RecordingConnection(id: 1)) { reached.call() }
        run.receive(Self.text("one"), .event(SSEEvent(data: "two")), Self.text("three"), Self.text("four"))
        #expect(run.output.text == "one\ntwo\n\n")
        #expect(reached.count == 1)
    }

    @Test func echoSendsEachIncomingMessageBack() throws {
        let run = try Run(echo: true)
        let connection = RecordingConnection(id: 1)
        run.sink.attach(connection) {}
        run.receive(Self.text("ping"), Self.binary([1, 2]), Self.text("mine", .outgoing))
        #expect(connection.commands == [.sendText("ping"), .sendBinary([1, 2])])
    }

    @Test func errorsGoToStandardErrorWithTheStartOfTheBody() throws {
        let run = try Run()
        let response = ResponseHead(
            status: 500,
            reason: "Internal Server Error",
            headers: [],
            body: Array("database is down\n\nretry later\n".utf8)
        )
        run.receive(.error(ErrorInfo(message: "the server answered 500", response: response)))
        #expect(run.output.text.isEmpty)
        #expect(
            run.diagnostics.text
                == "streamtap: error: the server answered 500\n  | database is down\n  | retry later\n"
        )
    }

    @Test func closesReconnectsAndRedirectsAreDescribedOnStandardError() throws {
        let run = try Run()
        run.receive(
            .connecting(url: "http://127.0.0.1:9/a", attempt: 1),
            .connecting(url: "http://127.0.0.1:9/b", attempt: 1),
            .close(CloseInfo(code: 1000, reason: "", initiator: .server)),
            .close(CloseInfo(code: 4001, reason: "bye", initiator: .server)),
            .reconnect(attempt: 2, delayMilliseconds: 1500, reason: "the stream ended"),
            .connecting(url: "http://127.0.0.1:9/a", attempt: 2)
        )
        #expect(
            run.diagnostics.text
                == """
                streamtap: redirected to http://127.0.0.1:9/b
                streamtap: closed by the server with 4001 (private use by the application): bye
                streamtap: reconnecting in 1.5 s (attempt 2): the stream ended
                streamtap: connecting to http://127.0.0.1:9/a (attempt 2)

                """
        )
        #expect(run.output.text.isEmpty)
    }

    @Test func aCloseSaysBothTheWebSocketsCodeAndTheLensesWord() throws {
        let run = try Run()
        let pingTimeout = LensDecoding(
            protocolName: "socket.io",
            type: "disconnect",
            summary: "Socket.IO disconnect: ping timeout"
        )
        let refused = LensDecoding(
            protocolName: "mqtt",
            type: "close",
            summary: "MQTT: the broker refused the connection"
        )
        let ours = LensDecoding(protocolName: "mqtt", type: "close", summary: "MQTT: we disconnected")
        run.receive(
            .close(CloseInfo(code: 1006, initiator: .client, lens: pingTimeout)),
            .close(CloseInfo(code: 1000, initiator: .server, lens: refused)),
            .close(CloseInfo(code: 1000, initiator: .client, lens: ours))
        )
        #expect(
            run.diagnostics.text
                == """
                streamtap: closed by us with 1006 (connection lost without a close frame); Socket.IO disconnect: ping timeout
                streamtap: MQTT: the broker refused the connection

                """
        )
    }
}

/// Counts calls made from any thread.
final class CallCounter: Sendable {
    private let calls = NIOLockedValueBox(0)

    func call() { calls.withLockedValue { $0 += 1 } }

    var count: Int { calls.withLockedValue { $0 } }
}
