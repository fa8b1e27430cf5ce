/// One Engine.IO packet as carried in a WebSocket text message: a one-digit
/// type and its data (Engine.IO protocol 3 and 4).
public struct EngineIOPacket: Sendable, Equatable {
    /// The packet types, by their digit.
    public enum PacketType: Character, Sendable, CaseIterable {
        case open = "0"
        case close = "1"
        case ping = "2"
        case pong = "3"
        case message = "4"
        case upgrade = "5"
        case noop = "6"

        /// The protocol's own name (`open`, `ping`, ...).
        public var name: String {
            switch self {
            case .open: "open"
            case .close: "close"
            case .ping: "ping"
            case .pong: "pong"
            case .message: "message"
            case .upgrade: "upgrade"
            case .noop: "noop"
            }
        }
    }

    public var type: PacketType
    public var data: Substring

    public init(type: PacketType, data: Substring = "") {
        self.type = type
        self.data = data
    }

    /// Reads a text message, or says why it is no Engine.IO packet.
    public static func parse(_ text: String) -> Result<EngineIOPacket, LensInputError> {
        guard let first = text.first else {
            return .failure(LensInputError("an empty message is no Engine.IO packet"))
        }
        guard let type = PacketType(rawValue: first) else {
            return .failure(
                LensInputError("“\(first)” is not an Engine.IO packet type (0 open … 6 noop)")
            )
        }
        return .success(EngineIOPacket(type: type, data: text.dropFirst()))
    }

    /// The packet as sent: its digit, then its data.
    public var text: String {
        String(type.rawValue) + data
    }
}
