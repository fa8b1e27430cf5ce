import StreamTapCore

extension TUIPane {
    /// A pane for a connection that is not to an ``Endpoint`` this program
    /// dials, such as the playback of a recording (whose URL may be one
    /// `Endpoint` would refuse, e.g. from a HAR file).
    public init(title: String, url: String, protocolKind: StreamProtocol, connection: any StreamConnection) {
        self.title = title
        self.url = url
        self.protocolKind = protocolKind
        self.connection = connection
        self.problem = nil
    }
}
