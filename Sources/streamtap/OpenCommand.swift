import ArgumentParser
import Foundation
import StreamTapCore
import StreamTapTerminal
import StreamTapUI

/// `streamtap [URL|NAME...]`: the TUI, connected to each URL or saved endpoint side by side.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the TUI, connected to each URL or saved endpoint side by side (the default command).",
        discussion: """
            Each URL gets a pane; Tab moves between them, Enter inspects an event, \
            h shows the handshake, t the timeline, i composes a message, / filters, \
            ? lists every key and : every command (including connect URL). With no \
            URL the workspace starts empty.

            A name instead of a URL opens a saved endpoint from endpoints.yaml \
            (see `streamtap endpoints --help`) with its headers, subprotocols, \
            on-connect messages, reconnect policy and TLS options; options given \
            on the command line win.

            --theme light suits a light terminal; --theme mono or NO_COLOR=1 turns colours off.

            --record FILE writes every event to FILE as JSON Lines as it happens; \
            `: record` in the TUI starts or stops a recording at any time. \
            `streamtap replay FILE` opens it again.

            Examples:
              streamtap ws://127.0.0.1:8080/echo http://127.0.0.1:8080/events
              streamtap open wss://example.org/socket
              streamtap prices
            """
    )

    @Argument(help: "ws://, wss://, http:// or https:// URLs, or names of saved endpoints.")
    var urls: [String] = []

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptionGroup

    @OptionGroup(title: "Settings")
    var settings: SettingsOptionGroup

    @OptionGroup(title: "Display")
    var display: ThemeOption

    @OptionGroup(title: "Recording")
    var recording: RecordOption

    func validate() throws {
        for url in urls where url.contains("://") {
            _ = try connection.endpoint(for: url)
        }
    }

    func run() throws {
        let settings = try self.settings.load()
        let targets = try urls.map { try ConnectionTarget($0, options: connection, settings: settings) }
        let recorder = try recording.makeSwitch()
        defer { recording.finish(recorder) }
        let inbox = try TUISession.makeInbox()
        let backend = try TUISession.openTerminal(display, settings: settings)
        let factory = TUIConnectionFactory(
            options: connection.filling(from: nil, defaults: settings.configuration.defaults),
            inbox: inbox,
            recorder: recorder
        )
        let panes = targets.enumerated().map { offset, target in
            do {
                let live = try factory.open(target, id: offset + 1)
                return TUIPane(title: target.title, endpoint: target.endpoint, connection: live)
            } catch {
                return TUIPane(
                    title: target.title,
                    url: target.endpoint.description,
                    protocolKind: target.endpoint.protocolKind,
                    problem: "\(error)"
                )
            }
        }
        TUISession.run(
            backend: backend,
            inbox: inbox,
            factory: factory,
            panes: panes,
            display: display,
            settings: settings,
            base: connection,
            recorder: recorder
        )
    }
}
