extension PerMessageDeflate {
    /// How one end compresses the messages it sends, as agreed in the
    /// handshake: the largest LZ77 window it may use, and whether it resets
    /// its context after every message (so the receiver may reset its own).
    public struct SenderParameters: Sendable, Equatable {
        /// The window, 8 to 15 bits.
        public var maxWindowBits: Int
        /// The sender starts every message with an empty window.
        public var noContextTakeover: Bool

        public init(maxWindowBits: Int, noContextTakeover: Bool) {
            self.maxWindowBits = maxWindowBits
            self.noContextTakeover = noContextTakeover
        }
    }
}

extension PerMessageDeflate.Agreement {
    /// The parameters of the messages that `sender` compresses: the
    /// `client_*` ones for a client's messages, the `server_*` ones for a
    /// server's.
    public func parameters(sentBy sender: WebSocketRole) -> PerMessageDeflate.SenderParameters {
        switch sender {
        case .client:
            PerMessageDeflate.SenderParameters(
                maxWindowBits: clientMaxWindowBits,
                noContextTakeover: clientNoContextTakeover
            )
        case .server:
            PerMessageDeflate.SenderParameters(
                maxWindowBits: serverMaxWindowBits,
                noContextTakeover: serverNoContextTakeover
            )
        }
    }
}
