import ArgumentParser

/// The `streamtap` command: a terminal tool to watch, debug and teach
/// WebSocket and Server-Sent Events streams.
@main
struct StreamTap: ParsableCommand {
    static let version = "0.1.0-dev"

    static let configuration = CommandConfiguration(
        commandName: "streamtap",
        abstract: "Watch, debug and teach WebSocket and Server-Sent Events streams in the terminal.",
        discussion: """
            ws:// and wss:// URLs speak WebSocket; http:// and https:// URLs speak \
            Server-Sent Events (text/event-stream). StreamTap shows every event live \
            and makes the hidden parts visible: the handshake, frame bits, bytes on \
            the wire, close codes, and how a connection drops and comes back.

            Exit status: 0 when the stream ended normally, 1 when it failed, 2 for \
            bad usage.

            Examples:
              streamtap demo                          the built-in demo server
              streamtap wss://example.org/socket      a WebSocket in the TUI
              streamtap cat ws://127.0.0.1:8080/ws    messages to stdout
              streamtap cat --jsonl https://h/events  the JSONL event log
              streamtap serve --port 8080             the demo server alone
              streamtap replay session.jsonl          a recording (or a HAR file) in the TUI
            """,
        version: version,
        subcommands: [
            OpenCommand.self, DemoCommand.self, ServeCommand.self, CatCommand.self, ReplayCommand.self,
            EndpointsCommand.self,
            ExportCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    /// Runs the command; usage errors exit with status 2 (not
    /// ArgumentParser's 64) as the documented contract says.
    static func main() {
        MemoryTuning.apply()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                var standardError = StandardError()
                print(fullMessage(for: error), to: &standardError)
                Self.exit(withError: ExitCode(2))
            }
            Self.exit(withError: error)
        }
    }
}
