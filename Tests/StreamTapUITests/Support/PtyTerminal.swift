import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program on a pseudo-terminal we drive ourselves (Tests/Peers/pty_terminal.py,
/// which keeps the screen in the `pyte` emulator): exact bytes in, mouse
/// reports included, and every cell of the screen out.
final class PtyTerminal {
    /// The screen as the emulator holds it.
    struct Screen: Decodable, Sendable {
        /// Each row's text (a wide character's second cell left out).
        var rows: [String]
        /// Each row, one character a cell: `R` reverse video, `.` not.
        var reverse: [String]
        /// Each row's cells: a cell's text (a wide character's second cell
        /// is empty; combining marks join their base).
        var cells: [[String]]

        var text: String { rows.joined(separator: "\n") }

        /// The first row containing `text`, from `start`.
        func row(containing text: String, from start: Int = 0) -> Int? {
            rows.indices.dropFirst(start).first { rows[$0].contains(text) }
        }

        /// Whether cell `x` of row `y` is in reverse video.
        func isReverse(x: Int, y: Int) -> Bool {
            guard rows.indices.contains(y) else { return false }
            return Array(reverse[y]).indices.contains(x) && Array(reverse[y])[x] == "R"
        }
    }

    /// What the driver answers to each command.
    struct Answer: Decodable, Sendable {
        var ok: Bool
        var screen: Screen
        var status: Int?
        var error: String?
    }

    private let process: Process
    private let input: FileHandle
    private let output: LineCollector

    /// Starts `arguments` (the program first) on a `columns`×`rows` terminal.
    init(python: String, columns: Int, rows: Int, arguments: [String], environment: [String: String] = [:]) throws {
        let script = EndToEndTests.packageRoot.appendingPathComponent("Tests/Peers/pty_terminal.py")
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
    func send(_ text: String) async throws -> Answer {
        try await command(["op": "send", "text": text], seconds: 5)
    }

    /// A left click (press and release) on cell `x`, `y` (from 0), as an
    /// xterm SGR mouse report.
    func click(x: Int, y: Int) async throws {
        try await send("\u{1B}[<0;\(x + 1);\(y + 1)M\u{1B}[<0;\(x + 1);\(y + 1)m")
    }

    /// One notch of the wheel over cell `x`, `y`.
    func wheel(up: Bool, x: Int, y: Int) async throws {
        try await send("\u{1B}[<\(up ? 64 : 65);\(x + 1);\(y + 1)M")
    }

    /// Esc on its own, with a pause either side so it is not read as Alt.
    func pressEscape() async throws {
        try await Task.sleep(for: .milliseconds(100))
        try await send("\u{1B}")
        try await Task.sleep(for: .milliseconds(200))
    }

    /// Waits (up to `seconds`) until a row contains `text`; returns the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15) async throws -> Screen {
        let answer = try await command(["op": "wait", "text": text, "seconds": seconds], seconds: seconds + 5)
        guard answer.ok else {
            throw PtyTerminalFailure("timed out waiting for \"\(text)\"; the screen was:\n\(answer.screen.text)")
        }
        return answer.screen
    }

    /// Waits until no row contains `text`.
    @discardableResult
    func waitUntilGone(_ text: String, seconds: Double = 15) async throws -> Screen {
        let answer = try await command(["op": "wait_gone", "text": text, "seconds": seconds], seconds: seconds + 5)
        guard answer.ok else {
            throw PtyTerminalFailure("\"\(text)\" did not go; the screen was:\n\(answer.screen.text)")
        }
        return answer.screen
    }

    /// Polls the screen (up to `seconds`) until `condition` holds.
    @discardableResult
    func waitFor(
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
        throw PtyTerminalFailure("timed out waiting for \(what); the screen was:\n\(screen.text)")
    }

    /// The screen once the program has written nothing for `quiet` seconds.
    func settledScreen(quiet: Double = 0.3) async throws -> Screen {
        try await command(["op": "settle", "seconds": quiet], seconds: quiet * 20 + 10).screen
    }

    func screen() async throws -> Screen {
        try await command(["op": "screen"], seconds: 5).screen
    }

    /// Resizes the terminal (TIOCSWINSZ, then SIGWINCH to the program).
    func resize(columns: Int, rows: Int) async throws {
        try await command(["op": "resize", "columns": columns, "rows": rows], seconds: 5)
    }

    /// Waits for the program to exit; its status (128 + signal if killed).
    func waitForExit(seconds: Double = 10) async throws -> Answer {
        try await command(["op": "stop", "seconds": seconds], seconds: seconds + 5)
    }

    /// Ends the driver (which kills the program if it still runs).
    func close() {
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
                if let error = answer.error { throw PtyTerminalFailure(error) }
                return answer
            }
            guard process.isRunning else { throw PtyTerminalFailure("the pty driver exited") }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw PtyTerminalFailure("the pty driver did not answer \(fields["op"] ?? "")")
    }
}

/// Lines a child writes to a pipe, collected as they come.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = Data()
    private var lines: [String] = []

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            self?.append(data)
        }
    }

    private func append(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        pending.append(data)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
            pending = Data(pending[pending.index(after: newline)...])
        }
    }

    /// The oldest line not yet taken.
    func nextLine() -> String? {
        lock.lock()
        defer { lock.unlock() }
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}

struct PtyTerminalFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
