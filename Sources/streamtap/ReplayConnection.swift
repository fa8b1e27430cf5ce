import StreamTapCore

/// A connection that only plays back what a recording holds: asking it to
/// send, close or reconnect reports, in its pane, that a recording cannot.
final class ReplayConnection: StreamConnection {
    let id: Int
    private let sink: any StreamEventSink

    init(id: Int, sink: any StreamEventSink) {
        self.id = id
        self.sink = sink
    }

    var settings: ConnectionSettings {
        ConnectionSettings(autoPong: true, reconnect: .off)
    }

    /// A recording can be looked at, not asked to do anything.
    var capabilities: ConnectionCapabilities { [] }

    func start() {}

    func shutdown() {}

    /// A recording's life is over before it is shown.
    func whenFinished(_ body: @escaping @Sendable (ConnectionOutcome) -> Void) {
        body(.normal)
    }

    func perform(_ command: ConnectionCommand) {
        sink.receive(
            StreamEvent(
                connectionID: id,
                kind: .error(
                    ErrorInfo(
                        message:
                            "This is a recording: it cannot send, close or reconnect. Open the URL with `streamtap URL` to talk to the server."
                    )
                )
            )
        )
        sink.flush()
    }
}
