import StreamTapCore
import StreamTapTerminal

/// A WebSocket frame header, bit by bit, as RFC 6455 §5.2 draws it.
enum FrameBits {
    static func lines(_ frame: FrameInfo, theme: Theme) -> [StyledLine] {
        let first =
            (frame.fin ? 0x80 : 0) | (frame.rsv1 ? 0x40 : 0) | (frame.rsv2 ? 0x20 : 0) | (frame.rsv3 ? 0x10 : 0)
            | Int(frame.opcode.rawValue)
        let lengthField = frame.length < 126 ? frame.length : frame.length <= 0xFFFF ? 126 : 127
        let second = (frame.masked ? 0x80 : 0) | lengthField
        var bits = StyledLine(DisplayWidth.pad("header", to: 14), theme.muted)
        bits.append(binary(first) + " " + binary(second), theme.title)
        var lines = [bits]
        lines.append(flag("FIN", frame.fin, "final frame of the message", "more frames follow", theme))
        lines.append(flag("RSV1", frame.rsv1, "compressed (permessage-deflate)", "", theme))
        lines.append(flag("RSV2", frame.rsv2, "reserved", "", theme))
        lines.append(flag("RSV3", frame.rsv3, "reserved", "", theme))
        let opcodeName = EventSummary.name(of: frame.opcode)
        lines.append(
            InspectorDocument.field("opcode", "0x\(String(frame.opcode.rawValue, radix: 16)) \(opcodeName)", theme)
        )
        lines.append(
            flag(
                "MASK",
                frame.masked,
                frame.maskingKey.map { "masking key " + Hex.encode($0) } ?? "",
                "not masked",
                theme
            )
        )
        let form: String
        switch lengthField {
        case 126: form = "7-bit 126, then a 16-bit length"
        case 127: form = "7-bit 127, then a 64-bit length"
        default: form = "in the 7-bit field"
        }
        lines.append(InspectorDocument.field("length", "\(frame.length) bytes (\(form))", theme))
        return lines
    }

    private static func flag(
        _ name: String,
        _ set: Bool,
        _ whenSet: String,
        _ whenClear: String,
        _ theme: Theme
    )
        -> StyledLine
    {
        var line = StyledLine(DisplayWidth.pad(name, to: 14), theme.muted)
        line.append(set ? "1" : "0", set ? theme.title : theme.plain)
        let note = set ? whenSet : whenClear
        if !note.isEmpty {
            line.append("  " + note, theme.muted)
        }
        return line
    }

    private static func binary(_ byte: Int) -> String {
        let text = String(byte & 0xFF, radix: 2)
        let padded = String(repeating: "0", count: max(0, 8 - text.count)) + text
        return String(padded.prefix(4)) + " " + String(padded.suffix(4))
    }
}
