/// Hexadecimal text for bytes, as users type it and as dumps show it.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hex digits, two per byte, no separators.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses hex digits; spaces, colons and a `0x` prefix are allowed as
    /// separators (`de ad be ef`, `de:ad`, `0xdead`). Returns `nil` for any
    /// other character or an odd number of digits.
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var high: UInt8?
        var scalars = Array(text.utf8)
        if scalars.count >= 2, scalars[0] == UInt8(ascii: "0"), scalars[1] | 0x20 == UInt8(ascii: "x") {
            scalars.removeFirst(2)
        }
        for symbol in scalars {
            guard let value = value(of: symbol) else {
                switch symbol {
                case UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                    guard high == nil else { return nil }
                    continue
                default:
                    return nil
                }
            }
            if let pending = high {
                output.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return high == nil ? output : nil
    }

    /// The value of one hex digit (either case), or `nil`.
    public static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
