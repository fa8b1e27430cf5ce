import Testing

@testable import StreamTapTerminal

@Suite struct InertTextTests {
    @Test func everyC0ControlBecomesItsControlPicture() {
        for value in UInt32(0)...0x1F where value != 0x0A {
            #expect(InertText.sanitize(scalar(value)) == scalar(0x2400 + value), "U+\(String(value, radix: 16))")
        }
    }

    @Test func namedControls() {
        #expect(InertText.sanitize("\u{0}") == "␀")
        #expect(InertText.sanitize("\t") == "␉")
        #expect(InertText.sanitize("\r") == "␍")
        #expect(InertText.sanitize("\n") == "␤")
        #expect(InertText.sanitize("\r\n") == "␍␤")
        #expect(InertText.sanitize("\u{1b}") == "␛")
        #expect(InertText.sanitize("\u{7}") == "␇")
        #expect(InertText.sanitize("\u{7f}") == "␡")
    }

    @Test func escapeSequenceIsShownNotObeyed() {
        #expect(InertText.sanitize("\u{1b}[31mred\u{1b}[0m") == "␛[31mred␛[0m")
        #expect(InertText.sanitize("\u{1b}]0;title\u{7}") == "␛]0;title␇")
    }

    @Test func everyC1ControlBecomesHexText() {
        for value in UInt32(0x80)...0x9F {
            #expect(InertText.sanitize(scalar(value)) == "\\x" + String(value, radix: 16))
        }
        #expect(InertText.sanitize("a\u{9b}31m") == "a\\x9b31m")
    }

    @Test(arguments: [
        (0x202A, "U+202A"), (0x202B, "U+202B"), (0x202C, "U+202C"), (0x202D, "U+202D"), (0x202E, "U+202E"),
        (0x2066, "U+2066"), (0x2067, "U+2067"), (0x2068, "U+2068"), (0x2069, "U+2069"), (0x200E, "U+200E"),
        (0x200F, "U+200F"), (0x061C, "U+061C"),
    ])
    func bidiControlsBecomeCodePointText(value: UInt32, shown: String) {
        let text = "abc" + scalar(value) + "def"
        #expect(InertText.sanitize(text) == "abc\(shown)def")
    }

    @Test func nonPrintableScalarsBecomeCodePointText() {
        #expect(InertText.sanitize("a\u{2028}b\u{2029}c") == "aU+2028bU+2029c")
        #expect(InertText.sanitize("\u{FFFF}") == "U+FFFF")
        #expect(InertText.sanitize("\u{10FFFF}") == "U+10FFFF")
        #expect(InertText.sanitize("\u{378}") == "U+0378")
    }

    @Test(arguments: [
        "plain ASCII text", "héllo wörld", "日本語のテキスト", "emoji 😀 👍🏽 👨‍👩‍👧", "e\u{301}\u{302}",
        "한국어", "العربية", "‘quotes’ — dashes…", "\u{200B}zero\u{2060}width\u{FEFF}", "\u{E000}private",
    ])
    func printableTextIsUnchanged(text: String) {
        #expect(InertText.sanitize(text) == text)
    }

    @Test func sanitizingTwiceChangesNothingMore() {
        let text = "\u{0}\u{1b}[1m\t\r\n\u{7f}\u{85}\u{9b}\u{202E}\u{2066}\u{2028}\u{378}日本😀e\u{301}"
        let once = InertText.sanitize(text)
        #expect(InertText.sanitize(once) == once)
        #expect(once.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
    }

    @Test func validUTF8BytesAreDecoded() {
        #expect(InertText.render(bytes: Array("héllo 日本 😀".utf8)) == "héllo 日本 😀")
        #expect(InertText.render(bytes: [UInt8]()) == "")
    }

    @Test func bytesAreSanitizedAfterDecoding() {
        #expect(InertText.render(bytes: Array("\u{1b}[2J\n".utf8)) == "␛[2J␤")
        #expect(InertText.render(bytes: [0xC2, 0x9B]) == "\\x9b")
        #expect(InertText.render(bytes: [0xE2, 0x80, 0xAE]) == "U+202E")
    }

    @Test(
        arguments: [
            ([0xFF], "\\xff"),
            ([0x80], "\\x80"),
            ([0x61, 0x9B, 0x62], "a\\x9bb"),
            ([0xC0, 0xAF], "\\xc0\\xaf"),
            ([0xE0, 0x80, 0xAF], "\\xe0\\x80\\xaf"),
            ([0xED, 0xA0, 0x80], "\\xed\\xa0\\x80"),
            ([0xF4, 0x90, 0x80, 0x80], "\\xf4\\x90\\x80\\x80"),
            ([0xF5, 0x80], "\\xf5\\x80"),
            ([0xE2, 0x82], "\\xe2\\x82"),
            ([0xE2, 0x82, 0x41], "\\xe2\\x82A"),
            ([0xF0, 0x9F, 0x98], "\\xf0\\x9f\\x98"),
            ([0xCE, 0xBA, 0xFE, 0xCE, 0xBA], "κ\\xfeκ"),
        ] as [([UInt8], String)]
    )
    func invalidBytesBecomeHexText(bytes: [UInt8], shown: String) {
        #expect(InertText.render(bytes: bytes) == shown)
    }

    @Test func renderingBytesAcceptsSlices() {
        let bytes: [UInt8] = [0x00, 0x41, 0x42, 0xFF]
        #expect(InertText.render(bytes: bytes[1...]) == "AB\\xff")
    }

    @Test func renderedBytesAreAlreadyInert() {
        let bytes = (0...255).map { UInt8($0) }
        let rendered = InertText.render(bytes: bytes)
        #expect(InertText.sanitize(rendered) == rendered)
        #expect(rendered.hasPrefix("␀␁␂"))
        #expect(rendered.contains("~␡\\x80\\x81"))
        #expect(rendered.hasSuffix("\\xfe\\xff"))
    }
}
