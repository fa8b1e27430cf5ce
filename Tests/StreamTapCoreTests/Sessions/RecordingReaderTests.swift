import Foundation
import StreamTapTestSupport
import Testing

@testable import StreamTapCore

/// JSONL recordings read back into the events that were written, and
/// damaged recordings read up to their last good line.
@Suite struct RecordingReaderTests {
    static let time = Timestamp(nanosecondsSinceEpoch: 1_795_590_835_123_000_000)

    /// One event of every kind, with every optional field set somewhere.
    static let everyKind: [StreamEvent.Kind] = [
        .connecting(url: "wss://example.org/feed?token=x", attempt: 2),
        .open(
            Handshake(
                url: "wss://example.org/feed",
                protocolKind: .websocket,
                request: RequestHead(method: "GET", target: "/feed", headers: [("Host", "example.org"), ("X-A", "1")]),
                response: ResponseHead(status: 101, reason: "Switching Protocols", headers: [("Upgrade", "websocket")]),
                subprotocol: "chat.v2",
                extensions: ["permessage-deflate"],
                timings: ConnectionTimings(
                    dnsMilliseconds: 0.25,
                    connectMilliseconds: 1.5,
                    proxyMilliseconds: 3,
                    tlsMilliseconds: 7.125,
                    handshakeMilliseconds: 2
                ),
                tls: TLSDetails(
                    protocolVersion: "TLSv1.3",
                    cipher: "TLS_AES_128_GCM_SHA256",
                    peerSubject: "CN=example.org",
                    peerIssuer: "CN=Test CA",
                    peerNotAfter: "2027-01-01T00:00:00Z"
                )
            )
        ),
        .open(
            Handshake(
                url: "http://h/events",
                protocolKind: .sse,
                request: RequestHead(method: "POST", target: "/events", headers: [], body: Array(#"{"q":"é"}"#.utf8)),
                response: ResponseHead(status: 200, reason: "OK", headers: [("Content-Type", "text/event-stream")])
            )
        ),
        .open(
            Handshake(
                url: "http://h/upload",
                protocolKind: .sse,
                request: RequestHead(method: "PUT", target: "/upload", headers: [], body: [0x00, 0xFF, 0x10]),
                response: ResponseHead(status: 200, reason: "OK", headers: [])
            )
        ),
        .frame(
            FrameInfo(
                direction: .outgoing,
                opcode: .text,
                fin: false,
                rsv1: false,
                rsv2: true,
                rsv3: true,
                maskingKey: [1, 2, 3, 4],
                payload: Array("half".utf8),
                length: 9
            )
        ),
        .frame(FrameInfo(direction: .incoming, opcode: Opcode(rawValue: 0xB), payload: [0xFF, 0x00])),
        .frame(FrameInfo(direction: .incoming, opcode: .text, rsv1: true, payload: [0xAA, 0x56])),
        .message(Message(direction: .incoming, opcode: .text, payload: Array("é \u{1B}[31m \"q\"".utf8))),
        .message(Message(direction: .outgoing, opcode: .binary, payload: [0, 1, 0xFE, 0xFF])),
        .message(Message(direction: .incoming, opcode: .text, payload: [0xC3, 0x28])),
        .message(
            Message(direction: .incoming, opcode: .text, payload: Array("zip".utf8), wireLength: 5, compressed: true)
        ),
        .event(SSEEvent(type: "tick", data: "line one\nline two", lastEventID: "42")),
        .retry(milliseconds: 2500),
        .close(CloseInfo(code: 1001, reason: "bye", initiator: .client)),
        .close(
            CloseInfo(
                code: 1000,
                initiator: .server,
                stats: StreamStats(
                    timeToFirstByteMilliseconds: 12.5,
                    timeToFirstEventMilliseconds: 13.75,
                    wireBytes: 40,
                    decodedBytes: 90,
                    payloadBytes: 30,
                    events: 3,
                    durationMilliseconds: 1500
                )
            )
        ),
        .reconnect(attempt: 3, delayMilliseconds: 3000, reason: "stream ended"),
        .error(ErrorInfo(message: "connection refused")),
        .error(
            ErrorInfo(
                message: "upgrade refused",
                response: ResponseHead(status: 401, reason: "", headers: [("WWW-Authenticate", "Bearer")], body: [0xFF])
            )
        ),
        .latency(milliseconds: 0.875),
        .chunk(length: 512, events: 2),
        .comment(" keep-alive"),
    ]

    static func encode(_ events: [StreamEvent]) -> [UInt8] {
        var encoder = JSONLEncoder()
        var bytes: [UInt8] = []
        for event in events { encoder.encode(event, into: &bytes) }
        return bytes
    }

    static var events: [StreamEvent] {
        everyKind.enumerated().map { offset, kind in
            StreamEvent(
                timestamp: Timestamp(nanosecondsSinceEpoch: time.nanosecondsSinceEpoch + Int64(offset) * 1_000_000),
                connectionID: offset % 3,
                kind: kind
            )
        }
    }

    @Test func everyKindRoundTrips() {
        let events = Self.events
        let result = RecordingReader.read(Self.encode(events))
        #expect(result.problem == nil)
        #expect(result.events.count == events.count)
        for (read, written) in zip(result.events, events) {
            #expect(read == written)
        }
    }

    @Test func aTruncatedLastLineKeepsEverythingBefore() {
        var bytes = Self.encode(Self.events)
        bytes.removeLast(20)
        let result = RecordingReader.read(bytes)
        #expect(result.events == Array(Self.events.dropLast()))
        #expect(result.problem?.line == Self.events.count)
        #expect(
            result.problem.map { "\($0)" }?.hasPrefix("line \(Self.events.count): the recording is cut short") == true
        )
    }

    @Test func aBadLineInTheMiddleIsNamed() {
        var lines = String(decoding: Self.encode(Array(Self.events.prefix(4))), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        lines[2] =
            #"{"kind":"message","ts":"2026-11-25T07:13:55.123Z","conn":1,"direction":"sideways","opcode":"text","data":"x"}"#
        let result = RecordingReader.read(Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(result.events.count == 2)
        #expect(result.problem == SessionFileProblem(line: 3, reason: "\"direction\" must be in or out"))
    }

    /// A count the reader cannot hold exactly is named as out of range,
    /// not as "not a whole number"; a fraction is still the latter.
    @Test(arguments: [
        ("9000000000000000", "\"delayMs\" is out of range: whole numbers here stay below 9 × 10^15 in size"),
        ("1e300", "\"delayMs\" is out of range: whole numbers here stay below 9 × 10^15 in size"),
        ("2.5", "\"delayMs\" must be a whole number"),
    ])
    func aNumberTooLargeToHoldIsOutOfRange(number: String, reason: String) {
        let line =
            #"{"kind":"reconnect","ts":"2026-11-25T07:13:55.123Z","conn":1,"attempt":2,"delayMs":"#
            + number + #","reason":"x"}"#
        let result = RecordingReader.read(Array((line + "\n").utf8))
        #expect(result.events.isEmpty)
        #expect(result.problem == SessionFileProblem(line: 1, reason: reason))
    }

    @Test func notJSONIsNamedWithItsColumn() {
        let result = RecordingReader.read(
            Array("\n{\"kind\":\"retry\",\"ts\":\"2026-11-25T07:13:55.123Z\",\"ms\":1}\nhello\n".utf8)
        )
        #expect(result.events.count == 1)
        #expect(result.problem?.line == 3)
        #expect(result.problem?.reason.contains("column 1") == true)
    }

    @Test func unknownKindsAreSkipped() {
        let line = #"{"kind":"hologram","ts":"2026-11-25T07:13:55.123Z","conn":1}"# + "\n"
        let result = RecordingReader.read(Array(line.utf8))
        #expect(result.events.isEmpty)
        #expect(result.problem == nil)
    }

    @Test(arguments: ["websocket-ticker.jsonl", "sse-stop.jsonl"])
    func theShippedSamplesReadCompletely(name: String) throws {
        let bytes = try SampleFiles.bytes(name)
        let (format, result) = SessionFile.read(bytes)
        #expect(format == .jsonl)
        #expect(result.problem == nil)
        #expect(result.events.count == bytes.filter { $0 == 0x0A }.count)
        #expect(Self.encode(result.events) == bytes)
    }
}

/// The files in Resources/samples.
enum SampleFiles {
    static let directory = Repository.file("Resources/samples")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
