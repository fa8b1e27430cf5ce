/// The streaming formats of the model providers, as each documents it.
public enum LLMStreamFormat: Sendable, Equatable {
    /// OpenAI Chat Completions: `data: {chunk}` with `choices[].delta`,
    /// ended by `data: [DONE]` (also what most compatible servers send).
    case openAIChat
    /// OpenAI Responses API: typed events (`response.output_text.delta`,
    /// `response.completed`).
    case openAIResponses
    /// Anthropic Messages: `message_start`, `content_block_delta`, ...,
    /// `message_stop`.
    case anthropic
    /// Ollama: one JSON object a line (`message.content` or `response`),
    /// ended by `"done": true`.
    case ollama
    /// Any JSON events: the text is what the path selects in each.
    case assemble(JSONPath)

    /// The `protocol` of the lens's decodings.
    public var protocolName: String {
        switch self {
        case .openAIChat: "openai"
        case .openAIResponses: "openai-responses"
        case .anthropic: "anthropic"
        case .ollama: "ollama"
        case .assemble: "assemble"
        }
    }

    /// The provider's format a decoding's `protocol` names (`nil` for
    /// `assemble`, whose path the name does not say).
    public init?(protocolName: String) {
        switch protocolName {
        case "openai": self = .openAIChat
        case "openai-responses": self = .openAIResponses
        case "anthropic": self = .anthropic
        case "ollama": self = .ollama
        default: return nil
        }
    }

    /// The format an event is written in, when it is unmistakably one of
    /// the providers' (for `--lens auto`).
    static func recognise(_ event: SSEEvent, json: JSONValue) -> LLMStreamFormat? {
        guard json.isObject else { return nil }
        let type = json["type"]?.stringValue
        if let type, LLMChunkDecoder.anthropicTypes.contains(type), event.type == type || event.type == "message" {
            return .anthropic
        }
        if let type, type.hasPrefix("response."), json["sequence_number"] != nil || event.type == type {
            return .openAIResponses
        }
        if json["object"]?.stringValue == "chat.completion.chunk" {
            return .openAIChat
        }
        if json["done"]?.boolValue != nil, json["model"] != nil,
            json["message"] != nil || json["response"] != nil
        {
            return .ollama
        }
        return nil
    }
}
