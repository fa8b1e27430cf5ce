/// Writes the MQTT packets a client sends, as `version` lays them out.
struct MQTTPacketWriter {
    var version: MQTTVersion

    private var isV5: Bool { version == .v5 }

    /// CONNECT with a clean session, the client id, keepalive and credentials.
    func connect(clientID: String, keepAlive: Int, username: String?, password: String?) -> [UInt8] {
        var body: [UInt8] = []
        Self.appendString("MQTT", to: &body)
        body.append(UInt8(version.rawValue))
        var flags: UInt8 = 0x02
        if username != nil { flags |= 0x80 }
        if password != nil { flags |= 0x40 }
        body.append(flags)
        Self.appendUInt16(keepAlive, to: &body)
        appendNoProperties(to: &body)
        Self.appendString(clientID, to: &body)
        if let username { Self.appendString(username, to: &body) }
        if let password { Self.appendString(password, to: &body) }
        return Self.packet(.connect, flags: 0, body: body)
    }

    func publish(topic: String, payload: [UInt8], qos: Int, retain: Bool, packetID: Int?) -> [UInt8] {
        var body: [UInt8] = []
        Self.appendString(topic, to: &body)
        if let packetID, qos > 0 { Self.appendUInt16(packetID, to: &body) }
        appendNoProperties(to: &body)
        body.append(contentsOf: payload)
        return Self.packet(.publish, flags: UInt8(qos) << 1 | (retain ? 1 : 0), body: body)
    }

    /// PUBACK, PUBREC, PUBREL or PUBCOMP for `packetID` (success: the
    /// reason code is left out, as both revisions allow).
    func acknowledge(_ type: MQTTPacketType, packetID: Int) -> [UInt8] {
        var body: [UInt8] = []
        Self.appendUInt16(packetID, to: &body)
        return Self.packet(type, flags: type.requiredFlags ?? 0, body: body)
    }

    func subscribe(_ filter: String, qos: Int, packetID: Int) -> [UInt8] {
        var body: [UInt8] = []
        Self.appendUInt16(packetID, to: &body)
        appendNoProperties(to: &body)
        Self.appendString(filter, to: &body)
        body.append(UInt8(qos))
        return Self.packet(.subscribe, flags: 0b0010, body: body)
    }

    func unsubscribe(_ filter: String, packetID: Int) -> [UInt8] {
        var body: [UInt8] = []
        Self.appendUInt16(packetID, to: &body)
        appendNoProperties(to: &body)
        Self.appendString(filter, to: &body)
        return Self.packet(.unsubscribe, flags: 0b0010, body: body)
    }

    func pingRequest() -> [UInt8] { Self.packet(.pingreq, flags: 0, body: []) }

    func disconnect() -> [UInt8] { Self.packet(.disconnect, flags: 0, body: []) }

    private func appendNoProperties(to body: inout [UInt8]) {
        if isV5 { body.append(0) }
    }

    private static func packet(_ type: MQTTPacketType, flags: UInt8, body: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [type.rawValue << 4 | flags]
        var length = body.count
        repeat {
            var byte = UInt8(length & 0x7F)
            length >>= 7
            if length > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while length > 0
        bytes.append(contentsOf: body)
        return bytes
    }

    private static func appendUInt16(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// A length-prefixed UTF-8 string; the caller keeps it under 64 KiB.
    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = Array(text.utf8.prefix(0xFFFF))
        appendUInt16(utf8.count, to: &bytes)
        bytes.append(contentsOf: utf8)
    }
}
