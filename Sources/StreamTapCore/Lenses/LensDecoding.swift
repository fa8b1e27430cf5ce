/// What a protocol lens read in one WebSocket message: the application
/// protocol's own name for it, its fields, and a line a person reads.
///
/// A decoding adds to the message and never replaces it: the payload stays
/// as it came. Its JSONL form is the `lens` object of a `message` line.
public struct LensDecoding: Sendable, Equatable {
    /// The protocol that gave the message its meaning: `socket.io`,
    /// `engine.io`, `graphql-transport-ws`, `graphql-ws`, `jsonrpc`.
    public var protocolName: String
    /// The protocol's own name for this packet (`EVENT`, `ping`, `next`,
    /// `response`, ...).
    public var type: String
    /// The packet's fields in the order the contract writes them.
    public var fields: [(key: String, value: JSONValue)]
    /// One line for the event list (no payload cut; views cut it).
    public var summary: String
    /// What plain `streamtap cat` prints for this message; `nil` for the
    /// protocol's own traffic (keepalives, acknowledgements of the session).
    public var application: String?
    /// StreamTap sent it by itself (a keepalive answer, the protocol's
    /// handshake), not because the user asked.
    public var automatic: Bool
    /// Why the message could not be read as the protocol says, in words;
    /// the connection goes on.
    public var problem: String?

    public init(
        protocolName: String,
        type: String,
        fields: [(key: String, value: JSONValue)] = [],
        summary: String,
        application: String? = nil,
        automatic: Bool = false,
        problem: String? = nil
    ) {
        self.protocolName = protocolName
        self.type = type
        self.fields = fields.map { ($0.key, $0.value.keepingDepth(Self.fieldDepth)) }
        self.summary = summary
        self.application = application
        self.automatic = automatic
        self.problem = problem
    }

    /// How deeply a field's value may nest: a JSONL line and its `lens`
    /// object take two of the levels ``JSONParser`` reads.
    static let fieldDepth = JSONParser.maximumDepth - 2

    /// A message the lens could not read.
    public static func unreadable(_ protocolName: String, _ problem: String) -> LensDecoding {
        LensDecoding(protocolName: protocolName, type: "invalid", summary: problem, problem: problem)
    }

    public static func == (lhs: LensDecoding, rhs: LensDecoding) -> Bool {
        lhs.protocolName == rhs.protocolName && lhs.type == rhs.type && lhs.summary == rhs.summary
            && lhs.application == rhs.application && lhs.automatic == rhs.automatic && lhs.problem == rhs.problem
            && JSONValue.object(lhs.fields) == JSONValue.object(rhs.fields)
    }

    /// The value of field `key`, if the decoding has one.
    public subscript(key: String) -> JSONValue? {
        fields.first { $0.key == key }?.value
    }

    /// One decoding for a message that held one or more of the protocol's
    /// packets or frames: the part itself, or each of them under `key`,
    /// their summaries and application lines joined.
    static func combining(_ parts: [LensDecoding], protocolName: String, under key: String) -> LensDecoding {
        if parts.count == 1 { return parts[0] }
        let applications = parts.compactMap(\.application)
        return LensDecoding(
            protocolName: protocolName,
            type: parts.map(\.type).joined(separator: "+"),
            fields: [(key, .array(parts.map(\.nestedObject)))],
            summary: parts.map(\.summary).joined(separator: "; "),
            application: applications.isEmpty ? nil : applications.joined(separator: "\n"),
            problem: parts.compactMap(\.problem).first
        )
    }

    /// The decoding as an element of a combined decoding's array: its type,
    /// fields, `auto`, `error` and `summary`, as a `lens` object has them.
    private var nestedObject: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("type", .string(type))]
        members += fields
        if automatic { members.append(("auto", .bool(true))) }
        if let problem { members.append(("problem", .string(problem))) }
        members.append(("summary", .string(summary)))
        return .object(members)
    }

    /// An estimate of the memory it holds, in bytes.
    var approximateSize: Int {
        64 + summary.utf8.count + (application?.utf8.count ?? 0) + fields.count * 48
    }
}

extension JSONValue {
    /// How deeply arrays and objects nest in the value (0 for a scalar).
    var nestingDepth: Int {
        switch self {
        case .array(let elements): 1 + (elements.map(\.nestingDepth).max() ?? 0)
        case .object(let members): 1 + (members.map(\.value.nestingDepth).max() ?? 0)
        default: 0
        }
    }

    /// The value with the arrays and objects nested deeper than `levels`
    /// kept as their JSON text, so that a recording can hold it (a parsed
    /// message may already nest as deeply as the parser allows).
    func keepingDepth(_ levels: Int) -> JSONValue {
        guard nestingDepth > levels else { return self }
        switch self {
        case .array(let elements) where levels > 0:
            return .array(elements.map { $0.keepingDepth(levels - 1) })
        case .object(let members) where levels > 0:
            return .object(members.map { ($0.key, $0.value.keepingDepth(levels - 1)) })
        default:
            return .string(compactText)
        }
    }
}

/// A ``LensDecoding`` kept out of line, so that a ``Message`` without one
/// (nearly all of them) stays as small as it was.
final class LensDecodingBox: Sendable {
    let decoding: LensDecoding

    init(_ decoding: LensDecoding) {
        self.decoding = decoding
    }
}

extension Message {
    /// What the connection's protocol lens read in this message, if a lens
    /// is on.
    public var lens: LensDecoding? {
        get { lensBox?.decoding }
        set { lensBox = newValue.map(LensDecodingBox.init) }
    }
}
