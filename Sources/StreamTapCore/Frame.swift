/// A WebSocket opcode (RFC 6455 §5.2), including the reserved ones so that a
/// peer's invalid frame can still be shown.
public struct Opcode: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue & 0x0F
    }

    public static let continuation = Opcode(rawValue: 0x0)
    public static let text = Opcode(rawValue: 0x1)
    public static let binary = Opcode(rawValue: 0x2)
    public static let close = Opcode(rawValue: 0x8)
    public static let ping = Opcode(rawValue: 0x9)
    public static let pong = Opcode(rawValue: 0xA)

    /// Close, ping and pong (and the reserved 0xB–0xF).
    public var isControl: Bool { rawValue & 0x8 != 0 }

    /// Opcodes RFC 6455 reserves for future use.
    public var isReserved: Bool { !(rawValue <= 2 || (rawValue >= 8 && rawValue <= 0xA)) }

    /// The JSONL name: `text`, `binary`, ... or `nil` for reserved opcodes,
    /// which the contract writes as the number.
    public var name: String? {
        switch rawValue {
        case 0x0: "continuation"
        case 0x1: "text"
        case 0x2: "binary"
        case 0x8: "close"
        case 0x9: "ping"
        case 0xA: "pong"
        default: nil
        }
    }
}

/// Which way a frame or message travelled.
public enum Direction: String, Sendable, Equatable {
    /// From the server to us.
    case incoming = "in"
    /// From us to the server.
    case outgoing = "out"
}

/// One WebSocket frame as it was on the wire: header bits and payload.
public struct FrameInfo: Sendable, Equatable {
    public var direction: Direction
    public var opcode: Opcode
    public var fin: Bool
    public var rsv1: Bool
    public var rsv2: Bool
    public var rsv3: Bool
    /// The masking key when the frame was masked (every client frame must be).
    public var maskingKey: [UInt8]?
    /// The unmasked payload as carried by this frame (still compressed when
    /// RSV1 says so).
    public var payload: [UInt8]
    /// The payload length announced in the header (equals `payload.count`
    /// unless the frame was cut short).
    public var length: Int

    public init(
        direction: Direction,
        opcode: Opcode,
        fin: Bool = true,
        rsv1: Bool = false,
        rsv2: Bool = false,
        rsv3: Bool = false,
        maskingKey: [UInt8]? = nil,
        payload: [UInt8],
        length: Int? = nil
    ) {
        self.direction = direction
        self.opcode = opcode
        self.fin = fin
        self.rsv1 = rsv1
        self.rsv2 = rsv2
        self.rsv3 = rsv3
        self.maskingKey = maskingKey
        self.payload = payload
        self.length = length ?? payload.count
    }

    public var masked: Bool { maskingKey != nil }
}

/// One whole WebSocket data message, reassembled from its frames and inflated
/// when it was compressed.
public struct Message: Sendable, Equatable {
    public var direction: Direction
    /// `.text` or `.binary`.
    public var opcode: Opcode
    public var payload: [UInt8]
    /// Bytes the message took on the wire (frame payloads, compressed), when
    /// it differs from the payload's size.
    public var wireLength: Int?
    /// Whether the message was sent with permessage-deflate.
    public var compressed: Bool
    /// Storage of ``lens``.
    var lensBox: LensDecodingBox?

    public init(
        direction: Direction,
        opcode: Opcode,
        payload: [UInt8],
        wireLength: Int? = nil,
        compressed: Bool = false
    ) {
        self.direction = direction
        self.opcode = opcode
        self.payload = payload
        self.wireLength = wireLength
        self.compressed = compressed
    }

    public static func == (lhs: Message, rhs: Message) -> Bool {
        lhs.direction == rhs.direction && lhs.opcode == rhs.opcode && lhs.payload == rhs.payload
            && lhs.wireLength == rhs.wireLength && lhs.compressed == rhs.compressed && lhs.lens == rhs.lens
    }
}
