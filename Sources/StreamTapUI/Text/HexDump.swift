import StreamTapTerminal

/// Bytes as a classic hex dump: offset, 16 bytes in hex (two groups of
/// 8), and the same bytes as ASCII with `.` for anything unprintable.
///
/// `00000010  68 65 6c 6c 6f 0a 00 ff  ...              |hello...|`
///
/// Narrow panes get 8 or 4 bytes per line so a line always fits.
public enum HexDump {
    /// The widest bytes-per-line whose lines fit in `width` columns: 16
    /// from 77 columns, 8 from 45, else 4.
    public static func bytesPerLine(forWidth width: Int) -> Int {
        width >= 77 ? 16 : width >= 45 ? 8 : 4
    }

    /// The number of lines `count` bytes take.
    public static func lineCount(forByteCount count: Int, bytesPerLine: Int = 16) -> Int {
        let bytesPerLine = max(1, bytesPerLine)
        return (max(0, count) + bytesPerLine - 1) / bytesPerLine
    }

    /// Line `line` (from 0) of the dump of `bytes`, styled with `theme`.
    public static func line(_ line: Int, of bytes: [UInt8], bytesPerLine: Int = 16, theme: Theme) -> StyledLine {
        let bytesPerLine = max(1, bytesPerLine)
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
    public static func lines(of bytes: [UInt8], bytesPerLine: Int = 16, theme: Theme) -> [StyledLine] {
        (0..<lineCount(forByteCount: bytes.count, bytesPerLine: bytesPerLine)).map {
            line($0, of: bytes, bytesPerLine: bytesPerLine, theme: theme)
        }
    }

    /// `value` in lower-case hex, zero-padded to `count` digits.
    static func digits(_ value: Int, _ count: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, count - text.count)) + text
    }
}
