/// Turns untrusted text into text that is safe to draw: nothing in the
/// result can change the terminal's state or the direction of text.
///
/// Each scalar that a terminal would interpret is replaced by a visible,
/// inert stand-in:
///
/// | input | shown as |
/// | --- | --- |
/// | C0 controls U+0000–U+001F except LF | their control picture, U+2400 + code: `␀`, `␉` (TAB), `␍` (CR), `␛` (ESC) … |
/// | LF (U+000A) | `␤` (U+2424, SYMBOL FOR NEWLINE) |
/// | DEL (U+007F) | `␡` |
/// | C1 controls U+0080–U+009F | `\x9b`-style text (4 columns) |
/// | bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 | `U+202E`-style text |
/// | any other scalar `wcwidth` deems non-printable (unassigned code points, U+2028, U+2029, noncharacters) | `U+XXXX` text |
///
/// TAB becomes `␉` rather than spaces: where a tab stop falls depends on the
/// column, which the text does not know, and seeing the tab is the point of a
/// debugging tool. Callers that want expanded tabs replace them before.
///
/// Everything else, including combining marks and zero-width joiners, is
/// kept. `sanitize` is idempotent, and `CellBuffer` applies it to every
/// string it is given.
public enum InertText {
    /// `text` with every control, bidi control and non-printable scalar
    /// replaced by its visible stand-in.
    public static func sanitize(_ text: String) -> String {
        ScalarWidth.withUTF8Locale {
            var result = ""
            result.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                appendSanitized(scalar, to: &result)
            }
            return result
        }
    }

    /// Raw bytes (a payload, a header value) as inert text: valid UTF-8 is
    /// decoded and sanitized; each byte that is not part of a well-formed
    /// UTF-8 sequence becomes `\xff`-style text.
    public static func render(bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        return ScalarWidth.withUTF8Locale {
            var result = ""
            result.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if let (scalar, length) = UTF8Scalar.decode(bytes, at: index) {
                    appendSanitized(scalar, to: &result)
                    index += length
                } else {
                    result += "\\x" + hex(UInt32(bytes[index]), digits: 2, uppercase: false)
                    index += 1
                }
            }
            return result
        }
    }

    /// Appends `scalar`, or its stand-in, to `text`. Call inside
    /// `ScalarWidth.withUTF8Locale`.
    static func appendSanitized(_ scalar: Unicode.Scalar, to text: inout String) {
        if let replacement = replacement(for: scalar) {
            text += replacement
        } else {
            text.unicodeScalars.append(scalar)
        }
    }

    /// The stand-in for `scalar`, or `nil` when it is safe to draw as is.
    /// Call inside `ScalarWidth.withUTF8Locale`.
    static func replacement(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x0A:
            return "\u{2424}"
        case 0x00...0x1F:
            return Unicode.Scalar(0x2400 + value).map { String(Character($0)) }
        case 0x7F:
            return "\u{2421}"
        case 0x80...0x9F:
            return "\\x" + hex(value, digits: 2, uppercase: false)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return codePointName(value)
        default:
            return ScalarWidth.of(scalar) < 0 ? codePointName(value) : nil
        }
    }

    private static func codePointName(_ value: UInt32) -> String {
        "U+" + hex(value, digits: 4, uppercase: true)
    }

    private static func hex(_ value: UInt32, digits: Int, uppercase: Bool) -> String {
        let text = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
