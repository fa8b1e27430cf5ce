import StreamTapCore

/// Why a connection attempt failed before the stream opened, in words for
/// the user, with the server's HTTP response when it explains it.
struct HandshakeFailure: Error, CustomStringConvertible {
    var message: String
    var response: ResponseHead?
    /// Whether trying again could help (refused TCP, timeouts, DNS) as
    /// opposed to an answer that will not change (404, a bad handshake).
    var retryable: Bool

    var description: String { message }

    var errorInfo: ErrorInfo { ErrorInfo(message: message, response: response) }

    /// What the failure means for reconnecting: an answer from the server
    /// is a refusal unless it may change (a WebSocket server's `5xx`).
    var attemptEnd: AttemptEnd {
        if retryable { return .connectionFailed }
        return response == nil ? .unrecoverable : .refused
    }
}
