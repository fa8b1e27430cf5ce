import Foundation
import StreamTapDemoServer
import StreamTapTestSupport
import Testing

/// The WebSocket routes, driven by the Python `websockets` client.
@Suite(.requires(.peerPython))
struct DemoServerWebSocketTests {
    private struct Echo: Decodable {
        var text: String
        var binary: String
        var types: [String]
    }

    @Test func echoesTextAndBinaryWithTheirOpcodes() async throws {
        let echo = try await withDemoServer { server in
            try await server.python(
                """
                async def main():
                    async with connect(f"ws://{ADDRESS}/ws/echo", compression=None) as ws:
                        await ws.send("héllo ✓")
                        text = await ws.recv()
                        await ws.send(bytes([0, 1, 254, 255]))
                        binary = await ws.recv()
                        emit({"text": text, "binary": binary.hex(), "types": [type(text).__name__, type(binary).__name__]})
                run(main)
                """,
                as: Echo.self
            )
        }
        #expect(echo.text == "héllo ✓")
        #expect(echo.binary == "0001feff")
        #expect(echo.types == ["str", "bytes"])
    }

    private struct LargeEcho: Decodable {
        var extensions: String?
        var same: Bool
    }

    @Test func echoesLargeMessagesCompressedWithPermessageDeflate() async throws {
        let echo = try await withDemoServer { server in
            try await server.python(
                """
                async def main():
                    async with connect(f"ws://{ADDRESS}/ws/echo") as ws:
                        text = "".join(f"line {i}: {i * i} ✓\\n" for i in range(5000))
                        same = True
                        for _ in range(2):
                            await ws.send(text)
                            same = same and await ws.recv() == text
                        emit({"extensions": ws.response.headers.get("Sec-WebSocket-Extensions"), "same": same})
                run(main)
                """,
                as: LargeEcho.self
            )
        }
        #expect(echo.extensions == "permessage-deflate")
        #expect(echo.same)
    }

    @Test func answersAPingWithAPong() async throws {
        let answered = try await withDemoServer { server in
            try await server.python(
                """
                async def main():
                    async with connect(f"ws://{ADDRESS}/ws/echo") as ws:
                        waiter = await ws.ping(b"are you there")
                        await asyncio.wait_for(waiter, 5)
                        emit(True)
                run(main)
                """,
                as: Bool.self
            )
        }
        #expect(answered)
    }

    private struct Chat: Decodable {
        var first: [String]
        var second: [String]
    }

    @Test func chatBroadcastsEachMessageToEveryClient() async throws {
        let chat = try await withDemoServer { server in
            try await server.python(
                """
                async def main():
                    async with connect(f"ws://{ADDRESS}/ws/chat") as a:
                        await a.send("a joined")
                        first = [await a.recv()]
                        async with connect(f"ws://{ADDRESS}/ws/chat") as b:
                            # Each client hears its own message once it is in the room.
                            await b.send("b joined")
                            second = [await b.recv()]
                            first.append(await a.recv())
                            await a.send("hi from a")
                            first.append(await a.recv())
                            second.append(await b.recv())
                    emit({"first": first, "second": second})
                run(main)
                """,
                as: Chat.self
            )
        }
        #expect(chat.first == ["a joined", "b joined", "hi from a"])
        #expect(chat.second == ["b joined", "hi from a"])
    }

    private struct Ended: Decodable {
        var messages: [String]
        var close: CloseFrame?
        var error: String
    }

    private struct CloseFrame: Decodable, Equatable {
        var code: Int
        var reason: String
    }

    /// Connects to `path` and collects every message until the connection ends.
    private func collect(_ path: String, on server: DemoServer) async throws -> Ended {
        try await server.python(
            """
            async def main():
                async with connect(f"ws://{ADDRESS}\(path)") as ws:
                    messages, error = await receive_all(ws)
                    emit({"messages": messages, "close": close_of(error), "error": type(error).__name__})
            run(main)
            """
        )
    }

    private struct Tick: Decodable {
        var seq: Int
        var ts: String
    }

    @Test func tickerSendsCountMessagesInOrderThenClosesNormally() async throws {
        let ended = try await withDemoServer { try await collect("/ws/ticker?interval=5&count=5", on: $0) }
        let ticks = try ended.messages.map { try JSONDecoder().decode(Tick.self, from: Data($0.utf8)) }
        #expect(ticks.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(ticks.allSatisfy { $0.ts.count == 24 && $0.ts.hasSuffix("Z") })
        #expect(ended.close == CloseFrame(code: 1000, reason: "ticker finished"))
    }

