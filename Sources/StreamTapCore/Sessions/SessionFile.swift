/// Reads a session file of either kind, told apart by content: a JSONL
/// recording (one contract event per line) or a HAR document.
public enum SessionFile {
    /// What a file turned out to be.
    public enum Format: Sendable, Equatable {
        case jsonl
        case har
    }

    public static func read(_ bytes: [UInt8]) -> (format: Format, result: SessionReadResult) {
        let blank: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        let start = bytes.firstIndex { !blank.contains($0) } ?? bytes.count
        let firstLine = bytes[start...].prefix { $0 != 0x0A }
        if let value = try? JSONParser.parse(Array(firstLine)), value["kind"] != nil {
            return (.jsonl, RecordingReader.read(bytes))
        }
        if let document = try? JSONParser.parse(bytes), document["log"] != nil {
            return (.har, HARReader.read(document))
        }
        // A pretty-printed document opens with a line holding no member.
        if firstLine.first == UInt8(ascii: "{") && !firstLine.contains(UInt8(ascii: ":")) {
            return (.har, HARReader.read(bytes))
        }
        var result = RecordingReader.read(bytes)
        if result.events.isEmpty && result.problem == nil {
            result.problem = SessionFileProblem(line: nil, reason: "the file is empty")
        }
        return (.jsonl, result)
    }
}
