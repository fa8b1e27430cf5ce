import NIOConcurrencyHelpers
import StreamTapCore

/// A connection double that records the commands it is given, for tests
/// of what drives connections (the UI, `streamtap cat`'s sink); it never
/// connects anywhere.
public final class RecordingConnection: StreamConnection, Sendable {
    public let id: Int
    private let state: NIOLockedValueBox<State>

    /// Everything the double remembers, under one lock.
    private struct State {
        var commands: [ConnectionCommand] = []
        var settings = ConnectionSettings()
        var capabilities: ConnectionCapabilities = .webSocket
    }

    public init(id: Int) {
        self.id = id
        state = NIOLockedValueBox(State())
    }

    /// The commands given so far, in order.
    public var commands: [ConnectionCommand] { state.withLockedValue { $0.commands } }

    public var settings: ConnectionSettings {
        get { state.withLockedValue { $0.settings } }
        set { state.withLockedValue { $0.settings = newValue } }
    }

    public var capabilities: ConnectionCapabilities {
        get { state.withLockedValue { $0.capabilities } }
        set { state.withLockedValue { $0.capabilities = newValue } }
    }

    public func start() {}

    public func perform(_ command: ConnectionCommand) {
        state.withLockedValue { $0.commands.append(command) }
    }

    public func shutdown() {}

    public func whenFinished(_ body: @escaping @Sendable (ConnectionOutcome) -> Void) {}
}
