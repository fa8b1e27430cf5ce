/// What a stream's request expects of the response.
public enum HTTPExchangeExpectation: Sendable, Equatable {
    /// A WebSocket opening handshake: `101 Switching Protocols`, checked
    /// against what the request offered (RFC 6455 §4.1, RFC 7692 §5).
    case webSocketUpgrade(key: String, offeredSubprotocols: [String], deflateOffer: PerMessageDeflate.Offer?)
    /// An event stream (the HTML Standard's rules for `EventSource`, fetch's
    /// for redirects). With `acceptsAnswers` (a request that is not a plain
    /// `GET`, such as a JSON-RPC `POST`), `202 Accepted` and a JSON body are
    /// answers too, not refusals.
    case eventStream(acceptsAnswers: Bool)
}

/// What the response to a stream's request means.
public enum HTTPResponseVerdict: Sendable, Equatable {
    /// A valid `101 Switching Protocols`: the connection speaks WebSocket.
    case upgrade(WebSocketHandshakeAgreement)
    /// `200` with `Content-Type: text/event-stream`, or a JSON Lines type:
    /// read the stream.
    case eventStream
    /// A redirect to follow, to this `Location` (possibly relative).
    case redirect(location: String)
    /// `204 No Content`: the server asks the client to stop for good.
    case noContent
    /// A body that answers the request (`202 Accepted`, or JSON to a
    /// `POST`): read it, show it, and the exchange is complete.
    case answer
    /// Anything else fails the attempt, for this reason; `retryable` when a
    /// later attempt may be answered differently (a WebSocket server's
    /// `5xx`). At most ``HTTPResponseRules/maximumKeptBody`` of its body is
    /// kept to show.
    case refused(String, retryable: Bool)
}

/// Classifies the head of the response to a stream's request; one set of
/// rules for both protocols, which start as the same request.
public enum HTTPResponseRules {
    /// The most of a refused response's body that is kept to show.
    public static let maximumKeptBody = 64 * 1024
    public static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    public static func verdict(
        for response: ResponseHead,
        expecting expectation: HTTPExchangeExpectation
    ) -> HTTPResponseVerdict {
        switch expectation {
        case .webSocketUpgrade(let key, let subprotocols, let deflateOffer):
            return upgradeVerdict(response, key: key, subprotocols: subprotocols, deflateOffer: deflateOffer)
        case .eventStream(let acceptsAnswers):
            return eventStreamVerdict(response, acceptsAnswers: acceptsAnswers)
        }
    }

    /// Whether a `Content-Type` value names `text/event-stream`, with any
    /// parameters (`; charset=utf-8`) and in any case.
    public static func isEventStream(_ contentType: String) -> Bool {
        mediaType(contentType) == "text/event-stream"
    }

    /// Whether a `Content-Type` value names a stream of JSON lines
    /// (`application/x-ndjson`, `application/jsonl`, ...), read one event a
    /// line.
    public static func isJSONLines(_ contentType: String) -> Bool {
        [
            "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
            "application/jsonlines",
        ].contains(mediaType(contentType))
    }

    /// Whether a `Content-Type` value names JSON (`application/json` or a
    /// `+json` type).
    public static func isJSON(_ contentType: String) -> Bool {
        let type = mediaType(contentType)
        return type == "application/json" || type.hasSuffix("+json")
    }

    /// Whether a response carries an event stream, which never ends: a
    /// refusal that is one is reported at once.
    public static func carriesEventStream(_ response: ResponseHead) -> Bool {
        response.headers.first("Content-Type").map(isEventStream) ?? false
    }

    /// The type and subtype, lowercased, without parameters (empty when
    /// the value is not one word).
    private static func mediaType(_ contentType: String) -> String {
        let words = contentType.prefix { $0 != ";" }.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        return words.count == 1 ? String(words[0]) : ""
    }

    // MARK: WebSocket

    private static func upgradeVerdict(
        _ response: ResponseHead,
        key: String,
        subprotocols: [String],
        deflateOffer: PerMessageDeflate.Offer?
    ) -> HTTPResponseVerdict {
        guard response.status == 101 else {
            let why = carriesEventStream(response) ? eventStreamInsteadOfUpgrade : explanation(for: response, .upgrade)
            return .refused(
                "the server refused the WebSocket upgrade with \(response.status) \(response.reason)\(why)",
                retryable: response.status >= 500
            )
        }
        do {
            return .upgrade(
                try WebSocketHandshakeRules.validate(
                    response: response,
                    key: key,
                    offeredSubprotocols: subprotocols,
                    deflateOffer: deflateOffer
                )
            )
        } catch {
            return .refused("invalid WebSocket handshake: \(error.message)", retryable: false)
        }
    }

    private static let eventStreamInsteadOfUpgrade =
        ": it answered with a Server-Sent Events stream (use http:// or https:// to read it)"

    // MARK: Event streams

    private static func eventStreamVerdict(_ response: ResponseHead, acceptsAnswers: Bool) -> HTTPResponseVerdict {
        let status = "\(response.status) \(response.reason)"
        let contentType = response.headers.first("Content-Type")
        let answersWithJSON = acceptsAnswers && (contentType.map(isJSON) ?? false)
        switch response.status {
        case 200 where contentType.map { isEventStream($0) || isJSONLines($0) } ?? false:
            return .eventStream
        case 202:
            return .answer
        case 200 where answersWithJSON, 201 where answersWithJSON:
            return .answer
        case 200:
            guard let contentType else {
                return .refused(
                    "the server answered \(status) without a Content-Type; an event stream needs text/event-stream",
                    retryable: false
                )
            }
            return .refused(
                "the server answered \(status) with Content-Type '\(contentType)' instead of text/event-stream"
                    + " (is this an SSE endpoint?)",
                retryable: false
            )
        case 204:
            return .noContent
        case let code where redirectStatuses.contains(code):
            guard let location = response.headers.first("Location"), !location.isEmpty else {
                return .refused("the server answered \(status), a redirect without a Location header", retryable: false)
            }
            return .redirect(location: location)
        default:
            return .refused(
                "the server answered \(status)\(explanation(for: response, .eventStream))",
                retryable: false
            )
        }
    }

    // MARK: Explanations

    private enum Asked {
        case upgrade
        case eventStream
    }

    /// A few words on what a status means for the request that was made.
    private static func explanation(for response: ResponseHead, _ asked: Asked) -> String {
        switch (response.status, asked) {
        case (200, .upgrade): ": it answered as plain HTTP (is this a WebSocket endpoint?)"
        case (301, .upgrade), (302, .upgrade), (303, .upgrade), (307, .upgrade), (308, .upgrade):
            ": a redirect (WebSocket clients do not follow redirects; use the Location)"
        case (400, _): ": it found the request malformed"
        case (401, _): ": authentication required (add credentials with -H 'Authorization: ...')"
        case (403, .upgrade): ": forbidden (check --origin and credentials)"
        case (403, .eventStream): ": forbidden (check the credentials)"
        case (404, _): ": no such path on this server"
        case (405, .eventStream): ": the method is not allowed here (try --method)"
        case (406, .eventStream): ": it cannot serve text/event-stream here"
        case (426, _): ": it wants a different protocol version"
        case (500...599, _): ": a server error"
        default: ""
        }
    }
}
