import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `streamtap` binary in tmux against a real WebSocket peer (the
/// Python `websockets` server in Tests/Peers): connect, send, see the echo,
/// inspect, filter, resize, quit, and get the shell screen back.
@Suite(.serialized) struct EndToEndTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func aSessionInTmux() throws {
        guard let environment = try Prerequisites.check() else { return }
        let peer = try Peer.start(
            python: environment.python,
            script: Self.packageRoot.appendingPathComponent("Tests/Peers/ws_peer_server.py")
        )
        defer { peer.stop() }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let url = "ws://127.0.0.1:\(peer.port)/echo"
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color '\(environment.binary.path)' --subprotocol chat.v2 \(url); "
            + "printf 'AFTER-TUI exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])

        try tmux.waitFor("the connection to open") {
            $0.contains("\u{25CF} open") && $0.contains("101 Switching Protocols")
        }

        try tmux.run(["send-keys", "-t", "0", "i"])
        try tmux.waitFor("the composer") { $0.contains("send as") }
        try tmux.run(["send-keys", "-t", "0", "-l", "hello from e2e"])
        try tmux.run(["send-keys", "-t", "0", "C-s"])
        try tmux.waitFor("the echo") { screen in
            screen.split(separator: "\n").contains { $0.contains("\u{2193} text") && $0.contains("hello from e2e") }
        }
        try tmux.pressEscape()
        try tmux.waitFor("the composer to close") { !$0.contains("send as") }

        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try tmux.waitFor("the inspector") { $0.contains("Payload, text") && $0.contains("in (server → us)") }
        try tmux.pressEscape()
        try tmux.waitFor("the list") { $0.contains("Enter inspect") }

        try tmux.run(["send-keys", "-t", "0", "/"])
        try tmux.run(["send-keys", "-t", "0", "-l", "no-such-text"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try tmux.waitFor("the filter to hide everything") { $0.contains("no event matches the filter") }
        try tmux.pressEscape()
        try tmux.waitFor("the filter to clear") { $0.contains("hello from e2e") }

        try tmux.run(["resize-window", "-t", "0", "-x", "60", "-y", "15"])
        try tmux.waitFor("the smaller layout") { screen in
            let lines = screen.split(separator: "\n")
            return lines.contains { $0.hasPrefix("\u{250C}") && $0.hasSuffix("\u{2510}") && $0.count == 60 }
        }

        try tmux.run(["send-keys", "-t", "0", "q"])
        let restored = try tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
        #expect(restored.contains("BEFORE-TUI"))
        #expect(!restored.contains("\u{2502}"))
    }
}

extension EndToEndTests {
    /// `streamtap demo`: both panes live within seconds; a reconnect on the
    /// SSE pane resumes with Last-Event-ID and no gap in the sequence.
    @Test func theDemoShowsBothProtocolsAndSSEResumesWithoutAGap() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try tmux.launch(environment.binary, "demo --interval 200", marker: "AFTER-DEMO")

        try tmux.waitFor("both tickers") { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":2") && panes.right.contains("\"seq\":2")
                && screen.contains("101 Switching Protocols") && screen.contains("200 OK")
        }

        try tmux.run(["send-keys", "-t", "0", "Tab"])
        try tmux.run(["send-keys", "-t", "0", "r"])
        let resumed = try tmux.waitFor("the SSE pane to reconnect and tick on") { screen in
            let right = Self.panes(screen).right
            guard let reopened = right.range(of: "200 OK", options: .backwards),
                right.components(separatedBy: "200 OK").count >= 3
            else { return false }
            return right[reopened.upperBound...].components(separatedBy: "\"seq\":").count >= 4
        }
        Self.expectGapFreeTicks(in: Self.panes(resumed).right)

        try tmux.run(["send-keys", "-t", "0", "h"])
        try tmux.waitFor("the resumed handshake") { $0.contains("Last-Event-ID:") }
        try tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
    }

    /// At least five ticks in `pane`, numbered one after another: nothing
    /// lost or repeated across a reconnection.
    static func expectGapFreeTicks(in pane: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let sequence = pane.components(separatedBy: "\"seq\":").dropFirst().compactMap { part in
            Int(part.prefix { $0.isNumber })
        }
        #expect(sequence.count >= 5, sourceLocation: sourceLocation)
        #expect(
            sequence == Array((sequence.first ?? 0)..<((sequence.first ?? 0) + sequence.count)),
            "gap in \(sequence)",
            sourceLocation: sourceLocation
        )
    }

    /// The left and right stream panes' text, row by row.
    static func panes(_ screen: String) -> (left: String, right: String) {
        var left: [String] = []
        var right: [String] = []
        for line in screen.split(separator: "\n") {
            let halves = line.components(separatedBy: "\u{2502}\u{2502}")
            guard halves.count == 2 else { continue }
            left.append(halves[0])
            right.append(halves[1])
        }
        return (left.joined(separator: "\n"), right.joined(separator: "\n"))
    }
}

