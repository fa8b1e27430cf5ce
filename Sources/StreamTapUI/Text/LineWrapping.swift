import StreamTapTerminal

extension StyledLine {
    /// This line cut into lines of at most `width` columns (as drawn, after
    /// sanitizing), keeping each span's style. A width below 1 counts as 1.
    public func wrapped(to width: Int) -> [StyledLine] {
        let width = max(1, width)
        var result: [StyledLine] = []
        var line = StyledLine()
        var used = 0
        for span in spans {
            var run = ""
            for character in InertText.sanitize(span.text) {
                let columns = Self.width(of: character)
                if used + columns > width && used > 0 {
                    if !run.isEmpty { line.append(run, span.style) }
                    result.append(line)
                    line = StyledLine()
                    run = ""
                    used = 0
                }
                run.append(character)
                used += columns
            }
            if !run.isEmpty { line.append(run, span.style) }
        }
        result.append(line)
        return result
    }

    /// The columns `character` takes, with a fast path for ASCII.
    private static func width(of character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            return 1
        }
        return DisplayWidth.of(String(character))
    }
}

extension Array where Element == StyledLine {
    /// Every line wrapped to `width` columns.
    public func wrapped(to width: Int) -> [StyledLine] {
        flatMap { $0.wrapped(to: width) }
    }
}
