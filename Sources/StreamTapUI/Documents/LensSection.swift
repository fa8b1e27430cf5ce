import StreamTapCore
import StreamTapTerminal

/// The inspector's section for what a protocol lens read in a message or a
/// close: the protocol and its name for the packet, the row's summary, a
/// problem in words, and the packet's fields as a pretty JSON tree. The
/// payload itself follows, as it came.
enum LensSection {
    static func lines(_ lens: LensDecoding, theme: Theme) -> [StyledLine] {
        var title = StyledLine(displayName(lens.protocolName) + " · " + InertText.sanitize(lens.type), theme.title)
        if lens.automatic { title.append("  sent by StreamTap by itself", theme.muted) }
        var lines = [title, StyledLine(InertText.sanitize(lens.summary))]
        if let problem = lens.problem {
            lines.append(StyledLine(InertText.sanitize(problem), theme.warning))
        }
        if !lens.fields.isEmpty {
            let json = Array(JSONValue.object(lens.fields).compactText.utf8)
            if case .success(let pretty) = JSONPrettyPrinter.format(json, theme: theme) {
                lines += pretty
            }
        }
        lines.append(StyledLine())
        return lines
    }

    /// `Socket.IO`, `MQTT`, ... for the JSONL contract's protocol names.
    static func displayName(_ protocolName: String) -> String {
        switch protocolName {
        case "socket.io": "Socket.IO"
        case "engine.io": "Engine.IO"
        case "mqtt": "MQTT"
        case "stomp": "STOMP"
        case "jsonrpc": "JSON-RPC"
        case "openai": "OpenAI"
        case "openai-responses": "OpenAI Responses"
        case "anthropic": "Anthropic"
        case "ollama": "Ollama"
        default: protocolName
        }
    }
}
