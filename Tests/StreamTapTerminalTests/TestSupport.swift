@testable import StreamTapTerminal

/// The one-scalar string of a code point ("" for a surrogate).
func scalar(_ value: UInt32) -> String {
    Unicode.Scalar(value).map { String(Character($0)) } ?? ""
}

/// A deterministic generator (SplitMix64), so randomized tests repeat.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Pieces of text that exercise widths, clusters and sanitizing.
let textPieces = [
    "a", "Z", " ", "日", "本", "😀", "👍🏽", "👨‍👩‍👧", "e\u{301}", "\u{301}", "\u{200B}", "\u{1b}", "\n", "\u{9b}",
    "\u{202E}", "ab", "🏳️‍🌈", "❤️", "한", "…", "\t",
]

extension SeededGenerator {
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
