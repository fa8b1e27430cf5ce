/// Reads one MessagePack value (the whole spec: nil, booleans, integers of
/// every width, float 32 and 64, str, bin, array, map and ext, with the
/// timestamp extension) as JSON.
///
/// Integers beyond ±2⁵³ become decimal strings; str must be valid UTF-8;
/// bin becomes `{"base64": "…"}`; an extension becomes
/// `{"ext": type, "base64": "…"}`, except the timestamp (type −1), which
/// becomes RFC 3339 text with nanoseconds (`2021-03-04T05:06:07.000000123Z`)
/// or, outside the years 0000 to 9999, `{"ext": -1, "seconds": s,
/// "nanoseconds": n}`. The byte 0xc1 (never used) is an error.
struct MessagePackReader {
    private var input: PayloadInput
    private var depth = 0
    /// How many map keys are being read, one inside the other.
    private var keyLevel = 0
    private let maximumDepth: Int

    private init(_ input: PayloadInput) {
        self.input = input
        maximumDepth = input.format.maximumDepth
    }

    /// Reads the value that must make up the whole of `input`.
    static func decode(_ input: PayloadInput) throws(PayloadDecodingError) -> JSONValue {
        var reader = MessagePackReader(input)
        let value = try reader.readValue()
        try reader.input.expectEnd()
        return value
    }

