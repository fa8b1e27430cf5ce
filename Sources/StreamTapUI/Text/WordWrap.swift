import StreamTapTerminal

/// Prose cut into lines at spaces, for text that must read well in a
/// narrow box (a word longer than the width is cut).
enum WordWrap {
    /// `text` in lines of at most `width` columns, each after `indent`
    /// spaces (which count toward the width).
    static func lines(_ text: String, width: Int, indent: Int = 0) -> [String] {
        let prefix = String(repeating: " ", count: max(0, min(indent, width - 1)))
        let room = max(1, width - prefix.count)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if DisplayWidth.of(candidate) <= room {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = String(word)
            while DisplayWidth.of(current) > room {
                let head = DisplayWidth.truncate(current, to: room, ellipsis: "")
                guard !head.isEmpty else { break }
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines.map { prefix + $0 }
    }
}
