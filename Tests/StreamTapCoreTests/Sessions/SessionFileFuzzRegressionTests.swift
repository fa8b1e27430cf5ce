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
