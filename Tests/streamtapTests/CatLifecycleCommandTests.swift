import Foundation
import StreamTapCore
import StreamTapTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `streamtap cat` on event streams as the connection core has them: a
/// POST is sent once, an answer to it is a good end, a preset
/// `Last-Event-ID` is state, comments can be shown, SIGUSR1 reconnects, and
/// a recording keeps the request body.
@Suite(.requires(.peerPython, .streamtap))
struct CatLifecycleCommandTests {
    private static func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
    }

    @Test func aPostStreamIsSentOnceAndEndsWithZero() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run(["cat", "--data", #"{"prompt":"hi"}"#, peer.url("/post")])
        #expect(result.status == 0)
        #expect(result.stdout == "POST\n{\"prompt\":\"hi\"}\n\n")
        #expect(!result.stderr.contains("reconnecting"))
        #expect(peer.requests().count == 1)
    }

    @Test func aJSONAnswerIsPrintedAndA202EndsCleanly() async throws {
        let peer = try await SSEPeer.raw()
        let answer = try await StreamtapCommand.run(["cat", "--data", "{}", peer.url("/answer")])
        #expect(answer.status == 0)
        #expect(answer.stdout == #"{"jsonrpc":"2.0","id":1,"result":{"ok":true}}"# + "\n")
        #expect(answer.stderr.isEmpty)
        let accepted = try await StreamtapCommand.run(["cat", "--jsonl", "--data", "{}", peer.url("/accepted")])
        #expect(accepted.status == 0)
        let kinds = Self.jsonLines(accepted.stdout).compactMap { $0["kind"] as? String }
        #expect(kinds == ["connecting", "open", "close"])
    }

    @Test func aLastEventIDHeaderStartsTheStateAndTheStreamReplacesIt() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run([
            "cat", "--jsonl", "-H", "Last-Event-ID: seed", peer.url("/seeded"),
        ])
        #expect(result.status == 0)
        let lines = Self.jsonLines(result.stdout)
        let ids = lines.filter { $0["kind"] as? String == "event" }.compactMap { $0["lastEventId"] as? String }
        #expect(ids == ["seed", ""])
        #expect(await peer.requests(count: 2).map { $0.header("Last-Event-ID") } == ["seed", nil])
        let opened = lines.filter { $0["kind"] as? String == "open" }
        let headers = (opened.first?["request"] as? [String: Any])?["headers"] as? [[String]] ?? []
        #expect(headers.filter { $0.first == "Last-Event-ID" } == [["Last-Event-ID", "seed"]])
    }

    @Test func commentsArePrintedOnlyWhenAskedFor() async throws {
        let peer = try await SSEPeer.raw()
        let plain = try await StreamtapCommand.run(["cat", "--reconnect", "off", peer.url("/bursts")])
        #expect(!plain.stdout.contains("wait"))
        let shown = try await StreamtapCommand.run(["cat", "--comments", "--reconnect", "off", peer.url("/bursts")])
        #expect(shown.stdout.contains("dddd\n\n: wait\ne\n\n"))
        let jsonl = try await StreamtapCommand.run([
            "cat", "--jsonl", "--comments", "--reconnect", "off", peer.url("/bursts"),
        ])
        let comment = Self.jsonLines(jsonl.stdout).first { $0["kind"] as? String == "comment" }
        #expect(comment?["text"] as? String == " wait")
        let hidden = try await StreamtapCommand.run(["cat", "--jsonl", "--reconnect", "off", peer.url("/bursts")])
        #expect(!hidden.stdout.contains(#""kind":"comment""#))
    }

    @Test func theReadTimeoutEndsASilentStreamWithASentence() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run([
            "cat", "--read-timeout", "300", "--reconnect", "off", peer.url("/hang"),
        ])
        #expect(result.status == 1)
        #expect(result.stdout == "hello\n\n")
        #expect(result.stderr.contains("the server sent nothing for 0.3 s (--read-timeout)"))
    }

    @Test func sigusr1ReconnectsAtOnceWithTheLastEventID() async throws {
        let peer = try await SSEPeer.raw()
        let program = try Program.start(
            Prerequisite.streamtap.require(),
            ["cat", "--jsonl", "--count", "6", peer.url("/ticking")],
            timeout: 15
        )
        var events = 0
        for await line in program.lines where line.contains(#""kind":"event""#) {
            events += 1
            if events == 3 { break }
        }
        program.send(SIGUSR1)
        let output = await program.finished()
        #expect(output.status == 0 && !output.timedOut)
        let requests = await peer.requests(count: 2)
        #expect(requests.count == 2)
        #expect((requests.last?.header("Last-Event-ID").flatMap(Int.init) ?? 0) >= 3)
        let json = Self.jsonLines(output.stdout)
        let reconnect = json.first { $0["kind"] as? String == "reconnect" }
        #expect(reconnect?["delayMs"] as? Int == 0)
        #expect(
            (reconnect?["reason"] as? String)?.hasPrefix("reconnecting now, as asked; will send Last-Event-ID") == true
        )
        let ids = json.filter { $0["kind"] as? String == "event" }.compactMap { $0["lastEventId"] as? String }
        #expect(ids.compactMap(Int.init) == Array(1...6))
    }

    @Test func aRecordingKeepsTheRequestBodyForCurl() async throws {
        let peer = try await SSEPeer.raw()
        let recording = try SessionCommandTests.temporaryFile("post.jsonl")
        let result = try await StreamtapCommand.run([
            "cat", "--record", recording.path, "--data", #"{"prompt":"hi"}"#, peer.url("/post"),
        ])
        #expect(result.status == 0)
        let command = try await StreamtapCommand.run(["export", recording.path, "--command", "curl"])
        #expect(command.status == 0)
        #expect(command.stdout.contains(#"--data-binary '{"prompt":"hi"}'"#))
        #expect(!command.stdout.contains("-X POST"))
        let har = try await StreamtapCommand.run(["export", recording.path, "--har", "-"])
        #expect(har.stdout.contains(#""postData":{"mimeType":"application/json","text":"{\"prompt\":\"hi\"}"}"#))
    }
}
