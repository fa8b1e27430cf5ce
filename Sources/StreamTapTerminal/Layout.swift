/// How much of a `Rect.split` one area gets, along the split direction.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells.
    case length(Int)
    /// This share of the whole, in percent.
    case percentage(Int)
    /// `numerator / denominator` of the whole.
    case ratio(Int, Int)
    /// An equal share, times `weight`, of what the other constraints leave.
    case fill(Int = 1)
}

extension Rect {
    /// The direction in which `split` lays areas out.
    public enum Direction: Sendable, Hashable {
        /// Side by side, as columns, from left to right.
        case leftToRight
        /// Stacked, as rows, from top to bottom.
        case topToBottom
    }

    /// This rectangle cut into consecutive areas, one per constraint, each as
    /// tall (`.leftToRight`) or as wide (`.topToBottom`) as this one.
    ///
    /// Lengths, percentages and ratios are served first, in order, each
    /// getting what it asks for or what is left; percentages and ratios that
    /// add up to the whole cover it exactly, with no rounding gap. The rest
    /// is shared by `.fill` areas by weight; without any, it stays unused
    /// after the last area. Negative values count as 0; weights are capped at
    /// 2^20.
    public func split(_ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = min(direction == .leftToRight ? width : height, Self.largestSplit)
        let sizes = Self.sizes(for: constraints, total: total)
        var offset = direction == .leftToRight ? x : y
        return sizes.map { size in
            defer { offset = offset.saturatingAdding(size) }
            switch direction {
            case .leftToRight: return Rect(x: offset, y: y, width: size, height: height)
            case .topToBottom: return Rect(x: x, y: offset, width: width, height: size)
            }
        }
    }

    /// Bounds that keep the arithmetic below far from overflowing; no
    /// terminal comes near them.
    private static let largestSplit = 1 << 31
    private static let largestWeight = 1 << 20

    private static func sizes(for constraints: [Constraint], total: Int) -> [Int] {
        var sizes = [Int](repeating: 0, count: constraints.count)
        var remaining = total
        var shareSoFar = 0.0
        var fillWeights: [(index: Int, weight: Int)] = []
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .length(let length):
                wanted = max(0, length)
            case .percentage(let percent):
                wanted = proportional(Double(max(0, percent)) / 100, after: &shareSoFar, of: total)
            case .ratio(let numerator, let denominator):
                let share = denominator > 0 ? Double(max(0, numerator)) / Double(denominator) : 0
                wanted = proportional(share, after: &shareSoFar, of: total)
            case .fill(let weight):
                fillWeights.append((index, min(max(0, weight), Self.largestWeight)))
                continue
            }
            sizes[index] = min(wanted, remaining)
            remaining -= sizes[index]
        }
        let totalWeight = fillWeights.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else {
            return sizes
        }
        var weightSoFar = 0
        for (index, weight) in fillWeights {
            let start = remaining * weightSoFar / totalWeight
            weightSoFar += weight
            sizes[index] = remaining * weightSoFar / totalWeight - start
        }
        return sizes
    }

    /// The cells of a `share` of `total` that follows `shareSoFar` of it,
    /// rounding the cumulative edges so consecutive shares tile exactly.
    private static func proportional(_ share: Double, after shareSoFar: inout Double, of total: Int) -> Int {
        let start = (shareSoFar * Double(total)).rounded()
        shareSoFar = min(shareSoFar + share, 1e9)
        let end = (shareSoFar * Double(total)).rounded()
        return Int(max(0, min(end - start, Double(total))))
    }
}
