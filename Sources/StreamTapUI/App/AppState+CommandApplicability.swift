extension AppState {
    /// Whether `command` would do anything now, so the status bar suggests
    /// it: with no pane nothing acts on a connection, and with one pane
    /// there is no other pane to move to or compare with; the answer view
    /// is for a pane that carries a model's stream.
    func applies(_ command: Command) -> Bool {
        switch command {
        case .nextPane, .previousPane, .compare:
            panes.count > 1
        case .faultMenu, .fault, .explain, .reconnect, .closeConnection, .toggleAutoReconnect, .toggleAutoPong,
            .toggleSplit, .zoom:
            !panes.isEmpty
        case .assembled:
            focusedPaneIndex.map { panes[$0].modelStream != nil } ?? false
        default:
            true
        }
    }
}
