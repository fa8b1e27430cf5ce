import StreamTapTerminal

/// The composer: which mode the text is sent as, the editor with its
/// cursor, and what is wrong with the text.
enum ComposerView {
    static func render(_ composer: Composer, theme: Theme, into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank())
        var header = StyledLine("send as ", theme.muted)
        for mode in Composer.Mode.allCases {
            header.append(" " + composer.name(of: mode) + " ", mode == composer.mode ? theme.selection : theme.muted)
        }
        header.draw(into: &buffer, x: area.x, y: area.y, width: area.width, clip: area)
        let problemRows = composer.problem == nil ? 0 : 1
        let editorRows = max(0, area.height - 1 - problemRows)
        let editor = composer.editor
        if editor.isEmpty && editorRows > 0 {
            buffer.write(" ", x: area.x, y: area.y + 1, style: theme.selection, clip: area)
            buffer.write(composer.placeholder, x: area.x + 1, y: area.y + 1, style: theme.muted, clip: area)
        } else {
            let first = max(0, min(editor.line - editorRows + 1, editor.lines.count - editorRows))
            for row in 0..<editorRows {
                let line = first + row
                guard line < editor.lines.count else { break }
                EditorLineView.render(
                    editor,
                    line: line,
                    theme: theme,
                    into: &buffer,
                    x: area.x,
                    y: area.y + 1 + row,
                    width: area.width,
                    clip: area
                )
            }
        }
        if let problem = composer.problem {
            buffer.write(problem, x: area.x, y: area.maxY - 1, style: theme.error, clip: area)
        }
    }
}