extension EndToEndTests {
    /// `streamtap demo`: both panes live within 2 s; the fault menu's drop
    /// on the SSE pane shows a reconnect, and the ids resume with no gap
    /// (the explanation of the new handshake says why Last-Event-ID went).
    @Test func theFaultMenusDropReconnectsTheSSEPaneWithoutAGap() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try tmux.launch(environment.binary, "demo --interval 200", marker: "AFTER-DEMO")
        try tmux.waitFor("both panes live within 2 s", seconds: 2) { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":2") && panes.right.contains("\"seq\":2")
        }

        try tmux.run(["send-keys", "-t", "0", "Tab"])
        try tmux.run(["send-keys", "-t", "0", "f"])
        try tmux.waitFor("the fault menu") { $0.contains("Faults") && $0.contains("Drop now (abrupt)") }
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        let resumed = try tmux.waitFor("the SSE pane to drop, reconnect and tick on") { screen in
            let right = Self.panes(screen).right
            guard screen.contains("SSE ticker \u{25CF} open \u{21BB}1"),
                let dropped = right.range(of: "1006"),
                let reopened = right[dropped.upperBound...].range(of: "200 OK")
            else { return false }
            return right[reopened.upperBound...].components(separatedBy: "\"seq\":").count >= 4
        }
        Self.expectGapFreeTicks(in: Self.panes(resumed).right)

        try tmux.run(["send-keys", "-t", "0", "h"])
        try tmux.run(["send-keys", "-t", "0", "e"])
        try tmux.waitFor("the explanation of Last-Event-ID") { $0.contains("last `id:` field was") }
        try tmux.pressEscape()
        try tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
    }
}

/// What the end-to-end test needs, or why it cannot run.
struct Prerequisites {
    var python: String
    var tmux: String
    var binary: URL

    /// The prerequisites, or `nil` (after saying why) when the test should
    /// be skipped; under `CI=true` a missing one fails instead.
    static func check() throws -> Prerequisites? {
        let environment = ProcessInfo.processInfo.environment
        let binary = EndToEndTests.packageRoot.appendingPathComponent(".build/debug/streamtap")
        var missing: [String] = []
        let python = environment["STREAMTAP_PEER_PYTHON"] ?? ""
        if python.isEmpty || !FileManager.default.isExecutableFile(atPath: python) {
            missing.append("STREAMTAP_PEER_PYTHON (run Scripts/test.sh)")
        }
        let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        if tmux == nil { missing.append("tmux") }
        if !FileManager.default.isExecutableFile(atPath: binary.path) { missing.append(binary.path) }
        guard missing.isEmpty, let tmux else {
            let reason = "end-to-end TUI test needs " + missing.joined(separator: ", ")
            if environment["CI"] == "true" {
                Issue.record(Comment(rawValue: reason))
            } else {
                print("skipped: \(reason)")
            }
            return nil
        }
        return Prerequisites(python: python, tmux: tmux, binary: binary)
    }
}

/// The Python WebSocket peer, on a free loopback port, stopped at the end.
private struct Peer {
    let pid: pid_t
    let port: Int

    static func start(python: String, script: URL) throws -> Peer {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID()).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let pid = try ChildProcess.spawn(python, [script.path, "120"], standardOutput: outputPath)
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n"), let port = Int(line) {
                return Peer(pid: pid, port: port)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        ChildProcess.stop(pid)
        throw EndToEndFailure("the peer did not print its port")
    }

    func stop() {
        ChildProcess.stop(pid)
    }
}

/// A tmux server of its own (a unique socket name), killed at the end.
struct Tmux {
    let executable: String
    let socket = "streamtap-test-\(UInt32.random(in: 0...UInt32.max))"

