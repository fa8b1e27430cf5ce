/// Reads one object of the JSONL event contract (as ``JSONLEncoder``
/// writes it) back into a ``StreamEvent``.
///
/// Unknown fields are ignored, as the contract asks of consumers. The
/// `reason` of an error's HTTP response is not in the contract and reads
/// back empty.
public enum StreamEventDecoder {
    /// A line that is JSON but not a contract event.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The event, or `nil` for a `kind` this version does not know (newer
    /// recordings may add kinds; they are skipped).
    public static func decode(_ value: JSONValue) throws(Problem) -> StreamEvent? {
        guard value.isObject else { throw Problem(description: "expected a JSON object") }
        let fields = JSONFields(value: value)
        let kindName = try fields.string("kind")
        guard let timestamp = Timestamp(rfc3339: try fields.string("ts")) else {
            throw Problem(description: "\"ts\" is not an RFC 3339 time")
        }
        let connection = try fields.optionalInt("conn") ?? 0
        guard let kind = try decodeKind(kindName, fields) else { return nil }
        return StreamEvent(timestamp: timestamp, connectionID: connection, kind: kind)
    }

    private static func decodeKind(_ name: String, _ fields: JSONFields) throws(Problem) -> StreamEvent.Kind? {
        switch name {
        case "connecting":
            return .connecting(url: try fields.string("url"), attempt: try fields.int("attempt"))
        case "open":
            return .open(try decodeHandshake(fields))
        case "frame":
            return .frame(try decodeFrame(fields))
        case "message":
            var message = Message(
                direction: try fields.direction(),
                opcode: try fields.opcode(),
                payload: try fields.payload(),
                wireLength: try fields.optionalInt("wireLength"),
                compressed: try fields.optionalBool("compressed") ?? false
            )
            message.lens = try decodeLens(fields)
            return .message(message)
        case "event":
            var event = SSEEvent(
                type: try fields.string("type"),
                data: try fields.string("data"),
                lastEventID: try fields.optionalString("lastEventId") ?? ""
            )
            event.lens = try decodeLens(fields)
            return .event(event)
        case "retry":
            return .retry(milliseconds: try fields.int("ms"))
        case "close":
            return .close(try decodeClose(fields))
        case "reconnect":
            return .reconnect(
                attempt: try fields.int("attempt"),
                delayMilliseconds: try fields.int("delayMs"),
                reason: try fields.optionalString("reason") ?? ""
            )
        case "error":
            return .error(try decodeError(fields))
        case "latency":
            return .latency(milliseconds: try fields.double("ms"))
        case "chunk":
            return .chunk(length: try fields.int("length"), events: try fields.int("events"))
        case "comment":
            return .comment(try fields.string("text"))
        default:
            return nil
        }
    }

    private static func decodeHandshake(_ fields: JSONFields) throws(Problem) -> Handshake {
        guard let protocolKind = StreamProtocol(rawValue: try fields.string("protocol")) else {
            throw Problem(description: "\"protocol\" must be websocket or sse")
        }
        guard let requestValue = fields.value["request"], requestValue.isObject else {
            throw Problem(description: "\"request\" must be an object")
        }
        let request = JSONFields(value: requestValue)
        var extensions: [String] = []
        for item in fields.value["extensions"]?.arrayValue ?? [] {
            guard let name = item.stringValue else { throw Problem(description: "\"extensions\" must hold strings") }
            extensions.append(name)
        }
        let timingsValue = fields.value["timings"] ?? .object([])
        let timings = JSONFields(value: timingsValue)
        var tls: TLSDetails?
        if let tlsValue = fields.value["tls"], tlsValue.isObject {
            let tlsFields = JSONFields(value: tlsValue)
            tls = TLSDetails(
                protocolVersion: try tlsFields.string("version"),
                cipher: try tlsFields.string("cipher"),
                peerSubject: try tlsFields.optionalString("subject"),
                peerIssuer: try tlsFields.optionalString("issuer"),
                peerNotAfter: try tlsFields.optionalString("notAfter")
            )
        }
        return Handshake(
            url: try fields.string("url"),
            protocolKind: protocolKind,
            request: RequestHead(
                method: try request.string("method"),
                target: try request.string("target"),
                headers: try request.headers("headers"),
                body: try body(in: request)
            ),
            response: ResponseHead(
                status: try fields.int("status"),
                reason: try fields.optionalString("reason") ?? "",
                headers: try fields.headers("headers")
            ),
            subprotocol: try fields.optionalString("subprotocol"),
            extensions: extensions,
            timings: ConnectionTimings(
                dnsMilliseconds: try timings.optionalDouble("dnsMs"),
                connectMilliseconds: try timings.optionalDouble("connectMs"),
                proxyMilliseconds: try timings.optionalDouble("proxyMs"),
                tlsMilliseconds: try timings.optionalDouble("tlsMs"),
                handshakeMilliseconds: try timings.optionalDouble("handshakeMs")
            ),
            tls: tls
        )
    }

