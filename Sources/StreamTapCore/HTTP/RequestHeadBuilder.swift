/// Builds the request both protocols start with: one HTTP/1.1 request, whose
/// protocol fields ask for an upgrade (WebSocket) or an event stream (SSE).
///
/// The fields come in this order: `Host`; the protocol's fields; a
/// `Last-Event-ID` when there is one to resume from; `User-Agent`; the
/// user's headers in their order; the body's `Content-Type` and
/// `Content-Length`. A user's header replaces a default of the same name
/// (`Host`, `User-Agent`, `Content-Type` and the protocol's replaceable
/// fields) and is otherwise sent as well. Two things keep the request
/// honest: the body's framing is always computed (a user's
/// `Content-Length` or `Transfer-Encoding` is not sent), and an event
/// stream's `Last-Event-ID` is the connection's state, never a user's
/// header.
public enum RequestHeadBuilder {
    /// One field a protocol adds to the request.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        /// Whether a user's header of the same name takes its place.
        public var replaceable: Bool

        public init(_ name: String, _ value: String, replaceable: Bool) {
            self.name = name
            self.value = value
            self.replaceable = replaceable
        }
    }

    /// The methods whose requests carry a body even when it is empty.
    private static let methodsWithBody: Set<String> = ["POST", "PUT", "PATCH"]
    /// Fields the builder computes, never taken from the user.
    private static let framingFields: Set<String> = ["content-length", "transfer-encoding"]

    /// The request for `target`, exactly as it is to be sent (body included).
    ///
    /// - Parameter lastEventID: an event stream's last event ID (empty:
    ///   none yet), which the request sends as `Last-Event-ID`; `nil` for a
    ///   request that is not for an event stream.
    public static func head(
        for target: HTTPRequestTarget,
        protocolFields: [Field],
        lastEventID: String? = nil,
        userAgent: String
    ) -> RequestHead {
        var owned = framingFields
        if lastEventID != nil { owned.insert("last-event-id") }
        let custom = target.headers
        var fields = HeaderFields()
        func addUnlessCustom(_ name: String, _ value: String) {
            if custom.first(name) == nil { fields.append(name: name, value: value) }
        }
        addUnlessCustom("Host", target.endpoint.hostHeader)
        for field in protocolFields {
            if field.replaceable {
                addUnlessCustom(field.name, field.value)
            } else {
                fields.append(name: field.name, value: field.value)
            }
        }
        if let lastEventID, !lastEventID.isEmpty {
            fields.append(name: "Last-Event-ID", value: lastEventID)
        }
        addUnlessCustom("User-Agent", userAgent)
        for field in custom.fields where !owned.contains(field.name.lowercased()) {
            fields.append(name: field.name, value: field.value)
        }
        if let body = target.body {
            addUnlessCustom("Content-Type", "application/json")
            fields.append(name: "Content-Length", value: String(body.count))
        } else if methodsWithBody.contains(target.method.uppercased()) {
            fields.append(name: "Content-Length", value: "0")
        }
        return RequestHead(method: target.method, target: target.endpoint.target, headers: fields, body: target.body)
    }

    /// The fields of a WebSocket opening handshake (RFC 6455 §4.1).
    public static func webSocketFields(
        key: String,
        subprotocols: [String],
        deflateOffer: PerMessageDeflate.Offer?,
        origin: String?
    ) -> [Field] {
        var fields = [
            Field("Upgrade", "websocket", replaceable: false),
            Field("Connection", "Upgrade", replaceable: false),
            Field("Sec-WebSocket-Key", key, replaceable: false),
            Field("Sec-WebSocket-Version", "13", replaceable: false),
        ]
        if !subprotocols.isEmpty {
            fields.append(Field("Sec-WebSocket-Protocol", subprotocols.joined(separator: ", "), replaceable: false))
        }
        if let deflateOffer {
            fields.append(Field("Sec-WebSocket-Extensions", deflateOffer.headerValue, replaceable: false))
        }
        if let origin {
            fields.append(Field("Origin", origin, replaceable: true))
        }
        return fields
    }

    /// The fields of a request for an event stream.
    public static let eventStreamFields = [
        Field("Accept", "text/event-stream", replaceable: true),
        Field("Cache-Control", "no-cache", replaceable: true),
    ]
}
