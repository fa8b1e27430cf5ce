/// One thing an LLM stream's event says, whatever the provider's format.
enum LLMStreamPiece: Sendable, Equatable {
    /// Answer text to append to output `index`.
    case text(String, index: Int)
    /// Reasoning ("thinking") text to append to output `index`.
    case thinking(String, index: Int)
    /// A tool call starts at output `index` (a name and an id, when the
    /// format gives them there).
    case toolCall(index: Int, id: String?, name: String?)
    /// A piece of a tool call's arguments (JSON text split anywhere).
    case toolArguments(String, index: Int)
    /// A whole tool call, its arguments complete (Ollama sends them so).
    case wholeToolCall(name: String, arguments: String)
    /// Token counts the server reported (either may be missing);
    /// `output` replaces any earlier count.
    case usage(input: Int?, output: Int?)
    /// Why the model stopped (`stop`, `end_turn`, `tool_calls`, ...).
    case stop(String)
    /// The format's end of the stream.
    case end(String)
    /// An error the server reported in the stream.
    case error(String)

    /// Whether the piece carries model output (a token).
    var isToken: Bool {
        switch self {
        case .text(let text, _), .thinking(let text, _), .toolArguments(let text, _): !text.isEmpty
        case .wholeToolCall: true
        default: false
        }
    }
}
