import StreamTapTerminal

/// The filter input row: the text being typed with its cursor, whether it
/// is a regular expression, and whether it hides or marks.
enum FilterBarView {
    static func render(_ input: FilterInput, theme: Theme, into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank())
        var x = area.x
        x += buffer.write("/", x: x, y: area.y, style: theme.key, clip: area)
        var flags = input.isRegex ? " regex" : " text"
        flags += input.hidesNonMatching ? " \u{00B7} filter " : " \u{00B7} search "
        let flagsWidth = DisplayWidth.of(flags)
        let fieldWidth = max(1, area.maxX - x - flagsWidth)
        EditorLineView.render(
            input.editor,
            line: 0,
            theme: theme,
            into: &buffer,
            x: x,
            y: area.y,
            width: fieldWidth,
            clip: area
        )
        buffer.write(flags, x: area.maxX - flagsWidth, y: area.y, style: theme.muted, clip: area)
        if let problem = input.problem {
            buffer.write(problem, x: area.x + 2, y: area.y, style: theme.error, clip: area)
        }
    }
}

/// One line of a `TextEditor`, scrolled so the cursor shows, with the
/// cursor drawn in reverse video.
enum EditorLineView {
    static func render(
        _ editor: TextEditor,
        line: Int,
        theme: Theme,
        into buffer: inout CellBuffer,
        x: Int,
        y: Int,
        width: Int,
        clip: Rect
    ) {
        guard editor.lines.indices.contains(line), width > 0 else { return }
        let characters = editor.lines[line]
        let hasCursor = line == editor.line
        var start = 0
        if hasCursor {
            var used = 1
            start = editor.column
            while start > 0 && used + DisplayWidth.of(String(characters[start - 1])) <= width {
                used += DisplayWidth.of(String(characters[start - 1]))
                start -= 1
            }
        }
        var column = x
        let end = x + width
        for position in start...characters.count {
            guard column < end else { break }
            let isCursor = hasCursor && position == editor.column
            if position == characters.count {
                if isCursor {
                    buffer.write(" ", x: column, y: y, style: theme.selection, clip: clip)
                }
                break
            }
            let written = buffer.write(
                String(characters[position]),
                x: column,
                y: y,
                style: isCursor ? theme.selection : theme.plain,
                maxWidth: end - column,
                clip: clip
            )
            column += max(1, written)
        }
    }
}
