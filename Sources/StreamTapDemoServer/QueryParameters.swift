import StreamTapCore

/// The query string of a request target, decoded, with typed and bounded
/// accessors that explain in words what is wrong with a bad value.
struct QueryParameters {
    private var values: [String: String]

    /// Splits `query` (without the `?`) into names and values, undoing
    /// percent-encoding and `+` for space. A repeated name is an error.
    init(query: Substring) throws(RouteFailure) {
        values = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.percentDecoded(parts[0]), !name.isEmpty else {
                throw .badRequest("a query parameter name is not valid percent-encoded UTF-8")
            }
            guard let value = Self.percentDecoded(parts.count > 1 ? parts[1] : "") else {
                throw .badRequest("the value of '\(name)' is not valid percent-encoded UTF-8")
            }
            guard values[name] == nil else {
                throw .badRequest("the parameter '\(name)' is given more than once")
            }
            values[name] = value
        }
    }

    /// Fails when a parameter other than `allowed` is present, so a typo
    /// such as `intervall=5` is reported instead of silently ignored.
    func allowOnly(_ allowed: Set<String>) throws(RouteFailure) {
        for name in values.keys.sorted() where !allowed.contains(name) {
            let list = allowed.sorted().joined(separator: ", ")
            throw .badRequest(
                allowed.isEmpty
                    ? "this route takes no parameters, got '\(name)'"
                    : "unknown parameter '\(name)' (this route takes \(list))"
            )
        }
    }

    /// The integer parameter `name` within `range`, or `fallback` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(RouteFailure) -> Int {
        try optionalInteger(name, in: range) ?? fallback
    }

    /// The integer parameter `name` within `range`, or `nil` when absent.
    func optionalInteger(_ name: String, in range: ClosedRange<Int>) throws(RouteFailure) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text), range.contains(value), text.allSatisfy(\.isASCII) else {
            throw .badRequest(
                "'\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'"
            )
        }
        return value
    }

    /// The text parameter `name`, at most `maxBytes` bytes of UTF-8.
    func text(_ name: String, maxBytes: Int, default fallback: String) throws(RouteFailure) -> String {
        guard let value = values[name] else { return fallback }
        guard value.utf8.count <= maxBytes else {
            throw .badRequest("'\(name)' must be at most \(maxBytes) bytes of UTF-8, got \(value.utf8.count)")
        }
        return value
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        try? PercentEncoding.decode(text, plusAsSpace: true).get()
    }
}
