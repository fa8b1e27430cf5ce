import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Third-party programs the integration tests talk to: a Python with the
/// `websockets` and `aiohttp` packages (named by `STREAMTAP_PEER_PYTHON`,
/// prepared by `Scripts/test.sh`) and `curl` from `PATH`.
///
/// When a peer is missing, a test that needs it is skipped with the reason
/// printed, except under `CI=true`, where it runs and fails saying why.
enum TestPeers {
    /// What a finished peer process printed and how it ended.
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        var exitCode: Int32
        /// The process overran its time limit and was killed.
        var timedOut: Bool
    }

    /// A peer that should be there is not.
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static var isCI: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// The peer Python, if `STREAMTAP_PEER_PYTHON` names an executable.
    static var python: String? {
        guard let path = ProcessInfo.processInfo.environment["STREAMTAP_PEER_PYTHON"], !path.isEmpty,
            FileManager.default.isExecutableFile(atPath: path)
        else { return nil }
        return path
    }

    /// `curl`, if it is on `PATH`.
    static var curl: String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/curl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether tests needing the peer Python run: it is there, or CI
    /// requires it (and the test then fails in `requirePython()`).
    static var pythonRuns: Bool { python != nil || isCI }

    /// Whether tests needing `curl` run (see `pythonRuns`).
    static var curlRuns: Bool { curl != nil || isCI }

    static let pythonMissing =
        "STREAMTAP_PEER_PYTHON is not set to a Python with websockets and aiohttp: run Scripts/test.sh"
    static let curlMissing = "curl is not on PATH"

    static func requirePython() throws -> String {
        guard let python else { throw Missing(description: pythonMissing) }
        return python
    }

    static func requireCurl() throws -> String {
        guard let curl else { throw Missing(description: curlMissing) }
        return curl
    }

    /// Runs a Python program with the peer Python; `arguments` become
    /// `sys.argv[1:]`.
    static func python(
        _ script: String,
        _ arguments: [String] = [],
        timeout: Duration = .seconds(20)
    ) async throws
        -> Output
    {
        try await start(requirePython(), ["-c", script] + arguments, timeout: timeout).finished()
    }

    /// Runs `curl` with `arguments`.
    static func curl(_ arguments: [String], timeout: Duration = .seconds(20)) async throws -> Output {
        try await start(requireCurl(), arguments, timeout: timeout).finished()
    }

    /// A peer process that is running: its standard output line by line as
    /// it comes, and everything once it has ended.
    struct Running: Sendable {
        /// Lines of standard output, as they are printed.
        let lines: AsyncStream<String>
        private let result: Task<Output, any Error>

        fileprivate init(lines: AsyncStream<String>, result: Task<Output, any Error>) {
            self.lines = lines
            self.result = result
        }

        /// Waits for the process to end.
        func finished() async throws -> Output {
            try await result.value
        }
    }

    /// Starts `executable` with no standard input, capturing its output;
    /// kills it (SIGKILL, by its process id) when it outlives `timeout`.
    static func start(_ executable: String, _ arguments: [String], timeout: Duration) throws -> Running {
        let (lines, sink) = AsyncStream.makeStream(of: String.self)
        let process = try spawn(executable, arguments)
        // Blocking reads and waits get threads of their own: on Linux the
        // global dispatch queues add a thread only about once a second when
        // their workers block, which would serialize concurrent tests.
        let result = Task {
            try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(returning: collect(process, timeout: timeout, lines: sink))
                }.start()
            }
        }
        return Running(lines: lines, result: result)
    }

    private static let spawnLock = NSLock()

    /// A started process and its output pipes, which only the collecting
    /// thread touches after the spawn: `@unchecked Sendable` is safe.
    private final class Spawned: @unchecked Sendable {
        let process: Process
        let stdout: FileHandle
        let stderr: FileHandle

        init(process: Process, stdout: FileHandle, stderr: FileHandle) {
            self.process = process
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    private static func spawn(_ executable: String, _ arguments: [String]) throws -> Spawned {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // Pipes are made and handed to the child under one lock: a child
        // spawned concurrently would otherwise inherit another child's
        // write end and keep its reader from seeing end-of-file.
        return try spawnLock.withLock {
            let stdout = Pipe()
            let stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return Spawned(process: process, stdout: stdout.fileHandleForReading, stderr: stderr.fileHandleForReading)
        }
    }

    private static func collect(
        _ spawned: Spawned,
        timeout: Duration,
        lines: AsyncStream<String>.Continuation
    ) -> Output {
        let pid = spawned.process.processIdentifier
        let finished = DispatchSemaphore(value: 0)
        let killed = Flag()
        let watchdog = DispatchWorkItem {
            if finished.wait(timeout: .now()) == .timedOut {
                killed.set()
                kill(pid, SIGKILL)
            }
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: watchdog)

        let errorData = DataBox()
        let errorRead = DispatchSemaphore(value: 0)
        Thread {
            errorData.data = spawned.stderr.readDataToEndOfFile()
            errorRead.signal()
        }.start()
        var output = Data()
        var pending = Data()
        while case let chunk = spawned.stdout.availableData, !chunk.isEmpty {
            output.append(chunk)
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                lines.yield(String(decoding: pending[..<newline], as: UTF8.self))
                pending = Data(pending[(newline + 1)...])
            }
        }
        lines.finish()
        errorRead.wait()
        spawned.process.waitUntilExit()
        finished.signal()
        watchdog.cancel()
        return Output(
            stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errorData.data, as: UTF8.self),
            exitCode: spawned.process.terminationStatus,
            timedOut: killed.isSet
        )
    }
}

/// Bytes read on one thread and used on another after a semaphore wait,
/// which orders the accesses: `@unchecked Sendable` is safe.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// A flag set on the watchdog's thread and read after the process ended.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    func set() { lock.withLock { value = true } }
}
