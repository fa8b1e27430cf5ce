import Foundation
import StreamTapCore

/// Reads a session file (JSONL recording or HAR) for `replay` and `export`,
/// with the file's name in every complaint.
enum SessionFileLoader {
    /// Why a session file cannot be used at all.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The file's events; `problem` says where a damaged file stopped.
    static func load(_ path: String) throws -> (format: SessionFile.Format, result: SessionReadResult) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
            throw Failure(description: "\(path) \(reason)")
        }
        let read = SessionFile.read(Array(data))
        if read.result.events.isEmpty {
            let problem = read.result.problem.map { "\($0)" } ?? "it holds no events"
            throw Failure(
                description:
                    "\(path): \(problem). A session file is a JSONL recording (--record, cat --jsonl) or a HAR file saved by a browser."
            )
        }
        return read
    }

    /// The sentence that says a damaged file was read only up to a point
    /// (`use` says what happens to the events read: "shown", "exported").
    static func partialNotice(_ path: String, _ result: SessionReadResult, use: String) -> String? {
        guard let problem = result.problem else { return nil }
        return "\(problem); the \(result.events.count) events before it are \(use) (\(path))."
    }
}
