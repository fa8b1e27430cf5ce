/// A binary encoding a WebSocket message may carry, read into a
/// `JSONValue` so that it can be shown, filtered and recorded like JSON.
///
/// The readers are strict and safe on hostile input: every read is
/// bounds-checked, a declared length or count larger than what is left is
/// refused before anything is allocated, nesting is limited
/// (`maximumDepth`), the work is linear in the input's size, and the whole
/// input must be exactly one value (a message, for protobuf).
///
/// What JSON has no form for is written the same way by every format:
/// bytes as `{"base64": "…"}` (the shape of binary Socket.IO attachments),
/// integers beyond ±2⁵³ as decimal strings, NaN and the infinities as the
/// strings `"NaN"`, `"Infinity"` and `"-Infinity"`, and map keys that are not
/// strings as their compact JSON text. Inside such a key, a map's keys must
/// be strings, numbers, booleans or null: text inside text is escaped again
/// at every level and would double in size with each.
public enum PayloadFormat: String, Sendable, CaseIterable {
    case messagePack = "msgpack"
    case cbor
    /// The protobuf wire format read without a schema, as
    /// `protoc --decode_raw` does.
    case protobuf

    /// The format's name as a user knows it.
    public var displayName: String {
        switch self {
        case .messagePack: "MessagePack"
        case .cbor: "CBOR"
        case .protobuf: "protobuf (no schema)"
        }
    }

    /// The name used in error messages (“not CBOR: …”).
    var shortName: String {
        switch self {
        case .messagePack: "MessagePack"
        case .cbor: "CBOR"
        case .protobuf: "protobuf"
        }
    }

    /// The deepest nesting the reader accepts: arrays, maps and (CBOR) tags
    /// for MessagePack and CBOR; messages and groups for protobuf, which
    /// allows half as many because each level can become two in JSON (the
    /// object and a repeated field's array). Every decoded value thus stays
    /// within `JSONParser.maximumDepth`.
    public var maximumDepth: Int {
        switch self {
        case .messagePack, .cbor: 64
        case .protobuf: 32
        }
    }

    /// Reads `bytes`, which must hold exactly one value of this format, as
    /// JSON; or says why they are not that, and at which byte.
    public func decode(_ bytes: some Collection<UInt8>) throws(PayloadDecodingError) -> JSONValue {
        let input = PayloadInput(Array(bytes), format: self)
        switch self {
        case .messagePack: return try MessagePackReader.decode(input)
        case .cbor: return try CBORReader.decode(input)
        case .protobuf: return try ProtobufWireReader.decode(input)
        }
    }
}
