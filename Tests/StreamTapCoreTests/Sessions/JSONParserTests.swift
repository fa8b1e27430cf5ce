import Testing

@testable import StreamTapCore

/// The strict JSON reader behind replay and HAR import: what it accepts and
/// where it says a text went wrong.
@Suite struct JSONParserTests {
    @Test func readsEveryKindOfValue() throws {
        let value = try JSONParser.parse(
            #" {"a": [1, -2.5e2, true, false, null], "b": {"c": "x\"\\\/\n\u00e9\ud83d\ude00"}} "#
        )
        #expect(value["a"] == .array([.number(1), .number(-250), .bool(true), .bool(false), .null]))
        #expect(value["b"]?["c"]?.stringValue == "x\"\\/\n\u{E9}\u{1F600}")
    }

    @Test(arguments: [
        ("{\n  \"a\": tru\n}", 2, 8, "invalid literal"),
        ("[1, 2,]", 1, 7, "unexpected character ']'"),
        ("{\"a\": 01}", 1, 8, "numbers do not start with 0"),
        ("{\"a\": 1} x", 1, 10, "unexpected text after the JSON value"),
        ("{\"a\": \"tab\there\"}", 1, 11, "control character"),
        ("{\"a\": \"\\x\"}", 1, 10, "invalid escape"),
        ("{\"a\": \"\\ud800\"}", 1, 14, "low one"),
        ("{\"a\": [1, 2", 1, 12, "the text ends inside an array"),
        ("", 1, 1, "the text ends where a value should be"),
    ])
    func errorsSayWhere(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.reason.contains(reason))
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func invalidUTF8InAStringIsRefused() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }
}

/// RFC 3339 and ISO 8601 times as recordings and HAR files write them.
@Suite struct TimestampParsingTests {
    @Test func readsWhatTheEncoderWrites() {
        let time = Timestamp(nanosecondsSinceEpoch: 1_795_590_835_123_000_000)
        #expect(Timestamp(rfc3339: time.rfc3339) == time)
    }

    @Test func readsOffsetsAndLongFractions() {
        #expect(
            Timestamp(rfc3339: "2026-11-25T08:13:55.123456+01:00")
                == Timestamp(nanosecondsSinceEpoch: 1_795_590_835_123_456_000)
        )
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00Z") == Timestamp(nanosecondsSinceEpoch: 0))
        #expect(Timestamp(rfc3339: "2024-02-29T00:00:00Z")?.rfc3339 == "2024-02-29T00:00:00.000Z")
    }

    @Test(arguments: ["", "2026-11-25", "2026-13-01T00:00:00Z", "2026-11-25T07:13:55", "2026-11-25T07:13:55.Z"])
    func refusesWhatIsNotATime(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }
}
