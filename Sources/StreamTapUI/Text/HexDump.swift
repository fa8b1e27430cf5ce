import StreamTapTerminal

/// Bytes as a classic hex dump: offset, 16 bytes in hex (two groups of
/// 8), and the same bytes as ASCII with `.` for anything unprintable.
///
/// `00000010  68 65 6c 6c 6f 0a 00 ff  ...              |hello...|`
public enum HexDump {
    /// Bytes per line.
    public static let bytesPerLine = 16

    /// The number of lines `count` bytes take.
    public static func lineCount(forByteCount count: Int) -> Int {
        (max(0, count) + bytesPerLine - 1) / bytesPerLine
    }

    /// Line `line` (from 0) of the dump of `bytes`, styled with `theme`.
    public static func line(_ line: Int, of bytes: [UInt8], theme: Theme) -> StyledLine {
        let start = max(0, line) * bytesPerLine
        guard start < bytes.count else { return StyledLine() }
        let chunk = bytes[start..<min(bytes.count, start + bytesPerLine)]
        var hex = ""
        var ascii = ""
        for column in 0..<bytesPerLine {
            if column == 8 { hex += " " }
            if column < chunk.count {
                let byte = chunk[chunk.startIndex + column]
                hex += digits(Int(byte), 2) + " "
                ascii.append(byte >= 0x20 && byte < 0x7F ? Character(Unicode.Scalar(byte)) : ".")
            } else {
                hex += "   "
            }
        }
        var styled = StyledLine(digits(start, 8) + "  ", theme.muted)
        styled.append(hex + " ")
        styled.append("|", theme.muted)
        styled.append(ascii, theme.incoming)
        styled.append("|", theme.muted)
        return styled
    }

    /// The whole dump of `bytes`.
    public static func lines(of bytes: [UInt8], theme: Theme) -> [StyledLine] {
        (0..<lineCount(forByteCount: bytes.count)).map { line($0, of: bytes, theme: theme) }
    }

    /// `value` in lower-case hex, zero-padded to `count` digits.
    static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
