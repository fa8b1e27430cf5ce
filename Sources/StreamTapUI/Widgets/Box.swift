import StreamTapTerminal

/// A frame of box-drawing lines around an area, with a title in its top
/// edge and a footer in its bottom edge.
enum Box {
    /// Draws the border of `frame` (which needs at least 2x2 cells) and
    /// blanks its inside.
    static func draw(
        into buffer: inout CellBuffer,
        frame: Rect,
        style: Style,
        title: StyledLine? = nil,
        footer: StyledLine? = nil
    ) {
        guard frame.width >= 2, frame.height >= 2 else { return }
        buffer.fill(frame, with: .blank())
        let horizontal = String(repeating: "\u{2500}", count: frame.width - 2)
        buffer.write("\u{250C}" + horizontal + "\u{2510}", x: frame.x, y: frame.y, style: style, clip: frame)
        buffer.write("\u{2514}" + horizontal + "\u{2518}", x: frame.x, y: frame.maxY - 1, style: style, clip: frame)
        for y in (frame.y + 1)..<(frame.maxY - 1) {
            buffer.write("\u{2502}", x: frame.x, y: y, style: style, clip: frame)
            buffer.write("\u{2502}", x: frame.maxX - 1, y: y, style: style, clip: frame)
        }
        let edge = Rect(x: frame.x + 1, y: frame.y, width: frame.width - 2, height: frame.height)
        if let title {
            title.draw(into: &buffer, x: frame.x + 1, y: frame.y, width: frame.width - 2, clip: edge)
        }
        if let footer {
            footer.draw(into: &buffer, x: frame.x + 1, y: frame.maxY - 1, width: frame.width - 2, clip: edge)
        }
    }
}
