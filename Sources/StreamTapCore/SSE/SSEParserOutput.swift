extension SSEParser {
    /// What the parser reports while reading a stream, in stream order.
    public enum Output: Sendable, Equatable {
        /// A dispatched event: a blank line ended a block that had data.
        case event(SSEEvent)
        /// A comment line (one starting with `:`), with the text after the
        /// colon exactly as sent; servers send them as keep-alives.
        case comment(String)
        /// A valid `retry` field: the server set the reconnection time, in
        /// milliseconds.
        case retry(milliseconds: Int)
        /// The stream broke the parser's size limit. The event it happened
        /// in was discarded; parsing goes on after its blank line.
        case error(String)
    }
}
