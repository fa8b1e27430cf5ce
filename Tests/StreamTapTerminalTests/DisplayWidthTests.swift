import StreamTapTestSupport
import Testing

@testable import StreamTapTerminal

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("a", 1), ("hello, world", 12), ("日本語", 6), ("한국어", 6), ("ｆｕｌｌ", 8), ("😀", 2), ("a😀b", 4),
        ("e\u{301}", 1), ("e\u{301}\u{302}\u{303}", 1), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("👨‍👩‍👧‍👦x", 3), ("🏳️‍🌈", 2),
        ("❤", 1), ("가", 2), ("\u{1100}\u{1161}", 2), ("a\u{200B}b", 2), ("é", 1), ("…", 1),
    ])
    func widthFollowsWcwidth(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func controlsAreMeasuredAsTheirVisibleStandIns() {
        #expect(DisplayWidth.of("\u{1b}[31m") == 5)
        #expect(DisplayWidth.of("\u{9b}") == 4)
        #expect(DisplayWidth.of("\u{202E}") == 6)
        #expect(DisplayWidth.of("a\tb") == 3)
    }

    @Test func leadingCombiningMarkGetsADottedCircle() {
        #expect(DisplayWidth.of("\u{301}") == 1)
        #expect(DisplayWidth.of("\u{301}a") == 2)
        #expect(DisplayWidth.truncate("\u{301}abc", to: 10) == "\u{25CC}\u{301}abc")
    }

    @Test func longTextIsMeasuredWhole() {
        let text = String(repeating: "日本語 ", count: 1000)
        #expect(DisplayWidth.of(text) == 7000)
        let marks = "a" + String(repeating: "\u{301}", count: 5000) + "b"
        #expect(DisplayWidth.of(marks) == 2)
    }

    @Test(arguments: [
        ("hello world", 20, "hello world"),
        ("hello world", 11, "hello world"),
        ("hello world", 10, "hello wor…"),
        ("hello world", 1, "…"),
        ("hello world", 0, ""),
        ("hello world", -5, ""),
        ("日本語テキスト", 7, "日本語…"),
        ("日本語テキスト", 6, "日本…"),
        ("a😀b", 3, "a…"),
        ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…"),
        ("\u{1b}[31m", 4, "␛[3…"),
    ])
    func truncatesWithEllipsis(text: String, width: Int, expected: String) {
        let result = DisplayWidth.truncate(text, to: width)
        #expect(result == expected)
        #expect(DisplayWidth.of(result) <= max(0, width))
    }

    @Test func truncatesFromTheStart() {
        #expect(DisplayWidth.truncate("https://example.org/events", to: 10, side: .start) == "…rg/events")
        #expect(DisplayWidth.truncate("日本語", to: 5, side: .start) == "…本語")
        #expect(DisplayWidth.truncate("short", to: 10, side: .start) == "short")
    }

    @Test func customAndOversizedEllipsis() {
        #expect(DisplayWidth.truncate("abcdefgh", to: 6, ellipsis: "...") == "abc...")
        #expect(DisplayWidth.truncate("abcdefgh", to: 2, ellipsis: "...") == "..")
        #expect(DisplayWidth.truncate("abcdefgh", to: 4, ellipsis: "") == "abcd")
    }

    @Test func padsToWidth() {
        #expect(DisplayWidth.pad("ab", to: 5) == "ab   ")
        #expect(DisplayWidth.pad("ab", to: 5, alignment: .right) == "   ab")
        #expect(DisplayWidth.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(DisplayWidth.pad("日本", to: 5) == "日本 ")
        #expect(DisplayWidth.pad("toolong", to: 3) == "toolong")
        #expect(DisplayWidth.pad("\u{1b}", to: 2) == "␛ ")
    }

    @Test func fitGivesExactlyTheWidth() {
        #expect(DisplayWidth.fit("status", to: 10) == "status    ")
        #expect(DisplayWidth.fit("a long status", to: 8) == "a long …")
        #expect(DisplayWidth.fit("日本語", to: 4) == "日… ")
        #expect(DisplayWidth.fit("42", to: 5, alignment: .right) == "   42")
        for width in 0...12 {
            #expect(DisplayWidth.of(DisplayWidth.fit("日本語😀e\u{301}x", to: width)) == width)
        }
    }

    @Test func shapedTextMeasuresTheSameWhenShapedAgain() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let text = generator.text(pieces: 12)
            let width = Int.random(in: 0...20, using: &generator)
            let truncated = DisplayWidth.truncate(text, to: width)
            #expect(DisplayWidth.truncate(truncated, to: width) == truncated)
            #expect(DisplayWidth.of(InertText.sanitize(text)) == DisplayWidth.of(text))
        }
    }
}
