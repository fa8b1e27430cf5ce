/// Socket.IO over Engine.IO's WebSocket transport, as a client: answers the
/// server's pings (Engine.IO 4) or pings on the interval (Engine.IO 3),
/// connects the namespaces, pairs acknowledgements with their emits,
/// reassembles binary events, and names why a connection ended
/// (`ping timeout`, `io server disconnect`, `transport close`).
public struct SocketIOLens: ProtocolLens {
    public var name: LensName { .socketIO }

    private let settings: LensSettings
    /// The namespaces to be connected to: the settings', then those joined.
    private var namespaces: [String]
    private var session: EngineIOSession?
    /// Namespaces the server confirmed, with their socket ids.
    private var connected: [String: String] = [:]
    private var pendingBinary: PendingBinary?
    private var nextAckID = 0
    /// Emits waiting for their acknowledgement, by namespace and ack id.
    private var acksInFlight: [AckKey: (event: String, sentAt: Double)] = [:]
    /// Namespaces the server refused or disconnected: done with.
    private var refused: Set<String> = []
    private var disconnected: Set<String> = []
    /// Emits written before their namespace was connected, by namespace.
    private var waiting: [String: [LensOutgoing]] = [:]
    /// Socket.IO's word for the end, once the protocol said it.
    private var endReason: (reason: String, sentence: String)?

    /// What the Engine.IO `open` packet announced, and the keepalive clock.
    private struct EngineIOSession {
        var sid: String
        var pingInterval: Double
        var pingTimeout: Double
        /// Engine.IO 4: when the server's next ping is due at the latest.
        var pingDeadline: Double
        /// Engine.IO 3: when the client pings next, and since when it waits
        /// for a pong.
        var nextClientPing: Double
        var awaitingPongSince: Double?
    }

    /// A binary packet whose attachments are still arriving.
    private struct PendingBinary {
        var packet: SocketIOPacket
        var attachments: [[UInt8]] = []
    }

    private struct AckKey: Hashable {
        var namespace: String
        var id: Int
    }

    static let engineIO = "engine.io"
    static let socketIO = "socket.io"

    public init(settings: LensSettings) {
        self.settings = settings
        namespaces = settings.socketIONamespaces.isEmpty ? ["/"] : settings.socketIONamespaces
    }

    private var isEngineIO3: Bool { settings.engineIOVersion < 4 }

    public mutating func opened(at now: Double) -> [LensAction] {
        []
    }

    // MARK: Incoming

    public mutating func received(_ message: Message, at now: Double) -> LensReading {
        if message.opcode == .binary {
            return receivedAttachment(message.payload, at: now)
        }
        let text = String(decoding: message.payload, as: UTF8.self)
        switch EngineIOPacket.parse(text) {
        case .failure(let error):
            return LensReading(.unreadable(Self.engineIO, error.message))
        case .success(let packet):
            return received(packet, at: now)
        }
    }

    private mutating func received(_ packet: EngineIOPacket, at now: Double) -> LensReading {
        switch packet.type {
        case .open:
            return receivedOpen(packet.data, at: now)
        case .ping:
            if var current = session {
                current.pingDeadline = now + current.pingInterval + current.pingTimeout
                session = current
            }
            let decoding = engineDecoding("ping", summary: "ping" + (packet.data.isEmpty ? "" : " " + packet.data))
            return LensReading(decoding, actions: isEngineIO3 ? [] : [.send(LensOutgoing(text: "3" + packet.data))])
        case .pong:
            session?.awaitingPongSince = nil
            return LensReading(engineDecoding("pong", summary: "pong"))
        case .close:
            endReason = ("transport close", "the server closed the Engine.IO session")
            return LensReading(engineDecoding("close", summary: "the server closes the Engine.IO session"))
        case .upgrade, .noop:
            return LensReading(engineDecoding(packet.type.name, summary: packet.type.name))
        case .message:
            switch SocketIOPacket.parse(packet.data) {
            case .failure(let error):
                return LensReading(.unreadable(Self.socketIO, error.message))
            case .success(let socketPacket):
                return received(socketPacket, at: now)
            }
        }
    }