    /// Runs a tmux command and returns its standard output. It goes
    /// through a file, not a pipe: the server `new-session` starts would
    /// keep a pipe open for ever.
    @discardableResult
    func run(_ arguments: [String], readingOutput: Bool = false) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID()).out").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try ChildProcess.run(executable, ["-L", socket] + arguments, standardOutput: outputPath)
        guard status == 0 else {
            throw EndToEndFailure("tmux \(arguments.joined(separator: " ")) failed with status \(status)")
        }
        return readingOutput ? (try String(contentsOfFile: outputPath, encoding: .utf8)) : ""
    }

    /// Starts a `columns`×`rows` session running `binary` with `arguments`
    /// (shell words, already quoted) in an xterm-256color terminal, then
    /// printing `MARKER exit=STATUS` and waiting, so a test can see how it
    /// ended and that the shell got its terminal back.
    func launch(
        _ binary: URL,
        _ arguments: String,
        marker: String,
        columns: Int = 120,
        rows: Int = 40
    ) throws {
        let command =
            "TERM=xterm-256color '\(binary.path)' \(arguments); printf '\(marker) exit=%s\\n' $?; sleep 60"
        try run(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", command])
    }

    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", "0"], readingOutput: true)
    }

    /// Polls the screen (up to `seconds`) until `condition` holds; returns
    /// the screen, or throws with the last screen.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw EndToEndFailure("timed out waiting for \(what); the screen was:\n\(screen)")
    }

    /// Esc on its own, so the terminal does not read it as Alt with the
    /// next key.
    func pressEscape() throws {
        Thread.sleep(forTimeInterval: 0.1)
        try run(["send-keys", "-t", "0", "Escape"])
        Thread.sleep(forTimeInterval: 0.2)
    }

    /// Kills the server and removes its socket.
    func killServer() {
        _ = try? run(["kill-server"])
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }
}

/// Runs a program to completion with `posix_spawn` and `waitpid`.
enum ChildProcess {
    static func run(_ executable: String, _ arguments: [String], standardOutput: String) throws -> Int32 {
        let pid = try spawn(executable, arguments, standardOutput: standardOutput)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Ends a child started by `spawn` and reaps it.
    static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    static func spawn(_ executable: String, _ arguments: [String], standardOutput: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer {
            for argument in argv { free(argument) }
        }
        // Test threads block most signals and a child inherits that mask:
        // give it an empty mask and default handlers, as a shell would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw EndToEndFailure("could not start \(executable): error \(result)") }
        return pid
    }
}

struct EndToEndFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension EndToEndTests {
    /// Saved endpoints in the real binary: the empty workspace lists them,
    /// `:` and a name opens one, `:save NAME` adds the connection to
    /// endpoints.yaml, and a sent message comes back with Up next run.
    @Test func savedEndpointsOpenSaveAndRememberWhatWasSent() throws {
        guard let environment = try Prerequisites.check() else { return }
        let peer = try Peer.start(
            python: environment.python,
            script: Self.packageRoot.appendingPathComponent("Tests/Peers/ws_peer_server.py")
        )
        defer { peer.stop() }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("streamtap-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let settings = home.appendingPathComponent("config/streamtap")
        try FileManager.default.createDirectory(at: settings, withIntermediateDirectories: true)
        let endpointsFile = settings.appendingPathComponent("endpoints.yaml")
        try Data("endpoints:\n  - name: echo\n    url: ws://127.0.0.1:\(peer.port)/echo\n".utf8).write(
            to: endpointsFile
        )
        let variables = "XDG_CONFIG_HOME='\(home.path)/config' XDG_STATE_HOME='\(home.path)/state' TERM=xterm-256color"

        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try tmux.run([
            "new-session", "-d", "-x", "120", "-y", "40",
            "\(variables) '\(environment.binary.path)'; printf 'AFTER-TUI exit=%s\\n' $?; sleep 60",
        ])
        try tmux.waitFor("the saved endpoints") { $0.contains("Saved endpoints") && $0.contains("/echo") }
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "echo"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try tmux.waitFor("the saved endpoint to open") { $0.contains("101 Switching Protocols") }
        try tmux.run(["send-keys", "-t", "0", "i"])
        try tmux.waitFor("the composer") { $0.contains("send as") }
        try tmux.run(["send-keys", "-t", "0", "-l", "remember me"])
        try tmux.run(["send-keys", "-t", "0", "C-s"])
        try tmux.waitFor("the echo") { screen in
            screen.split(separator: "\n").contains { $0.contains("\u{2193} text") && $0.contains("remember me") }
        }
        try tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "save again"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try tmux.waitFor("the save to be confirmed") { $0.contains("saved as 'again'") }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
        tmux.killServer()

        let saved = try String(contentsOf: endpointsFile, encoding: .utf8)
        #expect(saved.hasPrefix("endpoints:\n  - name: echo\n"))
        #expect(saved.contains("- name: again\n    url: ws://127.0.0.1:\(peer.port)/echo"))

        try tmux.run([
            "new-session", "-d", "-x", "100", "-y", "30",
            "\(variables) '\(environment.binary.path)' again; printf 'AFTER-TUI exit=%s\\n' $?; sleep 60",
        ])
        try tmux.waitFor("the endpoint saved from the TUI to open") { $0.contains("101 Switching Protocols") }
        try tmux.run(["send-keys", "-t", "0", "i"])
        try tmux.waitFor("the composer") { $0.contains("send as") }
        try tmux.run(["send-keys", "-t", "0", "Up"])
        try tmux.waitFor("last run's message from the history") { screen in
            screen.contains("remember me") && !screen.contains("\u{2193} text")
        }
        try tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    /// `streamtap replay` of a shipped recording: the events, the inspector
    /// and the timeline work offline, and sending says why it cannot.
    @Test func replayShowsARecordingOffline() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let sample = Self.packageRoot.appendingPathComponent("Resources/samples/websocket-ticker.jsonl").path
        try tmux.launch(environment.binary, "replay '\(sample)'", marker: "AFTER-REPLAY")

        try tmux.waitFor("the recorded session") { screen in
            screen.contains("101 Switching Protocols") && screen.contains("\"seq\":3") && screen.contains("1000")
        }
        try tmux.run(["send-keys", "-t", "0", "G", "k", "k", "Enter"])
        try tmux.waitFor("the inspector") { $0.contains("Payload, text") }
        try tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "t"])
        try tmux.waitFor("the timeline") { $0.contains("Timeline") }
        try tmux.pressEscape()

