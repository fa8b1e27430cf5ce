/// MQTT 5.0 properties: the identifier byte, the property's name as the
/// JSONL contract writes it, and its wire type.
enum MQTTProperties {
    private enum Kind {
        case byte, uint16, uint32, variableInteger, string, binary, stringPair
    }

    private static let known: [UInt8: (name: String, kind: Kind)] = [
        0x01: ("payloadFormatIndicator", .byte),
        0x02: ("messageExpiryInterval", .uint32),
        0x03: ("contentType", .string),
        0x08: ("responseTopic", .string),
        0x09: ("correlationData", .binary),
        0x0B: ("subscriptionIdentifier", .variableInteger),
        0x11: ("sessionExpiryInterval", .uint32),
        0x12: ("assignedClientIdentifier", .string),
        0x13: ("serverKeepAlive", .uint16),
        0x15: ("authenticationMethod", .string),
        0x16: ("authenticationData", .binary),
        0x17: ("requestProblemInformation", .byte),
        0x18: ("willDelayInterval", .uint32),
        0x19: ("requestResponseInformation", .byte),
        0x1A: ("responseInformation", .string),
        0x1C: ("serverReference", .string),
        0x1F: ("reasonString", .string),
        0x21: ("receiveMaximum", .uint16),
        0x22: ("topicAliasMaximum", .uint16),
        0x23: ("topicAlias", .uint16),
        0x24: ("maximumQoS", .byte),
        0x25: ("retainAvailable", .byte),
        0x26: ("userProperties", .stringPair),
        0x27: ("maximumPacketSize", .uint32),
        0x28: ("wildcardSubscriptionAvailable", .byte),
        0x29: ("subscriptionIdentifierAvailable", .byte),
        0x2A: ("sharedSubscriptionAvailable", .byte),
    ]

    /// Reads a property length and the properties it covers. User
    /// properties gather in one `userProperties` array of `[name, value]`.
    static func read(_ reader: inout MQTTByteReader) throws(MQTTDecodingError) -> [(key: String, value: JSONValue)] {
        let length = try reader.variableInteger("property length")
        var properties = MQTTByteReader(try reader.take(length, "properties"))
        var fields: [(key: String, value: JSONValue)] = []
        var userProperties: [JSONValue] = []
        while !properties.isAtEnd {
            let identifier = try properties.byte("property identifier")
            guard let (name, kind) = known[identifier] else {
                throw MQTTDecodingError("it has an unknown property identifier 0x\(Hex.encode([identifier]))")
            }
            let value: JSONValue
            switch kind {
            case .byte: value = .number(Double(try properties.byte(name)))
            case .uint16: value = .number(Double(try properties.uint16(name)))
            case .uint32: value = .number(Double(try properties.uint32(name)))
            case .variableInteger: value = .number(Double(try properties.variableInteger(name)))
            case .string: value = .string(try properties.string(name))
            case .binary: value = .string(Base64.encode(try properties.binary(name)))
            case .stringPair:
                let key = try properties.string("user property name")
                let text = try properties.string("user property value")
                userProperties.append(.array([.string(key), .string(text)]))
                continue
            }
            fields.append((name, value))
        }
        if !userProperties.isEmpty { fields.append(("userProperties", .array(userProperties))) }
        return fields
    }
}
