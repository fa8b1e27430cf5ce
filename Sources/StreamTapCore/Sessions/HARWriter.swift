/// Writes a session as HAR 1.2 in the shape Chrome DevTools exports: one
/// entry per connection, the handshake as its request and response,
/// WebSocket messages in `_webSocketMessages` (`type` `send`/`receive`,
/// `time` in seconds since the epoch, `opcode` 1 or 2, binary `data` in
/// Base64) and Server-Sent Events in `_eventSourceMessages` (`time`,
/// `eventName`, `eventId`, `data`).
public enum HARWriter {
    /// The HAR text for `events` (pass them through ``Redaction`` first to
    /// hide secrets).
    public static func write(_ events: [StreamEvent], creatorVersion: String) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 4096)
        writer.beginObject()
        writer.key("log")
        writer.beginObject()
        writer.key("version")
        writer.string("1.2")
        writer.key("creator")
        writer.beginObject()
        writer.key("name")
        writer.string("streamtap")
        writer.key("version")
        writer.string(creatorVersion)
        writer.endObject()
        writer.key("pages")
        writer.beginArray()
        writer.endArray()
        writer.key("entries")
        writer.beginArray()
        for connection in ConnectionHistory.group(events) {
            writeEntry(connection, into: &writer)
        }
        writer.endArray()
        writer.endObject()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }

    private static func writeEntry(_ connection: ConnectionHistory, into writer: inout JSONWriter) {
        let handshake = connection.handshake
        let url = handshake?.url ?? connection.url
        writer.beginObject()
        writer.key("_resourceType")
        writer.string(connection.protocolKind == .sse ? "eventsource" : "websocket")
        writer.key("startedDateTime")
        writer.timestamp(connection.start)
        writer.key("time")
        writer.milliseconds(connection.end.milliseconds(since: connection.start))
        writer.key("request")
        writer.beginObject()
        writer.key("method")
        writer.string(handshake?.request.method ?? "GET")
        writer.key("url")
        writer.string(url)
        writer.key("httpVersion")
        writer.string("HTTP/1.1")
        writer.key("headers")
        writeHeaders(handshake?.request.headers ?? [], into: &writer)
        writer.key("queryString")
        writer.beginArray()
        for (name, value) in QueryString.parameters(of: url) {
            writer.beginObject()
            writer.key("name")
            writer.string(name)
            writer.key("value")
            writer.string(value)
            writer.endObject()
        }
        writer.endArray()
        writer.key("cookies")
        writer.beginArray()
        writer.endArray()
        writer.key("headersSize")
        writer.int(-1)
        writer.key("bodySize")
        writer.int(handshake?.request.body?.count ?? 0)
        if let request = handshake?.request, let body = request.body {
            writePostData(body, mimeType: request.headers.first("Content-Type"), into: &writer)
        }
        writer.endObject()
        writeResponse(connection, into: &writer)
        writer.key("cache")
        writer.beginObject()
        writer.endObject()
        writeTimings(handshake?.timings ?? ConnectionTimings(), into: &writer)
        switch connection.protocolKind {
        case .websocket: writeWebSocketMessages(connection.events, into: &writer)
        case .sse: writeEventSourceMessages(connection.events, into: &writer)
        }
        writer.endObject()
    }

    private static func writeResponse(_ connection: ConnectionHistory, into writer: inout JSONWriter) {
        let response = connection.handshake?.response ?? connection.failure?.response
        writer.key("response")
        writer.beginObject()
        writer.key("status")
        writer.int(response?.status ?? 0)
        writer.key("statusText")
        writer.string(response?.reason ?? "")
        writer.key("httpVersion")
        writer.string("HTTP/1.1")
        writer.key("headers")
        writeHeaders(response?.headers ?? [], into: &writer)
        writer.key("cookies")
        writer.beginArray()
        writer.endArray()
        writer.key("content")
        writer.beginObject()
        writer.key("size")
        writer.int(response?.body?.count ?? 0)
        writer.key("mimeType")
        writer.string(response?.headers.first("Content-Type") ?? "x-unknown")
        if let body = response?.body, UTF8Validator.isValid(body) {
            writer.key("text")
            writer.string(utf8: body)
        }
        writer.endObject()
        writer.key("redirectURL")
        writer.string("")
        writer.key("headersSize")
        writer.int(-1)
        writer.key("bodySize")
        writer.int(-1)
        if let failure = connection.failure {
            writer.key("_error")
            writer.string(failure.message)
        }
        writer.endObject()
    }

    private static func writeTimings(_ timings: ConnectionTimings, into writer: inout JSONWriter) {
        writer.key("timings")
        writer.beginObject()
        let connect = (timings.connectMilliseconds ?? 0) + (timings.tlsMilliseconds ?? 0)
        for (key, value) in [
            ("blocked", timings.proxyMilliseconds), ("dns", timings.dnsMilliseconds),
            ("connect", timings.connectMilliseconds == nil ? nil : connect), ("ssl", timings.tlsMilliseconds),
            ("send", 0), ("wait", timings.handshakeMilliseconds), ("receive", 0),
        ] {
            writer.key(key)
            if let value { writer.milliseconds(value) } else { writer.int(-1) }
        }
        writer.endObject()
    }

    private static func writeWebSocketMessages(_ events: [StreamEvent], into writer: inout JSONWriter) {
        writer.key("_webSocketMessages")
        writer.beginArray()
        for event in events {
            guard case .message(let message) = event.kind else { continue }
            writer.beginObject()
            writer.key("type")
            writer.string(message.direction == .outgoing ? "send" : "receive")
            writer.key("time")
            writer.milliseconds(event.timestamp.secondsSinceEpoch)
            writer.key("opcode")
            writer.int(message.opcode == .binary ? 2 : 1)
            writer.key("data")
            if message.opcode == .binary || !UTF8Validator.isValid(message.payload) {
                writer.base64(message.payload)
            } else {
                writer.string(utf8: message.payload)
            }
            writer.endObject()
        }
        writer.endArray()
    }

    private static func writeEventSourceMessages(_ events: [StreamEvent], into writer: inout JSONWriter) {
        writer.key("_eventSourceMessages")
        writer.beginArray()
        for event in events {
            guard case .event(let sse) = event.kind else { continue }
            writer.beginObject()
            writer.key("time")
            writer.milliseconds(event.timestamp.secondsSinceEpoch)
            writer.key("eventName")
            writer.string(sse.type)
            writer.key("eventId")
            writer.string(sse.lastEventID)
            writer.key("data")
            writer.string(sse.data)
            writer.endObject()
        }
        writer.endArray()
    }

    /// A request body as HAR's `postData`: text when it is UTF-8, else
    /// Base64 with `encoding` (as Chrome writes binary bodies).
    private static func writePostData(_ body: [UInt8], mimeType: String?, into writer: inout JSONWriter) {
        writer.key("postData")
        writer.beginObject()
        writer.key("mimeType")
        writer.string(mimeType ?? "application/octet-stream")
        writer.key("text")
        if UTF8Validator.isValid(body) {
            writer.string(utf8: body)
        } else {
            writer.base64(body)
            writer.key("encoding")
            writer.string("base64")
        }
        writer.endObject()
    }

    private static func writeHeaders(_ headers: HeaderFields, into writer: inout JSONWriter) {
        writer.beginArray()
        for field in headers.fields {
            writer.beginObject()
            writer.key("name")
            writer.string(field.name)
            writer.key("value")
            writer.string(field.value)
            writer.endObject()
        }
        writer.endArray()
    }
}
