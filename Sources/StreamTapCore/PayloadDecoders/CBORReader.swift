/// Reads one CBOR data item (RFC 8949) as JSON: all eight major types,
/// indefinite-length strings, arrays and maps, half, single and double
/// floats, simple values and tags.
///
/// - Integers run from −2⁶⁴ to 2⁶⁴ − 1; beyond ±2⁵³ they become decimal
///   strings.
/// - Byte strings become `{"base64": "…"}`; text strings must be valid
///   UTF-8 (each chunk of an indefinite-length one on its own).
/// - `false`, `true` and `null` are themselves, `undefined` is `null`, any
///   other simple value is `{"simple": n}`.
/// - Tag 0 (a date string) becomes its string; tag 1 (seconds since the
///   epoch, integer or float) becomes RFC 3339 text such as
///   `2013-03-21T20:04:00.5Z`; tags 2 and 3 (bignums) become decimal
///   strings when the magnitude fits 128 bits, otherwise
///   `{"tag": n, "base64": "…"}`; any other tag, or one of these around
///   content of another kind, is `{"tag": n, "value": …}`.
///
/// Well-formedness is checked strictly: reserved additional information
/// (28 to 30), an indefinite length where none is allowed, a chunk of
/// another type inside an indefinite-length string, a stray break and a
/// two-byte simple value below 32 are all errors.
struct CBORReader {
    private var input: PayloadInput
    private var depth = 0
    /// How many map keys are being read, one inside the other.
    private var keyLevel = 0
    private let maximumDepth: Int

    private init(_ input: PayloadInput) {
        self.input = input
        maximumDepth = input.format.maximumDepth
    }

    /// Reads the data item that must make up the whole of `input`.
    static func decode(_ input: PayloadInput) throws(PayloadDecodingError) -> JSONValue {
        var reader = CBORReader(input)
        let value = try reader.readItem()
        try reader.input.expectEnd()
        return value
    }

    private static let breakByte: UInt8 = 0xFF

    private mutating func readItem() throws(PayloadDecodingError) -> JSONValue {
        let start = input.index
        let initial = try input.head()
        let info = initial & 0x1F
        switch initial >> 5 {
        case 0:
            return .unsigned(try argument(info, of: "an unsigned integer", at: start))
        case 1:
            return Self.negative(try argument(info, of: "a negative integer", at: start))
        case 2:
            return .bytes(try readString(info, major: 2, at: start))
        case 3:
            return .string(String(decoding: try readString(info, major: 3, at: start), as: UTF8.self))
        case 4:
            return try readArray(info, at: start)
        case 5:
            return try readMap(info, at: start)
        case 6:
            return try readTag(info, at: start)
        default:
            return try readSimple(info, at: start)
        }
    }

    /// The argument that follows the initial byte: the additional
    /// information itself below 24, else 1, 2, 4 or 8 more bytes.
    private mutating func argument(
        _ info: UInt8,
        of what: @autoclosure () -> String,
        at start: Int
    ) throws(PayloadDecodingError) -> UInt64 {
        switch info {
        case 0..<24:
            return UInt64(info)
        case 24...27:
            return try input.bigEndian(1 << Int(info - 24), of: what(), at: start)
        case 31:
            throw input.failure("\(what()) cannot have an indefinite length", at: start)
        default:
            throw input.failure("the additional information \(info) is reserved", at: start)
        }
    }

    /// −1 − `argument`, down to −2⁶⁴.
    private static func negative(_ argument: UInt64) -> JSONValue {
        if argument < largestExactInteger { return .number(-1 - Double(argument)) }
        let (magnitude, overflow) = argument.addingReportingOverflow(1)
        return .string(overflow ? "-18446744073709551616" : "-\(magnitude)")
    }

    private static let largestExactInteger = JSONValue.largestExactInteger

