/// Writes JSON straight into a byte buffer: no intermediate dictionaries, no
/// `JSONEncoder`, no Foundation. Used for JSONL output on the hot path.
///
/// Strings are escaped per RFC 8259; every C0 control character, DEL and
/// the line separators U+2028/U+2029 are written as `\u` escapes so a line
/// of JSONL is always one line and never carries a raw control byte.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8]
    private var needsComma = false
    /// The last timestamp written and its quoted text: events come in
    /// bursts within one millisecond, which then format only once.
    private var lastTimestamp: (millis: Int64, text: [UInt8]) = (.min, [])

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Forgets what was written but keeps the allocated capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes `"name":` (the next value follows without a comma).
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `"name":` for a name known only at run time.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { appendEscaped($0) }
        needsComma = true
    }

    /// Writes bytes known to be valid UTF-8 as a JSON string.
    public mutating func string(utf8 value: [UInt8]) {
        separate()
        value.withUnsafeBufferPointer { appendEscaped($0) }
        needsComma = true
    }

    public mutating func int(_ value: some BinaryInteger) {
        separate()
        appendDecimal(Int64(value))
        needsComma = true
    }

    /// Writes a number with up to three decimals (timings in milliseconds).
    /// A value too large for thousandths to count (beyond ±9 × 10¹²,
    /// about 285 years; only a hand-made file has one) is written as Swift
    /// prints it, a valid JSON number; one that is not finite as `null`.
    public mutating func milliseconds(_ value: Double) {
        separate()
        defer { needsComma = true }
        guard value.isFinite else {
            appendLiteral("null")
            return
        }
        guard value.magnitude < 9e12 else {
            bytes.append(contentsOf: "\(value)".utf8)
            return
        }
        let thousandths = Int64((value * 1000).rounded())
        if thousandths < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        appendDecimal(Int64(thousandths.magnitude / 1000))
        let fraction = thousandths.magnitude % 1000
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            var digits = [UInt8(fraction / 100), UInt8(fraction / 10 % 10), UInt8(fraction % 10)]
            while digits.last == 0 { digits.removeLast() }
            bytes.append(contentsOf: digits.map { UInt8(ascii: "0") + $0 })
        }
    }

    /// Writes a number exactly (Swift's shortest form that reads back the
    /// same), `null` when it is not finite.
    public mutating func number(_ value: Double) {
        separate()
        defer { needsComma = true }
        guard value.isFinite else {
            appendLiteral("null")
            return
        }
        bytes.append(contentsOf: "\(value)".utf8)
    }

    public mutating func bool(_ value: Bool) {
        separate()
        appendLiteral(value ? "true" : "false")
        needsComma = true
    }

    public mutating func null() {
        separate()
        appendLiteral("null")
        needsComma = true
    }

    /// Writes a JSON string holding the Base64 encoding of `data`.
    public mutating func base64(_ data: some Collection<UInt8>) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        Base64.append(data, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes the raw text of an already-encoded timestamp.
    public mutating func timestamp(_ value: Timestamp) {
        separate()
        let millis = value.millisecondsSinceEpoch
        if millis != lastTimestamp.millis {
            lastTimestamp.text.removeAll(keepingCapacity: true)
            lastTimestamp.text.append(UInt8(ascii: "\""))
            value.appendRFC3339(to: &lastTimestamp.text)
            lastTimestamp.text.append(UInt8(ascii: "\""))
            lastTimestamp.millis = millis
        }
        bytes.append(contentsOf: lastTimestamp.text)
        needsComma = true
    }

    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        needsComma = false
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func appendDecimal(_ value: Int64) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var reversed:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &reversed) { digits in
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(digits[index])
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is zero (exact: the borrow that could
    /// mark a later byte only happens after a real zero byte).
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- lowBits) & ~word & highBits != 0
    }

    /// Whether a byte is written as it is: not a control character, DEL,
    /// `"` or `\\`, and not the lead byte 0xE2 of U+2028/U+2029 (which is
    /// looked at with the bytes after it).
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != 0x7F && byte != 0xE2
    }

    /// Skips whole words of eight bytes that are written as they are:
    /// ASCII from 0x20 to 0x7E other than `"` and `\`. Returns where the
    /// first other word starts, or where fewer than eight bytes are left.
    @inline(__always)
    private static func plainPrefixEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while bytes.count - index >= 8 {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let control = (word &- 0x2020_2020_2020_2020) & ~word & highBits
            if word & highBits != 0 || control != 0 || hasZeroByte(word ^ 0x2222_2222_2222_2222)
                || hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C) || hasZeroByte(word ^ 0x7F7F_7F7F_7F7F_7F7F)
            {
                break
            }
            index += 8
        }
        return index
    }

    /// How one character is written inside a JSON string.
    private enum Escape {
        /// A backslash and one letter: `\n`, `\"`.
        case short(UInt8)
        /// `\u` and four hex digits.
        case unicode(UInt16)
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        let count = utf8.count
        let raw = UnsafeRawBufferPointer(utf8)
        while index < count {
            index = Self.plainPrefixEnd(raw, from: index)
            let stop = min(count, index + 8)
            while index < stop && Self.isPlain(utf8[index]) { index += 1 }
            guard index < count else { break }
            if index == stop { continue }
            let byte = utf8[index]
            let escape: Escape
            var width = 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape = .short(byte)
            case 0x0A: escape = .short(UInt8(ascii: "n"))
            case 0x0D: escape = .short(UInt8(ascii: "r"))
            case 0x09: escape = .short(UInt8(ascii: "t"))
            case 0x00..<0x20, 0x7F: escape = .unicode(UInt16(byte))
            case 0xE2
            where index + 2 < count && utf8[index + 1] == 0x80
                && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                escape = .unicode(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                width = 3
            default:
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            bytes.append(UInt8(ascii: "\\"))
            switch escape {
            case .short(let letter):
                bytes.append(letter)
            case .unicode(let scalar):
                bytes.append(UInt8(ascii: "u"))
                for shift in stride(from: 12, through: 0, by: -4) {
                    bytes.append(Self.hexDigits[Int(scalar >> UInt16(shift) & 0xF)])
                }
            }
            index += width
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<count]))
        bytes.append(UInt8(ascii: "\""))
    }
}
