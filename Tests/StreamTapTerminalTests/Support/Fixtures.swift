import StreamTapTestSupport

@testable import StreamTapTerminal

/// The one-scalar string of a code point ("" for a surrogate).
func scalar(_ value: UInt32) -> String {
    Unicode.Scalar(value).map { String(Character($0)) } ?? ""
}

/// Pieces of text that exercise widths, clusters and sanitizing.
let textPieces = [
    "a", "Z", " ", "日", "本", "😀", "👍🏽", "👨‍👩‍👧", "e\u{301}", "\u{301}", "\u{200B}", "\u{1b}", "\n", "\u{9b}",
    "\u{202E}", "ab", "🏳️‍🌈", "❤️", "한", "…", "\t",
]

extension SplitMix64 {
    /// Random text from `textPieces`, up to `pieces` of them.
    mutating func text(pieces: Int) -> String {
        (0..<Int.random(in: 0...pieces, using: &self)).map { _ in textPieces.randomElement(using: &self) ?? "" }
            .joined()
    }

    mutating func style() -> Style {
        [Style.plain, Style().foreground(.red), Style().bold, Style().background(.indexed(236)).reverse]
            .randomElement(using: &self) ?? .plain
    }
}

extension CellBuffer {
    /// Whether every wide glyph has its continuation right after it and
    /// every continuation follows a wide glyph, with the same style.
    var wideGlyphsAreWhole: Bool {
        for y in 0..<size.rows {
            for x in 0..<size.columns {
                let cell = self[x, y]
                if cell.width == 2 {
                    guard x + 1 < size.columns, self[x + 1, y].isContinuation, self[x + 1, y].style == cell.style
                    else {
                        return false
                    }
                }
                if cell.isContinuation && (x == 0 || self[x - 1, y].width != 2) {
                    return false
                }
            }
        }
        return true
    }
}
