/// GraphQL over WebSocket as a client, in both protocols: the
/// `graphql-transport-ws` protocol of the graphql-ws library and the legacy
/// `graphql-ws` of subscriptions-transport-ws (Apollo). Sends
/// `connection_init`, waits for the acknowledgement before subscribing,
/// answers `ping`, gives every subscription a fresh id, and names each
/// result after its operation.
public struct GraphQLLens: ProtocolLens {
    public static let transportProtocol = "graphql-transport-ws"
    public static let legacyProtocol = "graphql-ws"

    public var name: LensName { .graphQL }

    private let settings: LensSettings
    /// The negotiated protocol's name: the JSONL `protocol` of every message.
    private let protocolName: String
    private var isLegacy: Bool { protocolName == Self.legacyProtocol }
    private var acknowledged = false
    private var ackDeadline: Double?
    /// Subscriptions written before the acknowledgement, in order.
    private var waiting: [LensOutgoing] = []
    private var nextID = 1
    /// Operation names by id (the document's name, or its kind).
    private var operations: [String: String] = [:]

    /// How long the server has to acknowledge `connection_init`.
    static let acknowledgementTimeout: Double = 10_000

    public init(settings: LensSettings, subprotocol: String?) {
        self.settings = settings
        protocolName = subprotocol?.lowercased() == Self.legacyProtocol ? Self.legacyProtocol : Self.transportProtocol
    }

    public mutating func opened(at now: Double) -> [LensAction] {
        ackDeadline = now + Self.acknowledgementTimeout
        var members: [(key: String, value: JSONValue)] = [("type", .string("connection_init"))]
        if let text = settings.graphQLInit, let payload = try? JSONParser.parse(text) {
            members.append(("payload", payload))
        } else {
            members.append(("payload", .object([])))
        }
        return [.send(LensOutgoing(text: JSONValue.object(members).compactText))]
    }

    // MARK: Incoming

    public mutating func received(_ message: Message, at now: Double) -> LensReading {
        guard case .success(let json) = Self.parseMessage(message) else {
            return LensReading(
                .unreadable(protocolName, "this is no GraphQL over WebSocket message (not a JSON object)")
            )
        }
        guard let type = json["type"]?.stringValue else {
            return LensReading(.unreadable(protocolName, "a GraphQL over WebSocket message needs a “type”"))
        }
        var actions: [LensAction] = []
        switch type {
        case "connection_ack":
            acknowledged = true
            ackDeadline = nil
            actions = waiting.map { .send($0) }
            waiting = []
        case "ping":
            var pong: [(key: String, value: JSONValue)] = [("type", .string("pong"))]
            if let payload = json["payload"] { pong.append(("payload", payload)) }
            actions = [.send(LensOutgoing(text: JSONValue.object(pong).compactText))]
        case "connection_error":
            actions = [
                .report("the GraphQL server refused the connection: " + (json["payload"]?.compactText ?? "no reason"))
            ]
        case "error":
            let id = json["id"]?.stringValue ?? ""
            actions = [
                .report("GraphQL operation \(operationLabel(id)) failed: " + Self.errorMessages(json["payload"]))
            ]
        case "complete":
            operations[json["id"]?.stringValue ?? ""] = nil
        default:
            break
        }
        return LensReading(describe(json, type: type), actions: actions)
    }

    // MARK: Outgoing

    public mutating func sending(_ message: Message, at now: Double) -> LensDecoding? {
        guard case .success(let json) = Self.parseMessage(message), let type = json["type"]?.stringValue else {
            return .unreadable(
                protocolName,
                "this is no GraphQL over WebSocket message: the server will likely close with 4400"
            )
        }
        if type == "subscribe" || type == "start", let id = json["id"]?.stringValue {
            operations[id] = Self.operationName(json["payload"]?["query"]?.stringValue ?? "") ?? "operation"
            nextID = max(nextID, (Int(id) ?? 0) + 1)
        }
        return describe(json, type: type)
    }

    /// A GraphQL document on one line, `{"query": …, "variables": …}`, a
    /// whole protocol message (`{"type": …}`), or `stop ID`.
    public mutating func encode(_ line: String, at now: Double) throws(LensInputError) -> [LensOutgoing] {
        let trimmed = line.trimmingWhitespace()
        if trimmed.hasPrefix("stop ") || trimmed.hasPrefix("complete ") {
            let id = String(trimmed.drop { $0 != " " }.dropFirst()).trimmingWhitespace()
            guard operations[id] != nil else {
                throw LensInputError("no GraphQL operation has id “\(id)” (running: \(runningList))")
            }
            let type = isLegacy ? "stop" : "complete"
            return [
                LensOutgoing(
                    text: JSONValue.object([("id", .string(id)), ("type", .string(type))]).compactText,
                    automatic: false
                )
            ]
        }
        var payload: JSONValue
        // `{"query": …}` is a request; `{ hello }` (a brace and a space) the
        // shorthand query document.
        if trimmed.hasPrefix("{") && !trimmed.hasPrefix("{ ") {
            do {
                payload = try JSONParser.parse(trimmed)
            } catch {
                throw LensInputError("the request is not JSON: \(error)")
            }
            if payload["type"] != nil {
                return [LensOutgoing(text: payload.compactText, automatic: false)]
            }
            guard let query = payload["query"]?.stringValue else {
                throw LensInputError("a GraphQL request needs a “query” (or write the document itself)")
            }
            try Self.checkDocument(query)
        } else {
            try Self.checkDocument(trimmed)
            payload = .object([("query", .string(trimmed))])
        }
        let id = String(nextID)
        nextID += 1
        let message = JSONValue.object([
            ("id", .string(id)), ("type", .string(isLegacy ? "start" : "subscribe")), ("payload", payload),
        ])
        let outgoing = LensOutgoing(text: message.compactText, automatic: false)
        guard acknowledged else {
            waiting.append(outgoing)
            return []
        }
        return [outgoing]
    }

