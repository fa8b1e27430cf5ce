import Foundation
import StreamTapTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real binary in tmux under hostile terminal conditions: resize
/// storms, tiny windows, unusable terminal types, suspend and resume. It
/// never crashes, and the terminal is usable afterwards.
@Suite(.serialized, .requires(.tmux, .streamtap)) struct TerminalRobustnessTests {
    /// Starts `streamtap demo` in a fresh tmux window of `columns`×`rows`,
    /// printing a marker with its exit status when it ends.
    func startDemo(_ tmux: Tmux, _ binary: String, columns: Int = 120, rows: Int = 40) throws {
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color '\(binary)' demo --port 0 --interval 100; "
            + "printf 'AFTER-TUI exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", command])
    }

    func waitForTicks(_ tmux: Tmux) async throws {
        try await tmux.waitFor("both tickers") { screen in
            let panes = EndToEndTests.panes(screen)
            return panes.left.contains("\"seq\":") && panes.right.contains("\"seq\":")
        }
    }

    /// The process running in the pane whose command is the demo.
    func streamtapPID(_ tmux: Tmux) throws -> pid_t {
        let shell = try tmux.run(["list-panes", "-t", "0", "-F", "#{pane_pid}"], readingOutput: true)
        guard let shellPID = Int32(shell.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw PeerFailure(description: "tmux did not report the pane's process")
        }
        let children = try String(contentsOfFile: "/proc/\(shellPID)/task/\(shellPID)/children", encoding: .utf8)
        guard let child = children.split(separator: " ").first.flatMap({ Int32($0) }) else {
            throw PeerFailure(description: "the pane's shell has no child process")
        }
        return child
    }

    @Test func aResizeStormEndsInAFullRedrawAndACleanExit() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try startDemo(tmux, binary)
        try await waitForTicks(tmux)
        var generator = SystemRandomNumberGenerator()
        for step in 0..<60 {
            let size =
                step % 10 == 0
                ? (1, 1) : (Int.random(in: 1...200, using: &generator), Int.random(in: 1...60, using: &generator))
            try tmux.run(["resize-window", "-t", "0", "-x", "\(size.0)", "-y", "\(size.1)"])
            if step % 3 == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        try tmux.run(["resize-window", "-t", "0", "-x", "120", "-y", "40"])
        try await waitForTicks(tmux)
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    @Test func oneByOneAndTwentyByFiveWindowsKeepRunning() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try startDemo(tmux, binary, columns: 1, rows: 1)
        try await Task.sleep(for: .milliseconds(1500))
        try tmux.run(["resize-window", "-t", "0", "-x", "20", "-y", "5"])
        try await tmux.waitFor("something drawn in 20x5") {
            !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        try await Task.sleep(for: .seconds(1))
        try tmux.run(["resize-window", "-t", "0", "-x", "120", "-y", "40"])
        try await waitForTicks(tmux)
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    @Test(arguments: [
        ("dumb", "terminal type 'dumb' cannot position the cursor; set TERM to the type of your terminal"),
        ("nonexistent-term", "unknown terminal type 'nonexistent-term' (no terminfo entry); set TERM to the type"),
    ])
    func anUnusableTerminalTypeIsExplainedAndLeavesTheTerminalUsable(term: String, sentence: String) async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let command =
            "TERM=\(term) '\(binary)' demo --port 0; printf 'AFTER-TUI exit=%s\\n' $?; "
            + "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; printf 'END\\n'; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "200", "-y", "20", command])
        let screen = try await tmux.waitFor("the explanation") { $0.contains("END") }
        #expect(screen.contains(sentence), "\(screen)")
        #expect(screen.contains("AFTER-TUI exit=1"), "\(screen)")
        #expect(screen.contains("icanon echo END"), "the terminal was left in raw mode: \(screen)")
    }

    /// With no file descriptor left for the UI's wake-up pipe, the TUI
    /// would never see an event: it says so before taking the terminal.
    @Test func noDescriptorForTheWakeUpPipeIsExplainedBeforeTheTerminalIsTaken() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let command =
            "(ulimit -n 4; TERM=xterm-256color exec '\(binary)' --no-config ws://127.0.0.1:9/); "
            + "printf 'AFTER-TUI exit=%s\\n' $?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; "
            + "printf 'END\\n'; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "200", "-y", "20", command])
        let screen = try await tmux.waitFor("the explanation") { $0.contains("END") }
        #expect(
            screen.contains("cannot start the TUI: no file descriptor is left for its wake-up pipe (see `ulimit -n`)"),
            "\(screen)"
        )
        #expect(screen.contains("AFTER-TUI exit=1"), "\(screen)")
        #expect(screen.contains("icanon echo END"), "the terminal was left in raw mode: \(screen)")
    }

    @Test func suspendingAndResumingRestoresTheScreen() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try startDemo(tmux, binary)
        try await waitForTicks(tmux)
        let pid = try streamtapPID(tmux)
        kill(pid, SIGTSTP)
        try await tmux.waitFor("the shell screen while suspended") { screen in
            screen.contains("BEFORE-TUI") && !screen.contains("\"seq\":")
        }
        kill(pid, SIGCONT)
        try await waitForTicks(tmux)
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aQuitSignalRestoresTheTerminal(signal: Int32) async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color '\(binary)' demo --port 0 --interval 100; "
            + "printf 'AFTER-TUI exit=%s\\n' $?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; "
            + "printf 'END\\n'; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])
        try await waitForTicks(tmux)
        kill(try streamtapPID(tmux), signal)
        let screen = try await tmux.waitFor("the shell screen") { $0.contains("END") }
        #expect(screen.contains("BEFORE-TUI\nAFTER-TUI exit=0"), "\(screen)")
        #expect(screen.contains("icanon echo END"), "the terminal was left in raw mode: \(screen)")
        #expect(!screen.contains("\"seq\":"))
    }
}
