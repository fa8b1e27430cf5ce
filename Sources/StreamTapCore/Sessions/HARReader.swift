/// Reads the WebSocket and Server-Sent Events connections of a HAR file
/// into events, one connection per entry.
///
/// Chrome DevTools (and tools that follow it) store WebSocket messages in
/// `_webSocketMessages`; this reader also takes ``HARWriter``'s
/// `_eventSourceMessages`. Firefox DevTools saves a WebSocket's handshake
/// without its messages, and an event stream's body as `content.text`,
/// which is parsed as the stream it was. Other entries (pages, images,
/// plain requests) are skipped.
public enum HARReader {
    public static func read(_ bytes: [UInt8]) -> SessionReadResult {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            return SessionReadResult(
                events: [],
                problem: SessionFileProblem(
                    line: error.line,
                    reason: "not valid JSON: \(error.reason) (column \(error.column))"
                )
            )
        }
        return read(document)
    }

    /// Reads an already parsed HAR document.
    public static func read(_ document: JSONValue) -> SessionReadResult {
        guard let entries = document["log"]?["entries"]?.arrayValue else {
            return SessionReadResult(
                events: [],
                problem: SessionFileProblem(line: nil, reason: "this is not a HAR file: log.entries is missing")
            )
        }
        var events: [StreamEvent] = []
        var connectionID = 0
        for (index, entry) in entries.enumerated() {
            guard let kind = streamKind(of: entry) else { continue }
            connectionID += 1
            do {
                events += try readEntry(entry, protocolKind: kind, id: connectionID)
            } catch {
                return SessionReadResult(
                    events: sorted(events),
                    problem: SessionFileProblem(line: nil, reason: "HAR entry \(index + 1): \(error)")
                )
            }
        }
        guard connectionID > 0 else {
            return SessionReadResult(
                events: [],
                problem: SessionFileProblem(
                    line: nil,
                    reason: "the HAR file has no WebSocket or event-stream entries (\(entries.count) other entries)"
                )
            )
        }
        return SessionReadResult(events: sorted(events))
    }

    /// Events of all entries in time order (each entry's own order kept).
    private static func sorted(_ events: [StreamEvent]) -> [StreamEvent] {
        events.enumerated().sorted {
            ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset)
        }.map(\.element)
    }

    private static func streamKind(of entry: JSONValue) -> StreamProtocol? {
        let resourceType = entry["_resourceType"]?.stringValue?.lowercased()
        let url = entry["request"]?["url"]?.stringValue?.lowercased() ?? ""
        if resourceType == "websocket" || entry["_webSocketMessages"] != nil || url.hasPrefix("ws://")
            || url.hasPrefix("wss://") || entry["response"]?["status"]?.intValue == 101
        {
            return .websocket
        }
        let mimeType = entry["response"]?["content"]?["mimeType"]?.stringValue?.lowercased() ?? ""
        if resourceType == "eventsource" || entry["_eventSourceMessages"] != nil
            || mimeType.hasPrefix("text/event-stream")
        {
            return .sse
        }
        return nil
    }

    private static func readEntry(
        _ entry: JSONValue,
        protocolKind: StreamProtocol,
        id: Int
    ) throws(StreamEventDecoder.Problem) -> [StreamEvent] {
        let entryFields = JSONFields(value: entry)
        guard let start = Timestamp(rfc3339: try entryFields.string("startedDateTime")) else {
            throw StreamEventDecoder.Problem(description: "\"startedDateTime\" is not an ISO 8601 time")
        }
        guard let requestValue = entry["request"], requestValue.isObject,
            let responseValue = entry["response"], responseValue.isObject
        else { throw StreamEventDecoder.Problem(description: "\"request\" and \"response\" must be objects") }
        let request = JSONFields(value: requestValue)
        let response = JSONFields(value: responseValue)
        let url = try request.string("url")
        let status = try response.optionalInt("status") ?? 0
        let responseHead = ResponseHead(
            status: status,
            reason: try response.optionalString("statusText") ?? "",
            headers: try harHeaders(responseValue["headers"])
        )
        var events = [StreamEvent(timestamp: start, connectionID: id, kind: .connecting(url: url, attempt: 1))]
        let opened = protocolKind == .websocket ? status == 101 : (200..<300).contains(status)
        guard opened else {
            let message =
                try response.optionalString("_error")
                ?? (status == 0
                    ? "the browser saw no response" : "the server answered \(status) \(responseHead.reason)")
            events.append(
                StreamEvent(
                    timestamp: start,
                    connectionID: id,
                    kind: .error(ErrorInfo(message: message, response: status == 0 ? nil : responseHead))
                )
            )
            return events
        }
        let timings = JSONFields(value: entry["timings"] ?? .object([]))
        func phase(_ key: String) throws(StreamEventDecoder.Problem) -> Double? {
            guard let value = try timings.optionalDouble(key), value >= 0 else { return nil }
            return value
        }
        let requestHeaders = try harHeaders(requestValue["headers"])
        let handshake = Handshake(
            url: url,
            protocolKind: protocolKind,
            request: RequestHead(
                method: try request.optionalString("method") ?? "GET",
                target: target(of: url),
                headers: requestHeaders,
                body: try postData(requestValue["postData"])
            ),
            response: responseHead,
            subprotocol: responseHead.headers.first("Sec-WebSocket-Protocol"),
            extensions: responseHead.headers.values(for: "Sec-WebSocket-Extensions").flatMap {
                $0.split(separator: ",").compactMap { $0.split(separator: ";").first }.map {
                    $0.trimmingSpaces()
                }
            },
            timings: ConnectionTimings(
                dnsMilliseconds: try phase("dns"),
                connectMilliseconds: try phase("connect"),
                tlsMilliseconds: try phase("ssl"),
                handshakeMilliseconds: try phase("wait")
            )
        )
        events.append(StreamEvent(timestamp: start, connectionID: id, kind: .open(handshake)))
        switch protocolKind {
        case .websocket:
            events += try webSocketMessages(entry["_webSocketMessages"], id: id)
        case .sse:
            if let messages = entry["_eventSourceMessages"] {
                events += try eventSourceMessages(messages, id: id)
            } else {
                events += try eventStreamBody(responseValue["content"], start: start, id: id)
            }
        }
        return events
    }

    private static func webSocketMessages(
        _ value: JSONValue?,
        id: Int
    ) throws(StreamEventDecoder.Problem) -> [StreamEvent] {
        var events: [StreamEvent] = []
        for (index, item) in (value?.arrayValue ?? []).enumerated() {
            let fields = JSONFields(value: item)
            let place = "_webSocketMessages[\(index)]"
            guard let timestamp = Timestamp(secondsSinceEpoch: try fields.double("time")) else {
                throw StreamEventDecoder.Problem(description: "\(place): \"time\" is out of range")
            }
            let direction: Direction
            switch try fields.string("type") {
            case "send": direction = .outgoing
            case "receive": direction = .incoming
            default: throw StreamEventDecoder.Problem(description: "\(place): \"type\" must be send or receive")
            }
            let data = try fields.string("data")
            let message: Message
            switch try fields.int("opcode") {
            case 1:
                message = Message(direction: direction, opcode: .text, payload: Array(data.utf8))
            case 2:
                guard let bytes = Base64.decode(data) else {
                    throw StreamEventDecoder.Problem(description: "\(place): binary \"data\" is not Base64")
                }
                message = Message(direction: direction, opcode: .binary, payload: bytes)
            default:
                continue
            }
            events.append(StreamEvent(timestamp: timestamp, connectionID: id, kind: .message(message)))
        }
        return events
    }

    private static func eventSourceMessages(
        _ value: JSONValue,
        id: Int
    ) throws(StreamEventDecoder.Problem) -> [StreamEvent] {
        var events: [StreamEvent] = []
        for (index, item) in (value.arrayValue ?? []).enumerated() {
            let fields = JSONFields(value: item)
            guard let timestamp = Timestamp(secondsSinceEpoch: try fields.double("time")) else {
                throw StreamEventDecoder.Problem(
                    description: "_eventSourceMessages[\(index)]: \"time\" is out of range"
                )
            }
            let event = SSEEvent(
                type: try fields.optionalString("eventName") ?? "message",
                data: try fields.string("data"),
                lastEventID: try fields.optionalString("eventId") ?? ""
            )
            events.append(StreamEvent(timestamp: timestamp, connectionID: id, kind: .event(event)))
        }
        return events
    }

    /// A saved `text/event-stream` body, parsed as the stream it was (its
    /// events all carry the entry's start time: the body has no times).
    private static func eventStreamBody(
        _ content: JSONValue?,
        start: Timestamp,
        id: Int
    ) throws(StreamEventDecoder.Problem) -> [StreamEvent] {
        guard let content, let text = try JSONFields(value: content).optionalString("text") else { return [] }
        var body = Array(text.utf8)
        if content["encoding"]?.stringValue == "base64" {
            guard let decoded = Base64.decode(text) else {
                throw StreamEventDecoder.Problem(description: "content.text is marked base64 but is not")
            }
            body = decoded
        }
        var parser = SSEParser()
        return parser.feed(body).compactMap { output in
            switch output {
            case .event(let event): StreamEvent(timestamp: start, connectionID: id, kind: .event(event))
            case .retry(let milliseconds):
                StreamEvent(timestamp: start, connectionID: id, kind: .retry(milliseconds: milliseconds))
            case .comment, .error: nil
            }
        }
    }

    /// HAR headers: an array of `{"name": ..., "value": ...}`. HTTP/2
    /// pseudo-headers (`:authority`) are left out.
    private static func harHeaders(_ value: JSONValue?) throws(StreamEventDecoder.Problem) -> HeaderFields {
        var headers = HeaderFields()
        for item in value?.arrayValue ?? [] {
            guard let name = item["name"]?.stringValue, let fieldValue = item["value"]?.stringValue else {
                throw StreamEventDecoder.Problem(description: "a header needs a string name and value")
            }
            if name.hasPrefix(":") { continue }
            headers.append(name: name, value: fieldValue)
        }
        return headers
    }

    /// A request body from HAR's `postData` (its `text`, Base64 when
    /// `encoding` says so), if there is one.
    private static func postData(_ value: JSONValue?) throws(StreamEventDecoder.Problem) -> [UInt8]? {
        guard let value, value.isObject, let text = value["text"]?.stringValue else { return nil }
        guard value["encoding"]?.stringValue == "base64" else { return Array(text.utf8) }
        guard let decoded = Base64.decode(text) else {
            throw StreamEventDecoder.Problem(description: "\"postData\" says Base64 but its text is not")
        }
        return decoded
    }

    /// The path and query of an absolute URL.
    static func target(of url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
        let target = String(rest[slash...].prefix { $0 != "#" })
        return target.hasPrefix("?") ? "/" + target : target
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