    /// The bytes of a byte string (major type 2) or a text string (3),
    /// joined from their chunks when the length is indefinite.
    private mutating func readString(
        _ info: UInt8,
        major: UInt8,
        at start: Int
    ) throws(PayloadDecodingError) -> [UInt8] {
        let name = major == 2 ? "byte string" : "text string"
        guard info == 31 else { return Array(try readChunk(info, major: major, name, at: start)) }
        var joined: [UInt8] = []
        while true {
            guard let next = input.peek else {
                throw input.failure("an indefinite-length \(name) has no break", at: start)
            }
            let chunkStart = input.index
            input.index += 1
            if next == Self.breakByte { return joined }
            guard next >> 5 == major, next & 0x1F != 31 else {
                throw input.failure(
                    "a chunk of an indefinite-length \(name) is not a definite-length \(name)",
                    at: chunkStart
                )
            }
            joined.append(contentsOf: try readChunk(next & 0x1F, major: major, name, at: chunkStart))
        }
    }

    /// A definite-length string; text must be valid UTF-8.
    private mutating func readChunk(
        _ info: UInt8,
        major: UInt8,
        _ name: String,
        at start: Int
    ) throws(PayloadDecodingError) -> ArraySlice<UInt8> {
        let length = try argument(info, of: "a \(name)", at: start)
        let bytes = try input.take(length, of: "a \(name) of \(PayloadInput.counted(length, "byte"))", at: start)
        guard major == 2 || UTF8Validator.isValid(bytes) else {
            throw input.failure(
                "a text string of \(PayloadInput.counted(length, "byte")) is not valid UTF-8",
                at: start
            )
        }
        return bytes
    }

    private mutating func enter(at start: Int) throws(PayloadDecodingError) {
        guard depth < maximumDepth else {
            throw input.failure("arrays, maps and tags are nested more than \(maximumDepth) levels deep", at: start)
        }
        depth += 1
    }

    /// Whether the next byte is a break, which it then reads; an error when
    /// the input ends first.
    private mutating func readBreak(_ name: String, at start: Int) throws(PayloadDecodingError) -> Bool {
        guard let next = input.peek else {
            throw input.failure("an indefinite-length \(name) has no break", at: start)
        }
        guard next == Self.breakByte else { return false }
        input.index += 1
        return true
    }

