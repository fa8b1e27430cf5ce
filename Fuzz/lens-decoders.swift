/// Fuzz target: the protocol lenses (Socket.IO, GraphQL, JSON-RPC, MQTT,
/// STOMP) driven as a WebSocket session drives them.
///
/// Input: the first byte picks the lens and its variant (its value modulo
/// 10: Socket.IO over Engine.IO 4 and 3, GraphQL over graphql-transport-ws
/// and graphql-ws, JSON-RPC, MQTT 3.1.1 and 5.0, STOMP over v12.stomp,
/// v11.stomp and v10.stomp) and its timers (its value divided by 10, modulo
/// 4: defaults, short, off, long). The second byte picks how the bytes
/// after the third are cut into WebSocket messages (its low two bits: one
/// message; split at every byte equal to the third; chunks of the third
/// byte's size modulo 64, plus one; or records of a control byte, a length
/// byte and the payload), which messages are binary and which go out
/// rather than in; the third byte is the cut's parameter.
///
/// The session: `opened`, the first message's first line to `encode`, then
/// every message to `received` or `sending` at increasing times, each
/// deadline served when it comes, and `explain` at the end. As the real
/// driver does, every message a lens asks to send goes through `sending`.
///
/// Properties: no crash; every decoding (incoming, outgoing, the close's)
/// written in a JSONL message line by `JSONLEncoder` parses back with
/// `JSONParser` to the same summary and fields; a passed deadline is served
/// within a few calls at the same instant (no timer that fires forever);
/// and for MQTT and STOMP, the packets or frames read from the incoming
/// bytes (heart-beats aside, up to and including the first framing error)
/// are the same whether the bytes arrive as one message, split in two at
/// every point, or one byte per message; and after a framing error, a
/// message holding one whole packet or frame is read as that.

/// One way of configuring a lens.
struct LensVariant {
    var settings: LensSettings
    var subprotocol: String?
    var path: String
    /// MQTT and STOMP: bytes carry over between messages.
    var frames: Bool

    init(_ byte: UInt8) {
        var settings: LensSettings
        var subprotocol: String?
        switch byte % 10 {
        case 0: settings = LensSettings(requested: .socketIO, engineIOVersion: 4)
        case 1: settings = LensSettings(requested: .socketIO, engineIOVersion: 3)
        case 2:
            settings = LensSettings(requested: .graphQL)
            subprotocol = GraphQLLens.transportProtocol
        case 3:
            settings = LensSettings(requested: .graphQL)
            subprotocol = GraphQLLens.legacyProtocol
        case 4: settings = LensSettings(requested: .jsonRPC)
        case 5: settings = LensSettings(requested: .mqtt, mqttVersion: .v311)
        case 6: settings = LensSettings(requested: .mqtt, mqttVersion: .v5)
        case 7:
            settings = LensSettings(requested: .stomp)
            subprotocol = "v12.stomp"
        case 8:
            settings = LensSettings(requested: .stomp)
            subprotocol = "v11.stomp"
        default:
            settings = LensSettings(requested: .stomp)
            subprotocol = "v10.stomp"
        }
        // A fixed client identifier: the same input, the same run.
        settings.mqttClientID = "fuzz"
        switch byte / 10 % 4 {
        case 1:
            settings.socketIOAsksAcks = true
            settings.requestTimeoutMilliseconds = 50
            settings.mqttKeepAliveSeconds = 1
            settings.stompHeartBeat = STOMPHeartBeat(send: 100, receive: 100)
        case 2:
            settings.socketIONamespaces = ["/", "/admin"]
            settings.requestTimeoutMilliseconds = 0
            settings.mqttKeepAliveSeconds = 0
            settings.stompHeartBeat = STOMPHeartBeat(send: 0, receive: 0)
        case 3:
            settings.socketIOAuth = #"{"token":"t"}"#
            settings.graphQLInit = #"{"auth":"t"}"#
            settings.requestTimeoutMilliseconds = 1e9
            settings.username = "user"
            settings.password = "secret"
            settings.mqttKeepAliveSeconds = 65_535
            settings.stompHost = "/"
            settings.stompHeartBeat = STOMPHeartBeat(send: 1, receive: 60_000)
        default:
            break
        }
        self.settings = settings
        self.subprotocol = subprotocol
        path = settings.requested == .socketIO ? "/socket.io/" : "/"
        frames = settings.requested == .mqtt || settings.requested == .stomp
    }

    func makeLens() -> any ProtocolLens {
        guard let lens = settings.makeLens(subprotocol: subprotocol, path: path) else {
            fatalError("no lens for \(String(describing: settings.requested))")
        }
        return lens
    }
}

/// One WebSocket message of the session, and when it happens.
struct FuzzMessage {
    var message: Message
    var delay: Double
}

