import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real binary in tmux under hostile terminal conditions: resize
/// storms, tiny windows, unusable terminal types, suspend and resume. It
/// never crashes, and the terminal is usable afterwards.
@Suite(.serialized) struct TerminalRobustnessTests {
    /// Starts `streamtap demo` in a fresh tmux window of `columns`×`rows`,
    /// printing a marker with its exit status when it ends.
    func startDemo(_ tmux: Tmux, _ binary: URL, columns: Int = 120, rows: Int = 40) throws {
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color '\(binary.path)' demo --port 0 --interval 100; "
            + "printf 'AFTER-TUI exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", command])
    }

    func waitForTicks(_ tmux: Tmux) throws {
        try tmux.waitFor("both tickers") { screen in
            let panes = EndToEndTests.panes(screen)
            return panes.left.contains("\"seq\":") && panes.right.contains("\"seq\":")
        }
    }

    /// The process running in the pane whose command is the demo.
    func streamtapPID(_ tmux: Tmux) throws -> pid_t {
        let shell = try tmux.run(["list-panes", "-t", "0", "-F", "#{pane_pid}"], readingOutput: true)
        guard let shellPID = Int32(shell.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw EndToEndFailure("tmux did not report the pane's process")
        }
        let children = try String(contentsOfFile: "/proc/\(shellPID)/task/\(shellPID)/children", encoding: .utf8)
        guard let child = children.split(separator: " ").first.flatMap({ Int32($0) }) else {
            throw EndToEndFailure("the pane's shell has no child process")
        }
        return child
    }

    @Test func aResizeStormEndsInAFullRedrawAndACleanExit() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try startDemo(tmux, environment.binary)
        try waitForTicks(tmux)
        var generator = SystemRandomNumberGenerator()
        for step in 0..<60 {
            let size =
                step % 10 == 0
                ? (1, 1) : (Int.random(in: 1...200, using: &generator), Int.random(in: 1...60, using: &generator))
            try tmux.run(["resize-window", "-t", "0", "-x", "\(size.0)", "-y", "\(size.1)"])
            if step % 3 == 0 { Thread.sleep(forTimeInterval: 0.02) }
        }
        try tmux.run(["resize-window", "-t", "0", "-x", "120", "-y", "40"])
        try waitForTicks(tmux)
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    @Test func oneByOneAndTwentyByFiveWindowsKeepRunning() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try startDemo(tmux, environment.binary, columns: 1, rows: 1)
        Thread.sleep(forTimeInterval: 1.5)
        try tmux.run(["resize-window", "-t", "0", "-x", "20", "-y", "5"])
        try tmux.waitFor("something drawn in 20x5") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        Thread.sleep(forTimeInterval: 1)
        try tmux.run(["resize-window", "-t", "0", "-x", "120", "-y", "40"])
        try waitForTicks(tmux)
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    @Test(arguments: [
        ("dumb", "terminal type 'dumb' cannot position the cursor; set TERM to the type of your terminal"),
        ("nonexistent-term", "unknown terminal type 'nonexistent-term' (no terminfo entry); set TERM to the type"),
    ])
    func anUnusableTerminalTypeIsExplainedAndLeavesTheTerminalUsable(term: String, sentence: String) throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let command =
            "TERM=\(term) '\(environment.binary.path)' demo --port 0; printf 'AFTER-TUI exit=%s\\n' $?; "
            + "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; printf 'END\\n'; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "200", "-y", "20", command])
        let screen = try tmux.waitFor("the explanation") { $0.contains("END") }
        #expect(screen.contains(sentence), "\(screen)")
        #expect(screen.contains("AFTER-TUI exit=1"), "\(screen)")
        #expect(screen.contains("icanon echo END"), "the terminal was left in raw mode: \(screen)")
    }

    /// With no file descriptor left for the UI's wake-up pipe, the TUI
    /// would never see an event: it says so before taking the terminal.
    @Test func noDescriptorForTheWakeUpPipeIsExplainedBeforeTheTerminalIsTaken() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let command =
            "(ulimit -n 4; TERM=xterm-256color exec '\(environment.binary.path)' --no-config ws://127.0.0.1:9/); "
            + "printf 'AFTER-TUI exit=%s\\n' $?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; "
            + "printf 'END\\n'; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "200", "-y", "20", command])
        let screen = try tmux.waitFor("the explanation") { $0.contains("END") }
        #expect(
            screen.contains("cannot start the TUI: no file descriptor is left for its wake-up pipe (see `ulimit -n`)"),
            "\(screen)"
        )
        #expect(screen.contains("AFTER-TUI exit=1"), "\(screen)")
        #expect(screen.contains("icanon echo END"), "the terminal was left in raw mode: \(screen)")
    }

    @Test func suspendingAndResumingRestoresTheScreen() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try startDemo(tmux, environment.binary)
        try waitForTicks(tmux)
        let pid = try streamtapPID(tmux)
        kill(pid, SIGTSTP)
        try tmux.waitFor("the shell screen while suspended") { screen in
            screen.contains("BEFORE-TUI") && !screen.contains("\"seq\":")
        }
        kill(pid, SIGCONT)
        try waitForTicks(tmux)
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aQuitSignalRestoresTheTerminal(signal: Int32) throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color '\(environment.binary.path)' demo --port 0 --interval 100; "
            + "printf 'AFTER-TUI exit=%s\\n' $?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; "
            + "printf 'END\\n'; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])
        try waitForTicks(tmux)
        kill(try streamtapPID(tmux), signal)
        let screen = try tmux.waitFor("the shell screen") { $0.contains("END") }
        #expect(screen.contains("BEFORE-TUI\nAFTER-TUI exit=0"), "\(screen)")
        #expect(screen.contains("icanon echo END"), "the terminal was left in raw mode: \(screen)")
        #expect(!screen.contains("\"seq\":"))
    }
}
