import Foundation
import StreamTapTestSupport
import Testing

/// `streamtap cat` with http:// URLs, run as a user runs it.
@Suite(.requires(.peerPython, .streamtap))
struct SSECatCommandTests {
    @Test func printsEachEventsDataAndExitsZeroAfter204() async throws {
        let peer = try await SSEPeer.aiohttp()
        let result = try await StreamtapCommand.run(["cat", peer.url("/ticks")])
        #expect(result.status == 0)
        #expect(result.stdout == (1...6).map { "tick \($0)\n\n" }.joined())
        #expect(result.stderr.contains("reconnecting in 0.1 s (attempt 2)"))
    }

    @Test func printsMultiLineDataOneLinePerDataLine() async throws {
        let peer = try await SSEPeer.aiohttp()
        let result = try await StreamtapCommand.run(["cat", "--reconnect", "off", peer.url("/multiline")])
        #expect(result.status == 0)
        #expect(result.stdout == "line one\nline two\n\nline four\n\nplain\n\n")
    }

    @Test func jsonlWithACountStopsAfterThatManyEvents() async throws {
        let peer = try await SSEPeer.aiohttp()
        let result = try await StreamtapCommand.run(["cat", "--jsonl", "--count", "4", peer.url("/ticks")])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { line -> [String: Any] in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        let kinds = lines.compactMap { $0["kind"] as? String }
        #expect(kinds.filter { $0 == "event" }.count == 4)
        #expect(kinds.prefix(3) == ["connecting", "open", "retry"])
        let fourth = try #require(lines.last { $0["kind"] as? String == "event" })
        #expect(fourth["type"] as? String == "tick" && fourth["data"] as? String == "tick 4")
        #expect(fourth["lastEventId"] as? String == "4")
        let secondOpen = try #require(lines.filter { $0["kind"] as? String == "open" }.last)
        let request = try #require(secondOpen["request"] as? [String: Any])
        let headers = try #require(request["headers"] as? [[String]])
        #expect(headers.contains(["Last-Event-ID", "3"]))
        #expect(secondOpen["protocol"] as? String == "sse")
    }

    @Test func chunksPrintsEachReadAndTheCloseCarriesTheCounters() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run([
            "cat", "--jsonl", "--chunks", "--reconnect", "off", peer.url("/bursts"),
        ])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { line -> [String: Any] in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        let chunks = lines.filter { $0["kind"] as? String == "chunk" }
        let lengths = chunks.compactMap { $0["length"] as? Int }
        #expect(!lengths.isEmpty && lengths.count == chunks.count)
        #expect(chunks.compactMap { $0["events"] as? Int } == SSEPeer.Bursts.expectedEvents(forReads: lengths))
        let close = try #require(lines.last)
        #expect(close["kind"] as? String == "close")
        #expect(close["wireBytes"] as? Int == 58 && close["payloadBytes"] as? Int == 11 && close["events"] as? Int == 5)
        #expect(close["ttfbMs"] as? Double != nil && close["firstEventMs"] as? Double != nil)
    }

    @Test func anHTTPErrorExitsOneAndShowsStatusAndBody() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run(["cat", peer.url("/error")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error: the server answered 500 Internal Server Error"))
        #expect(result.stderr.contains("  | database is down"))
    }

    @Test func aCleanEndWithoutReconnectionExitsZero() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run(["cat", "--reconnect", "off", peer.url("/chunked")])
        #expect(result.status == 0)
        #expect(result.stdout == "one\n\ntwo\n\nthree\n\n")
    }

    @Test func dataIsPostedAndRedirectsAreShown() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run(
            ["cat", "--reconnect", "off", "--data", "ping", peer.url("/redirect/c")]
        )
        #expect(result.status == 0)
        #expect(result.stdout == "POST\nping\n\n")
        #expect(result.stderr.contains("redirected to \(peer.url("/post"))"))
        #expect(await peer.requests(count: 2).last?.header("Content-Type") == "application/json")
    }

    @Test func maxTimeEndsALiveStreamWithSuccess() async throws {
        let peer = try await SSEPeer.raw()
        let result = try await StreamtapCommand.run(["cat", "--max-time", "0.5", peer.url("/hang")])
        #expect(result.status == 0)
        #expect(result.stdout == "hello\n\n")
    }

    @Test func optionsForTheOtherProtocolAreUsageErrors() async throws {
        let echo = try await StreamtapCommand.run(["cat", "--echo", "http://127.0.0.1:9/"])
        #expect(echo.status == 2)
        #expect(echo.stderr.contains("--echo is for WebSocket"))
        let spec = try await StreamtapCommand.run(["cat", "--reconnect", "spec", "ws://127.0.0.1:9/"])
        #expect(spec.status == 2)
        let data = try await StreamtapCommand.run(["cat", "--data", "x", "ws://127.0.0.1:9/"])
        #expect(data.status == 2)
        #expect(data.stderr.contains("--data is for Server-Sent Events"))
    }
}
