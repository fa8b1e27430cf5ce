import StreamTapTerminal

/// One line of text made of runs in different styles, as views and
/// documents (inspector, handshake, help) hold it before drawing.
///
/// The text is untrusted until drawn: `draw` goes through `CellBuffer.write`,
/// which sanitizes it.
public struct StyledLine: Sendable, Equatable {
    /// A run of text in one style.
    public struct Span: Sendable, Equatable {
        public var text: String
        public var style: Style

        public init(_ text: String, _ style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans
    }

    /// A line of one span.
    public init(_ text: String, _ style: Style = .plain) {
        self.spans = [Span(text, style)]
    }

    /// Appends a span.
    public mutating func append(_ text: String, _ style: Style = .plain) {
        spans.append(Span(text, style))
    }

    /// The text without styles.
    public var text: String { spans.reduce(into: "") { $0 += $1.text } }

    /// Draws the line on row `y` from column `x`, at most `width` columns,
    /// inside `clip`. Returns the columns used.
    @discardableResult
    public func draw(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, clip: Rect) -> Int {
        var used = 0
        for span in spans where used < width {
            used += buffer.write(span.text, x: x + used, y: y, style: span.style, maxWidth: width - used, clip: clip)
        }
        return used
    }
}
