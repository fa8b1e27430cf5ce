import StreamTapDemoServer
import StreamTapTestSupport
import Testing

/// Plain HTTP on the demo server: the page, errors, limits, read with `curl`.
@Suite(.requires(.curl))
struct DemoServerHTTPTests {
    /// The status code and body of one request.
    private struct Response {
        var status: Int
        var body: String
    }

    private func request(_ path: String, _ arguments: [String] = [], on server: DemoServer) async throws -> Response {
        let output = try await server.curl(path, arguments + ["-w", "\n%{http_code}"])
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return Response(status: Int(lines.last ?? "") ?? 0, body: lines.dropLast().joined(separator: "\n"))
    }

    @Test func unknownPathIs404InPlainText() async throws {
        let response = try await withDemoServer { try await request("/nowhere", on: $0) }
        #expect(response.status == 404)
        #expect(response.body == "not found: see / for the routes of this server\n")
    }

    @Test(arguments: [
        ("/sse/ticker?count=0", "'count' must be an integer from 1 to 1000000, got '0'"),
        ("/sse/ticker?intervall=5", "unknown parameter 'intervall' (this route takes count, interval)"),
        ("/sse/retry?ms=-1", "'ms' must be an integer from 0 to 600000, got '-1'"),
        ("/sse/ticker?count=1&count=2", "the parameter 'count' is given more than once"),
        ("/sse/chat?x=%ZZ", "the value of 'x' is not valid percent-encoded UTF-8"),
    ])
    func badParameterIs400WithTheReason(path: String, reason: String) async throws {
        let response = try await withDemoServer { try await request(path, on: $0) }
        #expect(response.status == 400)
        #expect(response.body == "bad request: \(reason)\n")
    }

    @Test func webSocketRouteWithoutAnUpgradeIs426() async throws {
        let output = try await withDemoServer { try await $0.curl("/ws/echo", ["-i"]) }
        #expect(output.stdout.hasPrefix("HTTP/1.1 426 Upgrade Required\r\n"))
        #expect(output.stdout.lowercased().contains("upgrade: websocket\r\n"))
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        let output = try await withDemoServer { try await $0.curl("/sse/ticker", ["-i", "-X", "DELETE"]) }
        #expect(output.stdout.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
        #expect(output.stdout.lowercased().contains("allow: get\r\n"))
    }

    @Test func pageListsEveryRouteAndLoadsNothingFromElsewhere() async throws {
        let output = try await withDemoServer { try await $0.curl("/", ["-i"]) }
        #expect(output.stdout.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(output.stdout.lowercased().contains("content-type: text/html; charset=utf-8\r\n"))
        for route in DemoRouteInfo.all {
            #expect(output.stdout.contains("<code>\(route.path.replacingOccurrences(of: "&", with: "&amp;"))</code>"))
        }
        #expect(output.stdout.contains("new WebSocket("))
        #expect(output.stdout.contains("new EventSource("))
        #expect(!output.stdout.contains("http://") && !output.stdout.contains("https://"))
        #expect(!output.stdout.contains("src="))
    }

    @Test func postingAChatMessageIsAccepted() async throws {
        let response = try await withDemoServer { try await request("/sse/chat", ["--data-binary", "hello"], on: $0) }
        #expect(response.status == 202)
    }

    @Test func emptyChatMessageIs400() async throws {
        let response = try await withDemoServer { try await request("/sse/chat", ["-X", "POST"], on: $0) }
        #expect(response.status == 400)
        #expect(response.body.contains("empty"))
    }

    @Test func tooLargeRequestBodyIs413() async throws {
        var configuration = DemoServerConfiguration()
        configuration.maxRequestBodySize = 100
        let response = try await withDemoServer(configuration) { server in
            try await request("/sse/chat", ["--data-binary", String(repeating: "x", count: 1000)], on: server)
        }
        #expect(response.status == 413)
    }

    @Test func tooLargeRequestHeadIs400() async throws {
        var configuration = DemoServerConfiguration()
        configuration.maxRequestHeadSize = 2048
        let response = try await withDemoServer(configuration) { server in
            try await request("/", ["-H", "X-Padding: \(String(repeating: "p", count: 4096))"], on: server)
        }
        #expect(response.status == 400)
    }

    private struct Limit: Decodable {
        var refused: Int
        var body: String
        var afterOneLeft: Int
    }

    @Test(.requires(.peerPython))
    func connectionsOverTheLimitAre503() async throws {
        var configuration = DemoServerConfiguration()
        configuration.maxConnections = 2
        let limit = try await withDemoServer(configuration) { server in
            try await server.python(
                """
                async def attempt():
                    try:
                        async with connect(f"ws://{ADDRESS}/ws/echo"):
                            return 101, ""
                    except InvalidStatus as error:
                        return error.response.status_code, error.response.body.decode()
                async def main():
                    first = await connect(f"ws://{ADDRESS}/ws/echo")
                    second = await connect(f"ws://{ADDRESS}/ws/echo")
                    refused, body = await attempt()
                    await first.close()
                    after = 0
                    for _ in range(100):
                        after, _ = await attempt()
                        if after == 101:
                            break
                        await asyncio.sleep(0.02)
                    await second.close()
                    emit({"refused": refused, "body": body, "afterOneLeft": after})
                run(main)
                """,
                as: Limit.self
            )
        }
        #expect(limit.refused == 503)
        #expect(limit.body.contains("at most 2 connections"))
        #expect(limit.afterOneLeft == 101)
    }

    @Test(.requires(.peerPython))
    func idleConnectionIsClosedAfterTheRequestTimeout() async throws {
        var configuration = DemoServerConfiguration()
        configuration.requestTimeoutMilliseconds = 200
        let closed = try await withDemoServer(configuration) { server in
            try await server.python(
                """
                import time
                host, port = ADDRESS.rsplit(":", 1)
                sock = socket.create_connection((host, int(port)), timeout=10)
                sock.sendall(b"GET / HTTP/1.1\\r\\nHost: x\\r\\n")
                start = time.monotonic()
                emit({"eof": sock.recv(1) == b"", "seconds": time.monotonic() - start})
                """,
                as: IdleClose.self
            )
        }
        #expect(closed.eof)
        #expect(closed.seconds < 5)
    }

    private struct IdleClose: Decodable {
        var eof: Bool
        var seconds: Double
    }
}