/// Cuts `body` into messages as the second and third bytes say.
func cutMessages(_ body: ArraySlice<UInt8>, scheme: UInt8, parameter: UInt8) -> [FuzzMessage] {
    let opcodes = scheme >> 2 & 0x07
    let outgoingEvery = Int(scheme >> 5)
    func message(_ index: Int, _ bytes: ArraySlice<UInt8>) -> FuzzMessage {
        let binary = opcodes >> UInt8(index % 3) & 1 == 1
        let outgoing = outgoingEvery > 0 && index % (outgoingEvery + 1) == outgoingEvery
        return FuzzMessage(
            message: Message(
                direction: outgoing ? .outgoing : .incoming,
                opcode: binary ? .binary : .text,
                payload: Array(bytes)
            ),
            delay: 1 + Double(bytes.last ?? 0) * 100
        )
    }
    var pieces: [ArraySlice<UInt8>] = []
    switch scheme & 0x03 {
    case 0:
        pieces = [body]
    case 1:
        pieces = body.split(separator: parameter, omittingEmptySubsequences: false)
    case 2:
        let size = Int(parameter % 64) + 1
        pieces = stride(from: body.startIndex, to: body.endIndex, by: size).map {
            body[$0..<min($0 + size, body.endIndex)]
        }
    default:
        // Records: a control byte (bit 0 binary, bit 1 outgoing, bits 2-7
        // the time since the last message in quarter seconds), a length
        // byte, the payload.
        var messages: [FuzzMessage] = []
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let control = body[index]
            let end = min(index + 2 + Int(body[index + 1]), body.endIndex)
            messages.append(
                FuzzMessage(
                    message: Message(
                        direction: control & 0x02 != 0 ? .outgoing : .incoming,
                        opcode: control & 0x01 != 0 ? .binary : .text,
                        payload: Array(body[index + 2..<end])
                    ),
                    delay: 1 + Double(control >> 2) * 250
                )
            )
            index = end
        }
        return messages
    }
    return pieces.enumerated().map { message($0.offset, $0.element) }
}

// MARK: Recording

/// The decoding as the `lens` object of a JSONL line has it.
func lensObject(_ decoding: LensDecoding) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
        ("protocol", .string(decoding.protocolName)), ("type", .string(decoding.type)),
    ]
    members += decoding.fields
    if decoding.automatic { members.append(("auto", .bool(true))) }
    if let problem = decoding.problem { members.append(("problem", .string(problem))) }
    members.append(("summary", .string(decoding.summary)))
    return .object(members)
}

/// Writes `decoding` on `message` as a JSONL line and reads it back.
func checkRecorded(_ decoding: LensDecoding?, on message: Message, _ context: @autoclosure () -> String) {
    guard let decoding else { return }
    var message = message
    message.lens = decoding
    var encoder = JSONLEncoder()
    let line = encoder.line(for: StreamEvent(timestamp: Timestamp(nanosecondsSinceEpoch: 0), kind: .message(message)))
    let parsed: JSONValue
    do {
        parsed = try JSONParser.parse(line)
    } catch {
        fuzzCheck(false, "\(context()): the JSONL line does not parse (\(error)): \(line.prefix(600))")
        return
    }
    fuzzCheck(
        parsed["lens"] == lensObject(decoding),
        "\(context()): the lens object reads back differently: \(line.prefix(600))"
    )
}

/// The close event's lens object, written and read back.
func checkRecordedClose(_ decoding: LensDecoding?, _ close: CloseInfo) {
    guard let decoding else { return }
    var close = close
    close.lens = decoding
    var encoder = JSONLEncoder()
    let line = encoder.line(for: StreamEvent(timestamp: Timestamp(nanosecondsSinceEpoch: 0), kind: .close(close)))
    let parsed = try? JSONParser.parse(line)
    fuzzCheck(parsed?["lens"] == lensObject(decoding), "the close's lens object does not read back: \(line)")
}

// MARK: The session

/// Drives one lens as `WebSocketFrameHandler` does, with a simulated clock.
struct LensSession {
    var lens: any ProtocolLens
    var now: Double = 0
    /// The lens failed the connection: the driver arms no timer after that.
    var failed = false

    /// Carries out what the lens asked: what it sends goes through `sending`.
    mutating func carryOut(_ actions: [LensAction]) {
        for action in actions {
            switch action {
            case .send(let outgoing):
                let message = Message(direction: .outgoing, opcode: outgoing.opcode, payload: outgoing.payload)
                checkRecorded(lens.sending(message, at: now), on: message, "what the lens sends at \(now)")
            case .report(let text):
                fuzzCheck(!text.isEmpty, "an empty report")
            case .fail(let text):
                fuzzCheck(!text.isEmpty, "an empty failure")
                failed = true
            case .close:
                break
            }
        }
    }

    /// Lets the clock run to `time`, serving every deadline on the way at
    /// the instant it comes.
    mutating func advance(to time: Double) {
        var callsAtThisInstant = 0
        // A lens may keep a timer every millisecond (a server may ask for
        // that); past this many calls between two messages the clock jumps.
        var calls = 0
        while !failed, calls < 10_000, let due = lens.deadline, due <= time {
            if due > now {
                now = due
                callsAtThisInstant = 0
            }
            callsAtThisInstant += 1
            calls += 1
            fuzzCheck(
                callsAtThisInstant <= 8,
                "deadlinePassed(at: \(now)) keeps the deadline at \(due) (called \(callsAtThisInstant - 1) times)"
            )
            carryOut(lens.deadlinePassed(at: now))
        }
        now = max(now, time)
    }
}

