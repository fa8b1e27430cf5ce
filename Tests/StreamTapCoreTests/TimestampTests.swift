import Testing

@testable import StreamTapCore

@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(1_795_590_835_123_456_789), "2026-11-25T07:13:55.123Z"),
        (Int64(951_782_400_000_000_000), "2000-02-29T00:00:00.000Z"),
        (Int64(-1_000_000), "1969-12-31T23:59:59.999Z"),
        (Int64(4_102_444_799_999_000_000), "2099-12-31T23:59:59.999Z"),
    ])
    func formatsRFC3339WithMilliseconds(nanoseconds: Int64, expected: String) {
        #expect(Timestamp(nanosecondsSinceEpoch: nanoseconds).rfc3339 == expected)
    }

    @Test func nowIsAfter2025() {
        #expect(Timestamp.now().rfc3339 > "2025-")
    }
}
