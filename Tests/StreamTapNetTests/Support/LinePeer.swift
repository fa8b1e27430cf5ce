import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Python peer from `Tests/Peers/` that prints its port on its first
/// line and reports in the lines after it, started and awaited without
/// blocking the concurrency pool, and killed (by its process id) when the
/// test is done with it.
final class LinePeer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let collector: SSELineCollector

    private init(port: Int, process: Process, collector: SSELineCollector) {
        self.port = port
        self.process = process
        self.collector = collector
    }

    /// Starts `Tests/Peers/<script>` with `arguments`; `nil` when the peer
    /// Python is missing (the test is then skipped, or fails under `CI=true`).
    static func start(script: String, arguments: [String]) async throws -> LinePeer? {
        guard let python = try PeerProcess.python() else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [PeerProcess.packageRoot.appendingPathComponent("Tests/Peers/\(script)").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let collector = SSELineCollector(output.fileHandleForReading)
        try process.run()
        guard let first = await SSEWaiting.value(timeout: 10, { collector.all.first }), let port = Int(first) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw PeerProcess.PeerError(description: "\(script) did not report its port within 10 s")
        }
        return LinePeer(port: port, process: process, collector: collector)
    }

    deinit { stop() }

    /// The lines printed after the port, so far.
    var lines: [String] { Array(collector.all.dropFirst()) }

    /// Ends the peer (SIGKILL) and reaps it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
