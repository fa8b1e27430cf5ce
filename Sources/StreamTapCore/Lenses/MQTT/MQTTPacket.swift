/// One MQTT control packet, read: what the lens needs to keep the
/// protocol's state, and what the inspector shows.
struct MQTTPacket: Sendable {
    var type: MQTTPacketType
    /// The low four bits of the first byte.
    var flags: UInt8
    var packetID: Int?
    /// PUBLISH: the topic name (MQTT 5.0: empty when a topic alias stands for it).
    var topic: String?
    var qos = 0
    var retain = false
    var duplicate = false
    /// PUBLISH: the application message; CONNECT: the will message.
    var payload: ArraySlice<UInt8>?
    /// CONNACK's return code (3.1.1) or the reason code of 5.0 packets.
    var reasonCode: Int?
    /// SUBACK and UNSUBACK: one code per topic filter.
    var reasonCodes: [Int] = []
    var sessionPresent: Bool?
    /// SUBSCRIBE (with the QoS asked) and UNSUBSCRIBE.
    var filters: [(filter: String, qos: Int)] = []
    /// MQTT 5.0 properties.
    var properties: [(key: String, value: JSONValue)] = []
    var connect: Connect?

    /// The fields of a CONNECT packet.
    struct Connect: Sendable {
        var protocolName: String
        var level: Int
        var cleanStart: Bool
        var keepAlive: Int
        var clientID: String
        var username: String?
        var hasPassword: Bool
        var willTopic: String?
    }

    init(type: MQTTPacketType, flags: UInt8) {
        self.type = type
        self.flags = flags
    }

    /// Reads a whole packet (first byte and body) as `version` lays it out.
    static func read(
        header: UInt8,
        body: ArraySlice<UInt8>,
        version: MQTTVersion
    ) throws(MQTTDecodingError)
        -> MQTTPacket
    {
        guard let type = MQTTPacketType(rawValue: header >> 4) else {
            throw MQTTDecodingError("packet type 0 is reserved: this is not MQTT")
        }
        let flags = header & 0x0F
        if let required = type.requiredFlags, flags != required {
            throw MQTTDecodingError(
                "\(type.name) must have flags \(String(required, radix: 2)), not \(String(flags, radix: 2))"
            )
        }
        var packet = MQTTPacket(type: type, flags: flags)
        var reader = MQTTByteReader(body)
        let isV5 = version == .v5
        switch type {
        case .connect:
            try packet.readConnect(&reader)
        case .connack:
            packet.sessionPresent = try reader.byte("acknowledge flags") & 1 == 1
            packet.reasonCode = Int(try reader.byte(isV5 ? "reason code" : "return code"))
            if isV5 && !reader.isAtEnd { packet.properties = try MQTTProperties.read(&reader) }
        case .publish:
            packet.duplicate = flags & 0b1000 != 0
            packet.qos = Int(flags >> 1 & 0b11)
            packet.retain = flags & 1 != 0
            guard packet.qos < 3 else { throw MQTTDecodingError("PUBLISH with QoS 3, which does not exist") }
            packet.topic = try reader.string("topic name")
            if packet.qos > 0 { packet.packetID = try reader.uint16("packet identifier") }
            if isV5 { packet.properties = try MQTTProperties.read(&reader) }
            packet.payload = reader.rest()
        case .puback, .pubrec, .pubrel, .pubcomp:
            packet.packetID = try reader.uint16("packet identifier")
            if isV5 && !reader.isAtEnd {
                packet.reasonCode = Int(try reader.byte("reason code"))
                if !reader.isAtEnd { packet.properties = try MQTTProperties.read(&reader) }
            }
        case .subscribe, .unsubscribe:
            packet.packetID = try reader.uint16("packet identifier")
            if isV5 { packet.properties = try MQTTProperties.read(&reader) }
            while !reader.isAtEnd {
                let filter = try reader.string("topic filter")
                let qos = type == .subscribe ? Int(try reader.byte("subscription options") & 0b11) : 0
                packet.filters.append((filter, qos))
            }
            if packet.filters.isEmpty { throw MQTTDecodingError("\(type.name) without a topic filter") }
        case .suback, .unsuback:
            packet.packetID = try reader.uint16("packet identifier")
            if isV5 { packet.properties = try MQTTProperties.read(&reader) }
            packet.reasonCodes = reader.rest().map(Int.init)
        case .pingreq, .pingresp:
            break
        case .disconnect, .auth:
            if isV5 && !reader.isAtEnd {
                packet.reasonCode = Int(try reader.byte("reason code"))
                if !reader.isAtEnd { packet.properties = try MQTTProperties.read(&reader) }
            }
        }
        if !reader.isAtEnd {
            throw MQTTDecodingError("\(type.name) has \(reader.remaining) bytes more than its fields")
        }
        return packet
    }

    private mutating func readConnect(_ reader: inout MQTTByteReader) throws(MQTTDecodingError) {
        let name = try reader.string("protocol name")
        let level = Int(try reader.byte("protocol level"))
        let connectFlags = try reader.byte("connect flags")
        let keepAlive = try reader.uint16("keep alive")
        if level == 5 { properties = try MQTTProperties.read(&reader) }
        let clientID = try reader.string("client identifier")
        var willTopic: String?
        if connectFlags & 0x04 != 0 {
            if level == 5 { _ = try MQTTProperties.read(&reader) }
            willTopic = try reader.string("will topic")
            payload = try reader.binary("will payload")
        }
        let username = connectFlags & 0x80 != 0 ? try reader.string("user name") : nil
        if connectFlags & 0x40 != 0 { _ = try reader.binary("password") }
        connect = Connect(
            protocolName: name,
            level: level,
            cleanStart: connectFlags & 0x02 != 0,
            keepAlive: keepAlive,
            clientID: clientID,
            username: username,
            hasPassword: connectFlags & 0x40 != 0,
            willTopic: willTopic
        )
    }
}
