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
        abstract: "Headless: print incoming messages to stdout and send each stdin line as a message.",
        discussion: """
            Text messages are printed as they are, one per line; binary messages as \
            Base64 (or raw with --raw-binary). Diagnostics (errors, closes, \
            reconnections) go to stderr. With --jsonl every event is printed as one \
            JSON object per line instead (see the README for the fields).

            Each line read from stdin is sent as a text message. The end of stdin \
            does not close the connection unless --close-on-eof is given, so \
            `streamtap cat URL < /dev/null > log` records a whole stream.

            Exit status: 0 when the stream ended normally (close 1000, --count or \
            --max-time reached), 1 when the connection failed or a protocol error \
            closed it, 2 for bad usage.

            Examples:
              streamtap cat ws://127.0.0.1:8080/ws/echo
              streamtap cat --jsonl --frames wss://example.org/socket
              echo '{"subscribe":"ticks"}' | streamtap cat --count 10 wss://h/feed
            """
    )

    @Argument(help: "The ws:// or wss:// URL.")
    var url: String

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptionGroup

    @Flag(help: "Print every event as a line of JSON (the JSONL event contract).")
    var jsonl = false

    @Flag(help: "With --jsonl, also print every frame (header bits, mask, payload).")
    var frames = false

    @Flag(help: "Write binary messages as raw bytes instead of Base64.")
    var rawBinary = false

    @Option(help: "Exit after this many incoming messages.")
    var count: Int?

    @Option(help: ArgumentHelp("Exit after this many seconds.", valueName: "seconds"))
    var maxTime: Double?

    @Flag(help: "Send every incoming message back with the same opcode.")
    var echo = false

    @Flag(help: "Close the connection (1000) when stdin ends.")
    var closeOnEof = false

    func validate() throws {
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
        if let maxTime, maxTime <= 0 { throw ValidationError("--max-time must be positive") }
        if frames && !jsonl { throw ValidationError("--frames goes with --jsonl") }
        _ = try connection.endpoint(for: url)
    }

    func run() throws {
        let endpoint = try connection.endpoint(for: url)
        guard endpoint.protocolKind == .websocket else {
            try refuseUnbuilt("Server-Sent Events (http:// and https:// URLs)")
        }
        let sink = CatSink(
            format: CatFormat(jsonl: jsonl, frames: frames, rawBinary: rawBinary),
            echo: echo,
            countLimit: count
        )
        let client = WebSocketConnection(
            endpoint: endpoint,
            options: try connection.webSocketOptions(reportFrames: jsonl && frames),
            sink: sink
        )
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
        let signals = SignalHandling.install { client.shutdown() }
        client.start()
        StandardInputPump.start(into: client, closeOnEnd: closeOnEof)
        let outcome = try client.outcome.wait()
        signals.cancel()
        OutputStream.standardOutput.flush()
        if stopReason.value == nil && outcome == .failed {
            throw ExitCode.failure
        }
    }
}
