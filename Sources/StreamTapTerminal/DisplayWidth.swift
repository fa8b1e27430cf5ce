/// Measuring and shaping text in terminal columns, the way `CellBuffer`
/// draws it.
///
/// Widths follow `wcwidth`: most characters take 1 column, East Asian wide
/// characters and emoji 2, combining marks 0 (they join the character
/// before). A grapheme cluster takes the width of its first scalar that is
/// not zero-width, capped to 2, and an emoji ZWJ sequence takes 2.
///
/// Text is measured after `InertText.sanitize`, because that is what is
/// drawn: ESC takes one column (`␛`), a C1 control four (`\x9b`). The
/// functions that return text return it sanitized.
public enum DisplayWidth {
    /// The columns `text` takes when drawn.
    public static func of(_ text: String) -> Int {
        GlyphSequence(text).reduce(0) { $0 + $1.width }
    }

    /// `text` cut to at most `width` columns. When it does not fit, whole
    /// glyphs are removed from `side` and `ellipsis` marks the cut; the
    /// result can be one column narrower than `width` when a wide glyph is
    /// in the way. If even `ellipsis` does not fit, it is cut instead.
    public static func truncate(
        _ text: String,
        to width: Int,
        ellipsis: String = "\u{2026}",
        side: TruncationSide = .end
    ) -> String {
        let limit = max(0, width)
        switch side {
        case .end:
            var kept: [Glyph] = []
            var used = 0
            for glyph in GlyphSequence(text) {
                if used + glyph.width > limit {
                    return joined(kept, used: used, ellipsis: ellipsis, limit: limit, ellipsisFirst: false)
                }
                kept.append(glyph)
                used += glyph.width
            }
            return joined(kept)
        case .start:
            let glyphs = Array(GlyphSequence(text))
            var kept: [Glyph] = []
            var used = 0
            for glyph in glyphs.reversed() {
                if used + glyph.width > limit {
                    return joined(kept.reversed(), used: used, ellipsis: ellipsis, limit: limit, ellipsisFirst: true)
                }
                kept.append(glyph)
                used += glyph.width
            }
            return joined(glyphs)
        }
    }

    /// `text` padded with spaces to `width` columns; text already as wide or
    /// wider is returned (sanitized) unchanged.
    public static func pad(_ text: String, to width: Int, alignment: TextAlignment = .left) -> String {
        let glyphs = Array(GlyphSequence(text))
        let missing = width - glyphs.reduce(0) { $0 + $1.width }
        guard missing > 0 else {
            return joined(glyphs)
        }
        let left: Int
        switch alignment {
        case .left: left = 0
        case .center: left = missing / 2
        case .right: left = missing
        }
        return String(repeating: " ", count: left) + joined(glyphs) + String(repeating: " ", count: missing - left)
    }

    /// `text` truncated to `width` columns, then padded to exactly `width`:
    /// a fixed-width table cell.
    public static func fit(
        _ text: String,
        to width: Int,
        alignment: TextAlignment = .left,
        ellipsis: String = "\u{2026}"
    ) -> String {
        pad(truncate(text, to: width, ellipsis: ellipsis), to: width, alignment: alignment)
    }

    private static func joined(_ glyphs: some Sequence<Glyph>) -> String {
        glyphs.reduce(into: "") { $0 += $1.text }
    }

    /// `kept` (which takes `used` columns) with glyphs dropped from the cut
    /// side until `ellipsis` fits beside it within `limit`.
    private static func joined(
        _ kept: some Sequence<Glyph>,
        used: Int,
        ellipsis: String,
        limit: Int,
        ellipsisFirst: Bool
    ) -> String {
        let mark = Array(GlyphSequence(ellipsis))
        let markWidth = mark.reduce(0) { $0 + $1.width }
        guard markWidth <= limit else {
            return truncate(ellipsis, to: limit, ellipsis: "")
        }
        var kept = Array(kept)
        var used = used
        while used + markWidth > limit, let dropped = ellipsisFirst ? kept.first : kept.last {
            if ellipsisFirst {
                kept.removeFirst()
            } else {
                kept.removeLast()
            }
            used -= dropped.width
        }
        return ellipsisFirst ? joined(mark) + joined(kept) : joined(kept) + joined(mark)
    }
}

/// Which end of a text `DisplayWidth.truncate` removes.
public enum TruncationSide: Sendable, Hashable {
    /// Keep the start: `streamtap://very-lo…`.
    case end
    /// Keep the end: `…ng/path/events`.
    case start
}

/// Where text sits in a wider space.
public enum TextAlignment: Sendable, Hashable {
    case left
    case center
    case right
}
