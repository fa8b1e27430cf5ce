import Foundation
import StreamTapTestSupport
import Testing

/// The connection core as a user meets it in the TUI: an ended connection
/// comes back in the same pane, keeping its log, and an event stream's
/// heartbeats are rows of their own.
extension EndToEndTests {
    @Test func aClosedConnectionReconnectsInItsPaneKeepingItsEvents() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try tmux.launch(binary, "demo --interval 200", marker: "AFTER-DEMO")
        try await tmux.waitFor("both tickers") { Self.panes($0).left.contains("\"seq\":3") }

        try tmux.run(["send-keys", "-t", "0", "C"])
        try await tmux.waitFor("the WebSocket pane to close") { screen in
            screen.contains("\u{25A0} closed") && Self.panes(screen).left.contains("1000")
        }
        try tmux.run(["send-keys", "-t", "0", "r"])
        let back = try await tmux.waitFor("the same pane to open again") { screen in
            let left = Self.panes(screen).left
            return left.components(separatedBy: "101 Switching Protocols").count >= 3
                && left.components(separatedBy: "\"seq\":1,").count >= 3
        }
        let left = Self.panes(back).left
        #expect(left.contains("attempt 2"))
        #expect(left.contains("1000 normal closure"))

        // Reconnection turned on for an ended connection brings it back too.
        try tmux.run(["send-keys", "-t", "0", "C"])
        try await tmux.waitFor("the second close") { Self.panes($0).left.components(separatedBy: "1000").count >= 3 }
        try tmux.run(["send-keys", "-t", "0", "R"])
        try await tmux.waitFor("reconnect on to reopen it") { screen in
            Self.panes(screen).left.components(separatedBy: "101 Switching Protocols").count >= 4
        }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
    }

    @Test func anEventStreamsCommentsAreRowsOfTheirOwn() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try tmux.launch(binary, "demo --interval 200", marker: "AFTER-DEMO")
        let screen = try await tmux.waitFor("the demo") { $0.contains("ws://127.0.0.1:") }
        let port = try #require(
            screen.components(separatedBy: "ws://127.0.0.1:").dropFirst().first.map {
                String($0.prefix { $0.isNumber })
            }
        )
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "connect http://127.0.0.1:\(port)/sse/types?interval=150"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        let rows = try await tmux.waitFor("heartbeat rows") { screen in
            screen.split(separator: "\n").contains { $0.contains("comment") && $0.contains(": keep-alive") }
        }
        #expect(rows.contains("update"))
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
    }
}
