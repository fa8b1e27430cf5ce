import NIOConcurrencyHelpers
import StreamTapCore
import StreamTapTerminal

/// How `streamtap cat` prints what happens on its connection.
struct CatFormat: Sendable {
    /// The JSONL event contract instead of bare messages.
    var jsonl: Bool
    /// Include `frame` events in JSONL.
    var frames: Bool
    /// Binary messages as raw bytes instead of Base64.
    var rawBinary: Bool
    /// SSE comment lines too (heartbeats).
    var comments = false
    /// Binary messages decoded from this format and printed as JSON.
    var decode: PayloadFormat?
}

/// Receives a connection's events for `streamtap cat`: prints them, echoes
/// messages back when asked, and counts messages and SSE events for
/// `--count`.
final class CatSink: StreamEventSink, Sendable {
    private let format: CatFormat
    private let output: OutputStream
    private let diagnostics: OutputStream
    private let echo: Bool
    private let countLimit: Int?
    private let state = NIOLockedValueBox(State())

    private struct State {
        var encoder = JSONLEncoder()
        var received = 0
        /// The attempt of the last `connecting` event: a second one for the
        /// same attempt is a redirect.
        var lastAttempt = 0
        var connection: (any StreamConnection)?
        var onCountReached: (@Sendable () -> Void)?
        /// A model's text has been printed, and whether its last character
        /// was a line ending.
        var printedText = false
        var textEndsLine = true
    }

    init(
        format: CatFormat,
        echo: Bool,
        countLimit: Int?,
        output: OutputStream = .standardOutput,
        diagnostics: OutputStream = .standardError
    ) {
        self.format = format
        self.echo = echo
        self.countLimit = countLimit
        self.output = output
        self.diagnostics = diagnostics
    }

    /// Connects the sink to the connection it echoes to, and what to do
    /// when `--count` messages have arrived.
    func attach(_ connection: any StreamConnection, onCountReached: @escaping @Sendable () -> Void) {
        state.withLockedValue {
            $0.connection = connection
            $0.onCountReached = onCountReached
        }
    }

    func receive(_ event: StreamEvent) {
        if case .message(let message) = event.kind, message.direction == .incoming {
            receiveMessage(message, event: event)
            return
        }
        if case .event(let sse) = event.kind {
            receiveSSEEvent(sse, event: event)
            return
        }
        if case .comment(let text) = event.kind {
            guard format.comments else { return }
            if !format.jsonl {
                output.write(
                    (":" + (output.isTerminal ? InertText.sanitize(text) : text)).utf8,
                    terminator: Self.newline
                )
                return
            }
        }
        if format.jsonl {
            if case .frame = event.kind, !format.frames { return }
            writeJSONL(event)
        } else {
            describe(event)
        }
    }

    func flush() {
        output.flush()
    }

    /// Counts one incoming message or SSE event for `--count`: whether it is
    /// within the count, and what to call when it is the last one.
    /// Without `--count` or `--echo` there is nothing to count or look up,
    /// and no lock is taken.
    private func countIncoming() -> (
        within: Bool, connection: (any StreamConnection)?, reached: (@Sendable () -> Void)?
    ) {
        guard countLimit != nil || echo else { return (true, nil, nil) }
        return state.withLockedValue { state in
            state.received += 1
            let reached = countLimit.map { state.received == $0 } ?? false
            let within = countLimit.map { state.received <= $0 } ?? true
            return (within, state.connection, reached ? state.onCountReached : nil)
        }
    }

    /// Prints an SSE event: its data (one line per data line) and a blank
    /// line after it, as the stream itself separates events.
    private func receiveSSEEvent(_ sse: SSEEvent, event: StreamEvent) {
        let (within, _, countReached) = countIncoming()
        guard within else { return }
        if format.jsonl {
            writeJSONL(event)
        } else if let lens = sse.lens {
            if let text = lens.application { writeModelText(text) }
        } else if output.isTerminal {
            let lines = sse.data.split(separator: "\n", omittingEmptySubsequences: false)
            output.write(
                lines.map { InertText.sanitize(String($0)) }.joined(separator: "\n").utf8,
                terminator: Self.blankLine
            )
        } else {
            output.write(sse.data.utf8, terminator: Self.blankLine)
        }
        if let countReached {
            output.flush()
            countReached()
        }
    }

    /// A piece of a model's answer, as it arrives: no line ending of its
    /// own, each line made inert on a terminal.
    private func writeModelText(_ text: String) {
        let shown =
            output.isTerminal
            ? text.split(separator: "\n", omittingEmptySubsequences: false).map { InertText.sanitize(String($0)) }
                .joined(separator: "\n") : text
        state.withLockedValue { state in
            state.printedText = true
            state.textEndsLine = shown.hasSuffix("\n")
            output.write(shown.utf8)
        }
    }

    /// The end of a model's stream on stdout: a line ending after its text,
    /// then each tool call as a line of JSON (its arguments as JSON when
    /// they are).
    private func finishModelOutput(_ lens: LensDecoding) {
        endModelLine()
        for call in lens["toolCalls"]?.arrayValue ?? [] {
            var members: [(key: String, value: JSONValue)] = []
            if let name = call["name"] { members.append(("name", name)) }
            if let id = call["id"] { members.append(("id", id)) }
            let arguments = call["arguments"]?.stringValue ?? ""
            members.append(("arguments", (try? JSONParser.parse(arguments)) ?? .string(arguments)))
            let line = JSONValue.object(members).compactText
            output.write((output.isTerminal ? InertText.sanitize(line) : line).utf8, terminator: Self.newline)
        }
        output.flush()
    }

