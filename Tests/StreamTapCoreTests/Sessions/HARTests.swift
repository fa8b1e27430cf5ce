import StreamTapTestSupport
import Testing

@testable import StreamTapCore

/// HAR import of files saved by Chrome and Firefox DevTools, and export in
/// Chrome's shape, read back.
@Suite struct HARTests {
    static func messages(_ events: [StreamEvent]) -> [(Timestamp, Message)] {
        events.compactMap { event in
            if case .message(let message) = event.kind { return (event.timestamp, message) }
            return nil
        }
    }

    @Test func chromeWebSocketMessagesAreImported() throws {
        let (format, result) = SessionFile.read(try SampleFiles.bytes("chrome-websocket.har"))
        #expect(format == .har)
        #expect(result.problem == nil)
        let connections = ConnectionHistory.group(result.events)
        #expect(connections.count == 1)
        let handshake = try #require(connections.first?.handshake)
        #expect(handshake.url == "ws://127.0.0.1:8080/ws/chat?room=lobby&token=eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig")
        #expect(handshake.request.target == "/ws/chat?room=lobby&token=eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig")
        #expect(handshake.response.status == 101)
        #expect(handshake.subprotocol == "chat.v2")
        #expect(handshake.extensions == ["permessage-deflate"])
        #expect(handshake.timings.handshakeMilliseconds == 2.261)
        let messages = Self.messages(result.events)
        #expect(messages.map(\.1.direction) == [.incoming, .outgoing, .incoming, .incoming])
        #expect(String(decoding: messages[1].1.payload, as: UTF8.self) == #"{"type":"say","text":"héllo ✓"}"#)
        #expect(messages[3].1.opcode == .binary)
        #expect(messages[3].1.payload == [0, 1, 2, 3, 0xFE, 0xFF])
        #expect(messages[1].0.rfc3339 == "2026-11-25T09:30:03.101Z")
    }

    @Test func firefoxWebSocketAndEventStreamAreImported() throws {
        let result = HARReader.read(try SampleFiles.bytes("firefox-websocket-sse.har"))
        #expect(result.problem == nil)
        let connections = ConnectionHistory.group(result.events)
        #expect(connections.map(\.protocolKind) == [.websocket, .sse])
        #expect(connections[0].handshake?.response.reason == "Switching Protocols")
        #expect(connections[0].start.rfc3339 == "2026-11-25T09:41:07.410Z")
        let sse = connections[1].events.compactMap { event -> SSEEvent? in
            if case .event(let sse) = event.kind { return sse }
            return nil
        }
        #expect(
            sse == [
                SSEEvent(data: #"{"seq":1}"#, lastEventID: "1"),
                SSEEvent(type: "tick", data: #"{"seq":2}"#, lastEventID: "2"),
                SSEEvent(data: "line one\nline two", lastEventID: "3"),
            ]
        )
        #expect(connections[1].events.contains { $0.kind == .retry(milliseconds: 2000) })
    }

    @Test func exportThenImportKeepsMessagesAndEvents() throws {
        let base = Timestamp(nanosecondsSinceEpoch: 1_795_590_835_123_000_000)
        func at(_ milliseconds: Int64) -> Timestamp {
            Timestamp(nanosecondsSinceEpoch: base.nanosecondsSinceEpoch + milliseconds * 1_000_000)
        }
        let webSocket = Handshake(
            url: "ws://127.0.0.1:9/chat",
            protocolKind: .websocket,
            request: RequestHead(method: "GET", target: "/chat", headers: [("Host", "127.0.0.1:9")]),
            response: ResponseHead(status: 101, reason: "Switching Protocols", headers: [("Upgrade", "websocket")]),
            timings: ConnectionTimings(handshakeMilliseconds: 2.5)
        )
        let sse = Handshake(
            url: "http://127.0.0.1:9/events",
            protocolKind: .sse,
            request: RequestHead(method: "GET", target: "/events", headers: []),
            response: ResponseHead(status: 200, reason: "OK", headers: [("Content-Type", "text/event-stream")])
        )
        let events = [
            StreamEvent(timestamp: at(0), connectionID: 1, kind: .connecting(url: webSocket.url, attempt: 1)),
            StreamEvent(timestamp: at(3), connectionID: 1, kind: .open(webSocket)),
            StreamEvent(timestamp: at(4), connectionID: 2, kind: .connecting(url: sse.url, attempt: 1)),
            StreamEvent(timestamp: at(5), connectionID: 2, kind: .open(sse)),
            StreamEvent(
                timestamp: at(10),
                connectionID: 1,
                kind: .message(Message(direction: .outgoing, opcode: .text, payload: Array("hi \"there\"".utf8)))
            ),
            StreamEvent(
                timestamp: at(11),
                connectionID: 1,
                kind: .message(Message(direction: .incoming, opcode: .binary, payload: [0, 0xFF]))
            ),
            StreamEvent(
                timestamp: at(12),
                connectionID: 2,
                kind: .event(SSEEvent(type: "tick", data: "a\nb", lastEventID: "7"))
            ),
        ]
        let har = HARWriter.write(events, creatorVersion: "test")
        let document = try JSONParser.parse(har)
        let entry = try #require(document["log"]?["entries"]?.arrayValue?.first)
        #expect(entry["_resourceType"]?.stringValue == "websocket")
        #expect(
            entry["_webSocketMessages"]?.arrayValue?.first
                == .object([
                    ("type", .string("send")), ("time", .number(1_795_590_835.133)), ("opcode", .number(1)),
                    ("data", .string("hi \"there\"")),
                ])
        )
        let result = HARReader.read(har)
        #expect(result.problem == nil)
        let originals = events.filter {
            switch $0.kind {
            case .message, .event: true
            default: false
            }
        }
        let reread = result.events.filter {
            switch $0.kind {
            case .message, .event: true
            default: false
            }
        }
        #expect(reread == originals)
        let handshakes = ConnectionHistory.group(result.events).compactMap(\.handshake)
        #expect(handshakes.map(\.url) == [webSocket.url, sse.url])
        #expect(handshakes.first?.timings.handshakeMilliseconds == 2.5)
    }

