import ArgumentParser
import Foundation
import StreamTapCore
import StreamTapTerminal
import StreamTapUI

/// `streamtap [URL...]`: the TUI, connected to each URL side by side.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the TUI, connected to each URL side by side (the default command).",
        discussion: """
            Each URL gets a pane; Tab moves between them, Enter inspects an event, \
            h shows the handshake, t the timeline, i composes a message, / filters, \
            ? lists every key and : every command (including connect URL). With no \
            URL the workspace starts empty.

            --theme light suits a light terminal; --theme mono or NO_COLOR=1 turns colours off.

            Examples:
              streamtap ws://127.0.0.1:8080/echo http://127.0.0.1:8080/events
              streamtap open wss://example.org/socket
            """
    )

    @Argument(help: "ws://, wss://, http:// or https:// URLs to connect to.")
    var urls: [String] = []

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptionGroup

    @OptionGroup(title: "Display")
    var display: ThemeOption

    func validate() throws {
        for url in urls {
            _ = try connection.endpoint(for: url)
        }
    }

    func run() throws {
        let endpoints = try urls.map { try connection.endpoint(for: $0) }
        let backend = try TUISession.openTerminal(display)
        let inbox = EventInbox()
        let factory = TUIConnectionFactory(options: connection, inbox: inbox)
        let panes = endpoints.enumerated().map { offset, endpoint in
            let title = endpoint.hostHeader + endpoint.target
            do {
                let live = try factory.open(endpoint, id: offset + 1)
                return TUIPane(title: title, endpoint: endpoint, connection: live)
            } catch {
                return TUIPane(
                    title: title,
                    url: endpoint.description,
                    protocolKind: endpoint.protocolKind,
                    problem: "\(error)"
                )
            }
        }
        TUISession.run(backend: backend, inbox: inbox, factory: factory, panes: panes, display: display)
    }
}
