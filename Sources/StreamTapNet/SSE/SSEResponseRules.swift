import StreamTapCore

/// What a response to an event-stream request means, by the HTML
/// Standard's rules for `EventSource` (and fetch's for redirects).
enum SSEResponseVerdict: Sendable, Equatable {
    /// `200` with `Content-Type: text/event-stream`: read the stream.
    case stream
    /// `204 No Content`: the server asks the client to stop for good.
    case noContent
    /// A redirect to follow, to this `Location` (possibly relative).
    case redirect(location: String)
    /// Anything else fails the connection, for this reason.
    case refused(String)
}

/// Classifies the head of the response to an event-stream request.
enum SSEResponseRules {
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    static func verdict(for response: ResponseHead) -> SSEResponseVerdict {
        let status = "\(response.status) \(response.reason)"
        switch response.status {
        case 200:
            guard let contentType = response.headers.first("Content-Type") else {
                return .refused(
                    "the server answered \(status) without a Content-Type; an event stream needs text/event-stream"
                )
            }
            guard isEventStream(contentType) else {
                return .refused(
                    "the server answered \(status) with Content-Type '\(contentType)' instead of text/event-stream"
                        + " (is this an SSE endpoint?)"
                )
            }
            return .stream
        case 204:
            return .noContent
        case let code where redirectStatuses.contains(code):
            guard let location = response.headers.first("Location"), !location.isEmpty else {
                return .refused("the server answered \(status), a redirect without a Location header")
            }
            return .redirect(location: location)
        default:
            return .refused("the server answered \(status)\(explanation(for: response.status))")
        }
    }

    /// Whether a `Content-Type` value names `text/event-stream`, with any
    /// parameters (`; charset=utf-8`) and in any case.
    static func isEventStream(_ contentType: String) -> Bool {
        let essence = contentType.prefix { $0 != ";" }.lowercased()
        return essence.split(whereSeparator: { $0 == " " || $0 == "\t" }) == ["text/event-stream"]
    }

    private static func explanation(for status: Int) -> String {
        switch status {
        case 401: ": authentication required (add credentials with -H 'Authorization: ...')"
        case 403: ": forbidden (check the credentials)"
        case 404: ": no such path on this server"
        case 405: ": the method is not allowed here (try --method)"
        case 406: ": it cannot serve text/event-stream here"
        case 500...599: ": a server error"
        default: ""
        }
    }
}