    /// Ends the line of a model's text printed so far, if any, so that what
    /// follows (tool calls, a diagnostic on the same terminal) starts a line.
    private func endModelLine() {
        let endsLine = state.withLockedValue { state in
            defer { state.printedText = false }
            return !state.printedText || state.textEndsLine
        }
        if !endsLine { output.write(Self.newline) }
        output.flush()
    }

    private static let newline: [UInt8] = [0x0A]
    private static let blankLine: [UInt8] = [0x0A, 0x0A]

    private func receiveMessage(_ message: Message, event: StreamEvent) {
        // A lens's own traffic (keepalives, the protocol's handshake) is not
        // an application message: not printed as one, not counted.
        if let lens = message.lens, lens.application == nil {
            if format.jsonl { writeJSONL(event) }
            return
        }
        let (within, connection, countReached) = countIncoming()
        guard within else { return }
        if format.jsonl {
            writeJSONL(event)
        } else if let application = message.lens?.application {
            output.write(
                (output.isTerminal ? InertText.sanitize(application) : application).utf8,
                terminator: Self.newline
            )
        } else if message.opcode == .binary, let decoder = format.decode {
            printDecoded(message.payload, as: decoder)
        } else if message.opcode == .binary {
            if format.rawBinary {
                output.write(message.payload)
            } else {
                writeBase64(message.payload)
            }
        } else if output.isTerminal {
            output.write(
                InertText.sanitize(String(decoding: message.payload, as: UTF8.self)).utf8,
                terminator: Self.newline
            )
        } else {
            output.write(message.payload, terminator: Self.newline)
        }
        if echo, let connection {
            connection.perform(
                message.opcode == .binary
                    ? .sendBinary(message.payload) : .sendText(String(decoding: message.payload, as: UTF8.self))
            )
        }
        if let countReached {
            output.flush()
            countReached()
        }
    }

    /// A binary message as the JSON its format decodes to; one that does
    /// not decode keeps its Base64 line, and standard error says why.
    private func printDecoded(_ payload: [UInt8], as decoder: PayloadFormat) {
        do {
            let text = try decoder.decode(payload).compactText
            output.write((output.isTerminal ? InertText.sanitize(text) : text).utf8, terminator: Self.newline)
        } catch {
            writeBase64(payload)
            output.flush()
            diagnostics.write("streamtap: the message above is shown as Base64: \(error.description)\n")
            diagnostics.flush()
        }
    }

    /// A binary message as one line of Base64.
    private func writeBase64(_ payload: [UInt8]) {
        var encoded: [UInt8] = []
        Base64.append(payload, to: &encoded)
        output.write(encoded, terminator: Self.newline)
    }

    private func writeJSONL(_ event: StreamEvent) {
        // The encoder's buffer is reused; the output's lock is always taken
        // inside this one, never the other way round.
        state.withLockedValue { state in
            output.write(state.encoder.lineBytes(for: event))
        }
    }

    /// Whether a decoding comes from an event stream's lens.
    private static func readsEventStream(_ lens: LensDecoding) -> Bool {
        LensName(protocolName: lens.protocolName)?.readsEventStreams ?? false
    }

    /// One line on standard error for what a person needs to know.
    private func describe(_ event: StreamEvent) {
        let line: String
        switch event.kind {
        case .connecting(let url, let attempt):
            let previous = state.withLockedValue { state in
                defer { state.lastAttempt = attempt }
                return state.lastAttempt
            }
            if previous == attempt {
                line = "redirected to " + InertText.sanitize(url)
            } else if attempt > 1 {
                line = "connecting to \(InertText.sanitize(url)) (attempt \(attempt))"
            } else {
                return
            }
        case .error(let error):
            if !format.jsonl { endModelLine() }
            var text = "streamtap: error: " + InertText.sanitize(error.message) + "\n"
            if let body = error.response?.body, !body.isEmpty {
                let preview = String(decoding: body.prefix(512), as: UTF8.self)
                for bodyLine in preview.split(separator: "\n", omittingEmptySubsequences: false).prefix(8)
                where !bodyLine.isEmpty {
                    text += "  | " + InertText.sanitize(String(bodyLine)) + "\n"
                }
            }
            diagnostics.write(text)
            diagnostics.flush()
            return
        case .close(let close) where close.lens.map(Self.readsEventStream) ?? false:
            // A model's stream: what it came to, in figures, and a warning
            // when its tokens were held back.
            guard let lens = close.lens else { return }
            finishModelOutput(lens)
            var text = "streamtap: " + InertText.sanitize(lens.summary) + "\n"
            if let warning = lens.problem { text += "streamtap: warning: " + InertText.sanitize(warning) + "\n" }
            diagnostics.write(text)
            diagnostics.flush()
            return
        case .close(let close):
            // The WebSocket's code when it says something went wrong, and the
            // lens's word for the end when the server ended it or it failed.
            var parts: [String] = []
            let abnormal = close.code != CloseCode.normal && close.code != CloseCode.noStatusReceived
            if abnormal {
                let by = close.initiator == .server ? "the server" : "us"
                let reason = close.reason.isEmpty ? "" : ": " + InertText.sanitize(close.reason)
                parts.append("closed by \(by) with \(close.code) (\(CloseCode.meaning(of: close.code)))\(reason)")
            }
            if let lens = close.lens, close.initiator == .server || abnormal {
                parts.append(InertText.sanitize(lens.summary))
            }
            guard !parts.isEmpty else { return }
            line = parts.joined(separator: "; ")
        case .reconnect(let attempt, let delay, let reason):
            line = "reconnecting in \(Double(delay) / 1000) s (attempt \(attempt)): " + InertText.sanitize(reason)
        default:
            return
        }
        diagnostics.write("streamtap: " + line + "\n")
        diagnostics.flush()
    }
}