    private mutating func receivedOpen(_ data: Substring, at now: Double) -> LensReading {
        guard let json = try? JSONParser.parse(String(data)), let sid = json["sid"]?.stringValue else {
            return LensReading(
                .unreadable(Self.engineIO, "the Engine.IO open packet has no session id (“sid”)")
            )
        }
        var problems: [String] = []
        let interval = Self.milliseconds(json, "pingInterval", default: 25_000, problems: &problems)
        let timeout = Self.milliseconds(json, "pingTimeout", default: 20_000, problems: &problems)
        session = EngineIOSession(
            sid: sid,
            pingInterval: interval,
            pingTimeout: timeout,
            pingDeadline: now + interval + timeout,
            nextClientPing: now + interval
        )
        var fields: [(key: String, value: JSONValue)] = [("sid", .string(sid))]
        for key in ["pingInterval", "pingTimeout", "maxPayload", "upgrades"] {
            if let value = json[key] { fields.append((key, value)) }
        }
        let maxPayload = json["maxPayload"]?.intValue.map { ", maxPayload \(ByteCount.describe($0))" } ?? ""
        let decoding = LensDecoding(
            protocolName: Self.engineIO,
            type: "open",
            fields: fields,
            summary: "open sid \(sid), ping every \(Int(interval)) ms, timeout \(Int(timeout)) ms\(maxPayload)",
            problem: problems.isEmpty ? nil : problems.joined(separator: "; ")
        )
        // Engine.IO 3 servers connect the default namespace by themselves.
        let toConnect = namespaces.filter { !(isEngineIO3 && $0 == "/") }
        return LensReading(
            decoding,
            actions: toConnect.map { .send(LensOutgoing(text: "4" + connectPacket(for: $0).text)) }
        )
    }

    /// The time `key` of the open packet announces, in milliseconds: one a
    /// timer keeps (1 ms to 2³¹ - 1 ms, as JavaScript's timers), or else
    /// `fallback`, with the reason in `problems`. (A ping every 0 ms would
    /// have the timer fire forever; 10³⁰⁰ ms cannot be printed as a whole
    /// number.)
    private static func milliseconds(
        _ json: JSONValue,
        _ key: String,
        default fallback: Double,
        problems: inout [String]
    ) -> Double {
        guard let value = json[key] else { return fallback }
        guard let number = value.doubleValue, number >= 1, number <= 2_147_483_647 else {
            problems.append("\(key) \(value.compactText) is not a time in milliseconds; \(Int(fallback)) assumed")
            return fallback
        }
        return number
    }

    private func connectPacket(for namespace: String) -> SocketIOPacket {
        let auth = settings.socketIOAuth.flatMap { try? JSONParser.parse($0) }
        return SocketIOPacket(type: .connect, namespace: namespace, data: isEngineIO3 ? nil : auth)
    }

    private mutating func received(_ packet: SocketIOPacket, at now: Double) -> LensReading {
        if packet.type.hasAttachments && packet.attachments > 0 {
            pendingBinary = PendingBinary(packet: packet)
            var decoding = describe(packet, direction: .incoming, at: now)
            decoding.summary += " (waiting for \(packet.attachments) attachment\(packet.attachments == 1 ? "" : "s"))"
            decoding.application = nil
            return LensReading(decoding)
        }
        var actions: [LensAction] = []
        switch packet.type {
        case .connect:
            connected[packet.namespace] = packet.data?["sid"]?.stringValue ?? ""
            actions = (waiting.removeValue(forKey: packet.namespace) ?? []).map { .send($0) }
        case .connectError:
            let reason = packet.data?["message"]?.stringValue ?? packet.data?.stringValue ?? "no reason given"
            refused.insert(packet.namespace)
            waiting[packet.namespace] = nil
            actions.append(.report("Socket.IO refused namespace \(packet.namespace): \(reason)"))
            endReason = ("connect error", "the server refused namespace \(packet.namespace): \(reason)")
            if connected.isEmpty && refused.count + disconnected.count >= namespaces.count {
                actions.append(.close(failed: true))
            }
        case .disconnect:
            connected[packet.namespace] = nil
            disconnected.insert(packet.namespace)
            endReason = ("io server disconnect", "the server disconnected namespace \(packet.namespace)")
            actions.append(.report("the server disconnected Socket.IO namespace \(packet.namespace)"))
            if connected.isEmpty && refused.count + disconnected.count >= namespaces.count {
                actions.append(.close(failed: !refused.isEmpty))
            }
        case .event, .ack, .binaryEvent, .binaryAck:
            break
        }
        let decoding = describe(packet, direction: .incoming, at: now)
        settle(packet)
        return LensReading(decoding, actions: actions)
    }

