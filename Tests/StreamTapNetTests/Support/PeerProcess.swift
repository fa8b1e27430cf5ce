import Foundation
import Testing

/// A third-party peer (a Python server from `Tests/Peers/`) run by a test on
/// 127.0.0.1. It prints its port on the first line of its output and stops
/// by itself after its lifetime; `stop()` ends it sooner.
final class PeerProcess: @unchecked Sendable {
    // Only the creating test touches `process`.
    private let process: Process
    let port: Int

    /// The Python interpreter with the peers' packages, from
    /// `STREAMTAP_PEER_PYTHON` (set by `Scripts/test.sh`). Without it the
    /// test is skipped, except under `CI=true`, where that is a failure.
    static func python() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let python = environment["STREAMTAP_PEER_PYTHON"], FileManager.default.isExecutableFile(atPath: python) {
            return python
        }
        if environment["CI"] == "true" {
            Issue.record("STREAMTAP_PEER_PYTHON is not set: run the tests with Scripts/test.sh")
        } else {
            print("skipped: STREAMTAP_PEER_PYTHON is not set (run Scripts/test.sh to prepare the test peers)")
        }
        return nil
    }

    /// The repository's root folder.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Starts `Tests/Peers/<script>` with `arguments`, waiting for its port.
    init(python: String, script: String, arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.packageRoot.appendingPathComponent("Tests/Peers/\(script)").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let first = byte.first else { break }
            if first == UInt8(ascii: "\n") { break }
            line.append(first)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw PeerError(description: "the peer \(script) did not report its port")
        }
        self.port = port
    }

    /// Starts the peer as `init` does, waiting on a thread of its own so the
    /// wait does not hold up the shared pool that connections run on.
    static func start(python: String, script: String, arguments: [String]) async throws -> PeerProcess {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try PeerProcess(python: python, script: script, arguments: arguments) }
                )
            }
        }
    }

    /// Kills the peer (SIGKILL: a test runner may have SIGTERM ignored,
    /// which children inherit) and waits briefly for it to be gone.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline {
            usleep(10_000)
        }
    }

    struct PeerError: Error, CustomStringConvertible {
        var description: String
    }
}
