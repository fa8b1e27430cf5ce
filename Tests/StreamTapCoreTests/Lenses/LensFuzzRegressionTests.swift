import Testing

@testable import StreamTapCore

/// Inputs the `lens-decoders` fuzz target found (or hand-made inputs of the
/// kind its properties catch), each with the behaviour its fix gives.
struct LensFuzzRegressionTests {
    private static func stomp(_ subprotocol: String = "v12.stomp") -> STOMPLens {
        STOMPLens(settings: LensSettings(requested: .stomp), subprotocol: subprotocol)
    }

    private static func bytes(_ text: String) -> Message {
        Message(direction: .incoming, opcode: .binary, payload: Array(text.utf8))
    }

    /// The line `decoding` is written in by `streamtap cat --jsonl`, read
    /// back by a recording's reader.
    private static func readBack(_ decoding: LensDecoding?, on message: Message) throws -> LensDecoding? {
        var message = message
        message.lens = decoding
        var encoder = JSONLEncoder()
        let line = encoder.line(
            for: StreamEvent(timestamp: Timestamp(nanosecondsSinceEpoch: 0), kind: .message(message))
        )
        guard case .message(let read)? = try StreamEventDecoder.decode(try JSONParser.parse(line))?.kind else {
            return nil
        }
        return read.lens
    }

    @Test func aSTOMPFrameThatCannotBeReadIsDroppedNotReadAgainWithEveryMessage() {
        // A NUL and a quote before CONNECTED: no command. The reader kept
        // those bytes, so every later message was the same error (and the
        // buffer grew with all of them).
        var lens = Self.stomp("v10.stomp")
        let bad = lens.received(Self.bytes("\u{0}\"CONNECTED\nversion:1.0\nsession:s\n\n\u{0}"), at: 1)
        #expect(bad.decoding?.type == "invalid")
        #expect(
            bad.decoding?.problem
                == "not a STOMP frame: a frame starts with its command in capitals (CONNECTED, MESSAGE, ...)"
        )
        let next = lens.received(Self.bytes("RECEIPT\nreceipt-id:77\n\n\u{0}"), at: 2)
        #expect(next.decoding?.type == "RECEIPT")
        #expect(next.decoding?.summary == "RECEIPT 77")
    }

    @Test func theSTOMPFramesBeforeABadOneInTheSameMessageAreRead() {
        // CONNECTED, then a MESSAGE with a header line without a colon, in
        // one message: CONNECTED was lost with the error (and with it the
        // heart-beats agreed); split in two messages, it was read.
        let stream =
            "CONNECTED\nversion:1.2\nheart-beat:10000,10000\nserver:RabbitMQ/3.12.0\nsession:session-x\n\n\u{0}\n"
            + "MESSAGE\nsubscription:sub-0\ndeMQ/3.12.0\n\n\u{0}"
        var lens = Self.stomp()
        _ = lens.opened(at: 0)
        let reading = lens.received(Self.bytes(stream), at: 5)
        #expect(reading.decoding?.type == "CONNECTED+invalid")
        #expect(reading.decoding?.problem == "not a STOMP frame: the header line of MESSAGE has no colon")
        // Connected: a heart-beat is due, not the CONNECTED timeout.
        #expect(LensMessages.sent(lens.deadlinePassed(at: 10_000)) == ["\n"])
    }

    @Test func theMQTTPacketsBeforeABadHeaderInTheSameMessageAreRead() {
        // CONNACK, then a remaining length running past four bytes.
        var lens = MQTTLens(settings: LensSettings(requested: .mqtt, mqttClientID: "fuzz"))
        _ = lens.opened(at: 0)
        let reading = lens.received(
            Message(direction: .incoming, opcode: .binary, payload: [0x20, 2, 0, 0, 0x30, 0xFF, 0xFF, 0xFF, 0xFF]),
            at: 1
        )
        #expect(reading.decoding?.type == "CONNACK+invalid")
        #expect(
            reading.decoding?.problem
                == "not an MQTT packet: the remaining length runs past four bytes: this is not MQTT"
        )
        // Accepted: the keepalive clock runs, no longer the CONNACK timeout.
        #expect(lens.deadline == 60_000)
    }

    @Test func aSTOMPVersionSettlesTheEscapingOfTheFramesAfterItInTheSameMessage() {
        // STOMP 1.0 escapes no header: `\c` stays as it is, whether MESSAGE
        // comes in the message of CONNECTED or in one of its own.
        let connected = "CONNECTED\nversion:1.0\n\n\u{0}"
        let message = "MESSAGE\nd:a\\cb\n\n\u{0}"
        var together = Self.stomp()
        let whole = together.received(Self.bytes(connected + message), at: 1).decoding
        #expect(whole?.type == "CONNECTED+MESSAGE")
        var apart = Self.stomp()
        _ = apart.received(Self.bytes(connected), at: 1)
        let alone = apart.received(Self.bytes(message), at: 2).decoding
        #expect(alone?["headers"] == .array([.array([.string("d"), .string("a\\cb")])]))
        #expect(whole?["frames"]?.arrayValue?.last?["headers"] == alone?["headers"])
    }

    @Test func anEngineIOOpenPacketWithAnImpossiblePingIntervalIsReadNotACrash() {
        // `Int(1e300)` trapped while writing the summary.
        var lens = SocketIOLens(settings: LensSettings(requested: .socketIO))
        let reading = lens.received(LensMessages.incoming(#"0{"sid":"a","pingInterval":1e300}"#), at: 0)
        #expect(reading.decoding?.summary == "open sid a, ping every 25000 ms, timeout 20000 ms")
        #expect(reading.decoding?.problem == "pingInterval 1e+300 is not a time in milliseconds; 25000 assumed")
        #expect(lens.deadline == 45_000)
    }

    @Test func anEngineIO3PingIntervalOfZeroDoesNotFireTheTimerForever() {
        // The next ping was due at the instant it was sent, again and again.
        var lens = SocketIOLens(settings: LensSettings(requested: .socketIO, engineIOVersion: 3))
        _ = lens.received(LensMessages.incoming(#"0{"sid":"a","pingInterval":0,"pingTimeout":500}"#), at: 2)
        #expect(lens.deadline == 25_002)
        #expect(LensMessages.sent(lens.deadlinePassed(at: 25_002)) == ["2"])
        _ = lens.sending(LensMessages.outgoing("2"), at: 25_002)
        #expect(lens.deadline == 25_502)
    }

    @Test func fieldsNestedAsDeepAsTheParserAllowsStillMakeALineARecordingReads() throws {
        // An event whose argument nests 126 arrays deep: in the `lens`
        // object of a JSONL line that was 130 levels, more than a recording's
        // reader takes. The deepest levels are kept as their JSON text.
        let deep = String(repeating: "[", count: 126) + String(repeating: "]", count: 126)
        let message = LensMessages.incoming(#"42["e","# + deep + "]")
        var lens = SocketIOLens(settings: LensSettings(requested: .socketIO))
        let decoding = try #require(lens.received(message, at: 0).decoding)
        let read = try #require(try Self.readBack(decoding, on: message))
        #expect(read.summary == decoding.summary)
        #expect(JSONValue.object(read.fields) == JSONValue.object(decoding.fields))
        let args = try #require(read["args"])
        #expect(args.nestingDepth == LensDecoding.fieldDepth)
        var innermost = args
        while case .array(let elements) = innermost, let first = elements.first { innermost = first }
        #expect(innermost == .string("[]"))
    }
}
