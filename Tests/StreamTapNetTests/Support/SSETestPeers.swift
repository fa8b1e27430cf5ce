import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the SSE tests find their Python peers, and whether they run.
///
/// `STREAMTAP_PEER_PYTHON` (set by `Scripts/test.sh`) names the Python with
/// aiohttp and aiohttp-sse. Without it, peer tests are skipped with a
/// reason, except under `CI=true`, where they run and fail saying what is
/// missing.
enum SSETestPeers {
    static let python = ProcessInfo.processInfo.environment["STREAMTAP_PEER_PYTHON"]
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether peer tests run (the `.enabled(if:)` condition).
    static let enabled = python != nil || isCI
    static let skipReason: Comment =
        "STREAMTAP_PEER_PYTHON is not set: run Scripts/test.sh to prepare the Python test peers"

    /// The repository's `Tests/Peers` folder.
    static let peersDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Peers")

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The byte-exact socket server (`Tests/Peers/sse_raw_server.py`).
    static func rawServer() async throws -> SSEPeerServer {
        try await SSEPeerServer.start(script: "sse_raw_server.py")
    }

    /// The aiohttp + aiohttp-sse app (`Tests/Peers/sse_aiohttp_app.py`).
    static func aiohttpApp() async throws -> SSEPeerServer {
        try await SSEPeerServer.start(script: "sse_aiohttp_app.py")
    }

    static func requirePython() throws -> String {
        guard let python else {
            throw Missing(
                description:
                    "STREAMTAP_PEER_PYTHON is not set but CI=true requires the Python peers: run the tests with Scripts/test.sh"
            )
        }
        return python
    }
}

/// One request a peer received, as it printed it.
struct SSEPeerRequest: Decodable {
    var method: String
    var target: String
    var headers: [[String]]
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }
}

/// A peer server process on 127.0.0.1: started with a lifetime bound,
/// asked for its port, and killed when the test is done with it.
final class SSEPeerServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let lines: SSELineCollector

    private init(port: Int, process: Process, lines: SSELineCollector) {
        self.port = port
        self.process = process
        self.lines = lines
    }

    /// Starts `script` from `Tests/Peers` and waits (at most 10 s) for the
    /// port it prints.
    static func start(script: String, lifetimeSeconds: Int = 60) async throws -> SSEPeerServer {
        let python = try SSETestPeers.requirePython()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [
            SSETestPeers.peersDirectory.appendingPathComponent(script).path, "--lifetime", String(lifetimeSeconds),
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        let lines = SSELineCollector(output.fileHandleForReading)
        try process.run()
        let first = await SSEWaiting.value(timeout: 10) { lines.all.first }
        guard let first, first.hasPrefix("PORT "), let port = Int(first.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            throw SSETestPeers.Missing(description: "the peer \(script) did not report its port within 10 s")
        }
        return SSEPeerServer(port: port, process: process, lines: lines)
    }

    deinit { stop() }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The requests the peer has received so far, in order.
    func requests() -> [SSEPeerRequest] {
        lines.all.dropFirst().compactMap { try? JSONDecoder().decode(SSEPeerRequest.self, from: Data($0.utf8)) }
    }

    /// Waits (up to `timeout` seconds) until the peer has received `count`
    /// requests, and returns them.
    func requests(count: Int, timeout: Double = 10) async -> [SSEPeerRequest] {
        await SSEWaiting.value(timeout: timeout) { requests().count >= count ? requests() : nil } ?? requests()
    }

    /// Ends the peer at once (SIGKILL: a peer keeps nothing worth a clean
    /// exit) and reaps it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Bounded polling that never blocks a thread of the concurrency pool.
enum SSEWaiting {
    /// Polls `probe` every 10 ms until it gives a value or `timeout`
    /// seconds have passed.
    static func value<T>(timeout: Double, _ probe: () -> T?) async -> T? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let value = probe() { return value }
            guard Date() < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// Reads a pipe on its own thread and keeps its lines.
final class SSELineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    private var partial = Data()

    init(_ handle: FileHandle) {
        let thread = Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                append(data)
            }
        }
        thread.start()
    }

    var all: [String] { lock.withLock { collected } }

    private func append(_ data: Data) {
        lock.withLock {
            partial.append(data)
            while let newline = partial.firstIndex(of: 0x0A) {
                collected.append(String(decoding: partial[partial.startIndex..<newline], as: UTF8.self))
                partial = Data(partial[partial.index(after: newline)...])
            }
        }
    }
}
