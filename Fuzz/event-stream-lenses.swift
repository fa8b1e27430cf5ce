/// Fuzz target: the model-stream lens (OpenAI Chat Completions and
/// Responses, Anthropic, Ollama, `auto`, an `--assemble` path) and the
/// JSON lines reader, driven as an event stream's reader drives them.
///
/// Input: the first byte picks the format (its value modulo 6) and the
/// framing (bit 3: JSON lines instead of Server-Sent Events); the second
/// byte how the body after it is cut into socket reads (chunks of its value
/// modulo 32, plus one). Every event goes to the lens at increasing times,
/// each read its own read number, until the lens ends the stream.
///
/// Properties: no crash; every event's decoding and the close's summary,
/// written in a JSONL line by `JSONLEncoder`, parse back with
/// `StreamEventDecoder` to the same protocol, type and summary; the
/// assembled text is the events' deltas joined; no token is timed before
/// the first or after the last; and JSON lines give the same events whole,
/// in the chunks, and one byte per read.

/// The format the first byte picks.
func fuzzFormat(_ byte: UInt8) -> LLMStreamFormat? {
    switch byte % 6 {
    case 0: .openAIChat
    case 1: .openAIResponses
    case 2: .anthropic
    case 3: .ollama
    case 4: nil
    default: (try? JSONPath("$.choices[*].delta.content")).map(LLMStreamFormat.assemble)
    }
}

/// The events `reads` carry, read as JSON lines or as an SSE body.
func fuzzEvents(_ reads: [ArraySlice<UInt8>], lines: Bool) -> [[SSEEvent]] {
    var sse = SSEParser(maximumEventSize: 4096)
    var jsonLines = JSONLinesParser(maximumLineSize: 4096)
    var perRead: [[SSEEvent]] = []
    for read in reads {
        var outputs: [SSEParser.Output] = []
        Array(read).withUnsafeBytes { bytes in
            if lines { jsonLines.feed(bytes, into: &outputs) } else { sse.feed(bytes, into: &outputs) }
        }
        perRead.append(outputs.compactMap { if case .event(let event) = $0 { event } else { nil } })
    }
    var last: [SSEParser.Output] = []
    if lines { jsonLines.finish(into: &last) }
    perRead.append(last.compactMap { if case .event(let event) = $0 { event } else { nil } })
    return perRead
}

/// A decoding written in a JSONL line and read back says the same.
func fuzzRoundTrip(_ kind: StreamEvent.Kind, _ decoding: LensDecoding) {
    var encoder = JSONLEncoder()
    let line = encoder.line(for: StreamEvent(timestamp: Timestamp(nanosecondsSinceEpoch: 0), kind: kind))
    guard let value = try? JSONParser.parse(line), let read = try? StreamEventDecoder.decode(value) else {
        fuzzCheck(false, "a lens's JSONL line does not read back: \(line)")
        return
    }
    let back: LensDecoding? =
        switch read.kind {
        case .event(let event): event.lens
        case .close(let close): close.lens
        default: nil
        }
    fuzzCheck(
        back?.protocolName == decoding.protocolName && back?.type == decoding.type
            && back?.summary == decoding.summary,
        "a lens's decoding reads back differently: \(line)"
    )
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventStreamLenses(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard input.count >= 2 else { return 0 }
    let lines = input[0] & 0x08 != 0
    let chunk = Int(input[1] % 32) + 1
    let body = input[2...]
    let reads = stride(from: body.startIndex, to: body.endIndex, by: chunk).map {
        body[$0..<min($0 + chunk, body.endIndex)]
    }
    let events = fuzzEvents(reads, lines: lines)
    if lines {
        let whole = fuzzEvents([body], lines: true).flatMap { $0 }
        let bytewise = fuzzEvents(body.indices.map { body[$0...$0] }, lines: true).flatMap { $0 }
        fuzzCheck(events.flatMap { $0 } == whole, "JSON lines differ between chunks and one read")
        fuzzCheck(bytewise == whole, "JSON lines differ between one byte per read and one read")
    }
    var lens = LLMStreamLens(format: fuzzFormat(input[0]))
    var deltas = ""
    var now = 0.0
    reading: for (read, readEvents) in events.enumerated() {
        now += Double(read % 7) * 13
        for event in readEvents {
            let reading = lens.received(event, at: now, read: read)
            if let decoding = reading.decoding {
                var shown = event
                shown.lens = decoding
                fuzzRoundTrip(.event(shown), decoding)
                if let delta = decoding["delta"]?.stringValue { deltas += delta }
            }
            if reading.end != nil { break reading }
        }
    }
    fuzzCheck(lens.assembly.text == deltas, "the assembled text is not the deltas joined")
    let figures = lens.timeline.figures
    if let first = figures.firstTokenMilliseconds, let last = figures.lastTokenMilliseconds {
        fuzzCheck(first <= last && last <= now, "tokens timed out of order: \(first) … \(last), now \(now)")
    }
    if let summary = lens.summary(at: now) {
        var close = CloseInfo(code: 1000, reason: "", initiator: .server)
        close.lens = summary
        fuzzRoundTrip(.close(close), summary)
    }
    return 0
}
