/// What one event of an LLM stream says: a word for its kind, the pieces
/// it carries, and a problem when it is not what its format says.
struct LLMEventReading: Sendable, Equatable {
    /// `text`, `thinking`, `tool`, `usage`, `stop`, `end`, `error`, or the
    /// format's own name for an event that carries none of them (`ping`,
    /// `start`, ...).
    var type: String
    var pieces: [LLMStreamPiece]
    var problem: String?

    init(_ type: String, _ pieces: [LLMStreamPiece] = [], problem: String? = nil) {
        self.type = type
        self.pieces = pieces
        self.problem = problem
    }

    /// The type named after the first piece that says most.
    init(pieces: [LLMStreamPiece], otherwise fallback: String) {
        let ranked: [(String, (LLMStreamPiece) -> Bool)] = [
            ("error", { if case .error = $0 { true } else { false } }),
            ("text", { if case .text(let text, _) = $0 { !text.isEmpty } else { false } }),
            ("thinking", { if case .thinking(let text, _) = $0 { !text.isEmpty } else { false } }),
            (
                "tool",
                {
                    switch $0 {
                    case .toolCall, .toolArguments, .wholeToolCall: true
                    default: false
                    }
                }
            ),
            ("end", { if case .end = $0 { true } else { false } }),
            ("stop", { if case .stop = $0 { true } else { false } }),
            ("usage", { if case .usage = $0 { true } else { false } }),
        ]
        let type = ranked.first { _, matches in pieces.contains(where: matches) }?.0 ?? fallback
        self.init(type, pieces)
    }
}

/// Reads the events of each provider's streaming format into pieces.
enum LLMChunkDecoder {
    /// The event types of Anthropic's Messages stream.
    static let anthropicTypes: Set<String> = [
        "message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta",
        "message_stop", "ping", "error",
    ]

    static func read(_ event: SSEEvent, json: JSONValue?, as format: LLMStreamFormat) -> LLMEventReading {
        if json == nil, event.data.trimmingWhitespace() == "[DONE]" {
            return LLMEventReading("end", [.end("[DONE]")])
        }
        guard let json, json.isObject else {
            return LLMEventReading("invalid", problem: "the event's data is not a JSON object")
        }
        switch format {
        case .openAIChat: return openAIChat(json)
        case .openAIResponses: return openAIResponses(json, eventType: event.type)
        case .anthropic: return anthropic(json, eventType: event.type)
        case .ollama: return ollama(json)
        case .assemble(let path): return assemble(json, path: path)
        }
    }

    // MARK: OpenAI Chat Completions

    private static func openAIChat(_ json: JSONValue) -> LLMEventReading {
        if let error = json["error"], error != .null {
            return LLMEventReading("error", [.error(errorText(error))])
        }
        var pieces: [LLMStreamPiece] = []
        for choice in json["choices"]?.arrayValue ?? [] {
            let index = choice["index"]?.intValue ?? 0
            if let delta = choice["delta"] {
                for key in ["reasoning_content", "reasoning"] {
                    if let thinking = delta[key]?.stringValue, !thinking.isEmpty {
                        pieces.append(.thinking(thinking, index: index))
                    }
                }
                for key in ["content", "refusal"] {
                    if let text = delta[key]?.stringValue, !text.isEmpty { pieces.append(.text(text, index: index)) }
                }
                for call in delta["tool_calls"]?.arrayValue ?? [] {
                    let callIndex = call["index"]?.intValue ?? 0
                    let function = call["function"]
                    let id = call["id"]?.stringValue
                    let name = function?["name"]?.stringValue
                    if id != nil || name != nil { pieces.append(.toolCall(index: callIndex, id: id, name: name)) }
                    if let arguments = function?["arguments"]?.stringValue, !arguments.isEmpty {
                        pieces.append(.toolArguments(arguments, index: callIndex))
                    }
                }
            }
            if let reason = choice["finish_reason"]?.stringValue { pieces.append(.stop(reason)) }
        }
        if let usage = json["usage"], usage.isObject {
            pieces.append(.usage(input: usage["prompt_tokens"]?.intValue, output: usage["completion_tokens"]?.intValue))
        }
        return LLMEventReading(pieces: pieces, otherwise: "start")
    }

    // MARK: OpenAI Responses

    private static func openAIResponses(_ json: JSONValue, eventType: String) -> LLMEventReading {
        let type = json["type"]?.stringValue ?? eventType
        let index = json["output_index"]?.intValue ?? 0
        switch type {
        case "response.output_text.delta", "response.refusal.delta":
            return LLMEventReading(pieces: [.text(json["delta"]?.stringValue ?? "", index: index)], otherwise: "text")
        case "response.reasoning_summary_text.delta", "response.reasoning_text.delta":
            return LLMEventReading(
                pieces: [.thinking(json["delta"]?.stringValue ?? "", index: index)],
                otherwise: "thinking"
            )
        case "response.output_item.added":
            guard let item = json["item"], item["type"]?.stringValue == "function_call" else {
                return LLMEventReading(type)
            }
            return LLMEventReading(
                "tool",
                [.toolCall(index: index, id: item["call_id"]?.stringValue, name: item["name"]?.stringValue)]
            )
        case "response.function_call_arguments.delta":
            return LLMEventReading("tool", [.toolArguments(json["delta"]?.stringValue ?? "", index: index)])
        case "response.completed", "response.incomplete":
            let response = json["response"]
            var pieces: [LLMStreamPiece] = []
            if let usage = response?["usage"], usage.isObject {
                pieces.append(.usage(input: usage["input_tokens"]?.intValue, output: usage["output_tokens"]?.intValue))
            }
            let reason =
                response?["incomplete_details"]?["reason"]?.stringValue ?? response?["status"]?.stringValue
                ?? "completed"
            pieces += [.stop(reason), .end(type)]
            return LLMEventReading("end", pieces)
        case "response.failed":
            let error = json["response"]?["error"]
            return LLMEventReading("error", [.error(error.map(errorText) ?? "the response failed")])
        case "error":
            return LLMEventReading("error", [.error(errorText(json))])
        default:
            return LLMEventReading(type.hasPrefix("response.") ? String(type.dropFirst(9)) : type)
        }
    }

