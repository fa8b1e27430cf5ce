import Foundation
import StreamTapDemoServer
import StreamTapTestSupport
import Testing

/// The Server-Sent Events routes, read with `curl -sN` and `aiohttp`.
@Suite(.requires(.curl))
struct DemoServerSSETests {
    /// One blank-line-separated block of an event stream: its lines as
    /// (field, value) pairs, comments with the field `""`.
    private struct Block: Equatable {
        var fields: [Field]

        struct Field: Equatable {
            var name: String
            var value: String
        }

        func values(_ name: String) -> [String] {
            fields.filter { $0.name == name }.map(\.value)
        }
    }

    /// Splits a `text/event-stream` body into blocks (this server ends every
    /// line with LF only).
    private func blocks(_ body: String) -> [Block] {
        body.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { block in
            Block(
                fields: block.split(separator: "\n").map { line in
                    let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                    var value = parts.count > 1 ? String(parts[1]) : ""
                    if value.hasPrefix(" ") { value.removeFirst() }
                    return Block.Field(name: String(parts[0]), value: value)
                }
            )
        }
    }

    private struct Tick: Decodable {
        var seq: Int
        var ts: String
    }

    private func ids(_ body: String) -> [String] {
        blocks(body).flatMap { $0.values("id") }
    }

    @Test func tickerSendsNumberedEventsWithEventStreamHeaders() async throws {
        let output = try await withDemoServer { try await $0.curl("/sse/ticker?interval=5&count=3", ["-i"]) }
        #expect(output.status == 0)
        let parts = output.stdout.components(separatedBy: "\r\n\r\n")
        let head = parts[0].lowercased()
        #expect(head.hasPrefix("http/1.1 200 ok"))
        #expect(head.contains("content-type: text/event-stream"))
        #expect(head.contains("cache-control: no-cache"))
        #expect(head.contains("transfer-encoding: chunked"))
        let events = blocks(parts.dropFirst().joined(separator: "\r\n\r\n"))
        #expect(events.map { $0.values("id") } == [["1"], ["2"], ["3"]])
        let ticks = try events.map { try JSONDecoder().decode(Tick.self, from: Data($0.values("data")[0].utf8)) }
        #expect(ticks.map(\.seq) == [1, 2, 3])
    }

    @Test func tickerResumesAfterLastEventID() async throws {
        let output = try await withDemoServer {
            try await $0.curl("/sse/ticker?interval=5&count=2", ["-H", "Last-Event-ID: 41"])
        }
        #expect(ids(output.stdout) == ["42", "43"])
    }

    @Test func dropCutsTheStreamAndAReconnectContinuesTheSequence() async throws {
        let (first, second) = try await withDemoServer { server in
            let first = try await server.curl("/sse/drop?after=2&interval=5")
            let second = try await server.curl("/sse/drop?after=2&interval=5", ["-H", "Last-Event-ID: 2"])
            return (first, second)
        }
        // curl's exit status 18: the response ended before its terminating chunk.
        #expect(first.status == 18)
        #expect(ids(first.stdout) == ["1", "2"])
        #expect(second.status == 18)
        #expect(ids(second.stdout) == ["3", "4"])
    }

    @Test func retrySendsTheReconnectionTimeFirst() async throws {
        let output = try await withDemoServer { try await $0.curl("/sse/retry?ms=1234&interval=5&count=2") }
        let events = blocks(output.stdout)
        #expect(events.first == Block(fields: [.init(name: "retry", value: "1234")]))
        #expect(events.dropFirst().map { $0.values("id") } == [["1"], ["2"]])
    }

    @Test func stopEndsTheStreamAndAnswersAReconnectWith204() async throws {
        let (first, second) = try await withDemoServer { server in
            let first = try await server.curl("/sse/stop?interval=5")
            let second = try await server.curl(
                "/sse/stop",
                ["-H", "Last-Event-ID: 3", "-o", "/dev/null", "-w", "%{http_code}"]
            )
            return (first, second)
        }
        #expect(first.status == 0)
        #expect(ids(first.stdout) == ["1", "2", "3"])
        #expect(second.stdout == "204")
    }

    @Test func typesShowsNamedEventsCommentsAndMultiLineData() async throws {
        let output = try await withDemoServer { try await $0.curl("/sse/types?interval=5&count=2") }
        let events = blocks(output.stdout)
        #expect(events.contains { $0.values("event") == ["greeting"] && $0.values("data").count == 1 })
        #expect(events.contains { $0.values("data").count == 3 && $0.values("event").isEmpty })
        #expect(events.contains { $0.values("event") == ["ignored"] && $0.values("data").isEmpty })
        #expect(
            events.contains { $0.values("data") == [" two spaces after the colon: a parser removes only the first"] }
        )
        #expect(events.contains { $0.values("").contains("keep-alive") })
        let updates = events.filter { $0.values("event") == ["update"] }
        #expect(updates.map { $0.values("id") } == [["1"], ["2"]])
    }

    @Test func badLastEventIDIsRefusedWithAReason() async throws {
        let output = try await withDemoServer {
            try await $0.curl("/sse/ticker", ["-H", "Last-Event-ID: abc", "-w", "\n%{http_code}"])
        }
        #expect(output.stdout.hasSuffix("\n400"))
        #expect(output.stdout.contains("Last-Event-ID must be an event id this server sent"))
    }

    private struct ChatDelivery: Decodable {
        var post: Int
        var events: [String]
    }

    @Test(.requires(.peerPython))
    func chatMessagesFromPostAndWebSocketReachSSESubscribers() async throws {
        let delivery = try await withDemoServer { server in
            try await server.python(
                """
                import aiohttp
                async def main():
                    async with aiohttp.ClientSession() as http:
                        async with http.get(f"http://{ADDRESS}/sse/chat") as stream:
                            await stream.content.readline()
                            async with http.post(f"http://{ADDRESS}/sse/chat", data="posted\\nin two lines") as post:
                                status = post.status
                            async with connect(f"ws://{ADDRESS}/ws/chat") as ws:
                                await ws.send("from a websocket")
                                await ws.recv()
                            events, data = [], []
                            while len(events) < 2:
                                line = (await stream.content.readline()).decode().rstrip("\\n")
                                if line.startswith("data: "):
                                    data.append(line[6:])
                                elif line == "" and data:
                                    events.append("\\n".join(data))
                                    data = []
                            emit({"post": status, "events": events})
                run(main)
                """,
                as: ChatDelivery.self
            )
        }
        #expect(delivery.post == 202)
        #expect(delivery.events == ["posted\nin two lines", "from a websocket"])
    }

    @Test func serverShutdownEndsStreamsCleanly() async throws {
        let server = try await DemoServer.start(configuration: DemoServerConfiguration())
        let curl = try Program.start(
            Prerequisite.curl.require(),
            ["-sN", "--max-time", "10", "http://\(server.address)/sse/ticker?interval=20"]
        )
        for await line in curl.lines where line == "id: 2" {
            break
        }
        try await server.shutdown()
        let output = await curl.finished()
        // 0, not 18: the response ended with its terminating chunk.
        #expect(output.status == 0)
        #expect(ids(output.stdout).starts(with: ["1", "2"]))
    }
}
