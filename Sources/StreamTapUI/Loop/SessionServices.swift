import StreamTapCore

/// What the app lends the TUI from the user's own files: saved endpoints
/// to list, open and add to, and the history of sent messages per
/// endpoint. Called on the UI thread only.
public struct SessionServices {
    /// The saved endpoints, in the collection's order.
    public var savedEndpoints: [SavedEndpoint]
    /// Opens a saved endpoint (with its own options) as connection `id`.
    public var openSaved: (SavedEndpoint, Int) throws -> any StreamConnection
    /// Saves connection `id` under `name`; the sentence says how it went.
    public var save: (_ name: String, _ id: Int) -> Notice
    /// Messages sent to `url` in earlier runs, oldest first.
    public var history: (_ url: String) -> [Composer.History]
    /// Keeps a message just sent to `url` for the next run; says why
    /// when it could not.
    public var remember: (_ entry: Composer.History, _ url: String) -> Notice?

    public init(
        savedEndpoints: [SavedEndpoint],
        openSaved: @escaping (SavedEndpoint, Int) throws -> any StreamConnection,
        save: @escaping (_ name: String, _ id: Int) -> Notice,
        history: @escaping (_ url: String) -> [Composer.History],
        remember: @escaping (_ entry: Composer.History, _ url: String) -> Notice?
    ) {
        self.savedEndpoints = savedEndpoints
        self.openSaved = openSaved
        self.save = save
        self.history = history
        self.remember = remember
    }
}
