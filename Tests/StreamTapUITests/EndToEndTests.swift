import Foundation
import StreamTapTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `streamtap` binary in tmux against a real WebSocket peer (the
/// Python `websockets` server in Tests/Peers): connect, send, see the echo,
/// inspect, filter, resize, quit, and get the shell screen back.
@Suite(.serialized, .requires(.tmux, .streamtap)) struct EndToEndTests {
    @Test(.requires(.peerPython)) func aSessionInTmux() async throws {
        let binary = try Prerequisite.streamtap.require()
        let peer = try await WebSocketPeer.start(lifetime: 120)
        defer { peer.stop() }
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let url = "ws://127.0.0.1:\(peer.port)/echo"
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color '\(binary)' --subprotocol chat.v2 \(url); "
            + "printf 'AFTER-TUI exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])

        try await tmux.waitFor("the connection to open") {
            $0.contains("\u{25CF} open") && $0.contains("101 Switching Protocols")
        }

        try tmux.run(["send-keys", "-t", "0", "i"])
        try await tmux.waitFor("the composer") { $0.contains("send as") }
        try tmux.run(["send-keys", "-t", "0", "-l", "hello from e2e"])
        try tmux.run(["send-keys", "-t", "0", "C-s"])
        try await tmux.waitFor("the echo") { screen in
            screen.split(separator: "\n").contains { $0.contains("\u{2193} text") && $0.contains("hello from e2e") }
        }
        try await tmux.pressEscape()
        try await tmux.waitFor("the composer to close") { !$0.contains("send as") }

        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try await tmux.waitFor("the inspector") { $0.contains("Payload, text") && $0.contains("in (server → us)") }
        try await tmux.pressEscape()
        try await tmux.waitFor("the list") { $0.contains("Enter inspect") }

        try tmux.run(["send-keys", "-t", "0", "/"])
        try tmux.run(["send-keys", "-t", "0", "-l", "no-such-text"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try await tmux.waitFor("the filter to hide everything") { $0.contains("no event matches the filter") }
        try await tmux.pressEscape()
        try await tmux.waitFor("the filter to clear") { $0.contains("hello from e2e") }

        try tmux.run(["resize-window", "-t", "0", "-x", "60", "-y", "15"])
        try await tmux.waitFor("the smaller layout") { screen in
            let lines = screen.split(separator: "\n")
            return lines.contains { $0.hasPrefix("\u{250C}") && $0.hasSuffix("\u{2510}") && $0.count == 60 }
        }

        try tmux.run(["send-keys", "-t", "0", "q"])
        let restored = try await tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
        #expect(restored.contains("BEFORE-TUI"))
        #expect(!restored.contains("\u{2502}"))
    }
}

extension EndToEndTests {
    /// `streamtap demo`: both panes live within seconds; a reconnect on the
    /// SSE pane resumes with Last-Event-ID and no gap in the sequence.
    @Test func theDemoShowsBothProtocolsAndSSEResumesWithoutAGap() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try tmux.launch(binary, "demo --interval 200", marker: "AFTER-DEMO")

        try await tmux.waitFor("both tickers") { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":2") && panes.right.contains("\"seq\":2")
                && screen.contains("101 Switching Protocols") && screen.contains("200 OK")
        }

        try tmux.run(["send-keys", "-t", "0", "Tab"])
        try tmux.run(["send-keys", "-t", "0", "r"])
        let resumed = try await tmux.waitFor("the SSE pane to reconnect and tick on") { screen in
            let right = Self.panes(screen).right
            guard let reopened = right.range(of: "200 OK", options: .backwards),
                right.components(separatedBy: "200 OK").count >= 3
            else { return false }
            return right[reopened.upperBound...].components(separatedBy: "\"seq\":").count >= 4
        }
        Self.expectGapFreeTicks(in: Self.panes(resumed).right)

        try tmux.run(["send-keys", "-t", "0", "h"])
        try await tmux.waitFor("the resumed handshake") { $0.contains("Last-Event-ID:") }
        try await tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
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
    @Test func theFaultMenusDropReconnectsTheSSEPaneWithoutAGap() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try tmux.launch(binary, "demo --interval 200", marker: "AFTER-DEMO")
        try await tmux.waitFor("both panes live within 2 s", seconds: 2) { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":2") && panes.right.contains("\"seq\":2")
        }

        try tmux.run(["send-keys", "-t", "0", "Tab"])
        try tmux.run(["send-keys", "-t", "0", "f"])
        try await tmux.waitFor("the fault menu") { $0.contains("Faults") && $0.contains("Drop now (abrupt)") }
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        let resumed = try await tmux.waitFor("the SSE pane to drop, reconnect and tick on") { screen in
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
        try await tmux.waitFor("the explanation of Last-Event-ID") { $0.contains("last `id:` field was") }
        try await tmux.pressEscape()
        try await tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
    }
}

extension EndToEndTests {
    /// Saved endpoints in the real binary: the empty workspace lists them,
    /// `:` and a name opens one, `:save NAME` adds the connection to
    /// endpoints.yaml, and a sent message comes back with Up next run.
    @Test(.requires(.peerPython)) func savedEndpointsOpenSaveAndRememberWhatWasSent() async throws {
        let binary = try Prerequisite.streamtap.require()
        let peer = try await WebSocketPeer.start(lifetime: 120)
        defer { peer.stop() }
        let home = try TemporaryFolder("streamtap-e2e")
        defer { home.remove() }
        try home.write(
            "endpoints:\n  - name: echo\n    url: ws://127.0.0.1:\(peer.port)/echo\n",
            to: "config/streamtap/endpoints.yaml"
        )
        let endpointsFile = home.url.appendingPathComponent("config/streamtap/endpoints.yaml")
        let variables = "XDG_CONFIG_HOME='\(home.path)/config' XDG_STATE_HOME='\(home.path)/state' TERM=xterm-256color"

        let tmux = try Tmux()
        defer { tmux.killServer() }
        try tmux.run([
            "new-session", "-d", "-x", "120", "-y", "40",
            "\(variables) '\(binary)'; printf 'AFTER-TUI exit=%s\\n' $?; sleep 60",
        ])
        try await tmux.waitFor("the saved endpoints") { $0.contains("Saved endpoints") && $0.contains("/echo") }
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "echo"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try await tmux.waitFor("the saved endpoint to open") { $0.contains("101 Switching Protocols") }
        try tmux.run(["send-keys", "-t", "0", "i"])
        try await tmux.waitFor("the composer") { $0.contains("send as") }
        try tmux.run(["send-keys", "-t", "0", "-l", "remember me"])
        try tmux.run(["send-keys", "-t", "0", "C-s"])
        try await tmux.waitFor("the echo") { screen in
            screen.split(separator: "\n").contains { $0.contains("\u{2193} text") && $0.contains("remember me") }
        }
        try await tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "save again"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try await tmux.waitFor("the save to be confirmed") { $0.contains("saved as 'again'") }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
        tmux.killServer()

        let saved = try String(contentsOf: endpointsFile, encoding: .utf8)
        #expect(saved.hasPrefix("endpoints:\n  - name: echo\n"))
        #expect(saved.contains("- name: again\n    url: ws://127.0.0.1:\(peer.port)/echo"))

        try tmux.run([
            "new-session", "-d", "-x", "100", "-y", "30",
            "\(variables) '\(binary)' again; printf 'AFTER-TUI exit=%s\\n' $?; sleep 60",
        ])
        try await tmux.waitFor("the endpoint saved from the TUI to open") { $0.contains("101 Switching Protocols") }
        try tmux.run(["send-keys", "-t", "0", "i"])
        try await tmux.waitFor("the composer") { $0.contains("send as") }
        try tmux.run(["send-keys", "-t", "0", "Up"])
        try await tmux.waitFor("last run's message from the history") { screen in
            screen.contains("remember me") && !screen.contains("\u{2193} text")
        }
        try await tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=0") }
    }

    /// `streamtap replay` of a shipped recording: the events, the inspector
    /// and the timeline work offline, and sending says why it cannot.
    @Test func replayShowsARecordingOffline() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let sample = Repository.file("Resources/samples/websocket-ticker.jsonl").path
        try tmux.launch(binary, "replay '\(sample)'", marker: "AFTER-REPLAY")

        try await tmux.waitFor("the recorded session") { screen in
            screen.contains("101 Switching Protocols") && screen.contains("\"seq\":3") && screen.contains("1000")
        }
        try tmux.run(["send-keys", "-t", "0", "G", "k", "k", "Enter"])
        try await tmux.waitFor("the inspector") { $0.contains("Payload, text") }
        try await tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "t"])
        try await tmux.waitFor("the timeline") { $0.contains("Timeline") }
        try await tmux.pressEscape()

        try tmux.run(["send-keys", "-t", "0", "i"])
        try await tmux.waitFor("the refusal") { $0.contains("this is a recording: it plays back what was received") }
        #expect(!(try tmux.capture()).contains("send as"))
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
    }

    /// `streamtap demo --record FILE`: both panes' events land in the file
    /// while the TUI runs, and `replay` of that file shows them again.
    @Test func demoRecordsASessionThatReplays() async throws {
        let binary = try Prerequisite.streamtap.require()
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let command =
            "TERM=xterm-256color '\(binary)' demo --interval 100 --record '\(recording)'; "
            + "printf 'AFTER-DEMO exit=%s\\n' $?; TERM=xterm-256color '\(binary)' replay '\(recording)'; "
            + "printf 'AFTER-REPLAY exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])
        try await tmux.waitFor("both tickers") { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":5") && panes.right.contains("\"seq\":5")
        }
        let written = try String(contentsOfFile: recording, encoding: .utf8)
        #expect(written.contains(#""kind":"open","ts":"#))
        #expect(written.contains(#""conn":1,"direction":"in","opcode":"text""#))
        #expect(written.contains(#""kind":"event","ts":"#))
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("quitting to ask first while recording") { $0.contains("press q again to quit") }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the replay") { screen in
            let panes = Self.panes(screen)
            return panes.left.contains("\"seq\":5") && panes.right.contains("\"seq\":5")
                && screen.contains("replay ws://127.0.0.1:") && screen.contains("replay http://127.0.0.1:")
        }
        try tmux.run(["send-keys", "-t", "0", "q"])
        let end = try await tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
        #expect(end.contains("AFTER-DEMO exit=0"))
    }

    /// The palette's "Record the session" starts a recording part way
    /// through (it opens with each connection's handshake) and stops it.
    @Test func thePaletteRecordsPartOfASession() async throws {
        let binary = try Prerequisite.streamtap.require()
        let folder = try TemporaryFolder("record")
        defer { folder.remove() }
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let command =
            "cd '\(folder.path)' && TERM=xterm-256color '\(binary)' demo --interval 100; "
            + "printf 'AFTER-DEMO exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "120", "-y", "40", command])
        try await tmux.waitFor("both tickers") { Self.panes($0).left.contains("\"seq\":3") }
        try tmux.run(["send-keys", "-t", "0", ":"])
        try tmux.run(["send-keys", "-t", "0", "-l", "record the session"])
        try tmux.run(["send-keys", "-t", "0", "Enter"])
        try await tmux.waitFor("the recording notice") { $0.contains("recording every event to streamtap-") }
        try tmux.run(["send-keys", "-t", "0", "v"])
        try await tmux.waitFor("the REC sign") { $0.split(separator: "\n").last?.hasPrefix("\u{25CF} REC") == true }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".jsonl") }
        let file = try #require(files.first)
        let path = folder.path(file)
        var lines: [Substring] = []
        for _ in 0..<100 where lines.filter({ $0.contains(#""kind":"event""#) }).count < 3 {
            try await Task.sleep(for: .milliseconds(50))
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
        try await tmux.waitFor("the stop notice") { $0.contains("recording stopped; open it with: streamtap replay") }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-DEMO exit=0") }
    }

    /// A recording cut short opens up to its last good line and names the
    /// line that stopped it.
    @Test func replayOfATruncatedRecordingSaysWhereItStops() async throws {
        let binary = try Prerequisite.streamtap.require()
        let folder = try TemporaryFolder("cut")
        defer { folder.remove() }
        let sample = try Data(contentsOf: Repository.file("Resources/samples/websocket-ticker.jsonl"))
        try folder.write(sample.prefix(sample.count - 25), to: "cut.jsonl")
        let cut = folder.url.appendingPathComponent("cut.jsonl")
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try tmux.launch(binary, "replay '\(cut.path)'", marker: "AFTER-REPLAY")
        try await tmux.waitFor("the notice") { screen in
            screen.contains("\"seq\":3") && screen.contains("line 11: the recording is cut short")
        }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
    }

    /// A HAR file saved by Chrome DevTools replays with its messages and
    /// handshake.
    @Test func replayOfAChromeHARFile() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let har = Repository.file("Resources/samples/chrome-websocket.har").path
        try tmux.launch(binary, "replay '\(har)'", marker: "AFTER-REPLAY")
        try await tmux.waitFor("the messages") { screen in
            screen.contains("101 Switching Protocols") && screen.contains("h\u{E9}llo \u{2713}")
                && screen.contains("\u{2191} text")
        }
        try tmux.run(["send-keys", "-t", "0", "h"])
        try await tmux.waitFor("the handshake") { $0.contains("Sec-WebSocket-Protocol: chat.v2") }
        try await tmux.pressEscape()
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-REPLAY exit=0") }
    }
}

