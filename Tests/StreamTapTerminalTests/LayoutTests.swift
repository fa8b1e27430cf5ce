import Testing

@testable import StreamTapTerminal

@Suite struct RectTests {
    @Test func edgesAndContainment() {
        let rect = Rect(x: 2, y: 3, width: 4, height: 5)
        #expect(rect.maxX == 6)
        #expect(rect.maxY == 8)
        #expect(rect.contains(x: 2, y: 3))
        #expect(rect.contains(x: 5, y: 7))
        #expect(!rect.contains(x: 6, y: 7))
        #expect(!rect.contains(x: 1, y: 3))
        #expect(rect.description == "2,3 4x5")
        #expect(rect.size == TerminalSize(columns: 4, rows: 5))
        #expect(Rect(x: 0, y: 0, width: -4, height: -1).isEmpty)
        #expect(Rect(size: TerminalSize(columns: 80, rows: 24)) == Rect(x: 0, y: 0, width: 80, height: 24))
    }

    @Test func intersection() {
        let a = Rect(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersection(Rect(x: 5, y: 6, width: 10, height: 10)) == Rect(x: 5, y: 6, width: 5, height: 4))
        #expect(a.intersection(Rect(x: 2, y: 2, width: 3, height: 3)) == Rect(x: 2, y: 2, width: 3, height: 3))
        #expect(a.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(a.intersection(Rect(x: -5, y: -5, width: 5, height: 5)).isEmpty)
        #expect(Rect(x: .max, y: .max, width: .max, height: .max).intersection(a).isEmpty)
    }

    @Test func insets() {
        let rect = Rect(x: 0, y: 0, width: 10, height: 4)
        #expect(rect.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 2))
        #expect(rect.inset(top: 1) == Rect(x: 0, y: 1, width: 10, height: 3))
        #expect(rect.inset(left: 3, right: 2) == Rect(x: 3, y: 0, width: 5, height: 4))
        #expect(rect.inset(by: 3).isEmpty)
        #expect(rect.inset(by: 100) == Rect(x: 10, y: 4, width: 0, height: 0))
        #expect(rect.inset(by: -2) == rect)
    }

    @Test func centered() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(rect.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(rect.centered(width: 100, height: 100) == rect)
        #expect(Rect.zero.centered(width: 3, height: 3) == .zero)
    }
}

@Suite struct SplitTests {
    let rect = Rect(x: 10, y: 5, width: 100, height: 20)

    func widths(_ constraints: [Constraint], of width: Int = 100) -> [Int] {
        Rect(x: 0, y: 0, width: width, height: 1).split(.leftToRight, constraints).map(\.width)
    }

    @Test func areasAreConsecutiveAndKeepTheOtherDimension() {
        let columns = rect.split(.leftToRight, [.length(30), .fill()])
        #expect(columns == [Rect(x: 10, y: 5, width: 30, height: 20), Rect(x: 40, y: 5, width: 70, height: 20)])
        let rows = rect.split(.topToBottom, [.length(1), .fill(), .length(1)])
        #expect(
            rows == [
                Rect(x: 10, y: 5, width: 100, height: 1), Rect(x: 10, y: 6, width: 100, height: 18),
                Rect(x: 10, y: 24, width: 100, height: 1),
            ]
        )
    }

    @Test func percentagesAndRatiosTileExactly() {
        #expect(widths([.percentage(50), .percentage(50)], of: 81) == [41, 40])
        #expect(widths([.ratio(1, 3), .ratio(1, 3), .ratio(1, 3)], of: 10) == [3, 4, 3])
        #expect(widths([.percentage(33), .percentage(33), .percentage(34)], of: 7).reduce(0, +) == 7)
        #expect(widths([.percentage(25), .ratio(3, 4)], of: 80) == [20, 60])
    }

    @Test func fillsShareTheRestByWeight() {
        #expect(widths([.length(10), .fill(), .fill()], of: 31) == [10, 10, 11])
        #expect(widths([.fill(1), .fill(3)], of: 100) == [25, 75])
        #expect(widths([.fill(0), .fill()], of: 10) == [0, 10])
        #expect(widths([.fill(0)], of: 10) == [0])
    }

    @Test func withoutFillTheRestStaysUnused() {
        #expect(widths([.length(10), .percentage(20)]) == [10, 20])
    }

    @Test func overConstrainedAreasAreServedInOrder() {
        #expect(widths([.length(60), .length(60), .fill()]) == [60, 40, 0])
        #expect(widths([.percentage(80), .percentage(80)]) == [80, 20])
    }

    @Test func degenerateInputs() {
        #expect(widths([], of: 10) == [])
        #expect(widths([.length(5), .fill()], of: 0) == [0, 0])
        #expect(
            widths([.length(-5), .percentage(-10), .ratio(1, 0), .ratio(-1, 2), .fill(-3)], of: 10) == [0, 0, 0, 0, 0]
        )
        #expect(widths([.fill(.max), .fill(.max)], of: 10) == [5, 5])
        #expect(widths([.percentage(.max), .fill()], of: 10) == [10, 0])
        let huge = Rect(x: .max - 5, y: 0, width: .max, height: 1).split(.leftToRight, [.fill(), .fill()])
        #expect(huge.count == 2)
    }

    @Test func everySizeIsCoveredExactlyByFills() {
        for width in 0...50 {
            let areas = Rect(x: 3, y: 0, width: width, height: 2).split(.leftToRight, [.fill(), .fill(2), .fill()])
            #expect(areas.map(\.width).reduce(0, +) == width)
            #expect(areas.first?.x == 3)
            #expect(zip(areas, areas.dropFirst()).allSatisfy { $0.maxX == $1.x })
        }
    }
}
