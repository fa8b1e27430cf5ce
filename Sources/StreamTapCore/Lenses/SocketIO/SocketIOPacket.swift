/// One Socket.IO packet (protocol 4 and 5), as carried in an Engine.IO
/// `message`: `<type>[<attachments>-][<namespace>,][<ack id>][<JSON>]`.
public struct SocketIOPacket: Sendable, Equatable {
    /// The packet types, by their digit.
    public enum PacketType: Int, Sendable, CaseIterable {
        case connect = 0
        case disconnect = 1
        case event = 2
        case ack = 3
        case connectError = 4
        case binaryEvent = 5
        case binaryAck = 6

        /// The protocol's own name (`CONNECT`, `EVENT`, ...).
        public var name: String {
            switch self {
            case .connect: "CONNECT"
            case .disconnect: "DISCONNECT"
            case .event: "EVENT"
            case .ack: "ACK"
            case .connectError: "CONNECT_ERROR"
            case .binaryEvent: "BINARY_EVENT"
            case .binaryAck: "BINARY_ACK"
            }
        }

        /// Whether binary attachments follow in their own messages.
        public var hasAttachments: Bool { self == .binaryEvent || self == .binaryAck }
    }

    public var type: PacketType
    /// `/` unless the packet names another namespace.
    public var namespace: String
    public var ackID: Int?
    /// How many binary messages follow (binary packets only).
    public var attachments: Int
    /// The JSON data, parsed (`nil` when the packet has none).
    public var data: JSONValue?

    public init(
        type: PacketType,
        namespace: String = "/",
        ackID: Int? = nil,
        attachments: Int = 0,
        data: JSONValue? = nil
    ) {
        self.type = type
        self.namespace = namespace
        self.ackID = ackID
        self.attachments = attachments
        self.data = data
    }

    /// Reads the text after the Engine.IO `message` digit, or says why it
    /// is no Socket.IO packet.
    public static func parse(_ text: Substring) -> Result<SocketIOPacket, LensInputError> {
        var rest = text[...]
        guard let digit = rest.first, let value = digit.wholeNumberValue, let type = PacketType(rawValue: value) else {
            return .failure(
                LensInputError("“\(text.prefix(1))” is not a Socket.IO packet type (0 CONNECT … 6 BINARY_ACK)")
            )
        }
        rest = rest.dropFirst()
        var packet = SocketIOPacket(type: type)
        if type.hasAttachments {
            guard let dash = rest.firstIndex(of: "-"), let count = Int(rest[..<dash]), count >= 0, count <= 1000 else {
                return .failure(LensInputError("a \(type.name) packet must say how many attachments follow (“51-…”)"))
            }
            packet.attachments = count
            rest = rest[rest.index(after: dash)...]
        }
        if rest.first == "/" {
            let end = rest.firstIndex(of: ",") ?? rest.endIndex
            packet.namespace = String(rest[..<end])
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty {
            guard digits.count <= 15, let id = Int(digits) else {
                return .failure(LensInputError("the ack id “\(digits.prefix(20))” is too long"))
            }
            packet.ackID = id
            rest = rest[digits.endIndex...]
        }
        if !rest.isEmpty {
            do {
                packet.data = try JSONParser.parse(String(rest))
            } catch {
                return .failure(LensInputError("the \(type.name) packet's data is not JSON (\(error))"))
            }
        }
        return .success(packet)
    }

    /// The packet as sent, after the Engine.IO `message` digit.
    public var text: String {
        var text = String(type.rawValue)
        if type.hasAttachments {
            text += "\(attachments)-"
        }
        if namespace != "/" {
            text += namespace + ","
        }
        if let ackID {
            text += String(ackID)
        }
        if let data {
            text += data.compactText
        }
        return text
    }
}
