import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program on a pseudo-terminal we drive ourselves (Tests/Peers/pty_terminal.py,
/// which keeps the screen in the `pyte` emulator): exact bytes in, mouse
/// reports included, and every cell of the screen out.
public final class PtyTerminal {
    /// The screen as the emulator holds it.
    public struct Screen: Decodable, Sendable {
        /// Each row's text (a wide character's second cell left out).
        public var rows: [String]
        /// Each row, one character a cell: `R` reverse video, `.` not.
        public var reverse: [String]
        /// Each row's cells: a cell's text (a wide character's second cell
        /// is empty; combining marks join their base).
        public var cells: [[String]]

        /// The rows, one line each.
        public var text: String { rows.joined(separator: "\n") }

        /// The first row containing `text`, from `start`.
        public func row(containing text: String, from start: Int = 0) -> Int? {
            rows.indices.dropFirst(start).first { rows[$0].contains(text) }
        }

        /// Whether cell `x` of row `y` is in reverse video.
        public func isReverse(x: Int, y: Int) -> Bool {
            guard rows.indices.contains(y) else { return false }
            return Array(reverse[y]).indices.contains(x) && Array(reverse[y])[x] == "R"
        }
    }

    /// What the driver answers to each command.
    public struct Answer: Decodable, Sendable {
        public var ok: Bool
        public var screen: Screen
        /// The program's exit status, once it has ended.
        public var status: Int?
        public var error: String?
    }

    private let process: Process
    private let input: FileHandle
    private let output: LineCollector

    /// Starts `arguments` (the program first) on a `columns`×`rows`
    /// terminal, with `environment` added to the test's own; throws
    /// ``PrerequisiteMissing`` when the peer Python or its `pyte` is missing.
    public init(columns: Int, rows: Int, arguments: [String], environment: [String: String] = [:]) throws {
        let python = try Prerequisite.pyte.require()
        let script = Repository.peers.appendingPathComponent("pty_terminal.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path, "\(columns)", "\(rows)"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = outputPipe
        process.standardError = FileHandle.nullDevice
        output = LineCollector(outputPipe.fileHandleForReading)
        input = inputPipe.fileHandleForWriting
        try process.run()
    }

    /// Writes `text` to the program, in one write.
    @discardableResult
    public func send(_ text: String) async throws -> Answer {
        try await command(["op": "send", "text": text], seconds: 5)
    }

    /// A left click (press and release) on cell `x`, `y` (from 0), as an
    /// xterm SGR mouse report.
    public func click(x: Int, y: Int) async throws {
        try await send("\u{1B}[<0;\(x + 1);\(y + 1)M\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    /// One notch of the wheel over cell `x`, `y`.
    public func wheel(up: Bool, x: Int, y: Int) async throws {
        try await send("\u{1B}[<\(up ? 64 : 65);\(x + 1);\(y + 1)M")
    }

    /// Esc on its own, with a pause either side so it is not read as Alt.
    public func pressEscape() async throws {
        try await Task.sleep(for: .milliseconds(100))
        try await send("\u{1B}")
        try await Task.sleep(for: .milliseconds(200))
    }

    /// Waits (up to `seconds`) until a row contains `text`; returns the screen.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 15) async throws -> Screen {
        try await driverWait("wait", text, seconds: seconds, failure: "timed out waiting for \"\(text)\"")
    }

    /// Waits until no row contains `text`.
    @discardableResult
    public func waitUntilGone(_ text: String, seconds: Double = 15) async throws -> Screen {
        try await driverWait("wait_gone", text, seconds: seconds, failure: "\"\(text)\" did not go")
    }

    /// Has the driver wait (`op` is `wait` or `wait_gone`) for `text`;
    /// throws `failure` with the screen when it times out.
    private func driverWait(_ op: String, _ text: String, seconds: Double, failure: String) async throws -> Screen {
        let answer = try await command(["op": op, "text": text, "seconds": seconds], seconds: seconds + 5)
        guard answer.ok else {
            throw PeerFailure(description: "\(failure); the screen was:\n\(answer.screen.text)")
        }
        return answer.screen
    }

    /// Polls the screen (up to `seconds`) until `condition` holds.
    @discardableResult
    public func waitFor(
        _ what: String,
        seconds: Double = 15,
        _ condition: (Screen) -> Bool
    ) async throws -> Screen {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = try await self.screen()
        while Date() < deadline {
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
            screen = try await self.screen()
        }
        if condition(screen) { return screen }
        throw PeerFailure(description: "timed out waiting for \(what); the screen was:\n\(screen.text)")
    }

    /// The screen once the program has written nothing for `quiet` seconds.
    public func settledScreen(quiet: Double = 0.3) async throws -> Screen {
        try await command(["op": "settle", "seconds": quiet], seconds: quiet * 20 + 10).screen
    }

    public func screen() async throws -> Screen {
        try await command(["op": "screen"], seconds: 5).screen
    }

    /// Resizes the terminal (TIOCSWINSZ, then SIGWINCH to the program).
    public func resize(columns: Int, rows: Int) async throws {
        try await command(["op": "resize", "columns": columns, "rows": rows], seconds: 5)
    }

    /// Waits for the program to exit; its status (128 + signal if killed).
    public func waitForExit(seconds: Double = 10) async throws -> Answer {
        try await command(["op": "stop", "seconds": seconds], seconds: seconds + 5)
    }

    /// Ends the driver (which kills the program if it still runs).
    public func close() {
        try? input.close()
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
    }

    @discardableResult
    private func command(_ fields: [String: any Sendable], seconds: Double) async throws -> Answer {
        let data = try JSONSerialization.data(withJSONObject: fields) + Data("\n".utf8)
        try input.write(contentsOf: data)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let line = output.nextLine() {
                let answer = try JSONDecoder().decode(Answer.self, from: Data(line.utf8))
                if let error = answer.error { throw PeerFailure(description: error) }
                return answer
            }
            guard process.isRunning else { throw PeerFailure(description: "the pty driver exited") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PeerFailure(description: "the pty driver did not answer \(fields["op"] ?? "")")
    }
}

/// A terminal belongs to the test that started it.
@available(*, unavailable)
extension PtyTerminal: Sendable {}
