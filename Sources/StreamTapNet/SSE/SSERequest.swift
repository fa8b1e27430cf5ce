import NIOHTTP1
import StreamTapCore

/// Builds the request that opens an event stream: the same HTTP/1.1 request
/// a WebSocket starts with, asking for `text/event-stream` instead of an
/// upgrade.
///
/// Defaults come first (`Host`, `Accept`, `Cache-Control`, `Last-Event-ID`,
/// `User-Agent`), then the user's headers in their order; a user's header
/// replaces the default of the same name. Two exceptions keep the request
/// honest: the body's framing (`Content-Length`) is always computed, and
/// once the stream has set a last event ID, that ID is sent as
/// `Last-Event-ID` whatever `-H` said (a `-H 'Last-Event-ID: …'` only
/// seeds the first request). The response decompressor adds
/// `Accept-Encoding` after this; the head is recorded as it leaves.
enum SSERequest {
    /// The methods whose requests carry a body even when it is empty.
    private static let methodsWithBody: Set<String> = ["POST", "PUT", "PATCH"]
    private static let framingHeaders: Set<String> = ["content-length", "transfer-encoding"]

    static func make(target: SSERequestTarget, userAgent: String, lastEventID: String) -> HTTPRequestHead {
        let custom = target.headers
        var headers = HTTPHeaders()
        func addUnlessCustom(_ name: String, _ value: String) {
            if custom.first(name) == nil { headers.add(name: name, value: value) }
        }
        addUnlessCustom("Host", target.endpoint.hostHeader)
        addUnlessCustom("Accept", "text/event-stream")
        addUnlessCustom("Cache-Control", "no-cache")
        if !lastEventID.isEmpty {
            headers.add(name: "Last-Event-ID", value: lastEventID)
        }
        addUnlessCustom("User-Agent", userAgent)
        for field in custom.fields {
            let name = field.name.lowercased()
            if framingHeaders.contains(name) || (name == "last-event-id" && !lastEventID.isEmpty) { continue }
            headers.add(name: field.name, value: field.value)
        }
        if let body = target.body {
            addUnlessCustom("Content-Type", "application/json")
            headers.add(name: "Content-Length", value: String(body.count))
        } else if methodsWithBody.contains(target.method.uppercased()) {
            headers.add(name: "Content-Length", value: "0")
        }
        return HTTPRequestHead(
            version: .http1_1,
            method: HTTPMethod(rawValue: target.method),
            uri: target.endpoint.target,
            headers: headers
        )
    }
}
