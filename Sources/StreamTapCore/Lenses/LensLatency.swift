/// How lenses report the time between a request and its answer (a
/// Socket.IO ack, a JSON-RPC response): the `latencyMs` field and the
/// words in the row.
enum LensLatency {
    /// The `latencyMs` field: milliseconds to the microsecond.
    static func field(_ milliseconds: Double) -> (key: String, value: JSONValue) {
        ("latencyMs", .number((milliseconds * 1000).rounded() / 1000))
    }

    /// `2.5 ms` below 10 ms, `42 ms` above.
    static func text(_ milliseconds: Double) -> String {
        milliseconds < 10 ? "\((milliseconds * 10).rounded() / 10) ms" : "\(Int(milliseconds.rounded())) ms"
    }
}
