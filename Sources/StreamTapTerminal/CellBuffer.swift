/// A grid of cells that views draw into; a backend copies it to the screen.
///
/// Every string is sanitized (`InertText`) and measured (`DisplayWidth`) on
/// the way in, and every write is clipped to the buffer and to an optional
/// area, so no input and no coordinate can draw outside, break a wide glyph
/// in half or trap.
///
/// A 2-wide glyph always has its continuation cell beside it in the same
/// row: writing over either half blanks the other, and a wide glyph that
/// would not fit before an edge is drawn as a space.
public struct CellBuffer: Sendable, Hashable {
    public let size: TerminalSize
    /// Row-major: the cell at (x, y) is `cells[y * size.columns + x]`.
    private(set) var cells: [Cell]

    /// A buffer of `size` filled with blank cells.
    public init(size: TerminalSize) {
        self.size = size
        self.cells = Array(repeating: .blank(), count: size.columns * size.rows)
    }

    /// The whole buffer, at the origin.
    public var area: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y`; a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard let index = index(x: x, y: y) else {
            return .blank()
        }
        return cells[index]
    }

    /// Puts `cell` at (x, y), keeping wide glyphs whole. Nothing happens
    /// outside the buffer; a continuation cell is put as a blank.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard index(x: x, y: y) != nil else {
            return
        }
        place(cell.isContinuation ? .blank(cell.style) : cell, x: x, y: y)
    }

    /// Fills `area` (clipped to the buffer) with `cell`. A wide cell is
    /// repeated every two columns, with a space where one would not fit.
    public mutating func fill(_ area: Rect, with cell: Cell) {
        let area = area.intersection(self.area)
        let cell = cell.isContinuation ? .blank(cell.style) : cell
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                place(x + cell.width <= area.maxX ? cell : .blank(cell.style), x: x, y: y)
                x += cell.width
            }
        }
    }

    /// Blanks every cell.
    public mutating func clear() {
        cells = Array(repeating: .blank(), count: cells.count)
    }

    /// Layers `style` over the style of every glyph in `area` (see
    /// `Style.patched(with:)`), as a selection highlight does. A wide glyph
    /// whose left half is in `area` is restyled whole.
    public mutating func patchStyle(_ style: Style, in area: Rect) {
        let area = area.intersection(self.area)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                let index = y * size.columns + x
                guard !cells[index].isContinuation else {
                    continue
                }
                cells[index].style = cells[index].style.patched(with: style)
                if cells[index].width == 2 {
                    cells[index + 1].style = cells[index].style
                }
            }
        }
    }

    /// Writes `text` on row `y` from column `x`, and returns how many columns
    /// it advanced: the text's width, or less when it was cut. Append the
    /// next piece of a line at `x` plus the result.
    ///
    /// The text is sanitized and drawn glyph by glyph in `style`. It is cut
    /// after `maxWidth` columns and at the right edge of `clip` (the whole
    /// buffer by default, and never beyond it); glyphs left of `clip` are
    /// skipped, as in a horizontally scrolled view. A wide glyph cut by either
    /// edge leaves a space in its visible half. Only cells inside `clip`
    /// change, except that a wide glyph already on the screen whose half is
    /// overwritten becomes a blank. The result does not depend on whether row
    /// `y` is visible; it is 0 when `clip` is empty.
    @discardableResult
    public mutating func write(
        _ text: String,
        x: Int,
        y: Int,
        style: Style = .plain,
        maxWidth: Int = .max,
        clip: Rect? = nil
    ) -> Int {
        let area = (clip ?? self.area).intersection(self.area)
        let end = min(area.maxX, x.saturatingAdding(max(0, maxWidth)))
        guard x < end, !area.isEmpty else {
            return 0
        }
        let rowIsVisible = y >= area.y && y < area.maxY
        var column = x
        for glyph in GlyphSequence(text) {
            let glyphEnd = column + glyph.width
            if glyphEnd > end {
                if column < end {
                    if rowIsVisible && column >= area.x {
                        place(.blank(style), x: column, y: y)
                    }
                    column = end
                }
                break
            }
            if rowIsVisible && glyphEnd > area.x {
                if column >= area.x {
                    place(Cell(glyph: glyph, style: style), x: column, y: y)
                } else {
                    place(.blank(style), x: area.x, y: y)
                }
            }
            column = glyphEnd
            if column == end {
                break
            }
        }
        return column - x
    }

    /// This buffer's top-left part, or this buffer padded with blanks, at
    /// `newSize`: what a screen of that size shows of it. A wide glyph cut by
    /// the new right edge becomes a space.
    func resized(to newSize: TerminalSize) -> CellBuffer {
        var result = CellBuffer(size: newSize)
        for y in 0..<min(size.rows, newSize.rows) {
            for x in 0..<min(size.columns, newSize.columns) where !self[x, y].isContinuation {
                result.set(self[x, y], x: x, y: y)
            }
        }
        return result
    }

    /// Copies `run` verbatim into row `y` from column `x`, dropping what
    /// falls outside: for applying a diff made from a consistent buffer.
    mutating func replace(_ run: [Cell], x: Int, y: Int) {
        for (offset, cell) in run.enumerated() {
            if let index = index(x: x + offset, y: y) {
                cells[index] = cell
            }
        }
    }

    private func index(x: Int, y: Int) -> Int? {
        guard x >= 0, y >= 0, x < size.columns, y < size.rows else {
            return nil
        }
        return y * size.columns + x
    }

    /// Puts a glyph cell at (x, y), which must be inside the buffer, keeping
    /// wide glyphs whole.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        let index = y * size.columns + x
        let fits = cell.width < 2 || x + 1 < size.columns
        let cell = fits ? cell : .blank(cell.style)
        detach(index, x: x)
        if cell.width == 2 {
            detach(index + 1, x: x + 1)
            cells[index + 1] = .continuation(cell.style)
        }
        cells[index] = cell
    }

    /// Blanks the other half of a wide glyph at `index` (column `x`), if any,
    /// before that cell is overwritten.
    private mutating func detach(_ index: Int, x: Int) {
        let cell = cells[index]
        if cell.isContinuation && x > 0 {
            cells[index - 1] = .blank(cells[index - 1].style)
        } else if cell.width == 2 && x + 1 < size.columns {
            cells[index + 1] = .blank(cell.style)
        }
    }
}
