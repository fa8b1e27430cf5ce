import StreamTapTestSupport
import Testing

/// The real `streamtap cat` binary against the misbehaving server: what the
/// user sees on standard output and error, and the exit status.
@Suite(.serialized, .requires(.peerPython, .streamtap)) struct HostileCatTests {
    @Test func aResetMidFrameKeepsTheEarlierMessageAndExitsWithAnError() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let result = try await StreamtapCommand.run(["cat", "ws://127.0.0.1:\(peer.port)/ws/reset-mid-frame"])
        #expect(result.status == 1)
        #expect(result.stdout == "kept\n")
        #expect(result.stderr.contains("the server reset the connection"), "\(result.stderr)")
    }

    @Test func a100MBFrameEndsTheRunAtOnceWith1009() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let result = try await StreamtapCommand.run(
            ["cat", "--jsonl", "ws://127.0.0.1:\(peer.port)/ws/huge-frame"],
            timeout: 10
        )
        #expect(result.status == 1)
        #expect(result.stdout.contains(#""kind":"close","#) && result.stdout.contains(#""code":1009"#))
        #expect(
            result.stdout.contains("the server announced a 100 MiB frame, over the 64 MiB limit"),
            "\(result.stdout)"
        )
    }

    @Test func aServerThatNeverAnswersTimesOutWithAClearMessage() async throws {
        let peer = try await HostilePeer.start()
        defer { peer.stop() }
        let result = try await StreamtapCommand.run(
            ["cat", "--reconnect", "off", "http://127.0.0.1:\(peer.port)/no-answer"],
            timeout: 20
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("the server did not answer the request within 10.0 s"), "\(result.stderr)")
    }
}
