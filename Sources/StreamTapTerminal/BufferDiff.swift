/// What changed between the frame on the screen and the next one: the runs
/// of consecutive changed cells, row by row, so a backend writes only those.
///
/// Without a previous frame, or when the size changed, the diff is a full
/// redraw: every row is one run. A run never ends on the left half of a
/// wide glyph, and never starts on its right half (a buffer changes that half
/// only with the left one).
public struct BufferDiff: Sendable, Hashable {
    /// Changed cells on one row, starting at column `x`, continuation cells
    /// included.
    public struct Run: Sendable, Hashable {
        public let x: Int
        public let y: Int
        public let cells: [Cell]
    }

    /// The size of the new frame.
    public let size: TerminalSize
    /// Whether the screen must be cleared and redrawn whole.
    public let isFullRedraw: Bool
    public let runs: [Run]

    /// The changes that turn `old` into `new`.
    public init(from old: CellBuffer?, to new: CellBuffer) {
        size = new.size
        let columns = new.size.columns
        guard let old, old.size == new.size else {
            isFullRedraw = true
            runs = (0..<new.size.rows).map { row in
                Run(x: 0, y: row, cells: Array(new.cells[row * columns..<(row + 1) * columns]))
            }
            return
        }
        isFullRedraw = false
        var runs: [Run] = []
        for row in 0..<new.size.rows {
            let start = row * columns
            var column = 0
            while column < columns {
                guard old.cells[start + column] != new.cells[start + column] else {
                    column += 1
                    continue
                }
                let first = column
                while column < columns && old.cells[start + column] != new.cells[start + column] {
                    column += 1
                }
                if column < columns && new.cells[start + column].isContinuation {
                    column += 1
                }
                runs.append(Run(x: first, y: row, cells: Array(new.cells[start + first..<start + column])))
            }
        }
        self.runs = runs
    }

    /// Whether nothing changed.
    public var isEmpty: Bool { !isFullRedraw && runs.isEmpty }

    /// How many cells the runs hold.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// `old` with the changes applied: equal to the new frame when `old` is
    /// the frame the diff was made from.
    public func applied(to old: CellBuffer?) -> CellBuffer {
        var buffer = old.flatMap { !isFullRedraw && $0.size == size ? $0 : nil } ?? CellBuffer(size: size)
        for run in runs {
            buffer.replace(run.cells, x: run.x, y: run.y)
        }
        return buffer
    }
}
