import StreamTapTerminal

/// Reads a key written as help shows it: `q`, `Space`, `Enter`, `Esc`,
/// `Tab`, `Shift+Tab`, `Up`, `PgDn`, `F5`, `Ctrl+S`, `Alt+x`.
public enum KeyName {
    /// The key `text` names, or `nil` if it names none.
    public static func key(_ text: String) -> Key? {
        if text.count == 1, let character = text.first, character.isASCII, !character.isWhitespace,
            character.asciiValue.map({ $0 >= 0x21 && $0 < 0x7F }) == true
        {
            return .character(character)
        }
        let lowered = text.lowercased()
        return candidates.first { $0.description.lowercased() == lowered }
    }

    /// Every key with a name of more than one character.
    private static let candidates: [Key] = {
        var keys: [Key] = [
            .character(" "), .enter, .tab, .backTab, .backspace, .escape, .up, .down, .left, .right, .home, .end,
            .pageUp, .pageDown, .insert, .delete,
        ]
        keys += (1...12).map(Key.function)
        let letters = "abcdefghijklmnopqrstuvwxyz"
        keys += letters.map(Key.ctrl)
        keys += (letters + letters.uppercased() + "0123456789").map(Key.alt)
        return keys
    }()
}