    private mutating func readArray(_ info: UInt8, at start: Int) throws(PayloadDecodingError) -> JSONValue {
        var elements: [JSONValue] = []
        if info == 31 {
            try enter(at: start)
            while try !readBreak("array", at: start) {
                elements.append(try readItem())
            }
        } else {
            let count = try argument(info, of: "an array", at: start)
            try input.checkRoom(for: count, itemsOf: 1, "an array of \(PayloadInput.counted(count, "item"))", at: start)
            try enter(at: start)
            for _ in 0..<count {
                elements.append(try readItem())
            }
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func readMap(_ info: UInt8, at start: Int) throws(PayloadDecodingError) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if info == 31 {
            try enter(at: start)
            while try !readBreak("map", at: start) {
                let key = try readKey()
                if input.peek == Self.breakByte {
                    throw input.failure("a break where the value of a map's last key should be", at: input.index)
                }
                members.append((key, try readItem()))
            }
        } else {
            let count = try argument(info, of: "a map", at: start)
            try input.checkRoom(for: count, itemsOf: 2, "a map of \(PayloadInput.counted(count, "pair"))", at: start)
            try enter(at: start)
            for _ in 0..<count {
                let key = try readKey()
                members.append((key, try readItem()))
            }
        }
        depth -= 1
        return .object(members)
    }

    /// A map key as a member name. Inside another key, a key must be a
    /// string, a number, a boolean or null (see `JSONValue.isNestedKeyText`).
    private mutating func readKey() throws(PayloadDecodingError) -> String {
        let start = input.index
        keyLevel += 1
        let key = try readItem()
        keyLevel -= 1
        guard keyLevel == 0 || !key.isNestedKeyText else {
            throw input.failure("a key inside a map key is not a string, number, boolean or null", at: start)
        }
        return key.memberName
    }

    private mutating func readTag(_ info: UInt8, at start: Int) throws(PayloadDecodingError) -> JSONValue {
        let tag = try argument(info, of: "a tag", at: start)
        try enter(at: start)
        defer { depth -= 1 }
        if tag == 2 || tag == 3, let next = input.peek, next >> 5 == 2 {
            let contentStart = input.index
            input.index += 1
            let magnitude = try readString(next & 0x1F, major: 2, at: contentStart)
            return Self.bignum(magnitude, negative: tag == 3)
        }
        let content = try readItem()
        switch (tag, content) {
        case (0, .string):
            return content
        case (1, .number(let seconds)):
            if let text = Self.epochTime(seconds) { return .string(text) }
        default:
            break
        }
        return .object([("tag", .unsigned(tag)), ("value", content)])
    }

    /// Tag 1's seconds since the epoch as RFC 3339 text; `nil` outside the
    /// years 0000 to 9999.
    private static func epochTime(_ seconds: Double) -> String? {
        guard seconds >= Double(PayloadTime.earliest), seconds < Double(PayloadTime.latest) + 1 else { return nil }
        var whole = seconds.rounded(.down)
        var nanoseconds = ((seconds - whole) * 1e9).rounded()
        if nanoseconds >= 1e9 {
            whole += 1
            nanoseconds = 0
        }
        return PayloadTime.rfc3339(seconds: Int64(whole), nanoseconds: Int64(nanoseconds), allNanoseconds: false)
    }

    /// A bignum (tag 2, or tag 3 for −1 − n) as a decimal string when its
    /// magnitude fits 128 bits.
    private static func bignum(_ bytes: [UInt8], negative: Bool) -> JSONValue {
        var magnitude = Array(bytes.drop { $0 == 0 })
        guard magnitude.count <= 16 else {
            return .object([("tag", .number(negative ? 3 : 2)), ("base64", .string(Base64.encode(bytes)))])
        }
        guard negative else { return .string(decimal(magnitude)) }
        // −1 − n: the magnitude n + 1, which may carry into a 17th byte.
        var index = magnitude.count - 1
        while index >= 0 && magnitude[index] == 0xFF {
            magnitude[index] = 0
            index -= 1
        }
        if index >= 0 {
            magnitude[index] += 1
        } else {
            magnitude.insert(1, at: 0)
        }
        return .string("-" + decimal(magnitude))
    }

    /// The decimal digits of a big-endian magnitude of a few bytes.
    private static func decimal(_ magnitude: [UInt8]) -> String {
        var number = Array(magnitude.drop { $0 == 0 })
        var digits: [UInt8] = []
        while !number.isEmpty {
            var remainder: UInt16 = 0
            for index in number.indices {
                let value = remainder << 8 | UInt16(number[index])
                number[index] = UInt8(value / 10)
                remainder = value % 10
            }
            digits.append(UInt8(ascii: "0") + UInt8(remainder))
            while number.first == 0 { number.removeFirst() }
        }
        return digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// Major type 7: simple values and floats.
    private mutating func readSimple(_ info: UInt8, at start: Int) throws(PayloadDecodingError) -> JSONValue {
        switch info {
        case 20:
            return .bool(false)
        case 21:
            return .bool(true)
        case 22, 23:
            return .null
        case 0..<20:
            return .object([("simple", .number(Double(info)))])
        case 24:
            let value = try input.bigEndian(1, of: "a simple value", at: start)
            guard value >= 32 else {
                throw input.failure("the simple value \(value) is not well-formed in two bytes", at: start)
            }
            return .object([("simple", .number(Double(value)))])
        case 25:
            let bits = try input.bigEndian(2, of: "a half-precision float", at: start)
            return .float(Self.half(UInt16(truncatingIfNeeded: bits)))
        case 26:
            let bits = try input.bigEndian(4, of: "a single-precision float", at: start)
            return .float(Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
        case 27:
            return .float(Double(bitPattern: try input.bigEndian(8, of: "a double-precision float", at: start)))
        case 31:
            throw input.failure("a break (0xff) outside an indefinite-length item", at: start)
        default:
            throw input.failure("the additional information \(info) is reserved", at: start)
        }
    }

    /// An IEEE 754 half-precision float, exactly.
    private static func half(_ bits: UInt16) -> Double {
        let sign: FloatingPointSign = bits & 0x8000 == 0 ? .plus : .minus
        let exponent = Int(bits >> 10 & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0:
            return Double(sign: sign, exponent: -24, significand: fraction)
        case 31:
            return fraction == 0 ? (sign == .plus ? .infinity : -.infinity) : .nan
        default:
            return Double(sign: sign, exponent: exponent - 25, significand: fraction + 1024)
        }
    }
}
