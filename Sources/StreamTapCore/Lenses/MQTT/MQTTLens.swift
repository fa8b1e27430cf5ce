/// MQTT 3.1.1 and 5.0 over WebSocket, as a client: sends CONNECT when the
/// WebSocket opens, keeps the session alive with PINGREQ, completes the
/// QoS 1 and 2 flows both ways (PUBACK, PUBREC, PUBREL, PUBCOMP) by itself,
/// pairs SUBACK, UNSUBACK and acknowledgements with what they answer, and
/// reads every packet for the inspector.
public struct MQTTLens: ProtocolLens {
    public var name: LensName { .mqtt }

    static let protocolName = "mqtt"
    /// How long the broker has to answer CONNECT.
    static let connackTimeout: Double = 10_000

    private let version: MQTTVersion
    private let writer: MQTTPacketWriter
    private let clientID: String
    private let username: String?
    private let password: String?
    /// Milliseconds; 0 turns keepalive off.
    private var keepAlive: Double
    private var incoming = MQTTPacketFramer()
    private var outgoing = MQTTPacketFramer()
    private var connectSentAt: Double?
    private var accepted = false
    /// What the user wrote before the broker accepted the connection.
    private var waiting: [LensOutgoing] = []
    private var nextPacketID = 1
    private var lastSent: Double = 0
    private var awaitingPingSince: Double?
    /// Requests sent and not answered yet, by packet identifier.
    private var inFlight: [Int: (what: [String], sentAt: Double)] = [:]
    /// Topic aliases the broker set (MQTT 5.0).
    private var topicAliases: [Int: String] = [:]
    private var endReason: String?

    public init(settings: LensSettings) {
        version = settings.mqttVersion
        writer = MQTTPacketWriter(version: settings.mqttVersion)
        clientID = settings.mqttClientID ?? "streamtap-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        username = settings.username
        password = settings.password
        keepAlive = Double(settings.mqttKeepAliveSeconds) * 1000
    }

    public mutating func opened(at now: Double) -> [LensAction] {
        connectSentAt = now
        let connect = writer.connect(
            clientID: clientID,
            keepAlive: Int(keepAlive / 1000),
            username: username,
            password: password
        )
        return [.send(LensOutgoing(binary: connect))]
    }

    // MARK: Incoming

    public mutating func received(_ message: Message, at now: Double) -> LensReading {
        guard message.opcode == .binary else {
            return LensReading(.unreadable(Self.protocolName, "MQTT travels in binary messages; this text is not MQTT"))
        }
        let read = incoming.feed(message.payload)
        var decodings: [LensDecoding] = []
        var actions: [LensAction] = []
        for framed in read.packets {
            do {
                let packet = try MQTTPacket.read(header: framed.header, body: framed.body, version: version)
                let (decoding, reactions) = received(packet, at: now)
                decodings.append(decoding)
                actions += reactions
            } catch {
                decodings.append(.unreadable(Self.protocolName, "a malformed packet: " + error.message))
            }
        }
        if let error = read.error {
            decodings.append(.unreadable(Self.protocolName, "not an MQTT packet: " + error.message))
        }
        return LensReading(Self.combine(decodings, pending: incoming.pending), actions: actions)
    }

