import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tmux server of a test's own (a unique socket name), driven by tmux
/// commands and read by capturing its pane; `killServer()` ends it.
public struct Tmux: Sendable {
    public let executable: String
    /// The server's socket name, unique to this test.
    public let socket = "streamtap-test-\(UInt32.random(in: 0...UInt32.max))"

    /// A server yet to start (its first `new-session` starts it); throws
    /// ``PrerequisiteMissing`` when tmux is not installed.
    public init() throws {
        executable = try Prerequisite.tmux.require()
    }

    /// Runs a tmux command and returns its standard output (when
    /// `readingOutput`).
    @discardableResult
    public func run(_ arguments: [String], readingOutput: Bool = false) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID()).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try ChildProcess.run(executable, ["-L", socket] + arguments, standardOutput: outputPath)
        guard status == 0 else {
            throw PeerFailure(description: "tmux \(arguments.joined(separator: " ")) failed with status \(status)")
        }
        return readingOutput ? (try String(contentsOfFile: outputPath, encoding: .utf8)) : ""
    }

    /// Starts a `columns`×`rows` session running `binary` with `arguments`
    /// (shell words, already quoted) in an xterm-256color terminal, then
    /// printing `MARKER exit=STATUS` and waiting, so a test can see how it
    /// ended and that the shell got its terminal back.
    public func launch(
        _ binary: String,
        _ arguments: String,
        marker: String,
        columns: Int = 120,
        rows: Int = 40
    ) throws {
        let command =
            "TERM=xterm-256color '\(binary)' \(arguments); printf '\(marker) exit=%s\\n' $?; sleep 60"
        try run(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", command])
    }

    /// The pane's screen, as text.
    public func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", "0"], readingOutput: true)
    }

    /// Polls the screen (up to `seconds`, without blocking a thread) until
    /// `condition` holds; returns the screen, or throws with the last one.
    @discardableResult
    public func waitFor(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PeerFailure(description: "timed out waiting for \(what); the screen was:\n\(screen)")
    }

    /// Esc on its own, so the terminal does not read it as Alt with the
    /// next key.
    public func pressEscape() async throws {
        try await Task.sleep(for: .milliseconds(100))
        try run(["send-keys", "-t", "0", "Escape"])
        try await Task.sleep(for: .milliseconds(200))
    }

    /// Kills the server and removes its socket.
    public func killServer() {
        _ = try? run(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }
}
