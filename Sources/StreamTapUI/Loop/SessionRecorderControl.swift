/// Starts and stops recording the whole session to a JSONL file from the
/// TUI (the `:` palette's "Record the session" entry). The executable
/// implements it; the UI loop calls it on the UI thread.
public protocol SessionRecorderControl: AnyObject {
    /// The file being written, or `nil` when not recording.
    var recordingPath: String? { get }
    /// Starts recording to a new file; returns its path or throws a
    /// readable error.
    func startRecording() throws -> String
    /// Stops recording; returns the file that was written, if any.
    func stopRecording() -> String?
}
