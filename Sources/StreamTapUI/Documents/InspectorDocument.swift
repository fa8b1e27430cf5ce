import StreamTapCore
import StreamTapTerminal

/// The inspector's text for one event: a header, the frame bits or SSE
/// fields, and the payload as pretty JSON, text or a hex dump.
public enum InspectorDocument {
    /// The most payload bytes laid out (the rest is summarised).
    public static let payloadLimit = 64 * 1024
    /// How far back to look for the frames that carried a message.
    static let frameLookBehind = 64

    public static func lines(
        for eventIndex: Int,
        in log: EventLog,
        showHex: Bool,
        decoder: StreamTapCore.PayloadFormat? = nil,
        width: Int,
        theme: Theme,
        utcOffsetSeconds: Int
    ) -> [StyledLine] {
        let format = PayloadLayout(
            showHex: showHex,
            decoder: decoder,
            bytesPerLine: HexDump.bytesPerLine(forWidth: width)
        )
        guard let event = log[eventIndex] else {
            return [StyledLine("This event is no longer in the log (dropped to respect its limits).", theme.warning)]
        }
        let summary = EventSummary(event)
        var lines: [StyledLine] = []
        var header = StyledLine("#\(eventIndex) ", theme.muted)
        header.append(summary.arrow + " ", directionStyle(summary.direction, theme))
        header.append(summary.kind, theme.title)
        header.append("  " + TimeFormat.clock(event.timestamp, utcOffsetSeconds: utcOffsetSeconds), theme.muted)
        if let size = summary.size {
            header.append("  " + ByteCount.describe(size), theme.muted)
        }
        lines.append(header)
        lines.append(StyledLine())
        switch event.kind {
        case .message(let message):
            lines += messageLines(message, theme: theme)
            if let lens = message.lens { lines += LensSection.lines(lens, theme: theme) }
            if let decoder = format.decoder {
                lines += decodedLines(message.payload, as: decoder, theme: theme)
            }
            lines += payloadLines(message.payload, binary: message.opcode == .binary, format: format, theme: theme)
            lines += frameLines(carryingFrames(of: message, before: eventIndex, in: log), theme: theme)
        case .frame(let frame):
            lines += FrameBits.lines(frame, theme: theme)
            lines.append(StyledLine())
            if frame.opcode == .close {
                lines.append(StyledLine(EventSummary.closePreview(frame.payload)))
            }
            lines += payloadLines(
                frame.payload,
                binary: frame.opcode == .binary || frame.rsv1,
                format: format,
                theme: theme
            )
        case .event(let sse):
            lines += sseLines(sse, format: format, theme: theme)
        case .close(let close):
            if let lens = close.lens { lines += LensSection.lines(lens, theme: theme) }
            lines.append(field("code", "\(close.code)", theme))
            lines.append(field("meaning", CloseCode.meaning(of: close.code), theme))
            lines.append(field("reason", close.reason.isEmpty ? "(none)" : close.reason, theme))
            lines.append(field("started by", close.initiator == .server ? "the server" : "us", theme))
        case .error(let error):
            lines.append(StyledLine(error.message, theme.error))
            if let response = error.response {
                lines.append(StyledLine())
                lines += HandshakeDocument.responseLines(response, theme: theme)
            }
        case .open(let handshake):
            lines.append(StyledLine(EventSummary.describe(handshake)))
            lines.append(StyledLine("Press h for the full handshake.", theme.muted))
        default:
            lines.append(StyledLine(summary.preview))
        }
        return lines
    }

    static func field(_ name: String, _ value: String, _ theme: Theme) -> StyledLine {
        var line = StyledLine(DisplayWidth.pad(name, to: 14), theme.muted)
        line.append(value)
        return line
    }

    static func directionStyle(_ direction: Direction?, _ theme: Theme) -> Style {
        switch direction {
        case .incoming: theme.incoming
        case .outgoing: theme.outgoing
        case nil: theme.lifecycle
        }
    }

    private static func messageLines(_ message: Message, theme: Theme) -> [StyledLine] {
        var facts = [
            message.direction == .incoming ? "in (server → us)" : "out (us → server)",
            "opcode 0x\(String(message.opcode.rawValue, radix: 16)) \(EventSummary.name(of: message.opcode))",
            "\(message.payload.count) bytes",
        ]
        if message.compressed {
            facts.append("permessage-deflate" + (message.wireLength.map { ", \($0) bytes on the wire" } ?? ""))
        }
        return [StyledLine(facts.joined(separator: " · "), theme.muted), StyledLine()]
    }

