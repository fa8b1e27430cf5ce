import Testing

@testable import StreamTapCore

/// The JSONL contract of DESIGN.md: field names and shapes are public, so
/// these tests pin whole lines.
@Suite struct JSONLEncoderTests {
    /// 2026-11-25T07:13:55.123Z
    let time = Timestamp(nanosecondsSinceEpoch: 1_795_590_835_123_000_000)

    func line(_ kind: StreamEvent.Kind) -> String {
        var encoder = JSONLEncoder()
        return encoder.line(for: StreamEvent(timestamp: time, connectionID: 3, kind: kind))
    }

    let prefix = #""ts":"2026-11-25T07:13:55.123Z","conn":3"#

    /// Timings keep their sign and three decimals; a value too large for
    /// thousandths (only a hand-made recording has one) is still a JSON
    /// number rather than a crash of `export` or `replay --record`.
    @Test(arguments: [
        (12.5, "12.5"), (-0.5, "-0.5"), (-2.25, "-2.25"), (-1_000.001, "-1000.001"), (0.0004, "0"),
        (8.999e12, "8999000000000"), (1e300, "1e+300"), (-1e300, "-1e+300"),
    ])
    func latencyMillisecondsKeepSignAndRange(value: Double, written: String) throws {
        let encoded = line(.latency(milliseconds: value))
        #expect(encoded == #"{"kind":"latency",\#(prefix),"ms":\#(written)}"#)
        let read = RecordingReader.read(Array((encoded + "\n").utf8))
        let event = try #require(read.events.first, "\(read.problem.map { "\($0)" } ?? "")")
        guard case .latency(let back) = event.kind else {
            Issue.record("read back as \(event.kind.name)")
            return
        }
        #expect(abs(back - value) <= max(0.0005, abs(value) * 1e-15))
    }