    /// An acknowledgement that arrived no longer waits.
    private mutating func settle(_ packet: SocketIOPacket) {
        guard packet.type == .ack || packet.type == .binaryAck, let id = packet.ackID else { return }
        acksInFlight[AckKey(namespace: packet.namespace, id: id)] = nil
    }

    private mutating func receivedAttachment(_ bytes: [UInt8], at now: Double) -> LensReading {
        guard var pending = pendingBinary else {
            return LensReading(
                .unreadable(Self.socketIO, "a binary message that no BINARY_EVENT or BINARY_ACK announced")
            )
        }
        // Engine.IO 3 prefixes binary messages with the `message` type byte.
        pending.attachments.append(isEngineIO3 && bytes.first == 4 ? Array(bytes.dropFirst()) : bytes)
        let count = pending.packet.attachments
        guard pending.attachments.count == count else {
            pendingBinary = pending
            return LensReading(
                LensDecoding(
                    protocolName: Self.socketIO,
                    type: "attachment",
                    fields: [("index", .number(Double(pending.attachments.count - 1)))],
                    summary: "attachment \(pending.attachments.count) of \(count) (\(ByteCount.describe(bytes.count)))"
                )
            )
        }
        pendingBinary = nil
        var packet = pending.packet
        packet.data = packet.data.map { Self.fillPlaceholders($0, with: pending.attachments) }
        var decoding = describe(packet, direction: .incoming, at: now)
        decoding.summary += " (attachments reassembled)"
        settle(packet)
        return LensReading(decoding)
    }

    /// Replaces `{"_placeholder": true, "num": N}` with the attachment's
    /// bytes as `{"base64": "…"}`.
    private static func fillPlaceholders(_ value: JSONValue, with attachments: [[UInt8]]) -> JSONValue {
        switch value {
        case .object(let members):
            if value["_placeholder"]?.boolValue == true, let index = value["num"]?.intValue,
                attachments.indices.contains(index)
            {
                var encoded: [UInt8] = []
                Base64.append(attachments[index], to: &encoded)
                return .object([("base64", .string(String(decoding: encoded, as: UTF8.self)))])
            }
            return .object(members.map { ($0.key, fillPlaceholders($0.value, with: attachments)) })
        case .array(let elements):
            return .array(elements.map { fillPlaceholders($0, with: attachments) })
        default:
            return value
        }
    }

    // MARK: Outgoing

    public mutating func sending(_ message: Message, at now: Double) -> LensDecoding? {
        guard message.opcode == .text else {
            return LensDecoding(protocolName: Self.socketIO, type: "attachment", summary: "binary attachment")
        }
        let text = String(decoding: message.payload, as: UTF8.self)
        guard case .success(let packet) = EngineIOPacket.parse(text) else {
            return .unreadable(
                Self.engineIO,
                "this is no Engine.IO packet: the server will likely close the connection"
            )
        }
        guard packet.type == .message else {
            if packet.type == .ping { session?.awaitingPongSince = now }
            return engineDecoding(packet.type.name, summary: packet.type.name)
        }
        switch SocketIOPacket.parse(packet.data) {
        case .failure(let error):
            return .unreadable(Self.socketIO, error.message)
        case .success(let socketPacket):
            if socketPacket.type == .event || socketPacket.type == .binaryEvent, let id = socketPacket.ackID {
                let event = socketPacket.data?.arrayValue?.first?.stringValue ?? ""
                acksInFlight[AckKey(namespace: socketPacket.namespace, id: id)] = (event, now)
                nextAckID = max(nextAckID, id + 1)
            }
            if socketPacket.type == .disconnect {
                endReason = ("io client disconnect", "we disconnected namespace \(socketPacket.namespace)")
            }
            return describe(socketPacket, direction: .outgoing, at: now)
        }
    }