    private static func decodeFrame(_ fields: JSONFields) throws(Problem) -> FrameInfo {
        var maskingKey: [UInt8]?
        if let hex = try fields.optionalString("maskingKey") {
            guard let key = Hex.decode(hex), key.count == 4 else {
                throw Problem(description: "\"maskingKey\" must be four bytes in hex")
            }
            maskingKey = key
        }
        let payload = try fields.payload()
        return FrameInfo(
            direction: try fields.direction(),
            opcode: try fields.opcode(),
            fin: try fields.optionalBool("fin") ?? true,
            rsv1: try fields.optionalBool("rsv1") ?? false,
            rsv2: try fields.optionalBool("rsv2") ?? false,
            rsv3: try fields.optionalBool("rsv3") ?? false,
            maskingKey: maskingKey,
            payload: payload,
            length: try fields.optionalInt("length") ?? payload.count
        )
    }

    private static func decodeClose(_ fields: JSONFields) throws(Problem) -> CloseInfo {
        guard let initiator = CloseInitiator(rawValue: try fields.string("initiator")) else {
            throw Problem(description: "\"initiator\" must be server or client")
        }
        var stats: StreamStats?
        if let duration = try fields.optionalDouble("durationMs") {
            stats = StreamStats(
                timeToFirstByteMilliseconds: try fields.optionalDouble("ttfbMs"),
                timeToFirstEventMilliseconds: try fields.optionalDouble("firstEventMs"),
                wireBytes: try fields.optionalInt("wireBytes") ?? 0,
                decodedBytes: try fields.optionalInt("decodedBytes") ?? 0,
                payloadBytes: try fields.optionalInt("payloadBytes") ?? 0,
                events: try fields.optionalInt("events") ?? 0,
                durationMilliseconds: duration
            )
        }
        return CloseInfo(
            code: try fields.int("code"),
            reason: try fields.optionalString("reason") ?? "",
            initiator: initiator,
            stats: stats,
            lens: try decodeLens(fields)
        )
    }

    /// The `lens` object of a message or close, as ``JSONLEncoder`` writes it.
    private static func decodeLens(_ fields: JSONFields) throws(Problem) -> LensDecoding? {
        guard let value = fields.value["lens"] else { return nil }
        guard case .object(let members) = value else { throw Problem(description: "\"lens\" must be an object") }
        let lens = JSONFields(value: value)
        let named: Set<String> = ["protocol", "type", "auto", "problem", "summary"]
        return LensDecoding(
            protocolName: try lens.string("protocol"),
            type: try lens.string("type"),
            fields: members.filter { !named.contains($0.key) },
            summary: try lens.optionalString("summary") ?? "",
            automatic: try lens.optionalBool("auto") ?? false,
            problem: try lens.optionalString("problem")
        )
    }

    private static func decodeError(_ fields: JSONFields) throws(Problem) -> ErrorInfo {
        var response: ResponseHead?
        if let status = try fields.optionalInt("status") {
            response = ResponseHead(
                status: status,
                reason: try fields.optionalString("reason") ?? "",
                headers: fields.value["headers"] == nil ? [] : try fields.headers("headers"),
                body: try body(in: fields)
            )
        }
        return ErrorInfo(message: try fields.string("message"), response: response)
    }

    /// An HTTP body written as `body` (text) or `bodyBase64`, if any.
    private static func body(in fields: JSONFields) throws(Problem) -> [UInt8]? {
        if let text = try fields.optionalString("body") {
            return Array(text.utf8)
        }
        guard let encoded = try fields.optionalString("bodyBase64") else { return nil }
        guard let decoded = Base64.decode(encoded) else {
            throw Problem(description: "\"bodyBase64\" is not Base64")
        }
        return decoded
    }
}
