import Foundation
import NIOConcurrencyHelpers

/// A program a test runs to its end (a Python script, curl, the built
/// binary), with a bounded time: standard output line by line as it comes,
/// and everything it printed once it has ended. Its output is read on
/// threads of its own, never ones of the shared concurrency pool.
public struct Program: Sendable {
    /// Lines of standard output, as they are printed.
    public let lines: AsyncStream<String>
    private let result: Task<ProgramOutput, Never>
    private let child: RunningChild

    /// Starts `executable` with `arguments`. `standardInput` is what it
    /// reads (none: an empty input); `environment` replaces this process's
    /// environment when given. It is killed (SIGKILL, by its process id)
    /// when it runs longer than `timeout` seconds.
    public static func start(
        _ executable: String,
        _ arguments: [String],
        standardInput: String? = nil,
        environment: [String: String]? = nil,
        timeout: Double = 20
    ) throws -> Program {
        let input = try standardInput.map(Self.inputFile)
        let spawned = try Spawn.start(executable, arguments, environment: environment, standardInput: input)
        try input?.close()
        let child = RunningChild(spawned.process)
        let overran = NIOLockedValueBox(false)
        let watchdog = Task {
            try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
            overran.withLockedValue { $0 = true }
            child.stop()
        }
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let errors = Drain(spawned.standardError)
        let output = Drain(spawned.standardOutput) { continuation.yield($0) }
        let result = Task {
            let stdout = await output.finished()
            continuation.finish()
            let stderr = await errors.finished()
            await child.ended()
            watchdog.cancel()
            return ProgramOutput(
                stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self),
                status: child.status,
                timedOut: overran.withLockedValue { $0 }
            )
        }
        return Program(lines: lines, result: result, child: child)
    }

    /// Sends the running program `signal` (e.g. `SIGUSR1`).
    public func send(_ signal: Int32) {
        child.send(signal)
    }

    /// Waits for the program to end.
    public func finished() async -> ProgramOutput {
        await result.value
    }

    /// `text` in a file of its own, open for reading and already unlinked:
    /// a child reads it to its end without a pipe that could fill or break.
    private static func inputFile(_ text: String) throws -> FileHandle {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("streamtap-input-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)) else {
            throw PeerFailure(description: "cannot create the input file \(url.path)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return try FileHandle(forReadingFrom: url)
    }
}