    /// A line the user wrote, read.
    enum Line: Equatable {
        case emit(namespace: String, value: JSONValue)
        case join(String)
        case leave(String)
    }

    /// `["event", arg…]`, optionally after a namespace and a space
    /// (`/admin ["kick", 3]`); `join /ns` and `leave /ns`.
    static func read(_ line: String) throws(LensInputError) -> Line {
        var rest = Substring(line).drop { $0 == " " }
        var lookahead = rest
        let verb = lookahead.takeWord()
        if verb == "join" || verb == "leave" {
            let namespace = lookahead.takeWord()
            guard namespace.hasPrefix("/"), lookahead.isEmpty else {
                throw LensInputError("\(verb) takes one namespace, like \(verb) /admin")
            }
            return verb == "join" ? .join(namespace) : .leave(namespace)
        }
        var namespace = "/"
        if rest.first == "/" {
            namespace = rest.takeWord()
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(String(rest))
        } catch {
            throw LensInputError(
                "a Socket.IO emit is a JSON array, event name first, like [\"chat\", \"hi\"]: \(error)"
            )
        }
        guard let elements = value.arrayValue, elements.first?.stringValue != nil else {
            throw LensInputError(
                "a Socket.IO emit is a JSON array whose first element is the event name, like [\"chat\", \"hi\"]"
            )
        }
        return .emit(namespace: namespace, value: value)
    }

    public mutating func encode(_ line: String, at now: Double) throws(LensInputError) -> [LensOutgoing] {
        let namespace: String
        let value: JSONValue
        switch try Self.read(line) {
        case .join(let joined):
            return try join(joined)
        case .leave(let left):
            return try leave(left)
        case .emit(let target, let emitted):
            namespace = target
            value = emitted
        }
        guard namespaces.contains(namespace) else {
            throw LensInputError(
                "namespace \(namespace) is not connected (connected: \(namespaces.joined(separator: ", "))); "
                    + "join it first (join \(namespace), or --namespace \(namespace))"
            )
        }
        guard !refused.contains(namespace) && !disconnected.contains(namespace) else {
            throw LensInputError("namespace \(namespace) is no longer connected: the server refused or ended it")
        }
        var ackID: Int?
        if settings.socketIOAsksAcks {
            ackID = nextAckID
            nextAckID += 1
        }
        let packet = SocketIOPacket(type: .event, namespace: namespace, ackID: ackID, data: value)
        let outgoing = LensOutgoing(text: "4" + packet.text, automatic: false)
        // As Socket.IO clients do, an emit waits until its namespace is connected.
        guard connected[namespace] != nil else {
            waiting[namespace, default: []].append(outgoing)
            return []
        }
        return [outgoing]
    }

    /// Connects one more namespace (at once when the Engine.IO session is
    /// open, else with the others when it opens).
    private mutating func join(_ namespace: String) throws(LensInputError) -> [LensOutgoing] {
        if namespaces.contains(namespace) && !refused.contains(namespace) && !disconnected.contains(namespace) {
            throw LensInputError("namespace \(namespace) is already connected or connecting")
        }
        refused.remove(namespace)
        disconnected.remove(namespace)
        if !namespaces.contains(namespace) { namespaces.append(namespace) }
        guard session != nil else { return [] }
        return [LensOutgoing(text: "4" + connectPacket(for: namespace).text, automatic: false)]
    }

    /// Disconnects one namespace; the connection stays for the others.
    private mutating func leave(_ namespace: String) throws(LensInputError) -> [LensOutgoing] {
        guard connected[namespace] != nil else {
            throw LensInputError("namespace \(namespace) is not connected")
        }
        connected[namespace] = nil
        disconnected.insert(namespace)
        return [
            LensOutgoing(text: "4" + SocketIOPacket(type: .disconnect, namespace: namespace).text, automatic: false)
        ]
    }

    // MARK: Keepalive

    public var deadline: Double? {
        guard let session else { return nil }
        if isEngineIO3 {
            return session.awaitingPongSince.map { min($0 + session.pingTimeout, session.nextClientPing) }
                ?? session.nextClientPing
        }
        return session.pingDeadline
    }

