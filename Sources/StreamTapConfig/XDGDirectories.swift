/// Where StreamTap keeps its files, after the XDG Base Directory
/// specification: settings in `$XDG_CONFIG_HOME/streamtap` (default
/// `~/.config/streamtap`), state such as sent-message history in
/// `$XDG_STATE_HOME/streamtap` (default `~/.local/state/streamtap`).
public struct XDGDirectories: Sendable, Equatable {
    /// `…/streamtap` under the configuration home.
    public var configuration: String
    /// `…/streamtap` under the state home.
    public var state: String

    public init(configuration: String, state: String) {
        self.configuration = configuration
        self.state = state
    }

    /// The directories for `environment`; `nil` when neither the XDG
    /// variables nor `HOME` say where they are.
    public init?(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        func base(_ variable: String, fallback: String) -> String? {
            // The specification ignores relative paths.
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home.map { $0 + fallback }
        }
        guard let configurationHome = base("XDG_CONFIG_HOME", fallback: "/.config"),
            let stateHome = base("XDG_STATE_HOME", fallback: "/.local/state")
        else { return nil }
        self.init(configuration: configurationHome + "/streamtap", state: stateHome + "/streamtap")
    }

    /// The settings file: theme, event limits, connection defaults.
    public var configurationFile: String { configuration + "/config.yaml" }
    /// The saved endpoints.
    public var endpointsFile: String { configuration + "/endpoints.yaml" }
    /// The folder of per-endpoint histories of sent messages.
    public var historyFolder: String { state + "/history" }
}
