import StreamTapCore
import Testing

@testable import StreamTapUI

/// The explanations `e` shows, checked against real values (RFC 6455's
/// handshake example, its close codes and frame layout).
@Suite struct ExplainDocumentTests {
    private func text(_ event: StreamEvent.Kind) -> String {
        ExplainDocument.lines(for: StreamEvent(kind: event), theme: Fixtures.plainTheme).map(\.text)
            .joined(separator: "\n")
    }

    @Test func theHandshakeShowsTheAcceptComputationWithTheActualValues() {
        let explained = text(.open(Fixtures.webSocketHandshake))
        #expect(explained.contains("dGhlIHNhbXBsZSBub25jZQ=="))
        #expect(explained.contains("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
        #expect(
            explained.contains(
                Hex.encode(SHA1.digest(Array("dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11".utf8)))
            )
        )
        #expect(explained.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo= (matches)"))
        #expect(explained.contains("101 Switching Protocols"))
    }

    @Test func aWrongAcceptIsCalledOut() {
        var handshake = Fixtures.webSocketHandshake
        handshake.response.headers = [("Sec-WebSocket-Accept", "AAAA")]
        #expect(text(.open(handshake)).contains("server sent AAAA: does not match"))
    }

    @Test func aResumedSSERequestSaysWhyLastEventIDWasSent() {
        let explained = text(.open(Fixtures.sseHandshake))
        #expect(explained.contains("Last-Event-ID 41"))
        #expect(explained.contains("last `id:` field was 41"))
        #expect(explained.contains("resume after event 41"))
        var first = Fixtures.sseHandshake
        first.request.headers = [("Accept", "text/event-stream")]
        #expect(text(.open(first)).contains("No Last-Event-ID"))
    }

    @Test func closeCodesAreExplained() {
        let dropped = text(.close(CloseInfo(code: 1006, reason: "", initiator: .server)))
        #expect(dropped.contains("Close 1006: connection lost without a close frame"))
        #expect(dropped.contains("TCP ended without a close frame"))
        let refused = text(.close(CloseInfo(code: 1002, reason: "bad opcode", initiator: .server)))
        #expect(refused.contains("Close 1002: protocol error"))
        #expect(refused.contains("started by    the server"))
        #expect(refused.contains("first two payload bytes"))
    }

    @Test func aFramesBitsAndWireSizeAreExact() {
        let masked = FrameInfo(
            direction: .outgoing,
            opcode: .text,
            maskingKey: [1, 2, 3, 4],
            payload: Array("hello".utf8)
        )
        let explained = text(.frame(masked))
        #expect(explained.contains("6 header bytes + 5 payload bytes = 11 on the wire"))
        #expect(explained.contains("1000 0001 1000 0101"))
        #expect(!explained.contains("must be masked"))
        let unmasked = FrameInfo(direction: .outgoing, opcode: .text, payload: Array("x".utf8))
        #expect(text(.frame(unmasked)).contains("must be masked"))
        let ping = FrameInfo(direction: .outgoing, opcode: .ping, fin: false, maskingKey: [0, 0, 0, 0], payload: [])
        #expect(text(.frame(ping)).contains("Control frames must not be fragmented"))
    }

    @Test func anSSEEventSaysWhatAReconnectionWouldSend() {
        let explained = text(.event(SSEEvent(type: "tick", data: "a\nb", lastEventID: "43")))
        #expect(explained.contains("3 bytes of data"))
        #expect(explained.contains("in 2 `data:` line(s)"))
        #expect(explained.contains("Last-Event-ID: 43"))
    }

    @Test func headerLengthsFollowTheLengthEncoding() {
        func frame(_ length: Int, masked: Bool) -> FrameInfo {
            FrameInfo(
                direction: .incoming,
                opcode: .binary,
                maskingKey: masked ? [0, 0, 0, 0] : nil,
                payload: [UInt8](repeating: 0, count: length)
            )
        }
        #expect(TrafficCounters.headerLength(of: frame(125, masked: false)) == 2)
        #expect(TrafficCounters.headerLength(of: frame(126, masked: false)) == 4)
        #expect(TrafficCounters.headerLength(of: frame(65_536, masked: true)) == 14)
    }
}
