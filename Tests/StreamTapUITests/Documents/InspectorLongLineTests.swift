import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// A payload line far wider than the pane (a 5,000-character JSON string
/// with no space, its hex dump) is wrapped in the inspector, so scrolling
/// down shows every character of it.
@Suite struct InspectorLongLineTests {
    static let sizes = [
        TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40), TerminalSize(columns: 40, rows: 10),
    ]

    /// `0001-0002-…-1000`: 4,999 characters, none repeated in place, so a
    /// lost or reordered piece shows.
    static let blob = (1...1000).map { number in
        let digits = String(number)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }.joined(separator: "-")

    static func inspectingTheBlob(size: TerminalSize) -> AppState {
        var state = Fixtures.state(size: size)
        Fixtures.addWebSocketPane(to: &state)
        Reducer.reduce(
            &state,
            .events(Fixtures.webSocketEvents() + [Fixtures.text(1, 900, .incoming, #"{"blob":""# + blob + #""}"#)])
        )
        Fixtures.press(.enter, into: &state)
        return state
    }

    /// The rows inside the pane's border.
    static func body(_ screen: String) -> [String] {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = rows.firstIndex(where: { $0.hasPrefix("\u{250C}") }),
            let bottom = rows.firstIndex(where: { $0.hasPrefix("\u{2514}") }), bottom > top + 1
        else { return [] }
        return rows[(top + 1)..<bottom].map { String($0.dropFirst().dropLast()) }
    }

    /// Every line of the inspector, read by scrolling one line at a time
    /// until the view stops moving.
    static func everyLine(_ state: inout AppState) -> [String] {
        var page = body(AppView.render(state).snapshot())
        var lines = page
        for _ in 0..<2_000 {
            Fixtures.press(.character("j"), into: &state)
            let next = body(AppView.render(state).snapshot())
            guard next != page, let last = next.last else { break }
            lines.append(last)
            page = next
        }
        return lines
    }

    @Test(arguments: sizes)
    func aLongJSONStringIsWrappedAndScrollsIntoViewWhole(size: TerminalSize) {
        var state = Self.inspectingTheBlob(size: size)
        let first = AppView.render(state).snapshot()
        assertSnapshot(first, named: "inspector-long-line-\(size.columns)x\(size.rows)")
        let lines = Self.everyLine(&state)
        let joined = lines.map { $0.replacingOccurrences(of: " ", with: "") }.joined()
        #expect(joined.contains(#""blob":""# + Self.blob + "\""), "lines:\n\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("0999-1000\"") })
    }

    @Test(arguments: sizes)
    func theHexDumpOfALongPayloadFitsThePaneToTheLastByte(size: TerminalSize) {
        var state = Self.inspectingTheBlob(size: size)
        Fixtures.press(.character("x"), into: &state)
        let lines = Self.everyLine(&state)
        let dump = lines.filter { $0.prefix(8).allSatisfy(\.isHexDigit) && $0.dropFirst(8).hasPrefix("  ") }
        let payloadSize = #"{"blob":""#.count + Self.blob.count + 2
        let perLine = HexDump.bytesPerLine(forWidth: AppLayout(state: state).panes[0].body.width)
        #expect(dump.count == (payloadSize + perLine - 1) / perLine)
        #expect(dump.allSatisfy { $0.trimmingTrailingSpaces.hasSuffix("|") }, "\(dump)")
        #expect(dump.last?.contains("|\"}|") == true, "\(dump.last ?? "")")
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