    private mutating func received(_ packet: MQTTPacket, at now: Double) -> (LensDecoding, [LensAction]) {
        var decoding = describe(packet, at: now)
        var actions: [LensAction] = []
        switch packet.type {
        case .connack:
            let code = packet.reasonCode ?? 0
            if code == 0 {
                accepted = true
                if let serverKeepAlive = packet.properties.first(where: { $0.key == "serverKeepAlive" })?.value
                    .doubleValue
                {
                    keepAlive = serverKeepAlive * 1000
                }
                actions = waiting.map { .send($0) }
                waiting.removeAll()
            } else {
                let reason = reasonText(code, in: .connack)
                endReason = "the broker refused the connection: \(reason)"
                actions = [.report("the MQTT broker refused the connection: \(reason)"), .close(failed: true)]
            }
        case .publish:
            if let id = packet.packetID, packet.qos == 1 {
                actions.append(.send(LensOutgoing(binary: writer.acknowledge(.puback, packetID: id))))
            } else if let id = packet.packetID, packet.qos == 2 {
                actions.append(.send(LensOutgoing(binary: writer.acknowledge(.pubrec, packetID: id))))
            }
        case .pubrec:
            if let id = packet.packetID {
                actions.append(.send(LensOutgoing(binary: writer.acknowledge(.pubrel, packetID: id))))
            }
        case .pubrel:
            if let id = packet.packetID {
                actions.append(.send(LensOutgoing(binary: writer.acknowledge(.pubcomp, packetID: id))))
            }
        case .suback:
            let filters = packet.packetID.flatMap { inFlight[$0]?.what } ?? []
            for (index, code) in packet.reasonCodes.enumerated() where code >= 0x80 {
                let filter = index < filters.count ? filters[index] : "a topic filter"
                let reason = reasonText(code, in: .suback)
                actions.append(.report("the MQTT broker refused the subscription to \(filter): \(reason)"))
            }
        case .pingresp:
            awaitingPingSince = nil
        case .disconnect:
            endReason =
                "the broker disconnected: " + reasonText(packet.reasonCode ?? 0, in: .disconnect)
                + (packet.properties.first { $0.key == "reasonString" }?.value.stringValue.map { " (\($0))" } ?? "")
        case .connect, .subscribe, .unsubscribe, .pingreq:
            decoding.problem = "a client sends \(packet.type.name), not a broker"
        case .puback, .pubcomp, .unsuback, .auth:
            break
        }
        if let id = packet.packetID, [.puback, .pubcomp, .suback, .unsuback].contains(packet.type) {
            inFlight[id] = nil
        }
        return (decoding, actions)
    }

    // MARK: Outgoing

    public mutating func sending(_ message: Message, at now: Double) -> LensDecoding? {
        guard message.opcode == .binary else {
            return .unreadable(Self.protocolName, "MQTT travels in binary messages: the broker will likely close")
        }
        let read = outgoing.feed(message.payload)
        if read.error == nil || !read.packets.isEmpty { lastSent = now }
        var decodings: [LensDecoding] = []
        for framed in read.packets {
            do {
                let packet = try MQTTPacket.read(header: framed.header, body: framed.body, version: version)
                decodings.append(describe(packet, at: now))
                track(packet, at: now)
            } catch {
                decodings.append(.unreadable(Self.protocolName, "a malformed packet: " + error.message))
            }
        }
        if let error = read.error {
            decodings.append(.unreadable(Self.protocolName, "not an MQTT packet: " + error.message))
        }
        return Self.combine(decodings, pending: outgoing.pending)
    }

    private mutating func track(_ packet: MQTTPacket, at now: Double) {
        switch packet.type {
        case .pingreq:
            awaitingPingSince = awaitingPingSince ?? now
        case .publish where packet.qos > 0:
            if let id = packet.packetID { inFlight[id] = ([packet.topic ?? ""], now) }
        case .subscribe, .unsubscribe:
            if let id = packet.packetID { inFlight[id] = (packet.filters.map(\.filter), now) }
        case .disconnect:
            endReason = "we disconnected"
        default:
            break
        }
        if let id = packet.packetID { nextPacketID = max(nextPacketID, id % 0xFFFF + 1) }
    }

    public mutating func encode(_ line: String, at now: Double) throws(LensInputError) -> [LensOutgoing] {
        let bytes: [UInt8]
        switch try MQTTCommandLine.parse(line) {
        case .subscribe(let filter, let qos):
            bytes = writer.subscribe(filter, qos: qos, packetID: takePacketID())
        case .unsubscribe(let filter):
            bytes = writer.unsubscribe(filter, packetID: takePacketID())
        case .publish(let topic, let payload, let qos, let retain):
            bytes = writer.publish(
                topic: topic,
                payload: Array(payload.utf8),
                qos: qos,
                retain: retain,
                packetID: qos > 0 ? takePacketID() : nil
            )
        case .ping:
            bytes = writer.pingRequest()
        case .disconnect:
            bytes = writer.disconnect()
        }
        let message = LensOutgoing(binary: bytes, automatic: false)
        // As MQTT clients do, what is written before CONNACK waits for it.
        guard accepted else {
            waiting.append(message)
            return []
        }
        return [message]
    }

