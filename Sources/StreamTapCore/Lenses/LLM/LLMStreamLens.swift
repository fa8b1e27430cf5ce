/// Reads a model's streamed answer (OpenAI, OpenAI Responses, Anthropic,
/// Ollama, or any JSON stream with `--assemble`): says what each event
/// adds, puts the answer together, times the tokens, and ends the stream
/// on the format's end marker or error.
///
/// Without a format (`--lens auto`, and every event stream by default)
/// it recognises one from the first events, and stays out of the way of
/// a stream that is none of them.
public struct LLMStreamLens: EventStreamLens, Sendable {
    /// How many events `auto` looks at before it decides the stream is no
    /// model's.
    static let recognitionWindow = 8

    /// The format read, once known.
    public private(set) var format: LLMStreamFormat?
    public private(set) var assembly = LLMAssembly()
    public private(set) var timeline = TokenTimeline()
    /// When the last event came, in milliseconds since the request.
    public private(set) var lastEventMilliseconds: Double?
    private var unrecognised = 0

    /// A lens for `format`, or one that recognises it (`nil`).
    public init(format: LLMStreamFormat?) {
        self.format = format
    }

    public var name: LensName {
        switch format {
        case .openAIChat?: .openAI
        case .openAIResponses?: .openAIResponses
        case .anthropic?: .anthropic
        case .ollama?: .ollama
        case .assemble?, nil: .auto
        }
    }

    public var gaveUp: Bool {
        format == nil && unrecognised >= Self.recognitionWindow
    }

    public mutating func received(_ event: SSEEvent, at now: Double, read: Int) -> EventStreamReading {
        let json: JSONValue?
        let format: LLMStreamFormat
        if let known = self.format {
            format = known
            json = Self.parse(event.data)
        } else {
            guard unrecognised < Self.recognitionWindow else { return EventStreamReading(nil) }
            guard let parsed = Self.parse(event.data), let recognised = LLMStreamFormat.recognise(event, json: parsed)
            else {
                unrecognised += 1
                return EventStreamReading(nil)
            }
            self.format = recognised
            format = recognised
            json = parsed
        }
        lastEventMilliseconds = now
        let reading = LLMChunkDecoder.read(event, json: json, as: format)
        var end: EventStreamEnd?
        for piece in reading.pieces {
            assembly.apply(piece)
            if piece.isToken { timeline.record(at: now, read: read) }
            switch piece {
            case .end(let marker): end = end ?? .complete("the stream is complete (\(marker))")
            case .error(let message): end = .failed(message)
            default: break
            }
        }
        return EventStreamReading(Self.decoding(reading, format: format), end: end)
    }

