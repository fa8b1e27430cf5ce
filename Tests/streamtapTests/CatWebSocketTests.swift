import StreamTapTestSupport
import Testing

/// The real `streamtap cat` binary against the Python `websockets` peer.
@Suite(.serialized, .requires(.peerPython, .streamtap)) struct CatWebSocketTests {
    @Test func echoesStdinLinesAndExitsZeroOnCount() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let result = try await StreamtapCommand.run(
            ["cat", "--count", "2", "ws://127.0.0.1:\(peer.port)/echo"],
            standardInput: "first line\nsecond line\n"
        )
        #expect(result.status == 0)
        #expect(result.stdout == "first line\nsecond line\n")
    }

    /// A large message goes to stdout without being copied into the output
    /// buffer; what was buffered before it must still come first.
    @Test func largeMessagesKeepTheirPlaceBetweenSmallOnes() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let large = String(repeating: "0123456789", count: 3000)
        let input = "small before\n\(large)\nsmall after\n"
        let result = try await StreamtapCommand.run(
            ["cat", "--count", "3", "ws://127.0.0.1:\(peer.port)/echo"],
            standardInput: input
        )
        #expect(result.status == 0)
        #expect(result.stdout == input)
    }

    @Test func aHostileCloseReasonIsShownInert() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let result = try await StreamtapCommand.run([
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
