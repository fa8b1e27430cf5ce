import StreamTapCore
import StreamTapTerminal

/// Something that happened, for `reduce` to fold into the state: input,
/// network events, time passing, and replies to effects.
public enum Action: Sendable {
    /// A key, mouse event or resize.
    case key(Key)
    /// A command, from the palette or a test.
    case command(Command)
    /// Events from connections, oldest first.
    case events([StreamEvent])
    /// Events the inbox had to drop, per connection.
    case inboxDropped([Int: Int])
    /// The clock moved on.
    case tick(Timestamp)
    /// Check up to `budget` stored events per pane against a changed filter.
    case work(budget: Int)
    /// A pane for a connection that was opened.
    case addPane(PaneSpecification)
    /// Connection `id` (opened from the UI) runs with these switches and
    /// can be asked to do these things.
    case connectionKnown(id: Int, ConnectionSettings, ConnectionCapabilities)
    /// Opening connection `id` failed.
    case connectFailed(id: Int, message: String)
    /// Something to tell the user in the status bar (e.g. how saving went).
    case notice(Notice)
    /// Messages sent to pane `id`'s endpoint in earlier runs, oldest first.
    case historyLoaded(id: Int, [Composer.History])
    /// Quit (a signal arrived).
    case quit
    /// The session recording started (`path`), stopped (`nil`), or could
    /// not start (`problem`).
    case recordingChanged(path: String?, problem: String?)
}

/// What a new pane is: its connection and how to show it.
public struct PaneSpecification: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var url: String
    public var protocolKind: StreamProtocol?
    /// Whether a connection drives it.
    public var isConnected: Bool
    /// Why there is no connection, shown in the pane.
    public var problem: String?
    /// The connection's switches when the pane opens.
    public var settings: ConnectionSettings
    /// What the connection can be asked to do (nothing, until known).
    public var capabilities: ConnectionCapabilities

    public init(
        id: Int,
        title: String,
        url: String,
        protocolKind: StreamProtocol?,
        isConnected: Bool,
        problem: String? = nil,
        settings: ConnectionSettings = ConnectionSettings(),
        capabilities: ConnectionCapabilities = []
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.protocolKind = protocolKind
        self.isConnected = isConnected
        self.problem = problem
        self.settings = settings
        self.capabilities = capabilities
    }
}

/// What the loop must do for the reducer, outside the state.
public enum Effect: Sendable, Equatable {
    /// Send a command to connection `id`.
    case perform(ConnectionCommand, connection: Int)
    /// Open a connection to `endpoint` as `id`.
    case connect(Endpoint, id: Int)
    /// Open the saved endpoint as `id`.
    case openSaved(SavedEndpoint, id: Int)
    /// Save connection `connection`'s endpoint and options as `name`.
    case save(name: String, connection: Int)
    /// Keep `entry`, just sent to `url`, in the history for the next run.
    case remember(Composer.History, url: String)
    /// Start recording the session, or stop when it is recording.
    case toggleRecording
}
