/// JSON-RPC 2.0 over WebSocket: requests and responses paired by id with
/// their latency, requests left unanswered flagged after a timeout,
/// notifications, batches, and the specification's error codes named.
public struct JSONRPCLens: ProtocolLens {
    public var name: LensName { .jsonRPC }

    static let protocolName = "jsonrpc"

    private let timeout: Double
    /// Requests sent and not answered yet, by their id's JSON text.
    private var inFlight: [String: (method: String, sentAt: Double, flagged: Bool)] = [:]
    private var nextID = 1

    public init(settings: LensSettings) {
        timeout = settings.requestTimeoutMilliseconds
    }

    public mutating func opened(at now: Double) -> [LensAction] { [] }

    public mutating func received(_ message: Message, at now: Double) -> LensReading {
        LensReading(read(message, direction: .incoming, at: now))
    }

    public mutating func sending(_ message: Message, at now: Double) -> LensDecoding? {
        read(message, direction: .outgoing, at: now)
    }

    /// A JSON object with `method` (and `params`); `jsonrpc` and an `id` are
    /// added when absent. A JSON array is sent as a batch, as written.
    public mutating func encode(_ line: String, at now: Double) throws(LensInputError) -> [LensOutgoing] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw LensInputError(
                "a JSON-RPC call is a JSON object like {\"method\": \"sum\", \"params\": [1, 2]}: \(error)"
            )
        }
        if value.arrayValue != nil {
            return [LensOutgoing(text: value.compactText, automatic: false)]
        }
        guard case .object(var members) = value, let method = value["method"]?.stringValue, !method.isEmpty else {
            throw LensInputError("a JSON-RPC call needs a “method”, like {\"method\": \"sum\", \"params\": [1, 2]}")
        }
        members.removeAll { $0.key == "jsonrpc" }
        if value["id"] == nil {
            members.insert(("id", .number(Double(nextID))), at: 0)
            nextID += 1
        }
        members.insert(("jsonrpc", .string("2.0")), at: 0)
        return [LensOutgoing(text: JSONValue.object(members).compactText, automatic: false)]
    }

    public var deadline: Double? {
        inFlight.values.filter { !$0.flagged }.map { $0.sentAt + timeout }.min()
    }

    public mutating func deadlinePassed(at now: Double) -> [LensAction] {
        var actions: [LensAction] = []
        for (id, request) in inFlight.sorted(by: { $0.value.sentAt < $1.value.sentAt })
        where !request.flagged && now >= request.sentAt + timeout {
            inFlight[id]?.flagged = true
            actions.append(
                .report("JSON-RPC request \(id) (\(request.method)) has had no response for \(Int(timeout / 1000)) s")
            )
        }
        return actions
    }

    public func explain(_ close: CloseInfo) -> LensDecoding? {
        guard !inFlight.isEmpty else { return nil }
        let ids = inFlight.keys.sorted().joined(separator: ", ")
        return LensDecoding(
            protocolName: Self.protocolName,
            type: "close",
            fields: [("unanswered", .array(inFlight.keys.sorted().map { .string($0) }))],
            summary: "closed with \(inFlight.count) request\(inFlight.count == 1 ? "" : "s") unanswered: \(ids)"
        )
    }

    // MARK: Reading

    private mutating func read(_ message: Message, direction: Direction, at now: Double) -> LensDecoding {
        guard message.opcode == .text, let value = try? JSONParser.parse(message.payload) else {
            return .unreadable(Self.protocolName, "this is not JSON, so no JSON-RPC message")
        }
        if let elements = value.arrayValue {
            let parts = elements.map { read($0, direction: direction, at: now) }
            return LensDecoding(
                protocolName: Self.protocolName,
                type: "batch",
                fields: [("count", .number(Double(parts.count)))],
                summary: "batch of \(parts.count): " + parts.map(\.summary).joined(separator: "; "),
                application: value.compactText
            )
        }
        var decoding = read(value, direction: direction, at: now)
        decoding.application = value.compactText
        return decoding
    }

    private mutating func read(_ value: JSONValue, direction: Direction, at now: Double) -> LensDecoding {
        guard value.isObject else {
            return .unreadable(Self.protocolName, "a JSON-RPC message is an object (or a batch of them)")
        }
        let id = value["id"]
        let idText = id.map { $0.stringValue ?? $0.compactText }
        var fields: [(key: String, value: JSONValue)] = []
        if let id { fields.append(("id", id)) }
        var decoding: LensDecoding
        if let method = value["method"]?.stringValue {
            let params = value["params"]
            fields.append(("method", .string(method)))
            if let params { fields.append(("params", params)) }
            let type = id == nil ? "notification" : "request"
            if direction == .outgoing, let idText, id != .null {
                inFlight[idText] = (method, now, false)
                if let number = id?.intValue { nextID = max(nextID, number + 1) }
            }
            decoding = LensDecoding(
                protocolName: Self.protocolName,
                type: type,
                fields: fields,
                summary: (idText.map { "→ \($0) " } ?? "") + method + (params.map { " " + $0.compactText } ?? "")
            )
        } else if value["result"] != nil || value["error"] != nil {
            var summary = "← " + (idText ?? "null")
            if let idText, let request = inFlight.removeValue(forKey: idText) {
                let latency = now - request.sentAt
                fields.append(("method", .string(request.method)))
                fields.append(LensLatency.field(latency))
                summary += " \(request.method) after \(LensLatency.text(latency))"
            }
            if let result = value["result"] {
                fields.append(("result", result))
                summary += " " + result.compactText
            }
            if let error = value["error"] {
                fields.append(("error", error))
                let code = error["code"]?.intValue
                summary += " error \(code.map(String.init) ?? "?")"
                if let code, let name = Self.errorName(code) { summary += " (\(name))" }
                if let text = error["message"]?.stringValue { summary += ": " + text }
            }
            decoding = LensDecoding(protocolName: Self.protocolName, type: "response", fields: fields, summary: summary)
        } else {
            decoding = .unreadable(Self.protocolName, "a JSON-RPC message has a “method”, a “result” or an “error”")
        }
        if value["jsonrpc"]?.stringValue != "2.0" && decoding.problem == nil {
            decoding.problem = "“jsonrpc”: “2.0” is missing"
        }
        return decoding
    }

    /// The specification's name for an error code.
    static func errorName(_ code: Int) -> String? {
        switch code {
        case -32700: "parse error"
        case -32600: "invalid request"
        case -32601: "method not found"
        case -32602: "invalid params"
        case -32603: "internal error"
        case -32099 ... -32000: "server error"
        default: nil
        }
    }
}
