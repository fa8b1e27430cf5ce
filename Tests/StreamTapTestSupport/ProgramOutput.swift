/// What a program run to its end printed, and how it ended.
public struct ProgramOutput: Sendable {
    public var stdout: String
    public var stderr: String
    /// The exit status (128 + the signal if a signal ended it).
    public var status: Int32
    /// It overran its time limit and was killed.
    public var timedOut: Bool
}