    public mutating func deadlinePassed(at now: Double) -> [LensAction] {
        guard var current = session else { return [] }
        if isEngineIO3 {
            if let since = current.awaitingPongSince, now >= since + current.pingTimeout {
                return pingTimedOut("the server did not answer our ping within \(Int(current.pingTimeout)) ms")
            }
            guard now >= current.nextClientPing else { return [] }
            current.nextClientPing = now + current.pingInterval
            session = current
            return [.send(LensOutgoing(text: "2"))]
        }
        guard now >= current.pingDeadline else { return [] }
        let window = Int(current.pingInterval + current.pingTimeout)
        return pingTimedOut(
            "no ping from the server for \(window) ms (pingInterval \(Int(current.pingInterval)) + pingTimeout \(Int(current.pingTimeout)))"
        )
    }

    private mutating func pingTimedOut(_ detail: String) -> [LensAction] {
        session = nil
        endReason = ("ping timeout", detail)
        return [.fail("Socket.IO ping timeout: \(detail)")]
    }

    public func explain(_ close: CloseInfo) -> LensDecoding? {
        let (reason, sentence) =
            endReason
            ?? (close.initiator == .client
                ? ("io client disconnect", "we closed the connection")
                : ("transport close", "the server closed the WebSocket"))
        return LensDecoding(
            protocolName: Self.socketIO,
            type: "disconnect",
            fields: [("reason", .string(reason))],
            summary: "Socket.IO disconnect: \(reason) (\(sentence))"
        )
    }

    // MARK: Describing

    private func engineDecoding(_ type: String, summary: String) -> LensDecoding {
        LensDecoding(protocolName: Self.engineIO, type: type, summary: summary)
    }

    private func describe(_ packet: SocketIOPacket, direction: Direction, at now: Double) -> LensDecoding {
        var fields: [(key: String, value: JSONValue)] = [("namespace", .string(packet.namespace))]
        let namespacePrefix = packet.namespace == "/" ? "" : packet.namespace + " "
        var summary: String
        var application: String?
        switch packet.type {
        case .connect:
            if let sid = packet.data?["sid"]?.stringValue {
                fields.append(("sid", .string(sid)))
                summary = "connected to \(packet.namespace) as \(sid)"
            } else {
                if let auth = packet.data { fields.append(("auth", auth)) }
                summary = "connect to \(packet.namespace)" + (packet.data.map { " auth " + $0.compactText } ?? "")
            }
        case .connectError:
            let reason = packet.data?["message"]?.stringValue ?? packet.data?.stringValue ?? "no reason given"
            fields.append(("message", .string(reason)))
            if let data = packet.data?["data"] { fields.append(("data", data)) }
            summary = "refused \(packet.namespace): \(reason)"
        case .disconnect:
            summary = "disconnect \(packet.namespace)"
        case .event, .binaryEvent:
            let elements = packet.data?.arrayValue ?? []
            let event = elements.first?.stringValue ?? ""
            let args = JSONValue.array(Array(elements.dropFirst()))
            fields.append(("event", .string(event)))
            fields.append(("args", args))
            if let id = packet.ackID { fields.append(("ackId", .number(Double(id)))) }
            summary = namespacePrefix + event + " " + args.compactText
            if let id = packet.ackID {
                summary += direction == .incoming ? " (asks ack \(id))" : " (ack \(id) awaited)"
            }
            application = summary
            if elements.first?.stringValue == nil {
                fields.append(("problem", .string("an event packet must start with the event name")))
            }
        case .ack, .binaryAck:
            let args = packet.data ?? .array([])
            fields.append(("args", args))
            summary = namespacePrefix + "ack"
            if let id = packet.ackID {
                fields.append(("ackId", .number(Double(id))))
                summary += " \(id)"
                if direction == .incoming, let emit = acksInFlight[AckKey(namespace: packet.namespace, id: id)] {
                    let latency = now - emit.sentAt
                    fields.append(("event", .string(emit.event)))
                    fields.append(LensLatency.field(latency))
                    summary += " for \(emit.event) after \(LensLatency.text(latency))"
                }
            }
            summary += " " + args.compactText
            application = summary
        }
        return LensDecoding(
            protocolName: Self.socketIO,
            type: packet.type.name,
            fields: fields,
            summary: summary,
            application: application
        )
    }
}
