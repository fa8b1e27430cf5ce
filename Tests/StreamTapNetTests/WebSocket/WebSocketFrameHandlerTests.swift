import NIOCore
import NIOEmbedded
import StreamTapCore
import StreamTapTestSupport
import Testing

@testable import StreamTapNet

/// The session handler on an `EmbeddedChannel`: bytes in, events and bytes
/// out, timers driven by hand.
@Suite struct WebSocketFrameHandlerTests {
    final class Harness {
        let sink = CollectingSink()
        let channel: EmbeddedChannel
        let handler: WebSocketFrameHandler

        private let box = EndBox()

        init(options: StreamOptions = StreamOptions(webSocket: WebSocketOptions(deflate: nil))) throws {
            let box = self.box
            handler = try WebSocketFrameHandler(
                emitter: EventEmitter(connectionID: 7, sink: sink),
                options: options.webSocket,
                agreement: WebSocketHandshakeAgreement(),
                autoPong: options.autoPong
            ) { box.ends.append($0) }
            channel = EmbeddedChannel()
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        }

        var sessionEnds: [SessionEnd] { box.ends }

        /// Sends server bytes into the handler.
        func receive(_ frame: FrameInfo) throws {
            var bytes: [UInt8] = []
            WebSocketFrameSerializer.serialize(frame, into: &bytes)
            try channel.writeInbound(ByteBuffer(bytes: bytes))
        }

        /// Every frame the handler wrote, parsed back.
        func written() throws -> [FrameInfo] {
            var parser = WebSocketFrameParser(maxFramePayload: 1 << 20)
            var frames: [FrameInfo] = []
            while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
                let bytes = Array(buffer.readableBytesView)
                try bytes.withUnsafeBytes { raw in
                    try parser.parse(raw) { frames.append($0) }
                }
            }
            return frames
        }
    }

    final class EndBox {
        var ends: [SessionEnd] = []
    }

    func serverFrame(_ opcode: Opcode, _ payload: [UInt8] = [], masked: Bool = false) -> FrameInfo {
        FrameInfo(direction: .incoming, opcode: opcode, maskingKey: masked ? [1, 2, 3, 4] : nil, payload: payload)
    }

    @Test func pingIsAnsweredWithAMaskedPong() throws {
        let harness = try Harness()
        try harness.receive(serverFrame(.ping, Array("hi".utf8)))
        let written = try harness.written()
        #expect(written.count == 1)
        #expect(
            written.first?.opcode == .pong && written.first?.payload == Array("hi".utf8)
                && written.first?.masked == true
        )
    }

    @Test(arguments: [
        ("masked", 1002),
        ("bad utf8", 1007),
        ("too big", 1009),
    ])
    func violationsSendTheRightCloseCode(name: String, code: Int) throws {
        let harness = try Harness(options: StreamOptions(webSocket: WebSocketOptions(deflate: nil, maxMessageSize: 8)))
        switch name {
        case "masked": try harness.receive(serverFrame(.text, Array("x".utf8), masked: true))
        case "bad utf8": try harness.receive(serverFrame(.text, [0xC0, 0x80]))
        default: try harness.receive(serverFrame(.binary, Array(repeating: 0, count: 9)))
        }
        let close = try #require(try harness.written().first { $0.opcode == .close })
        #expect(close.payload.prefix(2) == [UInt8(code >> 8), UInt8(code & 0xFF)])
        #expect(harness.sink.errors.first?.message.contains("closing with \(code)") == true)
    }

    @Test func serverCloseIsEchoedAndTheSessionEndsWithItsCode() throws {
        let harness = try Harness()
        try harness.receive(serverFrame(.close, [0x0F, 0xA0] + Array("done".utf8)))
        let close = try #require(try harness.written().first)
        #expect(close.opcode == .close && close.payload == [0x0F, 0xA0])
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(harness.sink.closes == [CloseInfo(code: 4000, reason: "done", initiator: .server)])
        #expect(harness.sessionEnds.count == 1 && harness.sessionEnds.first?.normal == false)
    }

    @Test func anUnansweredCloseTimesOut() throws {
        let harness = try Harness(
            options: StreamOptions(webSocket: WebSocketOptions(deflate: nil, closeTimeoutMilliseconds: 500))
        )
        harness.handler.perform(.close(code: 1000, reason: "bye"))
        #expect(try harness.written().first?.payload == [0x03, 0xE8] + Array("bye".utf8))
        harness.channel.embeddedEventLoop.advanceTime(by: .milliseconds(499))
        #expect(harness.sink.closes.isEmpty)
        harness.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(harness.sink.errors.last?.message == "the server did not answer our close frame within 0.5 s")
        #expect(harness.sink.closes.first?.code == 1006)
        #expect(harness.sessionEnds.first?.normal == false)
    }

    @Test func keepalivePingsMeasureTheRoundTrip() throws {
        let harness = try Harness(
            options: StreamOptions(webSocket: WebSocketOptions(deflate: nil, keepaliveIntervalMilliseconds: 100))
        )
        #expect(try harness.written().isEmpty)
        harness.channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
        let ping = try #require(try harness.written().first)
        #expect(ping.opcode == .ping)
        try harness.receive(serverFrame(.pong, ping.payload))
        let latencies = harness.sink.kinds.filter { if case .latency = $0 { true } else { false } }
        #expect(latencies.count == 1)
        try harness.receive(serverFrame(.pong, Array("unsolicited".utf8)))
        #expect(harness.sink.kinds.filter { if case .latency = $0 { true } else { false } }.count == 1)
    }

    @Test func aLostConnectionIs1006() throws {
        let harness = try Harness()
        try harness.receive(serverFrame(.text, Array("last words".utf8)))
        harness.channel.pipeline.fireChannelInactive()
        #expect(harness.sink.incomingTexts == ["last words"])
        #expect(
            harness.sink.closes == [
                CloseInfo(code: 1006, reason: "connection lost without a close frame", initiator: .server)
            ]
        )
    }
}
