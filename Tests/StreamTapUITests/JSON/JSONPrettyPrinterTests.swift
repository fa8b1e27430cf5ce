import Testing

@testable import StreamTapUI

@Suite struct JSONPrettyPrinterTests {
    private func pretty(_ text: String) -> String? {
        guard case .success(let lines) = JSONPrettyPrinter.format(Array(text.utf8), theme: Fixtures.plainTheme) else {
            return nil
        }
        return lines.map(\.text).joined(separator: "\n")
    }

    @Test func indentsObjectsAndArrays() {
        #expect(
            pretty(#"{"a":1,"b":[true,null,"x\"y"],"c":{},"d":[]}"#) == """
                {
                  "a": 1,
                  "b": [
                    true,
                    null,
                    "x\\"y"
                  ],
                  "c": {},
                  "d": []
                }
                """
        )
        #expect(pretty(" -1.5e+3 ") == "-1.5e+3")
        #expect(pretty("\"\\u00e9\"") == "\"\\u00e9\"")
    }

    @Test func colorsTokensByKind() throws {
        let theme = Fixtures.colorTheme
        let lines = try JSONPrettyPrinter.format(Array(#"{"k":"v","n":2,"t":true}"#.utf8), theme: theme).get()
        let spans = lines.flatMap(\.spans)
        #expect(spans.contains { $0.text == "\"k\"" && $0.style == theme.jsonKey })
        #expect(spans.contains { $0.text == "\"v\"" && $0.style == theme.jsonString })
        #expect(spans.contains { $0.text == "2" && $0.style == theme.jsonNumber })
        #expect(spans.contains { $0.text == "true" && $0.style == theme.jsonLiteral })
    }

    @Test func reportsWhereTextStopsBeingJSON() {
        #expect(
            JSONPrettyPrinter.validate("{\"a\":1,}")?.description == "line 1, column 8: expected a key in double quotes"
        )
        #expect(JSONPrettyPrinter.validate("[1,\n 2 x]")?.description == "line 2, column 4: expected ',' or ']'")
        #expect(JSONPrettyPrinter.validate("01")?.message == "a number cannot start with 0")
        #expect(JSONPrettyPrinter.validate("\"abc")?.message == "unterminated string")
        #expect(JSONPrettyPrinter.validate("\"a\u{1}\"")?.message.hasPrefix("control character") == true)
        #expect(JSONPrettyPrinter.validate("\"\\q\"")?.message.hasPrefix("invalid escape") == true)
        #expect(JSONPrettyPrinter.validate("tru")?.message == "expected 'true'")
        #expect(JSONPrettyPrinter.validate("1 2")?.message == "unexpected text after the JSON value")
        #expect(JSONPrettyPrinter.validate("")?.message == "unexpected end of text, expected a value")
        #expect(JSONPrettyPrinter.validate("{\"é\": 1 ]")?.column == 9)
        #expect(JSONPrettyPrinter.validate("[1]") == nil)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(JSONPrettyPrinter.validate(deep)?.message == "nested deeper than 256 levels")
    }

    @Test func hexDumpShowsOffsetsBytesAndASCII() {
        let lines = HexDump.lines(of: Array("hello, world!\n\u{0}\u{7F}ab".utf8), theme: Fixtures.plainTheme).map(
            \.text
        )
        #expect(
            lines == [
                "00000000  68 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 7f  |hello, world!...|",
                "00000010  61 62                                             |ab|",
            ]
        )
        #expect(HexDump.lines(of: [1, 2, 3, 4, 5], bytesPerLine: 4, theme: Fixtures.plainTheme).count == 2)
    }
}
