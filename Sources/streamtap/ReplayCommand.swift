import ArgumentParser
import Foundation
import StreamTapCore
import StreamTapUI

/// `streamtap replay FILE`: a recorded session in the TUI, offline.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open a recorded session (JSONL or HAR) in the TUI.",
        discussion: """
            FILE is a JSONL recording (--record, or cat --jsonl) or a HAR file \
            (saved by Chrome or Firefox DevTools, or by streamtap export --har); \
            the kind is told from the content. Each connection gets a pane and \
            every view works (inspector, filters, handshake, timeline); nothing \
            is sent over the network. A recording cut short (a crash, an edited \
            line) opens up to its last good line and says which line stopped it.

            Examples:
              streamtap replay session.jsonl
              streamtap replay ~/Downloads/example.org.har
            """
    )

    @Argument(help: "A JSONL recording (from --record or cat --jsonl) or a HAR file.")
    var file: String

    @OptionGroup(title: "Display")
    var display: ThemeOption

    func run() throws {
        let result: SessionReadResult
        do {
            result = try SessionFileLoader.load(file).result
        } catch {
            var standardError = StandardError()
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode.failure
        }
        let inbox = try TUISession.makeInbox()
        let connections = ConnectionHistory.group(result.events)
        let panes = connections.map { history in
            TUIPane(
                title: "replay " + history.url,
                url: history.url,
                protocolKind: history.protocolKind,
                connection: ReplayConnection(id: history.id, sink: inbox)
            )
        }
        var events = result.events
        if let notice = SessionFileLoader.partialNotice(file, result, use: "shown"), let last = events.last {
            events.append(
                StreamEvent(
                    timestamp: last.timestamp,
                    connectionID: last.connectionID,
                    kind: .error(ErrorInfo(message: notice))
                )
            )
        }
        let settings = try SettingsOptionGroup.parse([]).load()
        let backend = try TUISession.openTerminal(display, settings: settings)
        ReplayFeeder.start(events, into: inbox)
        TUI.run(
            backend: backend,
            inbox: inbox,
            configuration: TUIConfiguration(
                panes: panes,
                colorPolicy: display.colorPolicy(settings),
                keymap: settings.keymap,
                theme: display.themeName(settings)
            )
        )
    }
}

/// Hands a recording's events to the UI's inbox from a background thread,
/// a batch at a time, waiting while the UI works through them so that the
/// inbox's bound never drops any.
enum ReplayFeeder {
    static func start(_ events: [StreamEvent], into inbox: EventInbox) {
        let thread = Thread {
            var index = 0
            while index < events.count {
                while inbox.pendingCount > 50_000 { usleep(5_000) }
                let end = min(events.count, index + 10_000)
                for event in events[index..<end] { inbox.receive(event) }
                index = end
            }
        }
        thread.start()
    }
}
