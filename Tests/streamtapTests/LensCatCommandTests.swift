import Foundation
import StreamTapTestSupport
import Testing

/// `streamtap cat --lens` against the real servers of each protocol:
/// python-socketio, strawberry-graphql, and a JSON-RPC server on Python
/// `websockets`.
@Suite(.requires(.peerPython, .streamtap))
struct LensCatCommandTests {
    private static func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    private static func lenses(_ lines: [[String: Any]], direction: String) -> [[String: Any]] {
        lines.filter { $0["kind"] as? String == "message" && $0["direction"] as? String == direction }
            .compactMap { $0["lens"] as? [String: Any] }
    }

    @Test(.requires(.socketIO)) func aSocketIOConnectionOutlivesFivePingIntervals() async throws {
        let peer = try await SocketIOPeer.start(pingInterval: 1, pingTimeout: 1)
        let result = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--lens", "socket.io", "--max-time", "6", peer.url()],
            timeout: 20
        )
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.jsonLines(result.stdout)
        let pongs = Self.lenses(lines, direction: "out").filter { $0["type"] as? String == "pong" }
        #expect(pongs.count >= 5)
        #expect(pongs.allSatisfy { $0["auto"] as? Bool == true })
        #expect(!lines.contains { $0["kind"] as? String == "close" && ($0["code"] as? Int) == 1006 })
        #expect(!result.stderr.contains("ping timeout"))
    }

    @Test(.requires(.socketIO)) func emitsAcksAndBinaryEventsPrintAsApplicationMessages() async throws {
        let peer = try await SocketIOPeer.start()
        let result = try await StreamtapCommand.run(
            ["cat", "--lens", "socket.io", "--sio-ack", "--count", "5", peer.url()],
            standardInput: #"["echo","hi",{"a":1}]"# + "\n" + #"["ask",1,2]"# + "\n" + #"["binary"]"# + "\n",
            timeout: 20
        )
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("welcome [{\"sid\":") == true)
        #expect(lines.contains(#"echo [["hi",{"a":1}]]"#))
        #expect(lines.contains { $0.hasPrefix("ack 1 for ask after ") && $0.hasSuffix(" [2,1]") })
        #expect(lines.contains(#"bytes [{"base64":"AAEC"},"three bytes"]"#))
        // Pings, pongs and the CONNECT are the protocol's, not printed.
        #expect(!lines.contains { $0 == "2" || $0 == "3" || $0.hasPrefix("40") })
    }

    @Test(.requires(.socketIO)) func aNamespaceTheServerRefusesIsAnErrorExit() async throws {
        let peer = try await SocketIOPeer.start()
        let refused = try await StreamtapCommand.run(
            ["cat", "--lens", "socket.io", "--sio-auth", #"{"token":"wrong"}"#, peer.url("/admin")],
            timeout: 20
        )
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Socket.IO refused namespace /admin: Not authorized"))
        let admitted = try await StreamtapCommand.run(
            ["cat", "--lens", "socket.io", "--sio-auth", #"{"token":"secret"}"#, "--count", "1", peer.url("/admin")],
            timeout: 20
        )
        #expect(admitted.status == 0)
        #expect(admitted.stdout == #"/admin welcome [{"admin":true}]"# + "\n")
    }

    @Test(.requires(.socketIO)) func aServerDisconnectEndsCatAndIsNamed() async throws {
        let peer = try await SocketIOPeer.start()
        let result = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--lens", "socket.io", peer.url()],
            standardInput: #"["bye"]"# + "\n",
            timeout: 20
        )
        #expect(result.status == 0)
        let close = Self.jsonLines(result.stdout).last { $0["kind"] as? String == "close" }
        #expect((close?["lens"] as? [String: Any])?["reason"] as? String == "io server disconnect")
    }

    @Test(.requires(.socketIO)) func aServerThatStopsPingingIsAPingTimeout() async throws {
        // The server's 1 s interval and timeout against a lens told nothing
        // else: stopping the server mid-session is what a dead server is.
        let peer = try await SocketIOPeer.start(pingInterval: 1, pingTimeout: 1)
        let program = try Program.start(
            try Prerequisite.streamtap.require(),
            ["cat", "--lens", "socket.io", peer.url()],
            timeout: 20
        )
        for await line in program.lines where line.hasPrefix("welcome") {
            // Freeze the server: it neither pings nor closes the socket.
            peer.process.send(SIGSTOP)
            break
        }
        let result = await program.finished()
        peer.stop()
        #expect(result.status == 1)
        #expect(result.stderr.contains("Socket.IO ping timeout: no ping from the server for 2000 ms"))
    }

    @Test(.requires(.socketIO)) func aServerThatAllowsOnlyLongPollingIsSaidToBeOne() async throws {
        let peer = try await SocketIOPeer.start(pollingOnly: true)
        let result = try await StreamtapCommand.run(
            ["cat", "--lens", "socket.io", "--reconnect", "off", peer.url()],
            timeout: 20
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("the server refused the WebSocket upgrade with 403"))
        #expect(result.stderr.contains("when it allows only HTTP long-polling (its transports setting)"))
    }

    @Test(.requires(.strawberry)) func aGraphQLSubscriptionPrintsEachResult() async throws {
        let peer = try await GraphQLPeer.start()
        for subprotocol in ["graphql-transport-ws", "graphql-ws"] {
            let result = try await StreamtapCommand.run(
                ["cat", "--lens", "graphql", "--subprotocol", subprotocol, "--count", "3", peer.url],
                standardInput: "subscription Count { count(to: 3) }\n",
                timeout: 20
            )
            #expect(result.status == 0, "\(subprotocol): \(result.stderr)")
            #expect(
                result.stdout == #"{"data":{"count":1}}"# + "\n" + #"{"data":{"count":2}}"# + "\n"
                    + #"{"data":{"count":3}}"# + "\n",
                "\(subprotocol)"
            )
        }
    }

    @Test(.requires(.strawberry)) func theGraphQLLensOffersBothProtocolsAndNamesOperations() async throws {
        let peer = try await GraphQLPeer.start()
        let result = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--lens", "graphql", "--count", "2", peer.url],
            standardInput: "subscription Ticks { ticker }\n",
            timeout: 20
        )
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.jsonLines(result.stdout)
        let open = lines.first { $0["kind"] as? String == "open" }
        #expect(open?["subprotocol"] as? String == "graphql-transport-ws")
        let incoming = Self.lenses(lines, direction: "in")
        #expect(incoming.first?["type"] as? String == "connection_ack")
        #expect(
            incoming.filter { $0["type"] as? String == "next" }.allSatisfy { $0["operation"] as? String == "Ticks" }
        )
        let outgoing = Self.lenses(lines, direction: "out")
        #expect(outgoing.first?["type"] as? String == "connection_init")
        #expect(outgoing.first?["auto"] as? Bool == true)
    }

    @Test(.requires(.strawberry)) func withoutTheLensTheServerTimesOutAndTheCloseIsExplainedWithIt() async throws {
        let peer = try await GraphQLPeer.start()
        let raw = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--subprotocol", "graphql-transport-ws", "--lens", "raw", peer.url],
            timeout: 20
        )
        let rawClose = Self.jsonLines(raw.stdout).last { $0["kind"] as? String == "close" }
        #expect(rawClose?["code"] as? Int == 4408)
        #expect(rawClose?["lens"] == nil)
        let syntax = try await StreamtapCommand.run(
            ["cat", "--lens", "graphql", "--max-time", "1", peer.url],
            standardInput: "subscription { count(to: 2)\n",
            timeout: 20
        )
        #expect(syntax.stderr.contains("not sent: GraphQL syntax error at line 1, column 14"))
    }

    @Test func jsonRPCResponsesArePairedWithTheirRequests() async throws {
        let peer = try await WebSocketPeer.start()
        let result = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--subprotocol", "jsonrpc", "--count", "2", peer.url("/jsonrpc")],
            standardInput: #"{"method":"echo","params":[1,2]}"# + "\n" + #"{"method":"nope"}"# + "\n",
            timeout: 20
        )
        #expect(result.status == 0, "\(result.stderr)")
        let incoming = Self.lenses(Self.jsonLines(result.stdout), direction: "in")
        #expect(incoming.count == 2)
        #expect(incoming.first?["method"] as? String == "echo")
        #expect(incoming.first?["latencyMs"] is Double || incoming.first?["latencyMs"] is Int)
        #expect((incoming.last?["summary"] as? String)?.contains("error -32601 (method not found)") == true)
    }
}
