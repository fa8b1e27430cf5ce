/// Quitting: at once, unless a recording is running, when the first `q`
/// says so and the second quits (any other key cancels).
extension Reducer {
    static func requestQuit(state: inout AppState) {
        if let path = state.recordingPath, !state.quitNeedsConfirmation {
            state.quitNeedsConfirmation = true
            let key = state.keymap.bindings.first { $0.command == .quit }?.keys.first.map(Keymap.label(for:)) ?? "q"
            state.notice = Notice("recording to \(path): press \(key) again to quit (all events so far are saved)")
            return
        }
        state.shouldQuit = true
    }
}
