/// The bytes of one binary payload and a read position, for the payload
/// readers: every read is checked against the end, and a failure is a
/// `PayloadDecodingError` naming the format and the byte.
///
/// `end` may be set before the end of `bytes` to read one part of them
/// (a protobuf field's bytes as a nested message) without copying.
struct PayloadInput {
    let bytes: [UInt8]
    let format: PayloadFormat
    /// The next byte to read.
    var index: Int
    /// Where reading stops (exclusive).
    var end: Int

    init(_ bytes: [UInt8], format: PayloadFormat) {
        self.bytes = bytes
        self.format = format
        index = 0
        end = bytes.count
    }

    /// How many bytes are left to read.
    var remaining: Int { end - index }

    var isAtEnd: Bool { index >= end }

    /// The next byte without reading it, `nil` at the end.
    var peek: UInt8? { index < end ? bytes[index] : nil }

    func failure(_ reason: String, at offset: Int) -> PayloadDecodingError {
        PayloadDecodingError(format: format, offset: offset, reason: reason)
    }

    /// Reads the byte that starts a value.
    mutating func head() throws(PayloadDecodingError) -> UInt8 {
        guard index < end else { throw failure("the input ends where a value should be", at: index) }
        defer { index += 1 }
        return bytes[index]
    }

    /// Reads a big-endian unsigned integer of `width` bytes (at most 8)
    /// that belongs to `what`, which started at `start`.
    mutating func bigEndian(
        _ width: Int,
        of what: @autoclosure () -> String,
        at start: Int
    ) throws(PayloadDecodingError) -> UInt64 {
        guard width <= remaining else { throw failure("\(what()) runs past the end", at: start) }
        var value: UInt64 = 0
        for offset in index..<index + width {
            value = value << 8 | UInt64(bytes[offset])
        }
        index += width
        return value
    }

    /// Reads a little-endian unsigned integer of `width` bytes (at most 8).
    mutating func littleEndian(
        _ width: Int,
        of what: @autoclosure () -> String,
        at start: Int
    ) throws(PayloadDecodingError) -> UInt64 {
        guard width <= remaining else { throw failure("\(what()) runs past the end", at: start) }
        var value: UInt64 = 0
        for offset in (index..<index + width).reversed() {
            value = value << 8 | UInt64(bytes[offset])
        }
        index += width
        return value
    }

    /// Reads `count` bytes of `what` (declared by the input, so checked
    /// before anything is taken).
    mutating func take(
        _ count: UInt64,
        of what: @autoclosure () -> String,
        at start: Int
    ) throws(PayloadDecodingError) -> ArraySlice<UInt8> {
        guard count <= UInt64(remaining) else { throw failure("\(what()) runs past the end", at: start) }
        let length = Int(count)
        defer { index += length }
        return bytes[index..<index + length]
    }

    /// Checks that a container of `count` items of `width` bytes or more
    /// each can fit in what is left, before it is read.
    func checkRoom(
        for count: UInt64,
        itemsOf width: UInt64,
        _ what: @autoclosure () -> String,
        at start: Int
    ) throws(PayloadDecodingError) {
        let (needed, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, needed <= UInt64(remaining) else { throw failure("\(what()) runs past the end", at: start) }
    }

    /// Checks that the value just read was the whole input.
    func expectEnd() throws(PayloadDecodingError) {
        guard index < end else { return }
        let count = end - index
        throw failure("\(count) stray \(count == 1 ? "byte follows" : "bytes follow") the value", at: index)
    }

    /// `count` and a noun, plural unless the count is one (“1 byte”, “40
    /// bytes”).
    static func counted(_ count: UInt64, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }
}
