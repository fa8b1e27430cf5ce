/// Reads the fields of an MQTT packet's body, bounds-checked: every read past
/// the end is a ``MQTTDecodingError`` naming the field.
struct MQTTByteReader {
    private let bytes: ArraySlice<UInt8>
    private(set) var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }
    var remaining: Int { bytes.endIndex - index }

    mutating func byte(_ field: String) throws(MQTTDecodingError) -> UInt8 {
        guard index < bytes.endIndex else { throw MQTTDecodingError("the packet ends before its \(field)") }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func uint16(_ field: String) throws(MQTTDecodingError) -> Int {
        let high = try byte(field)
        let low = try byte(field)
        return Int(high) << 8 | Int(low)
    }

    mutating func uint32(_ field: String) throws(MQTTDecodingError) -> Int {
        var value = 0
        for _ in 0..<4 { value = value << 8 | Int(try byte(field)) }
        return value
    }

    /// A variable byte integer: seven bits per byte, at most four bytes.
    mutating func variableInteger(_ field: String) throws(MQTTDecodingError) -> Int {
        var value = 0
        for shift in stride(from: 0, to: 28, by: 7) {
            let next = try byte(field)
            value |= Int(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
        }
        throw MQTTDecodingError("its \(field) runs past the four bytes a variable byte integer may use")
    }

    /// Two length bytes, then that many bytes.
    mutating func binary(_ field: String) throws(MQTTDecodingError) -> ArraySlice<UInt8> {
        let length = try uint16(field)
        return try take(length, field)
    }

    /// A UTF-8 string with its two length bytes.
    mutating func string(_ field: String) throws(MQTTDecodingError) -> String {
        let data = try binary(field)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw MQTTDecodingError("its \(field) is not UTF-8")
        }
        return text
    }

    mutating func take(_ count: Int, _ field: String) throws(MQTTDecodingError) -> ArraySlice<UInt8> {
        guard count <= remaining else {
            throw MQTTDecodingError("its \(field) of \(count) bytes runs past the end of the packet")
        }
        defer { index += count }
        return bytes[index..<index + count]
    }

    mutating func rest() -> ArraySlice<UInt8> {
        defer { index = bytes.endIndex }
        return bytes[index...]
    }
}

/// Why bytes are not the MQTT packet they claim to be.
struct MQTTDecodingError: Error, Sendable, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
