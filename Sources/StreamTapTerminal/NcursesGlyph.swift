import CNcurses

/// A cell's glyph in the form ncurses can draw: one spacing character
/// followed by at most `CCHARW_MAX - 1` non-spacing ones.
///
/// ncurses advances the cursor by the `wcwidth` of the spacing character, so
/// what it is given must take exactly the columns the buffer gave the glyph,
/// on terminals that do and do not know emoji sequences:
/// - an emoji ZWJ sequence or modifier sequence is drawn as its first emoji;
/// - U+FE0F (emoji presentation) is left out, because terminals disagree on
///   whether it widens the character before;
/// - a 2-column glyph whose first character is 1 column wide (a ZWJ
///   sequence starting with a text-style symbol) is drawn as that character
///   and a space;
/// - a continuation cell, which backends skip, would be a space.
struct NcursesGlyph: Hashable {
    /// The characters, NUL-terminated.
    var characters: [wchar_t]
    /// Whether a space must be drawn in the next column.
    var padded: Bool

    init(_ cell: Cell) {
        let capacity = Int(streamtap_glyph_capacity())
        var characters: [wchar_t] = []
        var baseWidth = 0
        ScalarWidth.withUTF8Locale {
            for scalar in cell.glyph.unicodeScalars {
                let width = ScalarWidth.of(scalar)
                if characters.isEmpty {
                    if width > 0 {
                        characters.append(wchar_t(scalar.value))
                        baseWidth = width
                    }
                } else if width > 0 || characters.count == capacity {
                    break
                } else if width == 0 && scalar.value != 0xFE0F && scalar.value != 0x200D {
                    characters.append(wchar_t(scalar.value))
                }
            }
        }
        if characters.isEmpty {
            characters = [wchar_t(UInt8(ascii: " "))]
            baseWidth = 1
        }
        self.characters = characters + [0]
        self.padded = cell.width == 2 && baseWidth == 1
    }
}