extension EndToEndTests {
    /// `cat --raw-binary` never writes server bytes to a terminal.
    @Test func rawBinaryIsRefusedOnATerminal() async throws {
        let binary = try Prerequisite.streamtap.require()
        let tmux = try Tmux()
        defer { tmux.killServer() }
        try tmux.run([
            "new-session", "-d", "-x", "160", "-y", "10",
            "'\(binary)' cat --raw-binary ws://127.0.0.1:9/; printf 'AFTER-CAT\\n'; sleep 30",
        ])
        let screen = try await tmux.waitFor("cat to finish") { $0.contains("AFTER-CAT") }
        #expect(screen.contains("--raw-binary is ignored on a terminal: binary messages are shown as Base64"))
    }
}

extension EndToEndTests {
    /// SIGTERM or SIGINT sent to the running binary (not typed in the
    /// terminal) ends it as `q` does: the shell screen and what was printed
    /// before come back, no box-drawing character is left, the status is 0.
    @Test(.requires(.peerPython), arguments: [SIGTERM, SIGINT])
    func aSignalRestoresTheTerminal(signal: Int32) async throws {
        let binary = try Prerequisite.streamtap.require()
        let peer = try await WebSocketPeer.start(lifetime: 120)
        defer { peer.stop() }
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(tmux.socket).pid").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let command =
            "printf 'BEFORE-TUI\\n'; TERM=xterm-256color sh -c 'echo $$ > \(pidFile); exec \"$0\" \"$1\"' "
            + "'\(binary)' ws://127.0.0.1:\(peer.port)/echo; printf 'AFTER-TUI exit=%s\\n' $?; sleep 60"
        try tmux.run(["new-session", "-d", "-x", "100", "-y", "30", command])
        try await tmux.waitFor("the connection to open") {
            $0.contains("\u{25CF} open") && $0.contains("101 Switching")
        }
        let text = try String(contentsOfFile: pidFile, encoding: .utf8)
        let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))

        kill(pid, signal)
        let restored = try await tmux.waitFor("the shell screen") { $0.contains("AFTER-TUI exit=") }
        #expect(restored.contains("AFTER-TUI exit=0"), "\(restored)")
        #expect(restored.contains("BEFORE-TUI"))
        #expect(
            !restored.unicodeScalars.contains { (0x2500...0x257F).contains($0.value) },
            "box drawing left on the screen:\n\(restored)"
        )
    }
}