    private mutating func takePacketID() -> Int {
        defer { nextPacketID = nextPacketID % 0xFFFF + 1 }
        return nextPacketID
    }

    // MARK: Keepalive

    private var pingTimeout: Double { max(1000, keepAlive / 2) }

    public var deadline: Double? {
        if !accepted {
            return endReason == nil ? connectSentAt.map { $0 + Self.connackTimeout } : nil
        }
        guard keepAlive > 0 else { return nil }
        if let since = awaitingPingSince { return since + pingTimeout }
        return lastSent + keepAlive
    }

    public mutating func deadlinePassed(at now: Double) -> [LensAction] {
        if !accepted {
            guard endReason == nil, let sent = connectSentAt, now >= sent + Self.connackTimeout else { return [] }
            endReason = "the broker did not answer CONNECT within \(Int(Self.connackTimeout / 1000)) s"
            return [.fail("MQTT: the broker did not answer CONNECT within \(Int(Self.connackTimeout / 1000)) s")]
        }
        guard keepAlive > 0 else { return [] }
        if let since = awaitingPingSince {
            guard now >= since + pingTimeout else { return [] }
            awaitingPingSince = nil
            keepAlive = 0
            let detail = "no PINGRESP from the broker within \(LensLatency.text(pingTimeout))"
            endReason = "keepalive timeout: \(detail)"
            return [.fail("MQTT keepalive timeout: \(detail)")]
        }
        guard now >= lastSent + keepAlive else { return [] }
        return [.send(LensOutgoing(binary: writer.pingRequest()))]
    }

    public func explain(_ close: CloseInfo) -> LensDecoding? {
        let reason =
            endReason
            ?? (!accepted
                ? "the connection closed before the broker answered CONNECT"
                : close.initiator == .client
                    ? "we closed the connection"
                    : "the broker closed the connection without a DISCONNECT")
        return LensDecoding(
            protocolName: Self.protocolName,
            type: "close",
            fields: [("reason", .string(reason))],
            summary: "MQTT: " + reason
        )
    }

    // MARK: Describing

    private func reasonText(_ code: Int, in type: MQTTPacketType) -> String {
        if version == .v5 { return MQTTReasonCode.name(code, in: type) }
        return type == .suback ? MQTTReasonCode.subscribeReturnCode(code) : MQTTReasonCode.connectReturnCode(code)
    }

