/// Fuzz target: reading session files (JSONL recordings and HAR documents).
///
/// The first byte picks the reader: a JSONL recording, a HAR document, or
/// the format detection `streamtap replay` uses; the rest is the file.
/// Properties: no crash, reading or exporting what was read as HAR; and
/// every event read from a recording, written back as JSONL and read
/// again, comes back the same (what the reader accepts, the writer and
/// reader agree on, up to the millisecond).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSessionFiles(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let first = input.first else { return 0 }
    let file = Array(input[1...])
    let result: SessionReadResult
    switch first % 3 {
    case 0: result = RecordingReader.read(file)
    case 1: result = HARReader.read(file)
    default: result = SessionFile.read(file).result
    }
    _ = HARWriter.write(result.events, creatorVersion: "fuzz")
    guard first % 3 == 0, !result.events.isEmpty else { return 0 }
    // Once written as JSONL (which keeps milliseconds), reading and
    // writing again changes nothing.
    let written = RecordingReader.read(jsonl(result.events))
    fuzzCheck(written.problem == nil, "a recording written back does not read: \(String(describing: written.problem))")
    fuzzCheck(written.events.count == result.events.count, "events were lost when written back")
    let again = RecordingReader.read(jsonl(written.events))
    fuzzCheck(again.events == written.events, "events changed when written back and read again")
    return 0
}

/// `events` in the JSONL contract.
func jsonl(_ events: [StreamEvent]) -> [UInt8] {
    var encoder = JSONLEncoder()
    var written: [UInt8] = []
    for event in events {
        encoder.encode(event, into: &written)
    }
    return written
}
