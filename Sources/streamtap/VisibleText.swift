/// Makes text safe to show on a terminal: control characters, escape
/// sequences and bidi overrides become visible placeholders, so nothing a
/// server sends can move the cursor, recolour or reorder the screen.
enum VisibleText {
    static func make(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09:
                result.unicodeScalars.append(scalar)
            case 0x00..<0x20:
                result.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F:
                result += "\u{2421}"
            case 0x80..<0xA0:
                result += "\\x" + String(scalar.value, radix: 16)
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                result += "U+" + String(scalar.value, radix: 16, uppercase: true)
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
