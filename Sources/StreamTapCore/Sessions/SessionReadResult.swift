/// Where a session file stopped making sense: a 1-based line number (in a
/// HAR file, the line of the JSON text) and a sentence.
public struct SessionFileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line the problem is on, when it is about one line.
    public var line: Int?
    public var reason: String

    public init(line: Int?, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { line.map { "line \($0): \(reason)" } ?? reason }
}

/// The events read from a session file and, when the file went bad part way
/// (a crash cut the last line short, a line was edited by hand), the first
/// problem: everything before it is kept.
public struct SessionReadResult: Sendable, Equatable {
    public var events: [StreamEvent]
    public var problem: SessionFileProblem?

    public init(events: [StreamEvent], problem: SessionFileProblem? = nil) {
        self.events = events
        self.problem = problem
    }
}