    /// An event's data as JSON, when it looks like JSON at all.
    private static func parse(_ data: String) -> JSONValue? {
        guard let first = data.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return nil }
        return try? JSONParser.parse(data)
    }

    // MARK: Decodings

    /// One event's decoding: its delta (what plain `cat` prints), its
    /// index, and what else it said.
    private static func decoding(_ reading: LLMEventReading, format: LLMStreamFormat) -> LensDecoding {
        var fields: [(key: String, value: JSONValue)] = []
        var delta = ""
        var summary: [String] = []
        var index: Int?
        for piece in reading.pieces {
            switch piece {
            case .text(let text, let at):
                delta += text
                index = index ?? at
            case .thinking(let text, let at):
                fields.append(("thinking", .string(text)))
                summary.append("thinking: " + text)
                index = index ?? at
            case .toolCall(let at, let id, let name):
                if let name { fields.append(("name", .string(name))) }
                if let id { fields.append(("id", .string(id))) }
                summary.append("tool call \(name ?? "#\(at)")")
                index = index ?? at
            case .toolArguments(let fragment, let at):
                fields.append(("arguments", .string(fragment)))
                summary.append(fragment.isEmpty ? "arguments begin" : fragment)
                index = index ?? at
            case .wholeToolCall(let name, let arguments):
                fields.append(("name", .string(name)))
                fields.append(("arguments", .string(arguments)))
                summary.append("tool call \(name)(\(arguments))")
            case .usage(let input, let output):
                if let input { fields.append(("inputTokens", .number(Double(input)))) }
                if let output { fields.append(("outputTokens", .number(Double(output)))) }
                if input != nil || output != nil {
                    summary.append(
                        "usage: "
                            + [input.map { "\($0) in" }, output.map { "\($0) out" }].compactMap { $0 }.joined(
                                separator: ", "
                            )
                    )
                }
            case .stop(let reason):
                fields.append(("stopReason", .string(reason)))
                summary.append("stop: " + reason)
            case .end(let marker):
                summary.append("end of stream (\(marker))")
            case .error(let message):
                fields.append(("message", .string(message)))
                summary.append("error: " + message)
            }
        }
        var leading: [(key: String, value: JSONValue)] = []
        if !delta.isEmpty { leading.append(("delta", .string(delta))) }
        if let index { leading.append(("index", .number(Double(index)))) }
        let line = ([delta].filter { !$0.isEmpty } + summary).joined(separator: " · ")
        return LensDecoding(
            protocolName: format.protocolName,
            type: reading.type,
            fields: leading + fields,
            summary: line.isEmpty ? reading.type : line,
            application: delta.isEmpty ? nil : delta,
            problem: reading.problem
        )
    }

    // MARK: The whole stream

    public func summary(at now: Double) -> LensDecoding? {
        guard let format else { return nil }
        let figures = timeline.figures
        let tokens = assembly.outputTokens ?? figures.deltas
        let counted = assembly.outputTokens == nil ? "deltas" : "usage"
        var fields: [(key: String, value: JSONValue)] = [("text", .string(assembly.text))]
        if !assembly.thinking.isEmpty { fields.append(("thinking", .string(assembly.thinking))) }
        fields.append(("toolCalls", .array(assembly.toolCalls.map(Self.toolCallObject))))
        func add(_ key: String, _ value: Double?) {
            if let value { fields.append((key, .number(Self.rounded(value)))) }
        }
        add("ttftMs", figures.firstTokenMilliseconds)
        add("totalMs", lastEventMilliseconds ?? now)
        fields.append(("tokens", .number(Double(tokens))))
        fields.append(("tokensCounted", .string(counted)))
        if let input = assembly.inputTokens { fields.append(("inputTokens", .number(Double(input)))) }
        fields.append(("deltas", .number(Double(figures.deltas))))
        add("tokensPerSec", figures.tokensPerSecond(tokens: tokens))
        add("gapP50Ms", figures.gapP50Milliseconds)
        add("gapP99Ms", figures.gapP99Milliseconds)
        add("gapMaxMs", figures.gapMaxMilliseconds)
        fields.append(("stopReason", assembly.stopReason.map(JSONValue.string) ?? .null))
        if figures.buffered {
            fields.append(("buffered", .bool(true)))
            fields.append(("bursts", .number(Double(figures.bursts))))
        }
        if let error = assembly.error { fields.append(("error", .string(error))) }
        let type = assembly.error != nil ? "error" : assembly.end != nil ? "complete" : "incomplete"
        return LensDecoding(
            protocolName: format.protocolName,
            type: type,
            fields: fields,
            summary: Self.sentence(type: type, figures: figures, tokens: tokens, counted: counted, assembly: assembly),
            problem: figures.bufferingWarning
        )
    }

    private static func toolCallObject(_ call: LLMToolCall) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("name", .string(call.name))]
        if let id = call.id { members.append(("id", .string(id))) }
        members.append(("arguments", .string(call.arguments)))
        return .object(members)
    }

    /// Milliseconds and rates to a tenth.
    private static func rounded(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }

    /// The stream in one line: `complete: 42 tokens (usage) in 1.9 s, first
    /// after 310 ms, 24.1 tokens/s, stop: end_turn`.
    private static func sentence(
        type: String,
        figures: TokenFigures,
        tokens: Int,
        counted: String,
        assembly: LLMAssembly
    ) -> String {
        var parts = ["\(tokens) token\(tokens == 1 ? "" : "s") (\(counted))"]
        if let first = figures.firstTokenMilliseconds { parts.append("first after \(Int(first.rounded())) ms") }
        if let rate = figures.tokensPerSecond(tokens: tokens) {
            parts.append("\((rate * 10).rounded() / 10) tokens/s")
        }
        if !assembly.toolCalls.isEmpty {
            parts.append("\(assembly.toolCalls.count) tool call\(assembly.toolCalls.count == 1 ? "" : "s")")
        }
        if let stop = assembly.stopReason { parts.append("stop: " + stop) }
        if let error = assembly.error { parts.append("error: " + error) }
        return "\(type): " + parts.joined(separator: ", ")
    }
}
