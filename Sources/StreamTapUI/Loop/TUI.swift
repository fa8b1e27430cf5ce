import Foundation
import StreamTapCore
import StreamTapTerminal

/// A pane to open the TUI with: a live connection, or a URL that could not
/// be connected and the reason.
public struct TUIPane {
    public var title: String
    public var url: String
    public var protocolKind: StreamProtocol?
    /// The connection (already started) whose events fill the pane.
    public var connection: (any StreamConnection)?
    /// Why there is no connection, shown as an error row in the pane.
    public var problem: String?

    /// A pane for a live connection to `endpoint`.
    public init(title: String, endpoint: Endpoint, connection: any StreamConnection) {
        self.title = title
        self.url = endpoint.description
        self.protocolKind = endpoint.protocolKind
        self.connection = connection
    }

    /// A pane that explains why `url` is not connected.
    public init(title: String, url: String, protocolKind: StreamProtocol?, problem: String) {
        self.title = title
        self.url = url
        self.protocolKind = protocolKind
        self.problem = problem
    }
}

/// How to start the TUI.
public struct TUIConfiguration {
    public var panes: [TUIPane]
    /// Opens connections for `:connect URL`; `nil` disables it.
    public var connect: ConnectionOpener?
    public var colorPolicy: ColorPolicy
    /// The colours (`mono` turns them off).
    public var theme: ThemeName
    public var eventLimits: EventLog.Limits
    /// The key bindings (the standard ones unless the user changed them).
    public var keymap: Keymap
    /// Added to UTC when showing clock times (the local offset by default).
    public var utcOffsetSeconds: Int
    /// Saved endpoints and sent-message history, when the app has them.
    public var services: SessionServices?
    /// Starts and stops recording from the palette; `nil` disables it.
    public var recorder: (any SessionRecorderControl)?

    public init(
        panes: [TUIPane],
        connect: ConnectionOpener? = nil,
        colorPolicy: ColorPolicy = ColorPolicy(
            environment: ProcessInfo.processInfo.environment,
            terminalHasColors: true
        ),
        eventLimits: EventLog.Limits = .standard,
        keymap: Keymap = Keymap(),
        utcOffsetSeconds: Int = TimeZone.current.secondsFromGMT(),
        theme: ThemeName = .dark,
        services: SessionServices? = nil
    ) {
        self.panes = panes
        self.connect = connect
        self.colorPolicy = colorPolicy
        self.eventLimits = eventLimits
        self.keymap = keymap
        self.utcOffsetSeconds = utcOffsetSeconds
        self.theme = theme
        self.services = services
    }
}

/// The terminal UI: split panes of live streams.
public enum TUI {
    /// The initial state for `configuration` on a screen of `size`.
    public static func initialState(
        _ configuration: TUIConfiguration,
        size: TerminalSize,
        now: Timestamp
    ) -> AppState {
        var state = AppState(
            size: size,
            theme: Theme(policy: configuration.colorPolicy, name: configuration.theme),
            now: now,
            utcOffsetSeconds: configuration.utcOffsetSeconds,
            eventLimits: configuration.eventLimits,
            canConnect: configuration.connect != nil
        )
        state.savedEndpoints = configuration.services?.savedEndpoints ?? []
        state.keymap = configuration.keymap
        var unusedID = (configuration.panes.compactMap { $0.connection?.id }.max() ?? 0) + 1
        for pane in configuration.panes {
            let id: Int
            if let connection = pane.connection {
                id = connection.id
            } else {
                id = unusedID
                unusedID += 1
            }
            Reducer.reduce(
                &state,
                .addPane(
                    PaneSpecification(
                        id: id,
                        title: pane.title,
                        url: pane.url,
                        protocolKind: pane.protocolKind,
                        isConnected: pane.connection != nil,
                        problem: pane.problem,
                        settings: pane.connection?.settings ?? ConnectionSettings(),
                        capabilities: pane.connection?.capabilities ?? []
                    )
                )
            )
        }
        if let services = configuration.services {
            for (index, pane) in state.panes.enumerated() where pane.isConnected {
                state.panes[index].composer.restoreHistory(services.history(pane.url))
            }
        }
        state.focus = 0
        state.recordingPath = configuration.recorder?.recordingPath
        return state
    }

    /// Runs the TUI on `backend` until the user quits (q, Ctrl+C) or
    /// SIGINT, SIGTERM or SIGHUP arrives, then restores the terminal.
    /// Connections keep running: shut them down afterwards (the returned
    /// list includes those opened from the UI).
    @discardableResult
    public static func run(
        backend: any TerminalBackend,
        inbox: EventInbox,
        configuration: TUIConfiguration
    ) -> [any StreamConnection] {
        let state = initialState(configuration, size: backend.size, now: .now())
        let loop = UILoop(
            state: state,
            backend: backend,
            inbox: inbox,
            connections: configuration.panes.compactMap(\.connection),
            connect: configuration.connect,
            services: configuration.services,
            recorder: configuration.recorder
        )
        let relay = inbox.doorbell.map { SignalRelay(doorbell: $0) }
        loop.run()
        relay?.uninstall()
        backend.restore()
        return loop.liveConnections
    }
}