        try tmux.run(["send-keys", "-t", "0", "i"])
        try tmux.waitFor("the refusal") { $0.contains("this is a recording: it plays back what was received") }
        #expect(!(try tmux.capture()).contains("send as"))
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
    }

    /// `streamtap demo --record FILE`: both panes' events land in the file
    /// while the TUI runs, and `replay` of that file shows them again.
    @Test func demoRecordsASessionThatReplays() throws {
        guard let environment = try Prerequisites.check() else { return }
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let binary = environment.binary.path
        let command =
            "TERM=xterm-256color '\(binary)' demo --interval 100 --record '\(recording)'; "
            + "printf 'AFTER-DEMO exit=%s\\n' $?; TERM=xterm-256color '\(binary)' replay '\(recording)'; "
            + "printf 'AFTER-REPLAY exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])
        try tmux.waitFor("both tickers") { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":5") && panes.right.contains("\"seq\":5")
        }
        let written = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(written.contains(#""kind":"open","ts":"#))
        #expect(written.contains(#""conn":1,"direction":"in","opcode":"text""#))
        #expect(written.contains(#""kind":"event","ts":"#))
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("quitting to ask first while recording") { $0.contains("press q again to quit") }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the replay") { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":5") && panes.right.contains("\"seq\":5")
                && screen.contains("replay ws://127.0.0.1:") && screen.contains("replay http://127.0.0.1:")
        }
        try tmux.run(["send-keys", "-t", "0", "q"])
        let end = try tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
        #expect(end.contains("AFTER-DEMO exit=0"))
    }

    /// The palette's "Record the session" starts a recording part way
    /// through (it opens with each connection's handshake) and stops it.
    @Test func thePaletteRecordsPartOfASession() throws {
        guard let environment = try Prerequisites.check() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let command =
            "cd '\(folder.path)' && TERM=xterm-256color '\(environment.binary.path)' demo --interval 100; "
            + "printf 'AFTER-DEMO exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])
        try tmux.waitFor("both tickers") { Self.panes($0).left.contains("\"seq\":3") }
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "record the session"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try tmux.waitFor("the recording notice") { $0.contains("recording every event to streamtap-") }
        try tmux.run(["send-keys", "-t", "0", "v"])
        try tmux.waitFor("the REC sign") { $0.split(separator: "\n").last?.hasPrefix("\u{25CF} REC") == true }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }
        let file = try #require(files.first)
        let path = folder.appendingPathComponent(file).path
        var lines: [Substring] = []
        for _ in 0..<100 where lines.filter({ $0.contains(#""kind":"event""#) }).count < 3 {
            Thread.sleep(forTimeInterval: 0.05)
            lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        }
        #expect(
            lines.prefix(4).map { $0.hasPrefix(#"{"kind":"connecting""#) || $0.hasPrefix(#"{"kind":"open""#) } == [
                true, true, true, true,
            ]
        )
        #expect(lines.filter { $0.contains(#""kind":"event""#) }.count >= 3)
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "record the session"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try tmux.waitFor("the stop notice") { $0.contains("recording stopped; open it with: streamtap replay") }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
    }

    /// A recording cut short opens up to its last good line and names the
    /// line that stopped it.
    @Test func replayOfATruncatedRecordingSaysWhereItStops() throws {
        guard let environment = try Prerequisites.check() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sample = try Data(
            contentsOf: Self.packageRoot.appendingPathComponent("Resources/samples/websocket-ticker.jsonl")
        )
        let cut = folder.appendingPathComponent("cut.jsonl")
        try sample.prefix(sample.count - 25).write(to: cut)
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try tmux.launch(environment.binary, "replay '\(cut.path)'", marker: "AFTER-REPLAY")
        try tmux.waitFor("the notice") { screen in
            screen.contains("\"seq\":3") && screen.contains("line 11: the recording is cut short")
        }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
    }

    /// A HAR file saved by Chrome DevTools replays with its messages and
    /// handshake.
    @Test func replayOfAChromeHARFile() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let har = Self.packageRoot.appendingPathComponent("Resources/samples/chrome-websocket.har").path
        try tmux.launch(environment.binary, "replay '\(har)'", marker: "AFTER-REPLAY")
        try tmux.waitFor("the messages") { screen in
            screen.contains("101 Switching Protocols") && screen.contains("h\u{E9}llo \u{2713}")
                && screen.contains("\u{2191} text")
        }
        try tmux.run(["send-keys", "-t", "0", "h"])
        try tmux.waitFor("the handshake") { $0.contains("Sec-WebSocket-Protocol: chat.v2") }
        try tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
    }
}

