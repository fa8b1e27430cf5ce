/// The JSON forms the payload readers give what JSON cannot hold as it is,
/// the same for every format.
extension JSONValue {
    /// The largest integer magnitude written as a JSON number: 2⁵³, beyond
    /// which a double (and so JavaScript) no longer holds every integer.
    static let largestExactInteger: UInt64 = 1 << 53

    /// An unsigned integer: a number up to 2⁵³, a decimal string beyond.
    static func unsigned(_ value: UInt64) -> JSONValue {
        value <= largestExactInteger ? .number(Double(value)) : .string(String(value))
    }

    /// A signed integer: a number within ±2⁵³, a decimal string beyond.
    static func signed(_ value: Int64) -> JSONValue {
        value.magnitude <= largestExactInteger ? .number(Double(value)) : .string(String(value))
    }

    /// A floating-point number; NaN and the infinities as the strings
    /// `"NaN"`, `"Infinity"` and `"-Infinity"`.
    static func float(_ value: Double) -> JSONValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value < 0 ? "-Infinity" : "Infinity") }
        return .number(value)
    }

    /// Bytes as `{"base64": "…"}`, the shape of binary Socket.IO
    /// attachments.
    static func bytes(_ data: some Collection<UInt8>) -> JSONValue {
        .object([("base64", .string(Base64.encode(data)))])
    }

    /// The member name a decoded map key becomes: a string as it is, any
    /// other value as its compact JSON text (`1`, `[1,2]`, `{"base64":"AA=="}`).
    var memberName: String {
        if case .string(let text) = self { return text }
        return compactText
    }

    /// Whether the member name of this key is JSON text with quotes in it
    /// (an array or an object). The readers refuse such a key inside
    /// another key: its quotes would be escaped once more for every level,
    /// doubling the text each time.
    var isNestedKeyText: Bool {
        switch self {
        case .array, .object: true
        case .null, .bool, .number, .string: false
        }
    }
}

/// Instants as RFC 3339 text in UTC, for the time types of MessagePack
/// (the timestamp extension) and CBOR (tag 1).
enum PayloadTime {
    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in seconds since the
    /// epoch: the years RFC 3339 can write.
    static let earliest: Int64 = -62_167_219_200
    static let latest: Int64 = 253_402_300_799

    /// The instant `seconds` and `nanoseconds` (below 10⁹) after the epoch,
    /// e.g. `2021-03-04T05:06:07.000000123Z`: with all nine digits of
    /// nanoseconds when `allNanoseconds`, otherwise with as many as needed
    /// (none for a whole second). `nil` outside the years 0000 to 9999.
    static func rfc3339(seconds: Int64, nanoseconds: Int64, allNanoseconds: Bool) -> String? {
        guard seconds >= earliest, seconds <= latest, nanoseconds >= 0, nanoseconds < 1_000_000_000 else {
            return nil
        }
        var text: [UInt8] = []
        CivilDateTime.append(seconds: seconds, to: &text)
        if allNanoseconds || nanoseconds != 0 {
            text.append(UInt8(ascii: "."))
            CivilDateTime.appendDigits(nanoseconds, 9, to: &text)
            if !allNanoseconds {
                while text.last == UInt8(ascii: "0") { text.removeLast() }
            }
        }
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }
}
