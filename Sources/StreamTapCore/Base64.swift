/// Standard Base64 (RFC 4648, with padding), encoding and decoding bytes
/// without Foundation.
public enum Base64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }()

    /// The Base64 text of `data`.
    public static func encode(_ data: some Collection<UInt8>) -> String {
        var bytes: [UInt8] = []
        append(data, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the Base64 text of `data` to `bytes`.
    public static func append(_ data: some Collection<UInt8>, to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + (data.count + 2) / 3 * 4)
        var iterator = data.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            bytes.append(alphabet[Int(value >> 18 & 0x3F)])
            bytes.append(alphabet[Int(value >> 12 & 0x3F)])
            bytes.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(value >> 6 & 0x3F)])
            bytes.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(value & 0x3F)])
        }
    }

    /// Decodes Base64 text; ASCII white space is ignored, padding optional.
    /// Returns `nil` for any other character or an impossible length.
    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var sawPadding = false
        for symbol in text.utf8 {
            switch symbol {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "="):
                sawPadding = true
                continue
            default:
                let value = decodeTable[Int(symbol)]
                guard value != 0xFF, !sawPadding else { return nil }
                accumulator = accumulator << 6 | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                }
            }
        }
        return bits >= 6 ? nil : output
    }
}