extension EndToEndTests {
    /// `cat --raw-binary` never writes server bytes to a terminal.
    @Test func rawBinaryIsRefusedOnATerminal() throws {
        guard let environment = try Prerequisites.check() else { return }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        try tmux.run([
            "new-session", "-d", "-x", "160", "-y", "10",
            "'\(environment.binary.path)' cat --raw-binary ws://127.0.0.1:9/; printf 'AFTER-CAT\\n'; sleep 30",
        ])
        let screen = try tmux.waitFor("cat to finish") { $0.contains("AFTER-CAT") }
        #expect(screen.contains("--raw-binary is ignored on a terminal: binary messages are shown as Base64"))
    }
}

extension EndToEndTests {
    /// SIGTERM or SIGINT sent to the running binary (not typed in the
    /// terminal) ends it as `q` does: the shell screen and what was printed
    /// before come back, no box-drawing character is left, the status is 0.
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalRestoresTheTerminal(signal: Int32) async throws {
        guard let environment = try Prerequisites.check() else { return }
        let peer = try Peer.start(
            python: environment.python,
            script: Self.packageRoot.appendingPathComponent("Tests/Peers/ws_peer_server.py")
        )
        defer { peer.stop() }
        let tmux = Tmux(executable: environment.tmux)
        defer { tmux.killServer() }
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(tmux.socket).pid").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color sh -c 'echo $$ > \(pidFile); exec \"$0\" \"$1\"' "
            + "'\(environment.binary.path)' ws://127.0.0.1:\(peer.port)/echo; printf 'AFTER-TUI exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "100", "-y", "30", command])
        try await Self.poll(tmux, "the connection to open") {
            $0.contains("\u{25CF} open") && $0.contains("101 Switching")
        }
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))

        kill(pid, signal)
        let restored = try await Self.poll(tmux, "the shell screen") { $0.contains("AFTER-TUI exit=") }
        #expect(restored.contains("AFTER-TUI exit=0"), "\(restored)")
        #expect(restored.contains("BEFORE-TUI"))
        #expect(
            !restored.unicodeScalars.contains { (0x2500...0x257F).contains($0.value) },
            "box drawing left on the screen:\n\(restored)"
        )
    }

    /// Polls the tmux screen without blocking a test thread.
    @discardableResult
    private static func poll(
        _ tmux: Tmux,
        _ what: String,
        seconds: Double = 15,
        _ condition: (String) -> Bool
    ) async throws
        -> String
    {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try tmux.capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EndToEndFailure("timed out waiting for \(what); the screen was:\n\(screen)")
    }
}