    private mutating func describe(_ packet: MQTTPacket, at now: Double) -> LensDecoding {
        var fields: [(key: String, value: JSONValue)] = []
        var summary = packet.type.name
        var application: String?
        if let id = packet.packetID { fields.append(("packetId", .number(Double(id)))) }
        switch packet.type {
        case .connect:
            if let connect = packet.connect {
                fields += [
                    ("clientId", .string(connect.clientID)),
                    ("protocolLevel", .number(Double(connect.level))),
                    ("keepAlive", .number(Double(connect.keepAlive))),
                    ("cleanStart", .bool(connect.cleanStart)),
                ]
                if let user = connect.username { fields.append(("username", .string(user))) }
                if let will = connect.willTopic { fields.append(("willTopic", .string(will))) }
                let revision = connect.level == 5 ? "5.0" : connect.level == 4 ? "3.1.1" : "level \(connect.level)"
                summary += " \(connect.clientID) MQTT \(revision) keepalive \(connect.keepAlive) s"
                if connect.cleanStart { summary += " clean" }
                if let user = connect.username { summary += " user \(user)" }
            }
        case .connack:
            let code = packet.reasonCode ?? 0
            fields.append(("reasonCode", .number(Double(code))))
            fields.append(("reason", .string(reasonText(code, in: .connack))))
            fields.append(("sessionPresent", .bool(packet.sessionPresent ?? false)))
            summary += code == 0 ? " accepted" : " refused: \(reasonText(code, in: .connack)) (\(code))"
            if packet.sessionPresent == true { summary += ", session present" }
        case .publish:
            var topic = packet.topic ?? ""
            if let alias = packet.properties.first(where: { $0.key == "topicAlias" })?.value.intValue {
                if topic.isEmpty { topic = topicAliases[alias] ?? "" } else { topicAliases[alias] = topic }
            }
            fields += [
                ("topic", .string(topic)), ("qos", .number(Double(packet.qos))), ("retain", .bool(packet.retain)),
            ]
            if packet.duplicate { fields.append(("dup", .bool(true))) }
            let payload = packet.payload ?? []
            let text = String(validating: payload, as: UTF8.self)
            if let text {
                fields.append(("payload", .string(text)))
            } else {
                fields.append(("payloadBase64", .string(Base64.encode(payload))))
            }
            summary += " \(topic) QoS \(packet.qos)"
            if let id = packet.packetID { summary += " id \(id)" }
            if packet.retain { summary += " retain" }
            if packet.duplicate { summary += " dup" }
            let shown = text ?? "(\(ByteCount.describe(payload.count)) binary)"
            summary += ": " + shown
            application = topic + " " + shown
        case .puback, .pubrec, .pubrel, .pubcomp, .unsuback, .suback:
            if let code = packet.reasonCode {
                fields.append(("reasonCode", .number(Double(code))))
                if code != 0 { summary += " \(reasonText(code, in: packet.type))" }
            }
            if let id = packet.packetID {
                summary += " \(id)"
                let completes = packet.type != .pubrec && packet.type != .pubrel
                if completes, let request = inFlight[id] {
                    let latency = now - request.sentAt
                    if packet.type == .suback || packet.type == .unsuback {
                        fields.append(("filters", .array(request.what.map { .string($0) })))
                    } else {
                        fields.append(("topic", .string(request.what.joined())))
                    }
                    fields.append(LensLatency.field(latency))
                    summary += " for \(request.what.joined(separator: ", ")) after \(LensLatency.text(latency))"
                }
            }
            if packet.type == .suback {
                fields.append(("reasonCodes", .array(packet.reasonCodes.map { .number(Double($0)) })))
                summary += ": " + packet.reasonCodes.map { reasonText($0, in: .suback) }.joined(separator: ", ")
            }
        case .subscribe, .unsubscribe:
            fields.append(("filters", .array(packet.filters.map { .string($0.filter) })))
            if packet.type == .subscribe {
                fields.append(("qos", .array(packet.filters.map { .number(Double($0.qos)) })))
            }
            summary +=
                " "
                + packet.filters.map { packet.type == .subscribe ? "\($0.filter) QoS \($0.qos)" : $0.filter }
                .joined(separator: ", ")
            if let id = packet.packetID { summary += " (id \(id))" }
        case .disconnect, .auth:
            if let code = packet.reasonCode {
                fields.append(("reasonCode", .number(Double(code))))
                summary += " " + reasonText(code, in: packet.type)
            }
        case .pingreq, .pingresp:
            break
        }
        if !packet.properties.isEmpty { fields.append(("properties", .object(packet.properties))) }
        if let reason = packet.properties.first(where: { $0.key == "reasonString" })?.value.stringValue {
            summary += " (\(reason))"
        }
        return LensDecoding(
            protocolName: Self.protocolName,
            type: packet.type.name,
            fields: fields,
            summary: summary,
            application: application
        )
    }

    /// One decoding for one WebSocket message: the packet's, or, when the
    /// message holds several, each of them under `packets`.
    private static func combine(_ decodings: [LensDecoding], pending: Int) -> LensDecoding {
        guard !decodings.isEmpty else {
            return LensDecoding(
                protocolName: protocolName,
                type: "partial",
                fields: [("buffered", .number(Double(pending)))],
                summary: "part of an MQTT packet (\(ByteCount.describe(pending)) so far)"
            )
        }
        return .combining(decodings, protocolName: protocolName, under: "packets")
    }

}