    @Test func closeRouteSendsTheRequestedCodeAndReason() async throws {
        let ended = try await withDemoServer {
            try await collect("/ws/close?code=4001&reason=bye%20now&after=2&interval=5", on: $0)
        }
        #expect(ended.messages.count == 2)
        #expect(ended.close == CloseFrame(code: 4001, reason: "bye now"))
    }

    @Test func closeRouteWithoutAfterClosesAtOnce() async throws {
        let ended = try await withDemoServer { try await collect("/ws/close?code=1011&reason=oops", on: $0) }
        #expect(ended.messages.isEmpty)
        #expect(ended.close == CloseFrame(code: 1011, reason: "oops"))
    }

    @Test func dropRouteLosesTheConnectionWithoutACloseFrame() async throws {
        let ended = try await withDemoServer { try await collect("/ws/drop?after=2&interval=5", on: $0) }
        #expect(ended.messages.count == 2)
        #expect(ended.close == nil)
        #expect(ended.error == "ConnectionClosedError")
    }

    private struct PingReport: Decodable {
        var pong: Int?
        var rttMs: Double?
    }

    @Test func pingRouteReportsEveryPongThenCloses() async throws {
        let ended = try await withDemoServer { try await collect("/ws/ping?interval=20&count=3", on: $0) }
        let reports = try ended.messages.map { try JSONDecoder().decode(PingReport.self, from: Data($0.utf8)) }
        #expect(reports.map(\.pong) == [1, 2, 3])
        #expect(reports.allSatisfy { ($0.rttMs ?? -1) >= 0 })
        #expect(ended.close == CloseFrame(code: 1000, reason: "ping finished"))
    }

    private struct Refusal: Decodable {
        var status: Int
        var body: String
    }

    @Test(arguments: [
        ("/ws/ticker?interval=0", 400, "'interval' must be an integer from 1 to 60000"),
        ("/ws/close?code=1005", 400, "'code' must be a close code a server may send"),
        ("/ws/nothing", 404, "not found"),
    ])
    func refusedUpgradeExplainsWhyInTheResponse(path: String, status: Int, reason: String) async throws {
        let refusal = try await withDemoServer { server in
            try await server.python(
                """
                async def main():
                    try:
                        async with connect(f"ws://{ADDRESS}\(path)"):
                            emit({"status": 101, "body": ""})
                    except InvalidStatus as error:
                        emit({"status": error.response.status_code, "body": error.response.body.decode()})
                run(main)
                """,
                as: Refusal.self
            )
        }
        #expect(refusal.status == status)
        #expect(refusal.body.contains(reason))
    }

    @Test(arguments: [false, true])
    func tooLargeMessageIsClosedWith1009(compressed: Bool) async throws {
        var configuration = DemoServerConfiguration()
        configuration.maxMessageSize = 1024
        let close = try await withDemoServer(configuration) { server in
            try await server.python(
                """
                async def main():
                    compression = "deflate" if \(compressed ? "True" : "False") else None
                    async with connect(f"ws://{ADDRESS}/ws/echo", compression=compression) as ws:
                        await ws.send("x" * 4096)
                        messages, error = await receive_all(ws)
                        emit(close_of(error))
                run(main)
                """,
                as: CloseFrame.self
            )
        }
        #expect(close.code == 1009)
    }

    @Test func tooManyMessagesASecondIsClosedWith1008() async throws {
        var configuration = DemoServerConfiguration()
        configuration.maxIncomingMessagesPerSecond = 5
        let close = try await withDemoServer(configuration) { server in
            try await server.python(
                """
                async def main():
                    async with connect(f"ws://{ADDRESS}/ws/echo") as ws:
                        for _ in range(20):
                            await ws.send("spam")
                        messages, error = await receive_all(ws)
                        emit(close_of(error))
                run(main)
                """,
                as: CloseFrame.self
            )
        }
        #expect(close.code == 1008)
    }

    @Test func serverShutdownClosesWebSocketsWith1001() async throws {
        let server = try await DemoServer.start(configuration: DemoServerConfiguration())
        let peer = try server.startPython(
            """
            async def main():
                async with connect(f"ws://{ADDRESS}/ws/echo") as ws:
                    emit("open")
                    messages, error = await receive_all(ws)
                    emit(close_of(error))
            run(main)
            """
        )
        for await line in peer.lines where line == #""open""# {
            break
        }
        try await server.shutdown()
        let close = try DemoServer.lastLine(of: await peer.finished(), as: CloseFrame.self)
        #expect(close == CloseFrame(code: 1001, reason: "server shutting down"))
    }
}
