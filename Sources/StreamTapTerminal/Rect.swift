/// A rectangle of cells: its top-left corner (`x` is the column, `y` the
/// row, both from 0 at the top left of the screen) and its size.
///
/// Width and height are never negative; arithmetic on the edges saturates,
/// so no coordinate can trap.
public struct Rect: Sendable, Hashable {
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle of `size` at the origin.
    public init(size: TerminalSize) {
        self.init(x: 0, y: 0, width: size.columns, height: size.rows)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the last column.
    public var maxX: Int { x.saturatingAdding(width) }
    /// One past the last row.
    public var maxY: Int { y.saturatingAdding(height) }
    public var size: TerminalSize { TerminalSize(columns: width, rows: height) }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The cells in both rectangles; empty (at the nearest corner) when they
    /// do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        return Rect(
            x: left,
            y: top,
            width: min(maxX, other.maxX).saturatingSubtracting(left),
            height: min(maxY, other.maxY).saturatingSubtracting(top)
        )
    }

    /// This rectangle shrunk by `amount` cells on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// This rectangle shrunk on each side; negative amounts count as 0, and
    /// the result is empty (inside this one) when the insets meet.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let left = min(max(0, left), width)
        let top = min(max(0, top), height)
        return Rect(
            x: x.saturatingAdding(left),
            y: y.saturatingAdding(top),
            width: width - left - min(max(0, right), width - left),
            height: height - top - min(max(0, bottom), height - top)
        )
    }

    /// A rectangle of at most `width` × `height` centred in this one, for a
    /// dialog or popup.
    public func centered(width: Int, height: Int) -> Rect {
        let width = min(max(0, width), self.width)
        let height = min(max(0, height), self.height)
        return Rect(
            x: x.saturatingAdding((self.width - width) / 2),
            y: y.saturatingAdding((self.height - height) / 2),
            width: width,
            height: height
        )
    }
}

extension Rect: CustomStringConvertible {
    /// `x,y widthxheight`, e.g. `0,1 80x22`.
    public var description: String { "\(x),\(y) \(width)x\(height)" }
}

extension Int {
    func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    func saturatingSubtracting(_ other: Int) -> Int {
        let (difference, overflow) = subtractingReportingOverflow(other)
        return overflow ? (other < 0 ? .max : .min) : difference
    }
}
