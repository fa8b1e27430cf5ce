import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

/// `--record`, `export` and `replay` on the real `streamtap` binary.
@Suite(.serialized, .requires(.streamtap)) struct SessionCommandTests {
    /// A file `name` in a folder of its own (left for the system to clean).
    static func temporaryFile(_ name: String) throws -> URL {
        try TemporaryFolder("streamtap-sessions").url.appendingPathComponent(name)
    }

    /// Records an echo session with a secret header and a token in the URL.
    static func recordEchoSession(peerPort: Int) async throws -> URL {
        let recording = try temporaryFile("echo.jsonl")
        let result = try await StreamtapCommand.run(
            [
                "cat", "--count", "2", "--record", recording.path, "-H", "Authorization: Bearer s3cret-value",
                "ws://127.0.0.1:\(peerPort)/echo?token=t0ken-value",
            ],
            standardInput: "first line\nsecond line\n"
        )
        #expect(result.status == 0)
        #expect(result.stdout == "first line\nsecond line\n")
        return recording
    }

    @Test(.requires(.peerPython)) func catRecordsEveryEventAndExportsRedactedHAR() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let recording = try await Self.recordEchoSession(peerPort: peer.port)

        let recorded = RecordingReader.read(Array(try Data(contentsOf: recording)))
        #expect(recorded.problem == nil)
        let kinds = recorded.events.map(\.kind.name)
        #expect(kinds.first == "connecting")
        #expect(kinds.contains("open"))
        #expect(kinds.contains("frame"))
        let messages = recorded.events.compactMap { event -> Message? in
            if case .message(let message) = event.kind { return message }
            return nil
        }
        #expect(
            messages.filter { $0.direction == .outgoing }.map(\.payload) == [
                Array("first line".utf8), Array("second line".utf8),
            ]
        )
        #expect(messages.filter { $0.direction == .incoming }.count == 2)

        let har = try await StreamtapCommand.run(["export", recording.path, "--har", "-"])
        #expect(har.status == 0)
        #expect(har.stdout.contains(#""_webSocketMessages":[{"type":"send","#))
        #expect(har.stdout.contains(#""opcode":1,"data":"first line"}"#))
        #expect(har.stdout.contains("Bearer REDACTED") == false)
        #expect(har.stdout.contains(#"{"name":"Authorization","value":"REDACTED"}"#))
        #expect(!har.stdout.contains("s3cret-value"))
        #expect(!har.stdout.contains("t0ken-value"))

        let withSecrets = try await StreamtapCommand.run(["export", recording.path, "--har", "-", "--include-secrets"])
        #expect(withSecrets.stdout.contains("Bearer s3cret-value"))
        #expect(withSecrets.stdout.contains("token=t0ken-value"))
    }

    @Test(.requires(.peerPython)) func exportPrintsTheConnectionAsCommands() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let recording = try await Self.recordEchoSession(peerPort: peer.port)
        let url = "ws://127.0.0.1:\(peer.port)/echo?token=REDACTED"

        let websocat = try await StreamtapCommand.run(["export", recording.path, "--command", "websocat"])
        #expect(websocat.status == 0)
        #expect(websocat.stdout == "websocat -H 'Authorization: REDACTED' '\(url)'\n")

        let wscat = try await StreamtapCommand.run(
            ["export", recording.path, "--command", "wscat", "--include-secrets"]
        )
        #expect(
            wscat.stdout
                == "wscat -c 'ws://127.0.0.1:\(peer.port)/echo?token=t0ken-value' -H 'Authorization: Bearer s3cret-value'\n"
        )
    }

    @Test func aTruncatedRecordingExportsUpToItsLastGoodLine() async throws {
        let file = try Self.temporaryFile("cut.jsonl")
        let sample = try Data(
            contentsOf: Repository.file("Resources/samples/sse-stop.jsonl")
        )
        try sample.prefix(sample.count - 30).write(to: file)
        let result = try await StreamtapCommand.run(["export", file.path, "--jsonl", "-", "--include-secrets"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("line 9: the recording is cut short"))
        #expect(result.stdout.split(separator: "\n").count == 8)
        #expect(Data(result.stdout.utf8) == sample.prefix(result.stdout.utf8.count))
    }

    @Test func replayRefusesABadFileWithItsLineNumber() async throws {
        let file = try Self.temporaryFile("bad.jsonl")
        try Data("\n{\"kind\":\"retry\",\"ts\":\"yesterday\",\"ms\":5}\n".utf8).write(to: file)
        let result = try await StreamtapCommand.run(["replay", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 2: \"ts\" is not an RFC 3339 time"))

        let missing = try await StreamtapCommand.run(["replay", file.path + ".missing"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test func recordingToAnUnwritablePlaceFailsBeforeConnecting() async throws {
        let result = try await StreamtapCommand.run(
            ["cat", "--record", "/nonexistent-folder/x.jsonl", "ws://127.0.0.1:9/"]
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot record to /nonexistent-folder/x.jsonl"))
    }

    /// A recording whose writes fail (a full disk) says why, and the
    /// stream itself is not lost: the messages still reach stdout.
    @Test(.requires(.peerPython)) func aRecordingThatCannotBeWrittenSaysWhyAndTheStreamGoesOn() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let result = try await StreamtapCommand.run(
            ["cat", "--count", "2", "--record", "/dev/full", "ws://127.0.0.1:\(peer.port)/echo"],
            standardInput: "first line\nsecond line\n"
        )
        #expect(result.stdout == "first line\nsecond line\n")
        #expect(
            result.stderr.contains("writing the recording /dev/full failed: No space left on device"),
            "\(result.stderr)"
        )
    }
}