    @Test func connecting() {
        #expect(
            line(.connecting(url: "ws://h/x", attempt: 1))
                == #"{"kind":"connecting",\#(prefix),"url":"ws://h/x","attempt":1}"#
        )
    }

    @Test func open() {
        let handshake = Handshake(
            url: "ws://127.0.0.1:9/chat",
            protocolKind: .websocket,
            request: RequestHead(
                method: "GET",
                target: "/chat",
                headers: [("Host", "127.0.0.1:9"), ("Upgrade", "websocket")]
            ),
            response: ResponseHead(status: 101, reason: "Switching Protocols", headers: [("Upgrade", "websocket")]),
            subprotocol: "chat.v1",
            extensions: ["permessage-deflate"],
            timings: ConnectionTimings(
                dnsMilliseconds: 0.25,
                connectMilliseconds: 1.5,
                proxyMilliseconds: 0.75,
                handshakeMilliseconds: 2
            ),
            tls: TLSDetails(protocolVersion: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256", peerSubject: "CN=localhost")
        )
        #expect(
            line(.open(handshake))
                == #"{"kind":"open",\#(prefix),"url":"ws://127.0.0.1:9/chat","status":101,"reason":"Switching Protocols","headers":[["Upgrade","websocket"]],"request":{"method":"GET","target":"/chat","headers":[["Host","127.0.0.1:9"],["Upgrade","websocket"]]},"protocol":"websocket","subprotocol":"chat.v1","extensions":["permessage-deflate"],"timings":{"dnsMs":0.25,"connectMs":1.5,"proxyMs":0.75,"handshakeMs":2},"tls":{"version":"TLSv1.3","cipher":"TLS_AES_128_GCM_SHA256","subject":"CN=localhost"}}"#
        )
    }

    @Test func openWithoutSubprotocolWritesNull() {
        let handshake = Handshake(
            url: "http://h/e",
            protocolKind: .sse,
            request: RequestHead(method: "GET", target: "/e", headers: []),
            response: ResponseHead(status: 200, reason: "OK", headers: [])
        )
        #expect(line(.open(handshake)).contains(#""protocol":"sse","subprotocol":null,"extensions":[],"timings":{}}"#))
    }

    @Test func frameWithTextPayload() {
        let frame = FrameInfo(
            direction: .outgoing,
            opcode: .text,
            fin: false,
            rsv1: false,
            maskingKey: [1, 2, 0xab, 0xff],
            payload: Array("hi".utf8)
        )
        #expect(
            line(.frame(frame))
                == #"{"kind":"frame",\#(prefix),"direction":"out","opcode":"text","fin":false,"rsv1":false,"rsv2":false,"rsv3":false,"masked":true,"maskingKey":"0102abff","length":2,"data":"hi"}"#
        )
    }

    @Test func binaryFrameIsAlwaysBase64() {
        let frame = FrameInfo(direction: .incoming, opcode: .binary, payload: Array("abc".utf8))
        #expect(line(.frame(frame)).hasSuffix(#""masked":false,"length":3,"base64":"YWJj"}"#))
    }

    @Test func reservedOpcodeIsWrittenAsNumber() {
        let frame = FrameInfo(direction: .incoming, opcode: Opcode(rawValue: 0xB), rsv2: true, payload: [])
        #expect(line(.frame(frame)).contains(#""opcode":11,"fin":true,"rsv1":false,"rsv2":true"#))
    }

    @Test func textFrameWithInvalidUTF8FallsBackToBase64() {
        let frame = FrameInfo(direction: .incoming, opcode: .text, payload: [0x61, 0xC3])
        #expect(line(.frame(frame)).hasSuffix(#""length":2,"base64":"YcM="}"#))
    }

    @Test func textMessage() {
        let message = Message(direction: .incoming, opcode: .text, payload: Array("héllo".utf8))
        #expect(
            line(.message(message))
                == #"{"kind":"message",\#(prefix),"direction":"in","opcode":"text","data":"héllo","length":6}"#
        )
    }

    @Test func compressedBinaryMessage() {
        let message = Message(
            direction: .incoming,
            opcode: .binary,
            payload: [0, 255, 16],
            wireLength: 5,
            compressed: true
        )
        #expect(
            line(.message(message))
                == #"{"kind":"message",\#(prefix),"direction":"in","opcode":"binary","base64":"AP8Q","length":3,"compressed":true,"wireLength":5}"#
        )
    }

    @Test func sseEvent() {
        let event = SSEEvent(type: "tick", data: "1\n2", lastEventID: "42")
        #expect(line(.event(event)) == #"{"kind":"event",\#(prefix),"type":"tick","data":"1\n2","lastEventId":"42"}"#)
    }

    @Test func retry() {
        #expect(line(.retry(milliseconds: 1500)) == #"{"kind":"retry",\#(prefix),"ms":1500}"#)
    }

    @Test func close() {
        #expect(
            line(.close(CloseInfo(code: 1001, reason: "bye", initiator: .server)))
                == #"{"kind":"close",\#(prefix),"code":1001,"reason":"bye","initiator":"server"}"#
        )
    }

    @Test func closeOfAnSSEStreamCarriesItsStats() {
        let stats = StreamStats(
            timeToFirstByteMilliseconds: 12.5,
            timeToFirstEventMilliseconds: 12.75,
            wireBytes: 40,
            decodedBytes: 90,
            payloadBytes: 30,
            events: 3,
            durationMilliseconds: 1500
        )
        #expect(
            line(.close(CloseInfo(code: 1000, reason: "end", initiator: .server, stats: stats)))
                == #"{"kind":"close",\#(prefix),"code":1000,"reason":"end","initiator":"server","ttfbMs":12.5,"firstEventMs":12.75,"wireBytes":40,"decodedBytes":90,"payloadBytes":30,"events":3,"durationMs":1500,"eventsPerSec":2}"#
        )
    }

    @Test func statsLeaveOutTimesThatDidNotHappen() {
        let stats = StreamStats(durationMilliseconds: 0)
        #expect(
            line(.close(CloseInfo(code: 1006, initiator: .server, stats: stats)))
                == #"{"kind":"close",\#(prefix),"code":1006,"reason":"","initiator":"server","wireBytes":0,"decodedBytes":0,"payloadBytes":0,"events":0,"durationMs":0}"#
        )
    }

    @Test func chunk() {
        #expect(line(.chunk(length: 37, events: 3)) == #"{"kind":"chunk",\#(prefix),"length":37,"events":3}"#)
    }

    @Test func reconnect() {
        #expect(
            line(.reconnect(attempt: 2, delayMilliseconds: 3000, reason: "stream ended"))
                == #"{"kind":"reconnect",\#(prefix),"attempt":2,"delayMs":3000,"reason":"stream ended"}"#
        )
    }

    @Test func errorWithoutResponse() {
        #expect(
            line(.error(ErrorInfo(message: "connection refused")))
                == #"{"kind":"error",\#(prefix),"message":"connection refused"}"#
        )
    }

    @Test func errorWithHTTPResponse() {
        let response = ResponseHead(
            status: 401,
            reason: "Unauthorized",
            headers: [("WWW-Authenticate", "Bearer")],
            body: Array("no token".utf8)
        )
        #expect(
            line(.error(ErrorInfo(message: "upgrade refused", response: response)))
                == #"{"kind":"error",\#(prefix),"message":"upgrade refused","status":401,"headers":[["WWW-Authenticate","Bearer"]],"body":"no token"}"#
        )
    }

    @Test func errorBodyThatIsNotUTF8IsBase64() {
        let response = ResponseHead(status: 500, reason: "", headers: [], body: [0xFF, 0xFE])
        #expect(
            line(.error(ErrorInfo(message: "x", response: response))).hasSuffix(#""headers":[],"bodyBase64":"//4="}"#)
        )
    }

    @Test func controlCharactersAreEscaped() {
        let text = "a\"b\\c\n\r\t\u{0}\u{1b}[31m\u{7f}\u{2028}\u{2029}é"
        #expect(
            line(.event(SSEEvent(data: text)))
                .contains(#""data":"a\"b\\c\n\r\t\u0000\u001b[31m\u007f\u2028\u2029é""#)
        )
    }

    @Test func everyLineIsOneLineEndingInNewline() {
        var encoder = JSONLEncoder()
        var output: [UInt8] = []
        encoder.encode(StreamEvent(timestamp: time, kind: .event(SSEEvent(data: "a\nb\r\nc"))), into: &output)
        encoder.encode(StreamEvent(timestamp: time, kind: .retry(milliseconds: 1)), into: &output)
        let lines = output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines.last?.isEmpty == true)
        #expect(!output.contains(0x0D))
    }

    @Test func kindNamesAreTheContract() {
        let names = [
            StreamEvent.Kind.connecting(url: "", attempt: 1),
            .frame(FrameInfo(direction: .incoming, opcode: .ping, payload: [])),
            .message(Message(direction: .incoming, opcode: .text, payload: [])), .event(SSEEvent(data: "")),
            .retry(milliseconds: 0), .close(CloseInfo(code: 1000, initiator: .client)),
            .reconnect(attempt: 1, delayMilliseconds: 0, reason: ""), .error(ErrorInfo(message: "")),
            .chunk(length: 0, events: 0),
        ].map(\.name)
        #expect(
            names == ["connecting", "frame", "message", "event", "retry", "close", "reconnect", "error", "chunk"]
        )
    }
}
