/// The fifteen MQTT control packet types, by the number in the top four bits
/// of a packet's first byte.
enum MQTTPacketType: UInt8, Sendable, CaseIterable {
    case connect = 1
    case connack
    case publish
    case puback
    case pubrec
    case pubrel
    case pubcomp
    case subscribe
    case suback
    case unsubscribe
    case unsuback
    case pingreq
    case pingresp
    case disconnect
    /// MQTT 5.0 only.
    case auth

    /// The specification's name (`CONNACK`, `PUBLISH`, ...).
    var name: String {
        switch self {
        case .connect: "CONNECT"
        case .connack: "CONNACK"
        case .publish: "PUBLISH"
        case .puback: "PUBACK"
        case .pubrec: "PUBREC"
        case .pubrel: "PUBREL"
        case .pubcomp: "PUBCOMP"
        case .subscribe: "SUBSCRIBE"
        case .suback: "SUBACK"
        case .unsubscribe: "UNSUBSCRIBE"
        case .unsuback: "UNSUBACK"
        case .pingreq: "PINGREQ"
        case .pingresp: "PINGRESP"
        case .disconnect: "DISCONNECT"
        case .auth: "AUTH"
        }
    }

    /// The low four bits the specification fixes for this type (PUBLISH's
    /// carry DUP, QoS and RETAIN instead).
    var requiredFlags: UInt8? {
        switch self {
        case .publish: nil
        case .pubrel, .subscribe, .unsubscribe: 0b0010
        default: 0
        }
    }
}

/// The revision of MQTT a connection speaks: the protocol level byte of
/// CONNECT.
public enum MQTTVersion: Int, Sendable, Equatable {
    /// MQTT 3.1.1 (protocol level 4).
    case v311 = 4
    /// MQTT 5.0 (protocol level 5).
    case v5 = 5

    /// `3.1.1` or `5.0`.
    public var text: String { self == .v5 ? "5.0" : "3.1.1" }
}
