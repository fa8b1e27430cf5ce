import StreamTapCore

/// The user's settings from `config.yaml`: how the TUI looks, how many
/// events it keeps, and defaults for every connection (the command line
/// and a saved endpoint's own values win over them).
///
/// ```yaml
/// theme: light
/// keys:
///   quit: Q
///   filter: [/, F3]
/// events:
///   max-count: 200000
///   max-megabytes: 128
/// defaults:
///   user-agent: my-team-debugger
///   connect-timeout: 5
///   keepalive: 30
///   headers:
///     X-Team: streams
/// ```
public struct UserConfiguration: Sendable, Equatable {
    /// `dark`, `light` or `mono`, as `--theme` takes it.
    public var theme: String?
    public var eventLimits: EventLog.Limits?
    public var defaults: ConnectionDefaults
    /// Key bindings changed by the user, in the file's order.
    public var keys: [KeySetting] = []

    /// `command: key` or `command: [key, key]` from the `keys:` section,
    /// with where it was written (the keys are checked against the UI's
    /// keymap by the app).
    public struct KeySetting: Sendable, Equatable {
        public var command: String
        public var keys: [String]
        public var line: Int?
        public var column: Int?

        public init(command: String, keys: [String], line: Int? = nil, column: Int? = nil) {
            self.command = command
            self.keys = keys
            self.line = line
            self.column = column
        }
    }

    /// Values applied to every connection unless given otherwise.
    public struct ConnectionDefaults: Sendable, Equatable {
        public var headers = HeaderFields()
        public var userAgent: String?
        public var connectTimeoutSeconds: Double?
        public var keepaliveSeconds: Double?
        public var maxMessageSize: Int?

        public init() {}
    }

    public init(theme: String? = nil, eventLimits: EventLog.Limits? = nil, defaults: ConnectionDefaults = .init()) {
        self.theme = theme
        self.eventLimits = eventLimits
        self.defaults = defaults
    }
}