// MARK: Framing

/// The packets or frames of one reading, as their `lens` objects (a
/// combined decoding gives each of its parts).
func framedParts(_ decoding: LensDecoding?) -> [JSONValue] {
    guard let decoding, decoding.type != "partial" else { return [] }
    let parts: [JSONValue]
    if decoding.type.contains("+"), decoding.fields.count == 1, ["packets", "frames"].contains(decoding.fields[0].key),
        case .array(let elements) = decoding.fields[0].value
    {
        parts = elements
    } else {
        var object = lensObject(decoding)
        if case .object(let members) = object { object = .object(Array(members.dropFirst())) }
        parts = [object]
    }
    return parts.filter { $0["type"] != .string("heart-beat") }
}

/// Whether a part says the bytes could not be cut into packets or frames.
func isFramingError(_ part: JSONValue) -> Bool {
    guard let error = part["problem"]?.stringValue else { return false }
    return error.hasPrefix("not an MQTT packet") || error.hasPrefix("not a STOMP frame")
}

/// The packets or frames read when `pieces` arrive as binary messages, up
/// to and including the first framing error, and the lens that read them.
func framing(_ variant: LensVariant, _ pieces: [ArraySlice<UInt8>]) -> (parts: [JSONValue], lens: any ProtocolLens) {
    var lens = variant.makeLens()
    _ = lens.opened(at: 0)
    var parts: [JSONValue] = []
    for (index, piece) in pieces.enumerated() {
        let message = Message(direction: .incoming, opcode: .binary, payload: Array(piece))
        for part in framedParts(lens.received(message, at: Double(index + 1)).decoding) {
            parts.append(part)
            if isFramingError(part) { return (parts, lens) }
        }
    }
    return (parts, lens)
}

func checkFraming(_ variant: LensVariant, _ body: ArraySlice<UInt8>) {
    let read = framing(variant, [body])
    let whole = read.parts
    var lens = read.lens
    if let last = whole.last, isFramingError(last) {
        // After an error, the next message is read afresh.
        let (bytes, type): ([UInt8], String) =
            variant.settings.requested == .mqtt
            ? ([0xD0, 0x00], "PINGRESP") : (Array("RECEIPT\nreceipt-id:77\n\n\u{0}".utf8), "RECEIPT")
        let next = lens.received(Message(direction: .incoming, opcode: .binary, payload: bytes), at: 1e6).decoding
        fuzzCheck(
            next?.type == type,
            "after a framing error, a whole \(type) is read as \(next.map(lensObject)?.compactText ?? "nothing")"
        )
    }
    for split in body.indices.dropFirst() {
        let parts = framing(variant, [body[..<split], body[split...]]).parts
        fuzzCheck(
            parts == whole,
            "split at \(split - body.startIndex) reads \(JSONValue.array(parts).compactText), "
                + "whole \(JSONValue.array(whole).compactText)"
        )
    }
    let bytewise = framing(variant, body.indices.map { body[$0...$0] }).parts
    fuzzCheck(
        bytewise == whole,
        "one byte per message reads \(JSONValue.array(bytewise).compactText), whole \(JSONValue.array(whole).compactText)"
    )
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLensDecoders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard input.count >= 3 else { return 0 }
    let variant = LensVariant(input[0])
    let body = input[3...]
    let messages = cutMessages(body, scheme: input[1], parameter: input[2])

    var session = LensSession(lens: variant.makeLens())
    session.carryOut(session.lens.opened(at: 0))
    if let first = messages.first {
        let text = String(decoding: first.message.payload, as: UTF8.self)
        let line = String(text.prefix { $0 != "\n" })
        session.advance(to: first.delay)
        do {
            let outgoing = try session.lens.encode(line, at: session.now)
            session.carryOut(outgoing.map { .send($0) })
        } catch {
            fuzzCheck(!error.message.isEmpty, "a line refused without a reason")
        }
    }
    for (index, item) in messages.enumerated() {
        session.advance(to: session.now + item.delay)
        let message = item.message
        if message.direction == .outgoing {
            checkRecorded(session.lens.sending(message, at: session.now), on: message, "outgoing message \(index)")
        } else {
            let reading = session.lens.received(message, at: session.now)
            checkRecorded(reading.decoding, on: message, "incoming message \(index)")
            session.carryOut(reading.actions)
        }
    }
    session.advance(to: session.now + 60_000)
    let codes = [1000, 1005, 1006, 4400, 4408, 4499]
    let close = CloseInfo(code: codes[input.count % codes.count], initiator: input.count % 2 == 0 ? .server : .client)
    checkRecordedClose(session.lens.explain(close), close)

    if variant.frames {
        // The bytes that came in, however they were cut.
        checkFraming(
            variant,
            ArraySlice(messages.filter { $0.message.direction == .incoming }.flatMap(\.message.payload))
        )
    }
    return 0
}
