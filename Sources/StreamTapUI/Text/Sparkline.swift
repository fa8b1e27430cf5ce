/// Values as a row of block glyphs, lowest `▁` to highest `█`, scaled to
/// the largest: a shape to look at rather than figures to read.
enum Sparkline {
    static let glyphs: [Character] = [
        "\u{2581}", "\u{2582}", "\u{2583}", "\u{2584}", "\u{2585}", "\u{2586}", "\u{2587}", "\u{2588}",
    ]

    /// The last `width` values, one glyph each.
    static func line(_ values: [Double], width: Int) -> String {
        let shown = values.suffix(max(0, width))
        guard let highest = shown.max(), highest > 0 else {
            return String(repeating: glyphs[0], count: shown.count)
        }
        return String(
            shown.map { value in
                glyphs[min(glyphs.count - 1, Int((max(0, value) / highest * Double(glyphs.count - 1)).rounded()))]
            }
        )
    }
}
