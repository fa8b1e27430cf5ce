/// Fuzz target: the Server-Sent Events parser.
///
/// The first byte picks the event size limit; the rest is the response body.
/// Properties: no crash; no event's data exceeds the limit; and the outputs,
/// last event ID, reconnection time and end-of-stream report are the same
/// whether the body arrives whole, split in two reads at any point, or one
/// byte at a time.

struct SSERun: Equatable {
    var outputs: [SSEParser.Output] = []
    var discarded = false
    var lastEventID = ""
    var reconnectionTime: Int?
}

func runSSE(_ chunks: [ArraySlice<UInt8>], maximumEventSize: Int) -> SSERun {
    var parser = SSEParser(maximumEventSize: maximumEventSize)
    var run = SSERun()
    for chunk in chunks {
        parser.feed(chunk, into: &run.outputs)
    }
    run.discarded = parser.finish()
    run.lastEventID = parser.lastEventID
    run.reconnectionTime = parser.reconnectionTime
    return run
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSEParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let first = input.first else { return 0 }
    let limit = [8, 64, 1024, SSEParser.defaultMaximumEventSize][Int(first & 0x03)]
    let body = input[1...]
    let whole = runSSE([body], maximumEventSize: limit)
    for output in whole.outputs {
        if case .event(let event) = output {
            fuzzCheck(event.data.utf8.count <= limit * 3, "an event of \(event.data.utf8.count) bytes passed the limit")
        }
    }
    for split in body.indices.dropFirst() {
        let parts = runSSE([body[..<split], body[split...]], maximumEventSize: limit)
        fuzzCheck(parts == whole, "split at \(split - 1) changed the outcome")
    }
    let bytewise = runSSE(body.indices.map { body[$0...$0] }, maximumEventSize: limit)
    fuzzCheck(bytewise == whole, "one byte per read changed the outcome")
    return 0
}