    // MARK: Timing

    public var deadline: Double? { ackDeadline }

    public mutating func deadlinePassed(at now: Double) -> [LensAction] {
        guard let due = ackDeadline, now >= due else { return [] }
        ackDeadline = nil
        return [
            .report(
                "the GraphQL server has not acknowledged connection_init after \(Int(Self.acknowledgementTimeout / 1000)) s"
            )
        ]
    }

    public func explain(_ close: CloseInfo) -> LensDecoding? {
        let meaning: String? =
            switch close.code {
            case 4400: "the server could not read a message"
            case 4401: "unauthorized: subscribed before the connection was acknowledged"
            case 4403: "forbidden: the server refused the connection_init payload"
            case 4406: "the server wants the graphql-transport-ws subprotocol"
            case 4408: "connection initialisation timeout: no connection_init in time"
            case 4409: "an operation with this id is already running"
            case 4429: "too many connection_init requests"
            case 4499: "the client terminated the connection"
            default: nil
            }
        guard let meaning else { return nil }
        return LensDecoding(
            protocolName: protocolName,
            type: "close",
            fields: [("code", .number(Double(close.code)))],
            summary: "GraphQL close \(close.code): \(meaning)"
        )
    }

    // MARK: Describing

    private func describe(_ json: JSONValue, type: String) -> LensDecoding {
        var fields: [(key: String, value: JSONValue)] = []
        let id = json["id"]?.stringValue
        if let id {
            fields.append(("id", .string(id)))
            fields.append(("operation", .string(operations[id] ?? "operation")))
        }
        let payload = json["payload"]
        if let payload { fields.append(("payload", payload)) }
        var summary = type
        if let id { summary += " " + operationLabel(id) }
        var application: String?
        switch type {
        case "next", "data":
            application = payload?.compactText ?? "null"
            summary += " " + (application ?? "")
        case "error":
            summary += ": " + Self.errorMessages(payload)
        case "subscribe", "start":
            summary += " " + (payload?["query"]?.stringValue ?? "")
            if let variables = payload?["variables"] { summary += " variables " + variables.compactText }
        case "connection_ack", "connection_init", "connection_error", "ping", "pong":
            if let payload, payload != .object([]), payload != .null { summary += " " + payload.compactText }
        default:
            break
        }
        return LensDecoding(
            protocolName: protocolName,
            type: type,
            fields: fields,
            summary: summary,
            application: application
        )
    }

    private func operationLabel(_ id: String) -> String {
        "#\(id)" + (operations[id].map { " " + $0 } ?? "")
    }

    private var runningList: String {
        operations.isEmpty ? "none" : operations.keys.sorted().joined(separator: ", ")
    }

    private static func parseMessage(_ message: Message) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in try JSONParser.parse(message.payload) }
            .flatMap {
                $0.isObject ? .success($0) : .failure(JSONParseError(line: 1, column: 1, reason: "not an object"))
            }
    }

    private static func errorMessages(_ payload: JSONValue?) -> String {
        let errors = payload?.arrayValue ?? payload.map { [$0] } ?? []
        let messages = errors.compactMap { $0["message"]?.stringValue }
        return messages.isEmpty ? (payload?.compactText ?? "no message") : messages.joined(separator: "; ")
    }

    /// The document's first operation name (`subscription OnChat { … }`
    /// → `OnChat`), or its kind when it has no name.
    static func operationName(_ document: String) -> String? {
        let words = document.split { !($0.isLetter || $0.isNumber || $0 == "_") }
        guard let index = words.firstIndex(where: { ["query", "mutation", "subscription"].contains($0) }) else {
            return document.trimmingWhitespace().hasPrefix("{") ? "query" : nil
        }
        let kind = String(words[index])
        let after = document[words[index].endIndex...].drop { $0 == " " || $0 == "\t" }
        let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? kind : String(name)
    }

    /// Finds the mistakes a server would refuse before any bytes go out:
    /// unbalanced brackets and unterminated strings, with their column.
    static func checkDocument(_ document: String) throws(LensInputError) {
        var open: [(Character, Int)] = []
        var inString = false
        var escaped = false
        let pairs: [Character: Character] = ["}": "{", ")": "(", "]": "["]
        for (offset, character) in document.enumerated() {
            let column = offset + 1
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{", "(", "[": open.append((character, column))
            case "}", ")", "]":
                guard let last = open.popLast(), last.0 == pairs[character] else {
                    throw LensInputError("GraphQL syntax error at line 1, column \(column): unexpected “\(character)”")
                }
            default: break
            }
        }
        if inString {
            throw LensInputError("GraphQL syntax error at line 1: a string is not terminated")
        }
        if let last = open.last {
            throw LensInputError("GraphQL syntax error at line 1, column \(last.1): “\(last.0)” is never closed")
        }
        guard document.contains("{") else {
            throw LensInputError("GraphQL syntax error at line 1: a document needs a selection set (“{ … }”)")
        }
    }
}
