/// HTTP header fields in the order they were sent or received, names as
/// written on the wire. Lookups are case-insensitive.
public struct HeaderFields: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The fields, in wire order.
    public var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    public init(arrayLiteral elements: (String, String)...) {
        self.fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// Every value of the field `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The first value of the field `name`.
    public func first(_ name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    public mutating func append(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    public static func == (lhs: HeaderFields, rhs: HeaderFields) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    var approximateSize: Int {
        fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 16 }
    }
}

/// The request line, headers and body of an HTTP request exactly as sent.
public struct RequestHead: Sendable, Equatable {
    public var method: String
    /// The request target (path and query, or an absolute URL through a proxy).
    public var target: String
    public var headers: HeaderFields
    /// The request body (`nil`: none was sent).
    public var body: [UInt8]?

    public init(method: String, target: String, headers: HeaderFields, body: [UInt8]? = nil) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }
}

/// The status line, headers and (start of the) body of an HTTP response.
public struct ResponseHead: Sendable, Equatable {
    public var status: Int
    public var reason: String
    public var headers: HeaderFields
    /// The body when it explains something (a refused upgrade, a failed SSE
    /// request): at most the first 64 KiB.
    public var body: [UInt8]?

    public init(status: Int, reason: String, headers: HeaderFields, body: [UInt8]? = nil) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    var approximateSize: Int {
        reason.utf8.count + headers.approximateSize + (body?.count ?? 0)
    }
}
