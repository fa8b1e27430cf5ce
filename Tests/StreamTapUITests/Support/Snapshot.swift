import Foundation
import Testing

/// Compares `actual` with the snapshot file `__Snapshots__/<name>.txt` next
/// to the tests. With `RECORD_SNAPSHOTS` set the file is (re)written; a
/// missing file is recorded too, except under `CI=true`, where it fails.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let environment = ProcessInfo.processInfo.environment
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent(name + ".txt")
    let text = actual + "\n"
    let recording = environment["RECORD_SNAPSHOTS"] != nil
    guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        if !recording && environment["CI"] == "true" {
            Issue.record(
                "missing snapshot \(name).txt (record it with RECORD_SNAPSHOTS=1)",
                sourceLocation: sourceLocation
            )
            return
        }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    if expected != text {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference =
            zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        Issue.record(
            """
            snapshot \(name) differs from line \(firstDifference + 1) (re-record with RECORD_SNAPSHOTS=1)
            --- expected
            \(expected)
            --- actual
            \(text)
            """,
            sourceLocation: sourceLocation
        )
    }
}