    private static func frameLines(_ frames: [FrameInfo], theme: Theme) -> [StyledLine] {
        guard !frames.isEmpty else { return [] }
        var lines = [
            StyledLine(),
            StyledLine(frames.count == 1 ? "Carried in 1 frame" : "Carried in \(frames.count) frames", theme.title),
        ]
        for frame in frames {
            lines += FrameBits.lines(frame, theme: theme)
        }
        return lines
    }

    /// The data frames just before a message that carried it (when frames
    /// are recorded): the last run of same-direction frames ending in FIN.
    static func carryingFrames(of message: Message, before eventIndex: Int, in log: EventLog) -> [FrameInfo] {
        var frames: [FrameInfo] = []
        var index = eventIndex - 1
        while index >= max(log.startIndex, eventIndex - frameLookBehind), let event = log[index] {
            index -= 1
            if case .message(let earlier) = event.kind, earlier.direction == message.direction { break }
            guard case .frame(let frame) = event.kind, frame.direction == message.direction else { continue }
            if frame.opcode.isControl { continue }
            if frames.isEmpty && !frame.fin { return [] }
            if !frames.isEmpty && frame.fin { break }
            frames.insert(frame, at: 0)
            if frame.opcode != .continuation { return frames }
        }
        return frames.first?.opcode == message.opcode ? frames : []
    }

    private static func sseLines(_ sse: SSEEvent, format: PayloadLayout, theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let lens = sse.lens { lines += LensSection.lines(lens, theme: theme) }
        lines.append(field("event", sse.type, theme))
        lines.append(field("id", sse.lastEventID.isEmpty ? "(none)" : sse.lastEventID, theme))
        let dataLines = sse.data.split(separator: "\n", omittingEmptySubsequences: false)
        lines.append(field("data lines", "\(dataLines.count)", theme))
        lines.append(StyledLine())
        lines.append(StyledLine("As sent on the wire", theme.title))
        for line in dataLines.prefix(1000) {
            var styled = StyledLine("data: ", theme.sseType)
            styled.append(String(line))
            lines.append(styled)
        }
        if dataLines.count > 1000 {
            lines.append(StyledLine("… \(dataLines.count - 1000) more data lines", theme.muted))
        }
        lines.append(StyledLine())
        lines += payloadLines(Array(sse.data.utf8), binary: false, format: format, theme: theme)
        return lines
    }

    /// The payload read as `decoder` says, as pretty JSON, or why it cannot be.
    static func decodedLines(_ payload: [UInt8], as decoder: StreamTapCore.PayloadFormat, theme: Theme) -> [StyledLine]
    {
        let title = "Payload, decoded as \(decoder.displayName) (d: next decoder)"
        do {
            let text = try decoder.decode(payload.prefix(payloadLimit)).compactText
            guard case .success(let pretty) = JSONPrettyPrinter.format(Array(text.utf8), theme: theme) else {
                return [StyledLine(title, theme.title), StyledLine(InertText.sanitize(text)), StyledLine()]
            }
            return [StyledLine(title, theme.title)] + pretty + [StyledLine()]
        } catch {
            return [StyledLine(title, theme.title), StyledLine(error.description, theme.warning), StyledLine()]
        }
    }

    /// The payload: pretty JSON when it parses, else text; a hex dump for
    /// binary or when asked.
    static func payloadLines(_ payload: [UInt8], binary: Bool, format: PayloadLayout, theme: Theme) -> [StyledLine] {
        let shown = Array(payload.prefix(payloadLimit))
        var lines: [StyledLine] = []
        let more = payload.count - shown.count
        if payload.isEmpty {
            return [StyledLine("(empty payload)", theme.muted)]
        }
        if binary || format.showHex {
            lines.append(
                StyledLine(binary ? "Payload, hex dump (d: decode)" : "Payload, hex dump (x: text)", theme.title)
            )
            lines += HexDump.lines(of: shown, bytesPerLine: format.bytesPerLine, theme: theme)
        } else if more == 0, case .success(let pretty) = JSONPrettyPrinter.format(shown, theme: theme) {
            lines.append(StyledLine("Payload, JSON (x: hex dump)", theme.title))
            lines += pretty
        } else {
            lines.append(StyledLine("Payload, text (x: hex dump)", theme.title))
            let text = InertTextLines.split(shown)
            lines += text.map { StyledLine($0) }
        }
        if more > 0 {
            lines.append(StyledLine("… \(ByteCount.describe(more)) more not shown", theme.muted))
        }
        return lines
    }
}

/// Splits payload text into lines at LF, keeping every other byte visible.
enum InertTextLines {
    static func split(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
            InertText.render(bytes: $0)
        }
    }
}

/// How the inspector shows a payload.
struct PayloadLayout {
    /// A hex dump even for text.
    var showHex: Bool
    /// Decoded from this format as well (the inspector's `d`).
    var decoder: StreamTapCore.PayloadFormat?
    var bytesPerLine: Int
}
