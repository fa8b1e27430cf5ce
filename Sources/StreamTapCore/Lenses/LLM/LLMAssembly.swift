/// What an LLM stream said so far, put together as the providers' SDKs
/// put it together: the answer's text, the reasoning apart, tool calls
/// with their arguments joined, the token counts and why it stopped.
public struct LLMAssembly: Sendable, Equatable {
    /// The answer, every text delta appended in order.
    public private(set) var text = ""
    /// Reasoning ("thinking") text, apart from the answer.
    public private(set) var thinking = ""
    /// Tool calls in the order they started.
    public private(set) var toolCalls: [LLMToolCall] = []
    /// Prompt tokens, as the server counted them.
    public private(set) var inputTokens: Int?
    /// Output tokens, as the server counted them (its last count).
    public private(set) var outputTokens: Int?
    /// Why the model stopped, in the provider's words.
    public private(set) var stopReason: String?
    /// The error the server reported in the stream.
    public private(set) var error: String?
    /// The format's end marker, once it came (`[DONE]`, `message_stop`).
    public private(set) var end: String?

    /// Where each tool call of a format's output index is in ``toolCalls``.
    private var toolCallPositions: [Int: Int] = [:]

    public init() {}

    mutating func apply(_ piece: LLMStreamPiece) {
        switch piece {
        case .text(let delta, _):
            text += delta
        case .thinking(let delta, _):
            thinking += delta
        case .toolCall(let index, let id, let name):
            let position = toolCallPosition(index)
            if let id { toolCalls[position].id = id }
            if let name, !name.isEmpty { toolCalls[position].name = name }
        case .toolArguments(let fragment, let index):
            toolCalls[toolCallPosition(index)].arguments += fragment
        case .wholeToolCall(let name, let arguments):
            toolCalls.append(LLMToolCall(index: toolCalls.count, name: name, arguments: arguments))
        case .usage(let input, let output):
            inputTokens = input ?? inputTokens
            outputTokens = output ?? outputTokens
        case .stop(let reason):
            stopReason = reason
        case .end(let marker):
            end = marker
        case .error(let message):
            error = message
        }
    }

    private mutating func toolCallPosition(_ index: Int) -> Int {
        if let position = toolCallPositions[index] { return position }
        toolCalls.append(LLMToolCall(index: index, name: "", arguments: ""))
        toolCallPositions[index] = toolCalls.count - 1
        return toolCalls.count - 1
    }
}

/// One tool call a model asked for.
public struct LLMToolCall: Sendable, Equatable {
    /// The format's index for it (a choice's tool-call index, a content
    /// block's, an output item's).
    public var index: Int
    public var id: String?
    public var name: String
    /// The arguments as the stream spelled them (JSON text when complete).
    public var arguments: String

    public init(index: Int, id: String? = nil, name: String, arguments: String) {
        self.index = index
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}
