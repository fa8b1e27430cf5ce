import ArgumentParser
import Foundation
import StreamTapCore
import StreamTapDemoServer
import StreamTapNet
import StreamTapTerminal
import StreamTapUI

/// `streamtap demo`: the built-in demo server plus the TUI against it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the built-in demo server on loopback and open a WebSocket and an SSE pane against it.",
        discussion: """
            Both panes watch the same kind of ticker, one over WebSocket \
            (/ws/ticker) and one over Server-Sent Events (/sse/ticker), so the two \
            protocols can be compared side by side: press h for each handshake \
            (101 Switching Protocols vs 200 text/event-stream), Enter on an event \
            for its bytes, t for the timeline. Press r on the SSE pane to drop and \
            reconnect: it resumes with Last-Event-ID and no gap. f opens the fault \
            menu (drop, close, pause reading, withhold pongs, invalid frames), = \
            compares the two connections live, e explains the selected item.

            The server listens on 127.0.0.1 only and stops when the TUI quits; \
            `streamtap serve` runs it alone.
            """
    )

    @Option(help: "The demo server's port (0 picks a free one).")
    var port = 0

    @Option(help: ArgumentHelp("How often each ticker sends, in milliseconds.", valueName: "ms"))
    var interval = 1000

    @OptionGroup(title: "Display")
    var display: ThemeOption

    @OptionGroup(title: "Recording")
    var recording: RecordOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...60000).contains(interval) else { throw ValidationError("--interval must be from 1 to 60000 ms") }
    }

    func run() throws {
        let settings = try SettingsOptionGroup.parse([]).load()
        let recorder = try recording.makeSwitch()
        defer { recording.finish(recorder) }
        let inbox = try TUISession.makeInbox()
        let backend = try TUISession.openTerminal(display, settings: settings)
        let configuration = DemoServerConfiguration(host: "127.0.0.1", port: port)
        let server: DemoServer
        do {
            server = try runBlocking { try await DemoServer.start(configuration: configuration) }
        } catch {
            backend.restore()
            var standardError = StandardError()
            print("streamtap: could not start the demo server: \(error)", to: &standardError)
            throw ExitCode.failure
        }
        let urls = [
            "ws://127.0.0.1:\(server.port)/ws/ticker?interval=\(interval)",
            "http://127.0.0.1:\(server.port)/sse/ticker?interval=\(interval)",
        ]
        let factory = TUIConnectionFactory(
            options: try ConnectionOptionGroup.parse([]).filling(from: nil, defaults: settings.configuration.defaults),
            inbox: inbox,
            recorder: recorder
        )
        var panes: [TUIPane] = []
        for (offset, url) in urls.enumerated() {
            let endpoint = try Endpoint(parsing: url)
            let title = endpoint.protocolKind == .websocket ? "WebSocket ticker" : "SSE ticker"
            panes.append(
                TUIPane(title: title, endpoint: endpoint, connection: try factory.open(endpoint, id: offset + 1))
            )
        }
        TUISession.run(
            backend: backend,
            inbox: inbox,
            factory: factory,
            panes: panes,
            display: display,
            settings: settings,
            base: try ConnectionOptionGroup.parse([]),
            recorder: recorder
        )
        try? runBlocking { try await server.shutdown() }
    }
}
