/// One drawable unit of sanitized text: a grapheme cluster, with any
/// zero-width clusters that follow it, and the columns it takes (1 or 2).
struct Glyph: Hashable, Sendable {
    var text: String
    var width: Int

    /// Drawn before a zero-width cluster that has nothing to attach to (a
    /// combining mark at the start of a string): U+25CC DOTTED CIRCLE.
    static let base = "\u{25CC}"

    /// The columns a cluster takes: the width of its first scalar that is
    /// not zero-width, capped to 2; 2 for an emoji ZWJ sequence; 0 when every
    /// scalar is zero-width. Call inside `ScalarWidth.withUTF8Locale`.
    static func width(of character: Character) -> Int {
        var width = 0
        var afterJoiner = false
        for scalar in character.unicodeScalars {
            let scalarWidth = ScalarWidth.of(scalar)
            if afterJoiner && scalarWidth > 0 {
                return 2
            }
            if width == 0 {
                width = min(2, max(0, scalarWidth))
            }
            afterJoiner = scalar.value == 0x200D && width > 0
        }
        return width
    }
}

/// The glyphs of a string, produced lazily: a view that draws 80 columns of
/// a megabyte-long line sanitizes and measures only the start of it.
///
/// The text is sanitized with `InertText` and split into grapheme clusters
/// exactly as `Array(InertText.sanitize(text))` would be. Zero-width clusters
/// join the glyph before them; a leading one is drawn on `Glyph.base`.
struct GlyphSequence: Sequence {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    func makeIterator() -> Iterator {
        Iterator(scalars: text.unicodeScalars.makeIterator())
    }

    struct Iterator: IteratorProtocol {
        private var scalars: String.UnicodeScalarView.Iterator
        private var ready: [Glyph] = []
        private var readyIndex = 0
        /// Sanitized text of the last glyph of the previous chunk: it may
        /// still grow, so it is clustered again with the next chunk.
        private var carry = ""
        private var carryScalarCount = 0
        private var finished = false

        init(scalars: String.UnicodeScalarView.Iterator) {
            self.scalars = scalars
        }

        mutating func next() -> Glyph? {
            while readyIndex == ready.count {
                guard refill() else {
                    return nil
                }
            }
            defer { readyIndex += 1 }
            return ready[readyIndex]
        }

        /// Sanitizes the next chunk of scalars and clusters it with the
        /// carried glyph. Returns `false` at the end of the text.
        private mutating func refill() -> Bool {
            if finished {
                return false
            }
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            let chunkSize = Swift.max(64, carryScalarCount)
            var chunk = carry
            var glyphs: [(glyph: Glyph, source: String)] = []
            ScalarWidth.withUTF8Locale {
                var added = 0
                while added < chunkSize, let scalar = scalars.next() {
                    InertText.appendSanitized(scalar, to: &chunk)
                    added += 1
                }
                finished = added < chunkSize
                for character in chunk {
                    let width = Glyph.width(of: character)
                    if width > 0 {
                        glyphs.append((Glyph(text: String(character), width: width), String(character)))
                    } else if let last = glyphs.indices.last {
                        glyphs[last].glyph.text.append(character)
                        glyphs[last].source.append(character)
                    } else {
                        glyphs.append((Glyph(text: Glyph.base + String(character), width: 1), String(character)))
                    }
                }
            }
            if !finished, let last = glyphs.popLast() {
                carry = last.source
                carryScalarCount = carry.unicodeScalars.count
            } else {
                carry = ""
                carryScalarCount = 0
            }
            ready = glyphs.map(\.glyph)
            return !ready.isEmpty || !finished
        }
    }
}
