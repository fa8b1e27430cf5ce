import ArgumentParser
import Dispatch
import NIOCore
import StreamTapCore
import StreamTapNet

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `streamtap cat URL`: headless streaming to stdout.
struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Headless: print a stream's messages or events to stdout (WebSocket: send each stdin line).",
        discussion: """
            WebSocket (ws://, wss://): text messages are printed as they are, one \
            per line; binary messages as Base64 (or raw with --raw-binary). Each \
            line read from stdin is sent as a text message. The end of stdin does \
            not close the connection unless --close-on-eof is given, so \
            `streamtap cat URL < /dev/null > log` records a whole stream.

            Server-Sent Events (http://, https://): each event's data is printed, \
            one line per data line, with a blank line after each event. stdin is \
            not read. By default the connection reconnects as a browser does \
            (--reconnect spec): after the stream ends it waits the reconnection \
            time (the server's retry, 3 s by default, or --retry-ms) and connects \
            again with Last-Event-ID; a connection that cannot be made is retried \
            with backoff; an HTTP error, a wrong Content-Type or 204 stops it. \
            Bound it with --count or --max-time, or use --reconnect off to exit \
            when the stream ends. --method and --data (or --data-file) send SSE \
            over POST, as streaming APIs use.

            A request that is not safe to repeat (a POST, or any request with a \
            body) is not sent again on its own: its default --reconnect is off. \
            A 202 Accepted, or a JSON answer to a POST, is printed as a message \
            and ends the exchange normally. --last-event-id (or -H \
            'Last-Event-ID: ...') starts from an event ID, which the stream's own \
            id fields then replace.

            A response of JSON lines (application/x-ndjson, application/jsonl) \
            is read as a stream too, one event a line. A model's streamed answer \
            (OpenAI, OpenAI Responses, Anthropic, Ollama; --lens picks one, by \
            default it is recognised) is printed as its text as it arrives, the \
            tool calls after it as JSON lines, and the stream ends at its end \
            marker without reconnecting; an error it reports exits 1. stderr then \
            says the time to the first token, the tokens and their rate, and \
            warns when tokens arrive in bursts. --assemble JSONPATH puts together \
            any JSON stream's text.

            Diagnostics (errors, closes, redirects, reconnections) go to stderr. \
            With --jsonl every event is printed as one JSON object per line instead \
            (see the README for the fields); --chunks adds one line per read of an \
            SSE body, to show how a proxy buffers the stream; --comments adds the \
            stream's comment lines (heartbeats).

            Sending SIGUSR1 to a running `streamtap cat` drops its connection and \
            connects again at once (SSE resumes with Last-Event-ID), e.g. \
            `kill -USR1 $(pgrep -f 'streamtap cat')`.

            Exit status: 0 when the stream ended normally (WebSocket close 1000; \
            SSE 204 or an end without reconnection; --count or --max-time \
            reached), 1 when the connection failed or a protocol error closed \
            it, 2 for bad usage.

            Examples:
              streamtap cat ws://127.0.0.1:8080/ws/echo
              streamtap cat --jsonl --frames wss://example.org/socket
              echo '{"subscribe":"ticks"}' | streamtap cat --count 10 wss://h/feed
              streamtap cat --count 5 https://example.org/events
              streamtap cat --jsonl --data '{"prompt":"hi"}' https://h/v1/stream
              streamtap cat --data-file chat.json -H 'Authorization: Bearer ...' https://h/v1/chat/completions
              streamtap cat --record session.jsonl wss://h/feed < /dev/null
            """
    )

    @Argument(
        help:
            "The URL (ws:// or wss:// for WebSocket, http:// or https:// for Server-Sent Events) or a saved endpoint's name."
    )
    var url: String

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptionGroup

    @OptionGroup(title: "Settings")
    var settings: SettingsOptionGroup

    @Flag(help: "Print every event as a line of JSON (the JSONL event contract).")
    var jsonl = false

    @Flag(help: "With --jsonl, also print every frame (header bits, mask, payload).")
    var frames = false

    @Flag(help: "With --jsonl, SSE only: also print every read of the body as a chunk (its length and events).")
    var chunks = false

    @Flag(help: "SSE: also print the stream's comment lines (heartbeats such as ': keep-alive').")
    var comments = false

    @Flag(help: "Write binary messages as raw bytes instead of Base64.")
    var rawBinary = false

    @Option(
        help: ArgumentHelp(
            "Print binary messages decoded as JSON: msgpack, cbor or protobuf (its wire format, no schema).",
            valueName: "format"
        )
    )
    var decode: String?

    @Option(
        help: ArgumentHelp(
            "How standard input's lines are sent: text (default), hex or base64 (one binary message a line).",
            valueName: "encoding"
        )
    )
    var stdin: String?

    @Option(help: "Exit after this many incoming messages (SSE: events).")
    var count: Int?

    @Option(help: ArgumentHelp("Exit after this many seconds.", valueName: "seconds"))
    var maxTime: Double?

    @Flag(help: "Send every incoming message back with the same opcode.")
    var echo = false

    @Flag(help: "Close the connection (1000) when stdin ends.")
    var closeOnEof = false

    @OptionGroup(title: "Recording")
    var recording: RecordOption

    func validate() throws {
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
        if let maxTime, !(maxTime > 0 && maxTime <= 31_536_000) {
            throw ValidationError("--max-time must be more than 0 and at most 31536000 seconds (a year)")
        }
        if frames && !jsonl { throw ValidationError("--frames goes with --jsonl") }
        _ = try payloadFormat()
        _ = try inputEncoding()
        if decode != nil && (jsonl || rawBinary) {
            throw ValidationError("--decode is for plain output (--jsonl and --raw-binary keep the bytes)")
        }
        if chunks && !jsonl { throw ValidationError("--chunks goes with --jsonl") }
        if url.contains("://") {
            try check(try connection.endpoint(for: url).protocolKind, options: connection)
        }
    }

    /// Refuses options that the protocol of the stream cannot use.
    private func check(_ protocolKind: StreamProtocol, options connection: ConnectionOptionGroup) throws {
        switch protocolKind {
        case .sse:
            let webSocketOnly = [
                (frames, "--frames"), (echo, "--echo"), (closeOnEof, "--close-on-eof"), (stdin != nil, "--stdin"),
                (decode != nil, "--decode"),
            ]
            for (given, name) in webSocketOnly where given {
                throw ValidationError("\(name) is for WebSocket; Server-Sent Events only receive")
            }
        case .websocket:
            let sseOnly = [
                (chunks, "--chunks"), (comments, "--comments"),
                (connection.method != nil, "--method"), (connection.data != nil, "--data"),
                (connection.dataFile != nil, "--data-file"), (connection.retryMs != nil, "--retry-ms"),
                (connection.ignoreServerRetry, "--ignore-server-retry"),
                (connection.lastEventId != nil, "--last-event-id"),
            ]
            for (given, name) in sseOnly where given {
                throw ValidationError("\(name) is for Server-Sent Events (http:// and https:// URLs)")
            }
        }
        try connection.lens.check(for: protocolKind)
        _ = try connection.reconnectPolicy(for: protocolKind)
    }

    private func payloadFormat() throws -> PayloadFormat? {
        guard let decode else { return nil }
        guard let format = PayloadFormat(rawValue: decode.lowercased()) else {
            let names = PayloadFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--decode must be one of \(names), got '\(decode)'")
        }
        return format
    }

    private func inputEncoding() throws -> StandardInputEncoding {
        guard let stdin else { return .text }
        guard let encoding = StandardInputEncoding(rawValue: stdin.lowercased()) else {
            throw ValidationError("--stdin must be text, hex or base64, got '\(stdin)'")
        }
        return encoding
    }

    func run() throws {
        let target = try ConnectionTarget(url, options: connection, settings: try settings.load())
        let endpoint = target.endpoint
        let connection = target.options
        try check(endpoint.protocolKind, options: connection)
        // Raw server bytes never go to a terminal.
        let rawBinary = self.rawBinary && !OutputStream.standardOutput.isTerminal
        if self.rawBinary && !rawBinary {
            var standardError = StandardError()
            print(
                "streamtap: --raw-binary is ignored on a terminal: binary messages are shown as Base64 "
                    + "(redirect stdout to a file for the raw bytes)",
                to: &standardError
            )
        }
        let sink = CatSink(
            format: CatFormat(
                jsonl: jsonl,
                frames: frames,
                rawBinary: rawBinary,
                comments: comments,
                decode: try payloadFormat()
            ),
            echo: echo,
            countLimit: count
        )
        let recorder = try recording.makeSink()
        defer { recording.finish(recorder) }
        let delivery: any StreamEventSink = recorder.map { TeeSink(sinks: [sink, $0]) } ?? sink
        var options = try connection.streamOptions(
            for: endpoint.protocolKind,
            reportFrames: (jsonl && frames) || recorder != nil
        )
        options.eventStream.reportChunks = chunks
        let client = ConnectionFactory.make(endpoint: endpoint, options: options, sink: delivery)
        try drive(client, sink: sink, input: try inputEncoding())
    }

    /// Starts `client` and waits for its end, stopping it on `--count`,
    /// `--max-time` or a signal; fails the command if the connection did.
    private func drive(_ client: ManagedConnection, sink: CatSink, input: StandardInputEncoding) throws {
        let stopReason = StopReason()
        sink.attach(client) {
            stopReason.set(.countReached)
            client.shutdown()
        }
        if let maxTime {
            client.outcome.eventLoop.scheduleTask(in: .milliseconds(Int64(maxTime * 1000))) {
                stopReason.set(.timeUp)
                client.shutdown()
            }
        }
        let signals = SignalHandling.install(
            shutdown: { client.shutdown() },
            reconnect: { client.perform(.reconnect) }
        )
        client.start()
        if client.capabilities.contains(.send) {
            StandardInputPump.start(into: client, encoding: input, closeOnEnd: closeOnEof)
        }
        let result = try client.outcome.wait()
        signals.cancel()
        OutputStream.standardOutput.flush()
        if stopReason.value == nil && result == .failed {
            throw ExitCode.failure
        }
    }
}
