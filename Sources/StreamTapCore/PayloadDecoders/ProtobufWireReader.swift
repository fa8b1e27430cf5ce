/// Reads a protobuf message without its schema, from the wire format
/// alone, as `protoc --decode_raw` does.
///
/// The message becomes a JSON object whose keys are the field numbers (as
/// strings) in the order they first appear; a field seen more than once
/// becomes an array of its values in order. By wire type:
///
/// - 0, varint: the unsigned number (a negative `int32` or `int64` is its
///   ten-byte two's complement, e.g. `18446744073709551615` for −1, as
///   protoc prints it; `sint` zigzag is not undone).
/// - 1 and 5, fixed64 and fixed32: the unsigned little-endian integer, in
///   decimal (protoc prints these in hex; a `double` or `float` field thus
///   shows its bit pattern).
/// - 2, length-delimited: a nested message when the bytes are not empty
///   and parse completely as one (a guess, as protoc makes it); else a
///   string when they are UTF-8 text without control characters other
///   than tab and newline; else `{"base64": "…"}`.
/// - 3 and 4, start and end group (deprecated): the group's fields as a
///   nested object.
///
/// Integers beyond 2⁵³ are decimal strings. Field number 0, numbers beyond
/// 2²⁹ − 1, wire types 6 and 7, a varint longer than 64 bits, a length past
/// the end and an unmatched group are errors. Messages and groups nest at
/// most `PayloadFormat.protobuf.maximumDepth` levels: deeper groups are an
/// error, deeper length-delimited bytes are not tried as a message.
struct ProtobufWireReader {
    private var input: PayloadInput
    private let maximumDepth: Int

    /// The largest field number protobuf allows.
    static let largestFieldNumber: UInt64 = 536_870_911

    private init(_ input: PayloadInput) {
        self.input = input
        maximumDepth = input.format.maximumDepth
    }

    /// Reads the message that must make up the whole of `input` (an empty
    /// input is the empty message, `{}`).
    static func decode(_ input: PayloadInput) throws(PayloadDecodingError) -> JSONValue {
        var reader = ProtobufWireReader(input)
        return try reader.readFields(level: 1, group: nil)
    }

    /// A message's fields in the order they first came, each with its
    /// values in order.
    private struct Fields {
        private var fields: [(number: UInt64, values: [JSONValue])] = []
        private var positions: [UInt64: Int] = [:]

        mutating func append(_ value: JSONValue, to number: UInt64) {
            if let position = positions[number] {
                fields[position].values.append(value)
            } else {
                positions[number] = fields.count
                fields.append((number, [value]))
            }
        }

        var object: JSONValue {
            .object(
                fields.map { field in
                    (String(field.number), field.values.count == 1 ? field.values[0] : .array(field.values))
                }
            )
        }
    }

    /// Reads fields up to the end of the input or, inside a group, up to
    /// the group's end; `level` is 1 for the outermost message.
    private mutating func readFields(
        level: Int,
        group: (number: UInt64, start: Int)?
    ) throws(PayloadDecodingError) -> JSONValue {
        var fields = Fields()
        while !input.isAtEnd {
            let start = input.index
            let key = try readVarint(of: "a field key", at: start)
            let number = key >> 3
            guard number != 0 else { throw input.failure("field number 0 is not allowed", at: start) }
            guard number <= Self.largestFieldNumber else {
                throw input.failure(
                    "the field number \(number) is beyond the largest (\(Self.largestFieldNumber))",
                    at: start
                )
            }
            let value: JSONValue
            switch key & 7 {
            case 0:
                value = .unsigned(try readVarint(of: "the varint of field \(number)", at: start))
            case 1:
                value = .unsigned(try input.littleEndian(8, of: "the fixed64 of field \(number)", at: start))
            case 2:
                let length = try readVarint(of: "the length of field \(number)", at: start)
                let bytes = try input.take(
                    length,
                    of: "field \(number) (\(PayloadInput.counted(length, "byte")))",
                    at: start
                )
                value = guess(bytes.indices, level: level)
            case 3:
                guard level < maximumDepth else {
                    throw input.failure(
                        "messages and groups are nested more than \(maximumDepth) levels deep",
                        at: start
                    )
                }
                value = try readFields(level: level + 1, group: (number, start))
            case 4:
                guard let group, group.number == number else {
                    let inside = group.map { " inside the group of field \($0.number)" } ?? " outside any group"
                    throw input.failure("an end-group of field \(number)\(inside)", at: start)
                }
                return fields.object
            case 5:
                value = .unsigned(try input.littleEndian(4, of: "the fixed32 of field \(number)", at: start))
            default:
                throw input.failure("the wire type \(key & 7) of field \(number) does not exist", at: start)
            }
            fields.append(value, to: number)
        }
        if let group {
            throw input.failure("the group of field \(group.number) has no end-group", at: group.start)
        }
        return fields.object
    }

    /// A varint of at most ten bytes whose value fits 64 bits.
    private mutating func readVarint(
        of what: @autoclosure () -> String,
        at start: Int
    ) throws(PayloadDecodingError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard let byte = input.peek else { throw input.failure("\(what()) runs past the end", at: start) }
            input.index += 1
            if shift == 63 && byte > 1 {
                throw input.failure("\(what()) is longer than 64 bits", at: start)
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// What the bytes of a length-delimited field most likely are.
    private func guess(_ range: Range<Int>, level: Int) -> JSONValue {
        if !range.isEmpty && level < maximumDepth {
            var nested = self
            nested.input.index = range.lowerBound
            nested.input.end = range.upperBound
            if let message = try? nested.readFields(level: level + 1, group: nil) { return message }
        }
        let bytes = input.bytes[range]
        return Self.isText(bytes) ? .string(String(decoding: bytes, as: UTF8.self)) : .bytes(bytes)
    }

    /// Whether bytes are valid UTF-8 without control characters (C0, DEL
    /// and C1) other than tab and newline.
    static func isText(_ bytes: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case 0x09, 0x0A: break
            case 0x00..<0x20, 0x7F: return false
            case 0x80..<0xA0 where previous == 0xC2: return false
            default: break
            }
            previous = byte
        }
        return UTF8Validator.isValid(bytes)
    }
}
