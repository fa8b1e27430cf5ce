import Foundation
import NIOConcurrencyHelpers

/// A peer server from `Tests/Peers/` run by a test on loopback: started
/// with the peer Python, awaited (without blocking the shared pool) until
/// it prints its port on its first line, and killed by its process id when
/// the test is done with it, or when it is released. Every peer also stops
/// by itself after the lifetime it is given.
///
/// The lines it prints after the port are its reports (one JSON object
/// each for the peers that report the requests they receive).
public final class PeerProcess: Sendable {
    /// The loopback port it listens on.
    public let port: Int
    private let child: RunningChild
    private let output: LineCollector

    private init(port: Int, child: RunningChild, output: LineCollector) {
        self.port = port
        self.child = child
        self.output = output
    }

    /// Starts `Tests/Peers/<script>` with `arguments` under `python` and
    /// waits at most `startupTimeout` seconds for its port. Throws
    /// ``PrerequisiteMissing`` when that Python is missing.
    public static func start(
        _ script: String,
        arguments: [String] = [],
        python: Prerequisite = .peerPython,
        startupTimeout: Double = 10
    ) async throws -> PeerProcess {
        let python = try python.require()
        let spawned = try Spawn.start(python, [Repository.peers.appendingPathComponent(script).path] + arguments)
        let child = RunningChild(spawned.process)
        let output = LineCollector(spawned.standardOutput)
        let errors = LineCollector(spawned.standardError)
        let port = await eventualValue(timeout: startupTimeout) { output.lines.first.flatMap(Self.port(in:)) }
        guard let port else {
            child.stop()
            let said = errors.lines.suffix(20).joined(separator: "\n")
            throw PeerFailure(
                description: "the peer \(script) did not report its port within \(startupTimeout) s"
                    + (said.isEmpty ? "" : "; it said:\n\(said)")
            )
        }
        return PeerProcess(port: port, child: child, output: output)
    }

    /// The port in a peer's first line: `8080` or `PORT 8080`.
    private static func port(in line: String) -> Int? {
        Int(line.hasPrefix("PORT ") ? String(line.dropFirst(5)) : line)
    }

    deinit { child.stop() }

    /// The lines printed after the port, so far.
    public var lines: [String] { Array(output.lines.dropFirst()) }

    /// The lines after the port that decode as `Report` (JSON), in order.
    public func reports<Report: Decodable>(as type: Report.Type = Report.self) -> [Report] {
        lines.compactMap { try? JSONDecoder().decode(Report.self, from: Data($0.utf8)) }
    }

    /// Waits (up to `timeout` seconds) for `count` reports and returns the
    /// reports there are by then.
    public func reports<Report: Decodable>(
        count: Int,
        as type: Report.Type = Report.self,
        timeout: Double = 10
    ) async -> [Report] {
        await eventualValue(timeout: timeout) {
            let reports: [Report] = self.reports()
            return reports.count >= count ? reports : nil
        } ?? reports()
    }

    /// Ends the peer at once (SIGKILL: a peer keeps nothing worth a clean
    /// exit, and a test runner may ignore SIGTERM, which children inherit).
    public func stop() { child.stop() }

    /// Sends the peer `signal` (`SIGSTOP` freezes it as a hung server).
    public func send(_ signal: Int32) { child.send(signal) }
}

/// A peer or program did not behave as a test expects of it; the
/// description says how.
public struct PeerFailure: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
