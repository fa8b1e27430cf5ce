/// One column of a `CellBuffer`: a glyph with its width and style, or the
/// continuation of the wide glyph in the column to its left.
///
/// A glyph is one grapheme cluster (with any zero-width clusters attached),
/// always inert (see `InertText`) and 1 or 2 columns wide. A 2-wide glyph is
/// followed in its row by a continuation cell carrying the same style; the
/// buffer keeps the two together.
public struct Cell: Sendable, Hashable {
    /// The glyph's text; empty for a continuation cell.
    public private(set) var glyph: String
    /// 1 or 2 for a glyph, 0 for a continuation cell.
    public private(set) var width: Int
    public var style: Style

    /// A cell showing `character`. A character that sanitizes to more than
    /// one glyph (a control such as U+009B, shown as `\x9b`) is shown as
    /// U+FFFD; a zero-width one is drawn on a dotted circle.
    public init(_ character: Character, style: Style = .plain) {
        var glyphs = GlyphSequence(String(character)).makeIterator()
        if let glyph = glyphs.next(), glyphs.next() == nil {
            self.init(glyph: glyph, style: style)
        } else {
            self.init(glyph: Glyph(text: "\u{FFFD}", width: 1), style: style)
        }
    }

    init(glyph: Glyph, style: Style) {
        self.glyph = glyph.text
        self.width = glyph.width
        self.style = style
    }

    /// A space in `style`.
    public static func blank(_ style: Style = .plain) -> Cell {
        Cell(glyph: Glyph(text: " ", width: 1), style: style)
    }

    /// The right half of a wide glyph drawn in `style`.
    static func continuation(_ style: Style) -> Cell {
        Cell(glyph: Glyph(text: "", width: 0), style: style)
    }

    /// Whether this is the right half of a wide glyph.
    public var isContinuation: Bool { width == 0 }
}
