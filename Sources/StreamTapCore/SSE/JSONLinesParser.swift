/// Reads a JSON Lines stream (`application/x-ndjson`, `application/jsonl`)
/// as events: each non-blank line is one event of type `message` whose
/// data is the line, without its line ending. Model servers such as
/// Ollama stream so.
///
/// Lines split across reads are joined; a line longer than the maximum
/// is reported and discarded up to its end.
public struct JSONLinesParser: Sendable {
    public let maximumLineSize: Int
    private var line: [UInt8] = []
    private var discarding = false

    public init(maximumLineSize: Int = SSEParser.defaultMaximumEventSize) {
        self.maximumLineSize = maximumLineSize
    }

    /// Reads `bytes`, appending the events of the lines they complete.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, into outputs: inout [SSEParser.Output]) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                keep(bytes[start...], outputs: &outputs)
                return
            }
            keep(bytes[start..<newline], outputs: &outputs)
            endLine(into: &outputs)
            start = newline + 1
        }
    }

    /// The stream ended: a last line without its line ending is still a
    /// line.
    public mutating func finish(into outputs: inout [SSEParser.Output]) {
        endLine(into: &outputs)
    }

    private mutating func keep(_ bytes: Slice<UnsafeRawBufferPointer>, outputs: inout [SSEParser.Output]) {
        guard !discarding else { return }
        guard line.count + bytes.count <= maximumLineSize else {
            discarding = true
            line.removeAll()
            outputs.append(.error("JSON line longer than \(maximumLineSize) bytes; discarded up to its end"))
            return
        }
        line.append(contentsOf: bytes)
    }

    private mutating func endLine(into outputs: inout [SSEParser.Output]) {
        defer {
            line.removeAll(keepingCapacity: true)
            discarding = false
        }
        if line.last == 0x0D { line.removeLast() }
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        outputs.append(.event(SSEEvent(data: String(decoding: line, as: UTF8.self))))
    }
}
