/// Strict UTF-8 decoding of one scalar (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
enum UTF8Scalar {
    /// The scalar encoded at `bytes[index...]` and its length in bytes, or
    /// `nil` when the bytes there are not one complete, well-formed sequence.
    static func decode(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        guard index >= 0, index < bytes.count, let shape = Shape(lead: bytes[index]),
            bytes.count - index >= shape.length
        else {
            return nil
        }
        var value = UInt32(bytes[index]) & shape.leadMask
        for offset in 1..<shape.length {
            let byte = bytes[index + offset]
            guard shape.accepts(byte, at: offset) else {
                return nil
            }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value).map { ($0, shape.length) }
    }

    /// Whether `bytes[index...]` is the start of a well-formed sequence that
    /// ends before the bytes do: more bytes may complete it.
    static func isTruncated(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index < bytes.count, let shape = Shape(lead: bytes[index]) else {
            return false
        }
        let available = bytes.count - index
        return available < shape.length
            && (1..<available).allSatisfy { shape.accepts(bytes[index + $0], at: $0) }
    }

    /// What a lead byte says about its sequence.
    private struct Shape {
        let length: Int
        let leadMask: UInt32
        /// The second byte's range, narrower than 0x80–0xBF after the lead
        /// bytes that could otherwise start an overlong form, a surrogate or
        /// a value above U+10FFFF.
        let secondRange: ClosedRange<UInt8>

        init?(lead: UInt8) {
            switch lead {
            case 0x00...0x7F: (length, leadMask, secondRange) = (1, 0x7F, 0x80...0xBF)
            case 0xC2...0xDF: (length, leadMask, secondRange) = (2, 0x1F, 0x80...0xBF)
            case 0xE0: (length, leadMask, secondRange) = (3, 0x0F, 0xA0...0xBF)
            case 0xED: (length, leadMask, secondRange) = (3, 0x0F, 0x80...0x9F)
            case 0xE1...0xEF: (length, leadMask, secondRange) = (3, 0x0F, 0x80...0xBF)
            case 0xF0: (length, leadMask, secondRange) = (4, 0x07, 0x90...0xBF)
            case 0xF4: (length, leadMask, secondRange) = (4, 0x07, 0x80...0x8F)
            case 0xF1...0xF3: (length, leadMask, secondRange) = (4, 0x07, 0x80...0xBF)
            default: return nil
            }
        }

        func accepts(_ byte: UInt8, at offset: Int) -> Bool {
            (offset == 1 ? secondRange : 0x80...0xBF).contains(byte)
        }
    }
}
