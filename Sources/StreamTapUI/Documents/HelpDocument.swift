import StreamTapTerminal

/// The help overlay's text, generated from the keymap: every binding,
/// grouped by where it applies.
public enum HelpDocument {
    public static func lines(keymap: Keymap, theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        for context in KeyContext.allCases {
            let bindings = keymap.bindings(in: context).filter { !$0.keys.isEmpty }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(StyledLine()) }
            lines.append(StyledLine(context.title, theme.title))
            for binding in bindings {
                var line = StyledLine("  " + DisplayWidth.pad(binding.keyLabel, to: 21) + " ", theme.key)
                line.append(binding.description)
                lines.append(line)
            }
        }
        lines.append(StyledLine())
        lines.append(StyledLine("Mouse: click selects, the wheel scrolls. : lists every command.", theme.muted))
        return lines
    }
}