    @Test func aRequestBodyIsExportedAsPostDataAndReadBack() throws {
        for body in [Array(#"{"prompt":"hi"}"#.utf8), [0x00, 0xFF]] {
            let history = CommandLineEquivalentTests.post(body)
            let har = HARWriter.write(history.events, creatorVersion: "test")
            let text = String(decoding: har, as: UTF8.self)
            #expect(text.contains(#""postData":{"mimeType":"application/json","text":"#))
            #expect(text.contains(#""bodySize":\#(body.count)"#))
            let (_, read) = SessionFile.read(har)
            let opened = read.events.compactMap { if case .open(let handshake) = $0.kind { handshake } else { nil } }
            #expect(opened.first?.request.body == body)
        }
    }

    @Test func chromeFileSurvivesARoundTripThroughOurExport() throws {
        let imported = HARReader.read(try SampleFiles.bytes("chrome-websocket.har")).events
        let again = HARReader.read(HARWriter.write(imported, creatorVersion: "test")).events
        #expect(Self.messages(again).map(\.1) == Self.messages(imported).map(\.1))
        #expect(Self.messages(again).map(\.0) == Self.messages(imported).map(\.0))
        #expect(ConnectionHistory.group(again).first?.handshake == ConnectionHistory.group(imported).first?.handshake)
    }

    @Test func filesThatAreNotUsableSaySo() {
        let broken = HARReader.read(Array("{\n  \"log\": {\n    \"entries\": [,]\n  }\n}\n".utf8))
        #expect(broken.problem?.line == 3)
        #expect(broken.problem?.reason.hasPrefix("not valid JSON") == true)
        let other = HARReader.read(Array(#"{"log":{"entries":[{"request":{"url":"http://h/"}}]}}"#.utf8))
        #expect(other.problem?.reason.contains("no WebSocket or event-stream entries") == true)
        let notHAR = HARReader.read(Array(#"{"hello":1}"#.utf8))
        #expect(notHAR.problem?.reason == "this is not a HAR file: log.entries is missing")
    }

    @Test func aPrettyPrintedBrokenHARIsReportedAsHAR() {
        let (format, result) = SessionFile.read(Array("{\n  \"log\": {\n    \"entries\": [\n".utf8))
        #expect(format == .har)
        #expect(result.problem?.line == 4)
    }
}

/// Whatever bytes a session file holds, reading it ends in events or a
/// problem, never a crash.
@Suite struct SessionFileRobustnessTests {
    @Test func everyPrefixOfEverySampleReads() throws {
        for name in ["websocket-ticker.jsonl", "sse-stop.jsonl", "chrome-websocket.har", "firefox-websocket-sse.har"] {
            let bytes = try SampleFiles.bytes(name)
            for length in stride(from: 0, through: bytes.count, by: 7) {
                let (_, result) = SessionFile.read(Array(bytes.prefix(length)))
                #expect(result.problem != nil || !result.events.isEmpty || length == 0)
            }
        }
    }

    @Test(arguments: ["", "\n", "\n\n{", " {\n", "\u{FEFF}{}", "[]", "{\"kind\":1}", "null", "\n{\"log\":{}}"])
    func oddFilesGiveAProblem(text: String) {
        let (_, result) = SessionFile.read(Array(text.utf8))
        #expect(result.events.isEmpty)
        #expect(result.problem != nil)
    }
}

extension SessionFileRobustnessTests {
    /// Random bytes changed in the samples (a fixed seed, so a failure
    /// repeats) still read to events or a problem.
    @Test func mutatedSamplesNeverCrash() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for name in ["websocket-ticker.jsonl", "chrome-websocket.har", "firefox-websocket-sse.har"] {
            let original = try SampleFiles.bytes(name)
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] = UInt8.random(in: 0...255, using: &generator)
                }
                let (_, result) = SessionFile.read(bytes)
                #expect(result.problem != nil || !result.events.isEmpty)
            }
        }
    }
}
