import StreamTapCore
import Testing

/// Inputs the `session-files` fuzz target found.
@Suite struct SessionFileFuzzRegressionTests {
    /// A recording whose timestamp is in the year 1013 overflowed the
    /// nanosecond clock and crashed the reader; the line is now refused.
    @Test func aTimestampBeyondTheClocksRangeIsABadLineNotACrash() {
        let line =
            #"{"kind":"connecting","ts":"1013-11-25T09:19:09.315Z","conn":0,"#
            + #""url":"http://127.0.0.1:1/","attempt":1}"#
        let result = RecordingReader.read(Array((line + "\n").utf8))
        #expect(result.events.isEmpty)
        #expect(result.problem?.line == 1)
        #expect(Timestamp(rfc3339: "1013-11-25T09:19:09.315Z") == nil)
        #expect(Timestamp(rfc3339: "2263-01-01T00:00:00Z") == nil)
        #expect(Timestamp(rfc3339: "1678-01-01T00:00:00Z") != nil)
        #expect(Timestamp(rfc3339: "2262-04-11T00:00:00Z") != nil)
    }
}

/// Recordings whose first and last events lie at the ends of the clock's
/// range (1678 and 2262): the span does not fit 64 bits of nanoseconds.
@Suite struct RecordingSpanTests {
    let first = Timestamp(rfc3339: "1678-01-01T00:00:00.000Z")
    let last = Timestamp(rfc3339: "2262-04-10T00:00:00.000Z")

    @Test func millisecondsBetweenTheExtremes() throws {
        let first = try #require(first)
        let last = try #require(last)
        #expect(last.milliseconds(since: first) == 18_437_760_000_000)
        #expect(first.milliseconds(since: last) == -18_437_760_000_000)
        let later = Timestamp(nanosecondsSinceEpoch: last.nanosecondsSinceEpoch + 1_500_000)
        #expect(later.milliseconds(since: last) == 1.5)
    }

    @Test func exportingSuchARecordingAsHARWorks() throws {
        let events = [
            StreamEvent(
                timestamp: try #require(first),
                connectionID: 1,
                kind: .connecting(url: "ws://127.0.0.1:9/", attempt: 1)
            ),
            StreamEvent(timestamp: try #require(last), connectionID: 1, kind: .retry(milliseconds: 5)),
        ]
        let har = String(decoding: HARWriter.write(events, creatorVersion: "test"), as: UTF8.self)
        #expect(har.contains(#""time":18437760000000.0"#), "\(har.prefix(400))")
    }
}

/// A HAR message time (seconds since 1970) the clock cannot hold stopped
/// the reader: seconds below the sanity bound could still overflow once in
/// nanoseconds. The entry is now named as out of range.
@Suite struct HARTimeRangeTests {
    @Test(arguments: ["50000000000", "-50000000000", "1e300"])
    func aMessageTimeBeyondTheClocksRangeIsNamed(time: String) throws {
        var text = String(decoding: try SampleFiles.bytes("chrome-websocket.har"), as: UTF8.self)
        let messages = try #require(text.range(of: "_webSocketMessages"))
        let first = try #require(
            text.range(
                of: #""time": *[0-9.]+"#,
                options: .regularExpression,
                range: messages.upperBound..<text.endIndex
            )
        )
        text.replaceSubrange(first, with: #""time": "# + time)
        let result = HARReader.read(Array(text.utf8))
        #expect(
            result.problem.map { "\($0)" }?.contains(#""time" is out of range"#) == true,
            "\(String(describing: result.problem))"
        )
        #expect(Timestamp(secondsSinceEpoch: 1_795_590_835.123)?.rfc3339 == "2026-11-25T07:13:55.123Z")
        #expect(Timestamp(secondsSinceEpoch: -1.5)?.nanosecondsSinceEpoch == -1_500_000_000)
    }
}