    private mutating func readValue() throws(PayloadDecodingError) -> JSONValue {
        let start = input.index
        let head = try input.head()
        switch head {
        case 0x00...0x7F:
            return .number(Double(head))
        case 0x80...0x8F:
            return try readMap(count: UInt64(head & 0x0F), "a fixmap", at: start)
        case 0x90...0x9F:
            return try readArray(count: UInt64(head & 0x0F), "a fixarray", at: start)
        case 0xA0...0xBF:
            return try readString(length: UInt64(head & 0x1F), "a fixstr", at: start)
        case 0xC0:
            return .null
        case 0xC1:
            throw input.failure("the byte 0xc1 is never used", at: start)
        case 0xC2:
            return .bool(false)
        case 0xC3:
            return .bool(true)
        case 0xC4, 0xC5, 0xC6:
            let name = ["a bin8", "a bin16", "a bin32"][Int(head - 0xC4)]
            let length = try input.bigEndian(1 << Int(head - 0xC4), of: name, at: start)
            return .bytes(try input.take(length, of: "\(name) of \(PayloadInput.counted(length, "byte"))", at: start))
        case 0xC7, 0xC8, 0xC9:
            let name = ["an ext8", "an ext16", "an ext32"][Int(head - 0xC7)]
            let length = try input.bigEndian(1 << Int(head - 0xC7), of: name, at: start)
            return try readExtension(length: length, name, at: start)
        case 0xCA:
            let bits = try input.bigEndian(4, of: "a float32", at: start)
            return .float(Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
        case 0xCB:
            return .float(Double(bitPattern: try input.bigEndian(8, of: "a float64", at: start)))
        case 0xCC, 0xCD, 0xCE, 0xCF:
            let width = 1 << Int(head - 0xCC)
            return .unsigned(try input.bigEndian(width, of: "a uint\(width * 8)", at: start))
        case 0xD0, 0xD1, 0xD2, 0xD3:
            let width = 1 << Int(head - 0xD0)
            let bits = try input.bigEndian(width, of: "an int\(width * 8)", at: start)
            // Sign-extend from the top bit of `width` bytes.
            let shift = UInt64(64 - width * 8)
            return .signed(Int64(bitPattern: bits << shift) >> shift)
        case 0xD4, 0xD5, 0xD6, 0xD7, 0xD8:
            let length = UInt64(1 << Int(head - 0xD4))
            return try readExtension(length: length, "a fixext \(length)", at: start)
        case 0xD9, 0xDA, 0xDB:
            let name = ["a str8", "a str16", "a str32"][Int(head - 0xD9)]
            let length = try input.bigEndian(1 << Int(head - 0xD9), of: name, at: start)
            return try readString(length: length, name, at: start)
        case 0xDC, 0xDD:
            let name = head == 0xDC ? "an array16" : "an array32"
            let count = try input.bigEndian(head == 0xDC ? 2 : 4, of: name, at: start)
            return try readArray(count: count, name, at: start)
        case 0xDE, 0xDF:
            let name = head == 0xDE ? "a map16" : "a map32"
            let count = try input.bigEndian(head == 0xDE ? 2 : 4, of: name, at: start)
            return try readMap(count: count, name, at: start)
        default:
            // 0xe0 to 0xff: negative fixint.
            return .number(Double(Int8(bitPattern: head)))
        }
    }

    private mutating func readString(
        length: UInt64,
        _ name: String,
        at start: Int
    ) throws(PayloadDecodingError) -> JSONValue {
        let utf8 = try input.take(length, of: "\(name) of \(PayloadInput.counted(length, "byte"))", at: start)
        guard UTF8Validator.isValid(utf8) else {
            throw input.failure("\(name) of \(PayloadInput.counted(length, "byte")) is not valid UTF-8", at: start)
        }
        return .string(String(decoding: utf8, as: UTF8.self))
    }

    private mutating func enter(at start: Int) throws(PayloadDecodingError) {
        guard depth < maximumDepth else {
            throw input.failure("arrays and maps are nested more than \(maximumDepth) levels deep", at: start)
        }
        depth += 1
    }

    private mutating func readArray(
        count: UInt64,
        _ name: String,
        at start: Int
    ) throws(PayloadDecodingError) -> JSONValue {
        try input.checkRoom(for: count, itemsOf: 1, "\(name) of \(PayloadInput.counted(count, "element"))", at: start)
        try enter(at: start)
        var elements: [JSONValue] = []
        for _ in 0..<count {
            elements.append(try readValue())
        }
        depth -= 1
        return .array(elements)
    }

    private mutating func readMap(
        count: UInt64,
        _ name: String,
        at start: Int
    ) throws(PayloadDecodingError) -> JSONValue {
        try input.checkRoom(for: count, itemsOf: 2, "\(name) of \(PayloadInput.counted(count, "pair"))", at: start)
        try enter(at: start)
        var members: [(key: String, value: JSONValue)] = []
        for _ in 0..<count {
            let key = try readKey()
            members.append((key, try readValue()))
        }
        depth -= 1
        return .object(members)
    }

    /// A map key as a member name. Inside another key, a key must be a
    /// string, a number, a boolean or null (see `JSONValue.isNestedKeyText`).
    private mutating func readKey() throws(PayloadDecodingError) -> String {
        let start = input.index
        keyLevel += 1
        let key = try readValue()
        keyLevel -= 1
        guard keyLevel == 0 || !key.isNestedKeyText else {
            throw input.failure("a key inside a map key is not a string, number, boolean or null", at: start)
        }
        return key.memberName
    }

    private mutating func readExtension(
        length: UInt64,
        _ name: String,
        at start: Int
    ) throws(PayloadDecodingError) -> JSONValue {
        let type = Int8(bitPattern: UInt8(truncatingIfNeeded: try input.bigEndian(1, of: name, at: start)))
        let data = try input.take(length, of: "\(name) of \(PayloadInput.counted(length, "byte"))", at: start)
        guard type == -1 else {
            return .object([("ext", .number(Double(type))), ("base64", .string(Base64.encode(data)))])
        }
        return try timestamp(data, at: start)
    }

    /// The timestamp extension: 32 bits of seconds; 30 bits of nanoseconds
    /// and 34 of seconds; or 32 bits of nanoseconds and 64 of signed
    /// seconds.
    private func timestamp(_ data: ArraySlice<UInt8>, at start: Int) throws(PayloadDecodingError) -> JSONValue {
        func integer(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            bytes.reduce(0) { $0 << 8 | UInt64($1) }
        }
        let seconds: Int64
        let nanoseconds: Int64
        switch data.count {
        case 4:
            seconds = Int64(integer(data))
            nanoseconds = 0
        case 8:
            let value = integer(data)
            seconds = Int64(value & (1 << 34 - 1))
            nanoseconds = Int64(value >> 34)
        case 12:
            nanoseconds = Int64(integer(data.prefix(4)))
            seconds = Int64(bitPattern: integer(data.suffix(8)))
        default:
            throw input.failure("a timestamp of \(data.count) bytes (4, 8 or 12 expected)", at: start)
        }
        guard nanoseconds < 1_000_000_000 else {
            throw input.failure("a timestamp of \(nanoseconds) nanoseconds (at most 999999999)", at: start)
        }
        if let text = PayloadTime.rfc3339(seconds: seconds, nanoseconds: nanoseconds, allNanoseconds: true) {
            return .string(text)
        }
        return .object([
            ("ext", .number(-1)), ("seconds", .signed(seconds)), ("nanoseconds", .number(Double(nanoseconds))),
        ])
    }
}
