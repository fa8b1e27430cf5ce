import StreamTapCore

/// Saved endpoints from the palette: opening one in a new pane, and saving
/// the focused connection under a name.
extension Reducer {
    static func openSaved(named name: String, state: inout AppState, effects: inout [Effect]) {
        guard let saved = state.savedEndpoints.first(where: { $0.name == name }) else {
            state.notice = Notice("no saved endpoint is named '\(name)'", isError: true)
            return
        }
        let endpoint = try? Endpoint(parsing: saved.url, protocolOverride: saved.protocolOverride)
        openPane(
            title: saved.name,
            url: endpoint?.description ?? saved.url,
            protocolKind: endpoint?.protocolKind,
            state: &state,
            effects: &effects
        ) { Effect.openSaved(saved, id: $0) }
    }

    static func saveFocusedConnection(as name: String, state: inout AppState, effects: inout [Effect]) {
        guard let index = state.focusedPaneIndex, state.panes[index].isConnected else {
            state.notice = Notice("no connection to save: focus a connected pane first", isError: true)
            return
        }
        guard !name.isEmpty, !name.contains(where: \.isWhitespace), !name.contains("://") else {
            state.notice = Notice("type save and a name without spaces, e.g. save prices-staging", isError: true)
            return
        }
        effects.append(.save(name: name, connection: state.panes[index].id))
    }
}
