import Foundation
import StreamTapTestSupport
import Testing

/// The real `streamtap` binary on a pseudo-terminal the test drives itself
/// (through the `pyte` emulator), against the Python `websockets` peer:
/// mouse reports arrive as one burst, the terminal can be resized exactly,
/// and every cell of the screen can be checked.
@Suite(.serialized, .requires(.peerPython, .pyte, .streamtap)) struct PtyEndToEndTests {
    /// The box-drawing vertical line of pane borders.
    static let border = "\u{2502}"

    @Test func clicksSelectAndFocusAndTheWheelPausesFollowing() async throws {
        let session = try await Session.start(columns: 120, rows: 40, paths: ["/echo", "/ticker?interval=50"])
        defer { session.stop() }
        let terminal = session.terminal
        try await terminal.waitFor("tick 3")
        try await terminal.send("i")
        try await terminal.waitFor("send as")
        for word in ["alpha", "bravo", "charlie"] {
            try await terminal.send(word)
            try await terminal.send("\u{13}")
            try await terminal.waitFor("\u{2193} text    \(word)")
        }
        try await terminal.pressEscape()
        var screen = try await terminal.waitUntilGone("send as")
        #expect(screen.row(containing: "\u{25B6} 1 ws") != nil)

        let bravo = try #require(screen.row(containing: "\u{2191} text    bravo"))
        try await terminal.click(x: 20, y: bravo)
        screen = try await terminal.waitFor("the clicked row to be selected") { $0.isReverse(x: 20, y: bravo) }
        #expect(screen.isReverse(x: 5, y: bravo) && !screen.isReverse(x: 5, y: bravo + 1))
        try await terminal.send("\r")
        screen = try await terminal.waitFor("Payload, text")
        #expect(screen.text.contains("out (us \u{2192} server)"))
        #expect(screen.row(containing: "bravo") != nil && screen.row(containing: "charlie") == nil)
        try await terminal.pressEscape()
        screen = try await terminal.waitFor("Enter inspect")

        let ticks = try #require(screen.row(containing: "\u{2193} text    tick"))
        try await terminal.click(x: 90, y: ticks)
        screen = try await terminal.waitFor("\u{25B6} 2 ws")
        #expect(screen.row(containing: "\u{25B6} 1 ws") == nil)

        // Following again, until the list is full, so that pausing shows:
        // the rows stay while ticks arrive.
        try await terminal.send("G")
        try await terminal.waitFor("tick 60")
        try await terminal.wheel(up: true, x: 90, y: ticks)
        screen = try await terminal.waitFor("the badge of new events") { Self.newEventCount(in: $0) ?? 0 >= 3 }
        let frozen = Self.rightPane(screen)
        let before = try #require(Self.newEventCount(in: screen))
        screen = try await terminal.waitFor("more new events") { (Self.newEventCount(in: $0) ?? 0) > before }
        #expect(
            Self.rightPane(screen).dropLast() == frozen.dropLast(),
            "the paused list moved:\n\(screen.text)"
        )
        try await terminal.send("G")
        try await terminal.waitUntilGone(" new ")
        try await terminal.send("q")
        let exit = try await terminal.waitForExit()
        #expect(exit.status == 0)
    }

    @Test func resizingTo40x10AndBackLeavesNoStaleCells() async throws {
        // Two connections the peer closes after one message: nothing
        // changes on the screen once they are done.
        let paths = ["/headers", "/subprotocol"]
        let session = try await Session.start(columns: 120, rows: 40, paths: paths)
        defer { session.stop() }
        let terminal = session.terminal
        try await terminal.waitFor("both connections to close") { screen in
            screen.text.components(separatedBy: "closure, by the server").count == 3
        }
        let before = try await terminal.settledScreen()

        try await terminal.resize(columns: 40, rows: 10)
        let small = try await terminal.waitFor("pane 1/2 shown (too small)")
        #expect(small.rows.count == 10 && small.cells.allSatisfy { $0.count == 40 })
        let top = try #require(small.rows.firstIndex { $0.hasPrefix("\u{250C}") })
        let bottom = try #require(small.rows.firstIndex { $0.hasPrefix("\u{2514}") })
        #expect(small.rows[top].hasSuffix("\u{2510}") && small.rows[bottom].hasSuffix("\u{2518}"))
        for y in (top + 1)..<bottom {
            #expect(small.cells[y][0] == Self.border && small.cells[y][39] == Self.border, "row \(y): \(small.rows[y])")
        }

        try await terminal.resize(columns: 120, rows: 40)
        try await terminal.waitFor("\u{25B6} 1 ws")
        let restored = try await terminal.settledScreen()
        #expect(
            restored.rows.map(Self.withoutRate) == before.rows.map(Self.withoutRate),
            "before:\n\(before.text)\nafter:\n\(restored.text)"
        )
        try await terminal.send("q")
        #expect(try await terminal.waitForExit().status == 0)
    }

    @Test(arguments: [(120, 40), (40, 10)])
    func wideAndCombiningCharactersKeepTheRightBorderInPlace(columns: Int, rows: Int) async throws {
        let session = try await Session.start(columns: columns, rows: rows, paths: ["/echo"])
        defer { session.stop() }
        let terminal = session.terminal
        try await terminal.waitFor("open")
        let text =
            "\u{6F22}\u{5B57}\u{304B}\u{306A} \u{1F600}\u{1F680} cafe\u{0301} \u{D55C}\u{AE00} x\u{0308}y\u{0323}"
        try await terminal.send("i")
        try await terminal.send(text)
        try await terminal.send("\u{13}")
        try await terminal.waitFor("\u{2193} text")
        try await terminal.pressEscape()
        try await terminal.waitUntilGone("send as")
        try await terminal.send("\r")
        let inspector = try await terminal.waitFor("Payload, text")
        try Self.expectBordersInPlace(inspector, columns: columns)
        try await terminal.pressEscape()
        let list = try await terminal.waitFor("the list") { $0.row(containing: "\u{6F22}\u{5B57}") != nil }
        try Self.expectBordersInPlace(list, columns: columns)
        try await terminal.send("q")
        #expect(try await terminal.waitForExit().status == 0)
    }

    /// Every row between the pane's top and bottom border has `│` in the
    /// first and last column.
    static func expectBordersInPlace(_ screen: PtyTerminal.Screen, columns: Int) throws {
        let top = try #require(screen.rows.firstIndex { $0.hasPrefix("\u{250C}") })
        let bottom = try #require(screen.rows.firstIndex { $0.hasPrefix("\u{2514}") })
        #expect(bottom > top + 1)
        for y in (top + 1)..<bottom {
            #expect(
                screen.cells[y][0] == border && screen.cells[y][columns - 1] == border,
                "row \(y) lost its border: \(screen.rows[y])\n\(screen.text)"
            )
        }
    }

    /// A row without the connection list's message rate, which moves with
    /// the clock.
    static func withoutRate(_ row: String) -> String {
        row.hasSuffix(" msg/s") ? String(row.dropLast(12)) : row
    }

    /// The number in the `↓ N new` badge, if it shows.
    static func newEventCount(in screen: PtyTerminal.Screen) -> Int? {
        for row in screen.rows {
            guard let badge = row.range(of: "\u{2193} ", options: .backwards),
                row[badge.upperBound...].contains(" new")
            else { continue }
            return Int(row[badge.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    /// The right pane's rows (side-by-side panes split at `││`).
    static func rightPane(_ screen: PtyTerminal.Screen) -> [String] {
        screen.rows.compactMap { row in
            let halves = row.components(separatedBy: border + border)
            return halves.count == 2 ? halves[1] : nil
        }
    }
}

/// A peer and the binary on a pty, connected to the given peer paths.
private struct Session {
    let peer: WebSocketPeer
    let terminal: PtyTerminal
    /// The binary's own settings folders.
    let state: TemporaryFolder

    static func start(columns: Int, rows: Int, paths: [String]) async throws -> Session {
        let binary = try Prerequisite.streamtap.require()
        let peer = try await WebSocketPeer.start(lifetime: 120)
        let state = try TemporaryFolder("pty-e2e")
        do {
            let terminal = try PtyTerminal(
                columns: columns,
                rows: rows,
                arguments: [binary] + paths.map(peer.url),
                environment: [
                    "XDG_CONFIG_HOME": state.path("config"), "XDG_STATE_HOME": state.path("state"),
                    "XDG_DATA_HOME": state.path("data"),
                ]
            )
            return Session(peer: peer, terminal: terminal, state: state)
        } catch {
            peer.stop()
            state.remove()
            throw error
        }
    }

    func stop() {
        terminal.close()
        peer.stop()
        state.remove()
    }
}
