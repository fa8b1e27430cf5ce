/// Recording the session from the TUI: the reducer asks the loop to switch
/// the recorder, and shows what happened.
extension Reducer {
    static func recordingChanged(path: String?, problem: String?, state: inout AppState) {
        if let problem {
            state.notice = Notice("cannot record: \(problem)", isError: true)
            return
        }
        let previous = state.recordingPath
        state.recordingPath = path
        if let path {
            state.notice = Notice("recording every event to \(path) (: record again to stop)")
        } else if let previous {
            state.notice = Notice("recording stopped; open it with: streamtap replay \(previous)")
        }
    }
}
