/// One complete line of an event stream (without its line ending),
/// classified by the HTML Standard's rules for interpreting an event stream.
///
/// The line is looked at as bytes: line endings, `:` and the field names
/// are ASCII and never part of a multi-byte character, so splitting before
/// decoding gives the same fields as decoding first. Values are decoded
/// only where they are kept.
enum SSELine {
    /// An empty line: dispatch the event.
    case blank
    /// A line starting with `:`, with the text after the colon.
    case comment(UnsafeRawBufferPointer)
    /// A `data` field and its value.
    case data(UnsafeRawBufferPointer)
    /// An `event` field and its value.
    case event(UnsafeRawBufferPointer)
    /// An `id` field whose value has no U+0000 NULL.
    case id(UnsafeRawBufferPointer)
    /// A `retry` field whose value is all ASCII digits, as a number of
    /// milliseconds (`Int.max` for numbers too large to hold).
    case retry(milliseconds: Int)
    /// Anything the Standard says to ignore: unknown fields, an `id` with
    /// NULL, a `retry` that is not all digits.
    case ignored

    private static let colon = UInt8(ascii: ":")
    private static let space = UInt8(ascii: " ")

    /// Classifies a line: the field name runs up to the first `:`, and the
    /// value after it loses one leading space; a line without `:` is a
    /// field with an empty value.
    init(_ line: UnsafeRawBufferPointer) {
        guard let first = line.first else {
            self = .blank
            return
        }
        if first == Self.colon {
            self = .comment(UnsafeRawBufferPointer(rebasing: line[1...]))
            return
        }
        var nameEnd = 1
        while nameEnd < line.count && line[nameEnd] != Self.colon {
            nameEnd += 1
        }
        var valueStart = Swift.min(nameEnd + 1, line.count)
        if valueStart < line.count && line[valueStart] == Self.space {
            valueStart += 1
        }
        let name = UnsafeRawBufferPointer(rebasing: line[..<nameEnd])
        let value = UnsafeRawBufferPointer(rebasing: line[valueStart...])
        self = Self.field(name: name, value: value)
    }

    private static func field(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> SSELine {
        if name.elementsEqual("data".utf8) {
            return .data(value)
        }
        if name.elementsEqual("event".utf8) {
            return .event(value)
        }
        if name.elementsEqual("id".utf8) {
            return value.contains(0) ? .ignored : .id(value)
        }
        if name.elementsEqual("retry".utf8) {
            return milliseconds(value).map { .retry(milliseconds: $0) } ?? .ignored
        }
        return .ignored
    }

    /// The value of a `retry` field as a number, or `nil` unless it is one or
    /// more ASCII digits.
    private static func milliseconds(_ value: UnsafeRawBufferPointer) -> Int? {
        guard !value.isEmpty else { return nil }
        var number = 0
        for byte in value {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowShift) = number.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = shifted.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            number = overflowShift || overflowSum ? Int.max : sum
        }
        return number
    }
}
