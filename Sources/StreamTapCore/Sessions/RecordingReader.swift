/// Reads a JSONL recording (`--record`, `streamtap cat --jsonl`) back into
/// events. It is tolerant: reading stops at the first line that is not a
/// contract event (a recording cut short by a crash ends in half a line)
/// and reports that line's number, keeping every event before it.
public enum RecordingReader {
    public static func read(_ bytes: [UInt8]) -> SessionReadResult {
        var events: [StreamEvent] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = Array(bytes[start..<end])
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                let value = try JSONParser.parse(line)
                do {
                    if let event = try StreamEventDecoder.decode(value) { events.append(event) }
                } catch {
                    return SessionReadResult(
                        events: events,
                        problem: SessionFileProblem(line: lineNumber, reason: "\(error)")
                    )
                }
            } catch {
                let reason =
                    end == bytes.count && error.reason.hasPrefix("the text ends")
                    ? "the recording is cut short (\(error.reason), column \(error.column))"
                    : "not JSON: \(error.reason) (column \(error.column))"
                return SessionReadResult(events: events, problem: SessionFileProblem(line: lineNumber, reason: reason))
            }
        }
        return SessionReadResult(events: events)
    }
}