    // MARK: Anthropic Messages

    private static func anthropic(_ json: JSONValue, eventType: String) -> LLMEventReading {
        let type = json["type"]?.stringValue ?? eventType
        let index = json["index"]?.intValue ?? 0
        switch type {
        case "message_start":
            // Its output count is a placeholder: message_delta says the real one.
            let usage = json["message"]?["usage"]
            return LLMEventReading("start", [.usage(input: usage?["input_tokens"]?.intValue, output: nil)])
        case "content_block_start":
            guard let block = json["content_block"] else { return LLMEventReading("block") }
            switch block["type"]?.stringValue {
            case "tool_use", "server_tool_use":
                var pieces: [LLMStreamPiece] = [
                    .toolCall(index: index, id: block["id"]?.stringValue, name: block["name"]?.stringValue)
                ]
                if let input = block["input"], case .object(let members) = input, !members.isEmpty {
                    pieces.append(.toolArguments(input.compactText, index: index))
                }
                return LLMEventReading("tool", pieces)
            case "text":
                return LLMEventReading(
                    pieces: [.text(block["text"]?.stringValue ?? "", index: index)],
                    otherwise: "block"
                )
            case "thinking":
                let thinking = block["thinking"]?.stringValue ?? ""
                return LLMEventReading(pieces: [.thinking(thinking, index: index)], otherwise: "block")
            default:
                return LLMEventReading("block")
            }
        case "content_block_delta":
            guard let delta = json["delta"] else { return LLMEventReading("delta") }
            switch delta["type"]?.stringValue {
            case "text_delta":
                return LLMEventReading(
                    pieces: [.text(delta["text"]?.stringValue ?? "", index: index)],
                    otherwise: "text"
                )
            case "thinking_delta":
                let thinking = delta["thinking"]?.stringValue ?? ""
                return LLMEventReading(pieces: [.thinking(thinking, index: index)], otherwise: "thinking")
            case "input_json_delta":
                let fragment = delta["partial_json"]?.stringValue ?? ""
                return LLMEventReading("tool", [.toolArguments(fragment, index: index)])
            case let other?:
                return LLMEventReading(other.hasSuffix("_delta") ? String(other.dropLast(6)) : other)
            case nil:
                return LLMEventReading("delta")
            }
        case "content_block_stop":
            return LLMEventReading("block-end")
        case "message_delta":
            var pieces: [LLMStreamPiece] = []
            if let reason = json["delta"]?["stop_reason"]?.stringValue { pieces.append(.stop(reason)) }
            if let usage = json["usage"], usage.isObject {
                pieces.append(.usage(input: usage["input_tokens"]?.intValue, output: usage["output_tokens"]?.intValue))
            }
            return LLMEventReading(pieces: pieces, otherwise: "message")
        case "message_stop":
            return LLMEventReading("end", [.end("message_stop")])
        case "error":
            return LLMEventReading("error", [.error(errorText(json["error"] ?? json))])
        default:
            return LLMEventReading(type)
        }
    }

    // MARK: Ollama

    private static func ollama(_ json: JSONValue) -> LLMEventReading {
        if let error = json["error"], error != .null {
            return LLMEventReading("error", [.error(errorText(error))])
        }
        var pieces: [LLMStreamPiece] = []
        if let message = json["message"] {
            if let thinking = message["thinking"]?.stringValue, !thinking.isEmpty {
                pieces.append(.thinking(thinking, index: 0))
            }
            if let text = message["content"]?.stringValue, !text.isEmpty { pieces.append(.text(text, index: 0)) }
            for call in message["tool_calls"]?.arrayValue ?? [] {
                let function = call["function"]
                let arguments = function?["arguments"]
                pieces.append(
                    .wholeToolCall(
                        name: function?["name"]?.stringValue ?? "",
                        arguments: arguments?.stringValue ?? arguments?.compactText ?? "{}"
                    )
                )
            }
        }
        if let thinking = json["thinking"]?.stringValue, !thinking.isEmpty {
            pieces.append(.thinking(thinking, index: 0))
        }
        if let text = json["response"]?.stringValue, !text.isEmpty { pieces.append(.text(text, index: 0)) }
        if json["done"]?.boolValue == true {
            pieces.append(.usage(input: json["prompt_eval_count"]?.intValue, output: json["eval_count"]?.intValue))
            pieces.append(.stop(json["done_reason"]?.stringValue ?? "stop"))
            pieces.append(.end("done"))
        }
        return LLMEventReading(pieces: pieces, otherwise: "chunk")
    }

    // MARK: A path

    private static func assemble(_ json: JSONValue, path: JSONPath) -> LLMEventReading {
        let text = path.select(in: json).compactMap(\.stringValue).joined()
        return LLMEventReading(pieces: [.text(text, index: 0)], otherwise: "other")
    }

    /// An error object in words: its type or code and its message.
    private static func errorText(_ error: JSONValue) -> String {
        if let text = error.stringValue { return text }
        let message = error["message"]?.stringValue ?? error.compactText
        let kind = error["type"]?.stringValue ?? error["code"]?.stringValue
        guard let kind, kind != "error", !message.contains(kind) else { return message }
        return "\(kind): \(message)"
    }
}
