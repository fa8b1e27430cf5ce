import Testing

/// The real `streamtap cat` binary against the Python `websockets` peer.
@Suite(.serialized) struct CatWebSocketTests {
    @Test func echoesStdinLinesAndExitsZeroOnCount() async throws {
        guard let python = try PeerProcess.python() else { return }
        let peer = try PeerProcess(python: python, script: "ws_peer_server.py", arguments: ["30"])
        defer { peer.stop() }
        let result = try await SSECommandRunner.run(
            ["cat", "--count", "2", "ws://127.0.0.1:\(peer.port)/echo"],
            standardInput: "first line\nsecond line\n"
        )
        #expect(result.status == 0)
        #expect(result.stdout == "first line\nsecond line\n")
    }

    /// A large message goes to stdout without being copied into the output
    /// buffer; what was buffered before it must still come first.
    @Test func largeMessagesKeepTheirPlaceBetweenSmallOnes() async throws {
        guard let python = try PeerProcess.python() else { return }
        let peer = try PeerProcess(python: python, script: "ws_peer_server.py", arguments: ["30"])
        defer { peer.stop() }
        let large = String(repeating: "0123456789", count: 3000)
        let input = "small before\n\(large)\nsmall after\n"
        let result = try await SSECommandRunner.run(
            ["cat", "--count", "3", "ws://127.0.0.1:\(peer.port)/echo"],
            standardInput: input
        )
        #expect(result.status == 0)
        #expect(result.stdout == input)
    }

    @Test func aHostileCloseReasonIsShownInert() async throws {
        guard let python = try PeerProcess.python() else { return }
        let peer = try PeerProcess(python: python, script: "ws_peer_server.py", arguments: ["30"])
        defer { peer.stop() }
        let result = try await SSECommandRunner.run([
            "cat", "ws://127.0.0.1:\(peer.port)/close?code=4000&reason=%1B%5B31mred%E2%80%AE",
        ])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "closed by the server with 4000 (private use by the application): \u{241B}[31mredU+202E"
            )
        )
        #expect(!result.stderr.contains("\u{1B}"))
    }
}
