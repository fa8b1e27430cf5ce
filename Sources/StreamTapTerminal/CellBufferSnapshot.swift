extension CellBuffer {
    /// What a person would read on the screen: one line per row joined by
    /// "\n", each wide glyph once, trailing spaces of each row removed.
    public func snapshot() -> String {
        rowTexts { cells in cells.reduce(into: "") { $0 += $1.glyph } }
    }

    /// Like `snapshot()`, with every run of cells whose style is not
    /// `Style.plain` wrapped as `[style]text[/]`, where style is the
    /// `Style.description` (e.g. `[bold,fg=red]ERROR[/]`). Trailing plain
    /// spaces are removed.
    public func styledSnapshot() -> String {
        rowTexts { cells in
            var line = ""
            var current = Style.plain
            for cell in cells where !cell.isContinuation {
                if cell.style != current {
                    if current != .plain {
                        line += "[/]"
                    }
                    if cell.style != .plain {
                        line += "[\(cell.style)]"
                    }
                    current = cell.style
                }
                line += cell.glyph
            }
            return current == .plain ? line : line + "[/]"
        }
    }

    private func rowTexts(_ render: (ArraySlice<Cell>) -> String) -> String {
        (0..<size.rows).map { row in
            let start = row * size.columns
            var text = render(cells[start..<start + size.columns])
            while text.last == " " {
                text.removeLast()
            }
            return text
        }.joined(separator: "\n")
    }
}
