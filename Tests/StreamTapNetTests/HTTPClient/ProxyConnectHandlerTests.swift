import NIOCore
import NIOEmbedded
import StreamTapCore
import Testing

@testable import StreamTapNet

/// The handler that opens a proxy tunnel, on an `EmbeddedChannel`.
@Suite struct ProxyConnectHandlerTests {
    /// Records what reaches the handler installed after the tunnel.
    final class Recorder: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        var received: [UInt8] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            received += buffer.readBytes(length: buffer.readableBytes) ?? []
        }
    }

    private let request = Array("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n".utf8)

    private func connectedChannel() async throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 3128)).get()
        return channel
    }

    private func add(
        to channel: EmbeddedChannel,
        maximumHeadSize: Int = ProxyConnect.maximumHeadSize,
        recorder: Recorder = Recorder()
    ) throws -> EventLoopFuture<ProxyConnectHandler.Tunnel> {
        let promise = channel.eventLoop.makePromise(of: ProxyConnectHandler.Tunnel.self)
        let handler = ProxyConnectHandler(request: request, maximumHeadSize: maximumHeadSize, completion: promise) {
            try $0.addHandler(recorder)
        }
        try channel.pipeline.syncOperations.addHandler(handler)
        return promise.futureResult
    }

    private func failure(of future: EventLoopFuture<ProxyConnectHandler.Tunnel>) async -> (any Error)? {
        do {
            _ = try await future.get()
            return nil
        } catch {
            return error
        }
    }

    @Test func sendsTheRequestThenHandsOverAfterA2xxHeadSplitAcrossReads() async throws {
        let channel = try await connectedChannel()
        let recorder = Recorder()
        let tunnel = try add(to: channel, recorder: recorder)
        var sent = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(sent.readBytes(length: sent.readableBytes) == request)

        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 Connection estab"))
        try channel.writeInbound(ByteBuffer(string: "lished\r\nVia: 1.1 proxy\r\n"))
        #expect(recorder.received.isEmpty)
        try channel.writeInbound(ByteBuffer(string: "\r\n\u{16}\u{03}\u{01}tls bytes"))

        let head = try await tunnel.get().head
        #expect(head.status == 200 && head.reason == "Connection established")
        #expect(head.headers.first("Via") == "1.1 proxy")
        #expect(recorder.received == Array("\u{16}\u{03}\u{01}tls bytes".utf8))
        #expect(throws: (any Error).self) {
            try channel.pipeline.syncOperations.handler(type: ProxyConnectHandler.self)
        }
        try channel.writeInbound(ByteBuffer(string: "more"))
        #expect(recorder.received.suffix(4) == Array("more".utf8))
        _ = try? channel.finish()
    }

    @Test func aRefusalFailsWithTheHeadAndClosesTheChannel() async throws {
        let channel = try await connectedChannel()
        let tunnel = try add(to: channel)
        try channel.writeInbound(
            ByteBuffer(string: "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n")
        )
        let error = await failure(of: tunnel)
        guard case .refused(let head) = error as? ProxyConnectHandler.Failure else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(head.status == 407 && head.headers.first("Proxy-Authenticate") == "Basic")
        #expect(!channel.isActive)
    }

    @Test func bytesThatAreNotHTTPAreRejectedAtOnce() async throws {
        let channel = try await connectedChannel()
        let tunnel = try add(to: channel)
        try channel.writeInbound(ByteBuffer(bytes: [0x05, 0xFF]))
        let error = await failure(of: tunnel) as? ProxyConnectHandler.Failure
        #expect(error == .invalid("the proxy did not answer with HTTP (is it an HTTP proxy?)"))
        #expect(!channel.isActive)
    }

    @Test func aHeadLargerThanTheLimitIsRejected() async throws {
        let channel = try await connectedChannel()
        let tunnel = try add(to: channel, maximumHeadSize: 1024)
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\n"))
        try channel.writeInbound(ByteBuffer(string: "X-Padding: " + String(repeating: "a", count: 1100)))
        let error = await failure(of: tunnel) as? ProxyConnectHandler.Failure
        #expect(error == .invalid("the proxy's response head is larger than 1 KiB"))
    }

    @Test func aConnectionClosedBeforeTheAnswerSaysSo() async throws {
        let channel = try await connectedChannel()
        let tunnel = try add(to: channel)
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 2"))
        channel.pipeline.fireChannelInactive()
        let error = await failure(of: tunnel) as? ProxyConnectHandler.Failure
        #expect(error == .closed)
    }
}

@available(*, unavailable)
extension ProxyConnectHandlerTests.Recorder: Sendable {}
