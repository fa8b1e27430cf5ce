import Foundation

/// A program outside the package that a test needs: the peer Python, curl,
/// tmux, the built binary. It is found on this machine or it is missing,
/// and then a sentence says what to do about it.
public struct Prerequisite: Sendable {
    /// What it is, as a missing-list names it.
    public let name: String
    /// What to do when it is missing.
    public let remedy: String
    private let find: @Sendable () -> String?

    /// A prerequisite named `name`, found by `find` (a path, or `nil`
    /// when it is missing); `remedy` says how to get it.
    public init(name: String, remedy: String, find: @escaping @Sendable () -> String?) {
        self.name = name
        self.remedy = remedy
        self.find = find
    }

    /// Its path on this machine, if it is there.
    public var path: String? { find() }

    /// Its path; throws ``PrerequisiteMissing`` when it is missing.
    public func require() throws -> String {
        guard let path else { throw PrerequisiteMissing([self]) }
        return path
    }

    /// `name: remedy`, for a missing-list.
    public var sentence: String { "\(name) is missing: \(remedy)" }
}

extension Prerequisite {
    /// The Python with the peers' packages, named by
    /// `STREAMTAP_PEER_PYTHON` (`Scripts/test.sh` prepares it).
    public static let peerPython = Prerequisite(
        name: "the peer Python (STREAMTAP_PEER_PYTHON)",
        remedy: "set STREAMTAP_PEER_PYTHON to a Python with Tests/Peers/requirements.txt installed, "
            + "as Scripts/test.sh does"
    ) {
        let path = ProcessInfo.processInfo.environment["STREAMTAP_PEER_PYTHON"] ?? ""
        return !path.isEmpty && FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// The `pyte` terminal emulator in the peer Python (for the pty tests).
    public static let pyte = peerModule(.pyte, named: "pyte")

    /// python-socketio and uvicorn in the peer Python (the Socket.IO lens tests).
    public static let socketIO = peerModule(.socketIO, named: "python-socketio")

    /// strawberry-graphql in the peer Python (the GraphQL lens tests).
    public static let strawberry = peerModule(.strawberry, named: "strawberry-graphql")

    /// FastAPI and the openai, anthropic and ollama SDKs in the peer Python
    /// (the model stream tests).
    public static let modelSDKs = peerModule(.modelSDKs, named: "fastapi and the openai, anthropic and ollama SDKs")

    /// A package of `Tests/Peers/requirements.txt` in the peer Python: the
    /// peer Python's path when it imports `module`.
    private static func peerModule(_ module: PythonModule, named name: String) -> Prerequisite {
        Prerequisite(
            name: "\(name) in the peer Python",
            remedy: "install Tests/Peers/requirements.txt into STREAMTAP_PEER_PYTHON (Scripts/test.sh does)"
        ) { module.isImportable ? peerPython.path : nil }
    }

    /// The Python with amqtt, named by `STREAMTAP_MQTT_PYTHON`: amqtt pins
    /// a websockets release older than the other peers', so it has its own
    /// (`Scripts/test.sh` prepares it from `Tests/Peers/requirements-mqtt.txt`).
    public static let mqttPython = Prerequisite(
        name: "the MQTT broker's Python (STREAMTAP_MQTT_PYTHON)",
        remedy: "set STREAMTAP_MQTT_PYTHON to a Python with Tests/Peers/requirements-mqtt.txt installed, "
            + "as Scripts/test.sh does"
    ) {
        let path = ProcessInfo.processInfo.environment["STREAMTAP_MQTT_PYTHON"] ?? ""
        return !path.isEmpty && FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// RabbitMQ's server script (Debian's rabbitmq-server package), for
    /// the STOMP over WebSocket broker.
    public static let rabbitMQ = Prerequisite(
        name: "RabbitMQ (rabbitmq-server)",
        remedy: "install the rabbitmq-server package (.ci/run does)"
    ) {
        let path = ProcessInfo.processInfo.environment["RABBITMQ_SERVER"] ?? "/usr/lib/rabbitmq/bin/rabbitmq-server"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Debian's mosquitto (MQTT 5.0) and a network namespace to run it in
    /// (`unshare --net`, as root): its WebSocket listener binds every
    /// address, so it runs where loopback is the only network.
    public static let isolatedMosquitto = Prerequisite(
        name: "mosquitto in a network namespace of its own",
        remedy: "install the mosquitto package and run the tests as root (.ci/run does both)"
    ) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/mosquitto"),
            let unshare = SearchPath.find("unshare"),
            SearchPath.find("ip") != nil || FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
        else { return nil }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: unshare)
        probe.arguments = ["--net", "true"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return nil }
        probe.waitUntilExit()
        return probe.terminationStatus == 0 ? unshare : nil
    }

    /// `curl` from `PATH`.
    public static let curl = Prerequisite(name: "curl", remedy: "install curl") { SearchPath.find("curl") }

    /// `tmux` from `PATH`.
    public static let tmux = Prerequisite(name: "tmux", remedy: "install tmux") { SearchPath.find("tmux") }

    /// `openssl` from `PATH`, to make test certificates.
    public static let openssl = Prerequisite(name: "openssl", remedy: "install openssl") {
        SearchPath.find("openssl")
    }

    /// The `streamtap` binary, built next to the tests.
    public static let streamtap = Prerequisite(
        name: "the streamtap binary",
        remedy: "build it with swift build (swift test does)"
    ) { BuiltProducts.path(of: "streamtap") }
}
