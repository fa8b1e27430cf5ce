import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

@Suite struct FormattingTests {
    @Test func clockTimesDurationsAndCounts() {
        #expect(TimeFormat.clock(Fixtures.at(3_723_045), utcOffsetSeconds: 0) == "13:02:03.045")
        #expect(TimeFormat.clock(Fixtures.start, utcOffsetSeconds: -13 * 3600) == "23:00:00.000")
        #expect(TimeFormat.clock(Timestamp(nanosecondsSinceEpoch: -1_000_000), utcOffsetSeconds: 0) == "23:59:59.999")
        #expect(TimeFormat.duration(milliseconds: 0.25) == "0.3 ms")
        #expect(TimeFormat.duration(milliseconds: 850) == "850 ms")
        #expect(TimeFormat.duration(milliseconds: 1500) == "1.5 s")
        #expect(TimeFormat.duration(milliseconds: 125_000) == "2 min 5 s")
        #expect(TimeFormat.duration(milliseconds: .infinity) == "?")
        #expect(TimeFormat.count(1_234_567) == "1,234,567")
        #expect(TimeFormat.count(-1000) == "-1,000")
        #expect(TimeFormat.count(12) == "12")
    }

    /// A hand-made recording may hold any number: it is shown, never a
    /// crash, and negatives keep their sign in every digit.
    @Test func durationsFromRecordedNumbersOfAnySize() {
        #expect(TimeFormat.duration(milliseconds: -0.25) == "-0.3 ms")
        #expect(TimeFormat.duration(milliseconds: -1.5) == "-1.5 ms")
        #expect(TimeFormat.duration(milliseconds: 1e300) == "?")
        #expect(TimeFormat.duration(milliseconds: -1e300) == "?")
        #expect(TimeFormat.duration(milliseconds: 9.9e14) == "275000000 h 0 min")
    }

    @Test func rowSummariesSayWhatHappened() {
        let close = EventSummary(Fixtures.event(1, 0, .close(CloseInfo(code: 1006, reason: "", initiator: .server))))
        #expect(
            close.kind == "close" && close.isError
                && close.preview == "1006 connection lost without a close frame, by the server"
        )
        let frame = EventSummary(
            Fixtures.event(
                1,
                0,
                .frame(FrameInfo(direction: .incoming, opcode: .close, payload: [0x03, 0xE8] + Array("bye".utf8)))
            )
        )
        #expect(frame.kind == "close" && frame.category == .control && frame.preview == "1000 normal closure: bye")
        let chunk = EventSummary(Fixtures.event(1, 0, .chunk(length: 42, events: 1)))
        #expect(chunk.kind == "chunk" && chunk.category == .frames && chunk.size == 42)
        #expect(chunk.preview == "42 bytes completed 1 event" && chunk.direction == .incoming)
        let fragment = EventSummary(
            Fixtures.event(
                1,
                0,
                .frame(FrameInfo(direction: .outgoing, opcode: .text, fin: false, rsv1: true, payload: [1]))
            )
        )
        #expect(fragment.kind == "text…" && fragment.category == .frames && fragment.preview == "[RSV1] 01")
        let reserved = EventSummary(
            Fixtures.event(1, 0, .frame(FrameInfo(direction: .incoming, opcode: Opcode(rawValue: 3), payload: [])))
        )
        #expect(reserved.kind == "op 0x3")
        let sse = EventSummary(Fixtures.event(2, 0, .event(SSEEvent(type: "tick", data: "a\nb", lastEventID: "9"))))
        #expect(sse.kind == "tick" && sse.direction == .incoming && sse.size == 3 && sse.arrow == "\u{2193}")
        let invalid = EventSummary(
            Fixtures.event(1, 0, .message(Message(direction: .incoming, opcode: .text, payload: [0x61, 0xFF])))
        )
        #expect(invalid.preview == "a\\xff")
        let error = EventSummary(
            Fixtures.event(
                1,
                0,
                .error(
                    ErrorInfo(
                        message: "refused",
                        response: ResponseHead(status: 401, reason: "Unauthorized", headers: [])
                    )
                )
            )
        )
        #expect(error.isError && error.preview == "refused (HTTP 401 Unauthorized)")
    }

    @Test func theRateIsTheLastWholeSecond() {
        var meter = RateMeter()
        for offset in 0..<5 { meter.record(at: Fixtures.at(offset * 100)) }
        #expect(meter.perSecond(at: Fixtures.at(900)) == 0)
        #expect(meter.perSecond(at: Fixtures.at(1_500)) == 5)
        meter.record(at: Fixtures.at(1_600))
        #expect(meter.perSecond(at: Fixtures.at(1_700)) == 5)
        #expect(meter.perSecond(at: Fixtures.at(2_100)) == 1)
        #expect(meter.perSecond(at: Fixtures.at(3_100)) == 0)
    }

    @Test func wrappingKeepsWideGlyphsWholeAndStyles() {
        let line = StyledLine([.init("ab", Style().bold), .init("漢字c", .plain)])
        let wrapped = line.wrapped(to: 3)
        #expect(wrapped.map(\.text) == ["ab", "漢", "字c"])
        #expect(wrapped[0].spans == [.init("ab", Style().bold)])
        #expect(StyledLine("\u{1B}x").wrapped(to: 1).map(\.text) == ["\u{241B}", "x"])
        #expect(StyledLine("").wrapped(to: 0).count == 1)
    }

    @Test func connectionListShowsStateRateAndReconnects() {
        var state = Fixtures.twoPaneState(size: TerminalSize(columns: 100, rows: 30))
        Reducer.reduce(&state, .events((0..<3).map { Fixtures.text(1, 4_000 + $0, .incoming, "x") }))
        Reducer.reduce(&state, .tick(Fixtures.at(5_100)))
        let screen = AppView.render(state).snapshot()
        let rows = screen.split(separator: "\n")
        #expect(rows[0].contains("ws") && rows[0].contains("open") && rows[0].hasSuffix("3 msg/s"))
        #expect(rows[1].contains("sse") && rows[1].contains("\u{21BB}1"))
    }
}
