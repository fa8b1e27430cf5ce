/// Writes Server-Sent Events fields as the HTML Standard's
/// `text/event-stream` format spells them: one `field: value` line each,
/// a blank line to dispatch.
enum SSEWireFormat {
    /// An event with optional `event:` and `id:` fields; each line of
    /// `data` becomes its own `data:` line.
    static func event(type: String? = nil, id: String? = nil, data: String) -> String {
        var text = ""
        if let type { text += "event: \(singleLine(type))\n" }
        if let id { text += "id: \(singleLine(id))\n" }
        for line in lines(of: data) {
            text += "data: \(line)\n"
        }
        return text + "\n"
    }

    /// A `retry:` field, which sets the client's reconnection delay.
    static func retry(milliseconds: Int) -> String {
        "retry: \(milliseconds)\n\n"
    }

    /// A comment line, which clients ignore (useful as a keep-alive).
    static func comment(_ text: String) -> String {
        lines(of: text).map { ": \($0)\n" }.joined()
    }

    /// Splits on CR LF, CR or LF, as an event-stream parser would.
    private static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    /// Field values other than data cannot span lines: line breaks become spaces.
    private static func singleLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
