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
