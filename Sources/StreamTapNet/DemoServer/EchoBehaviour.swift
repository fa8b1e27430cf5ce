/// `/ws/echo`: sends every data message back with the same opcode.
final class EchoBehaviour: WebSocketBehaviour {
    func didOpen(_ connection: WebSocketConnectionHandler) {}

    func didReceive(_ message: WebSocketData, on connection: WebSocketConnectionHandler) {
        connection.send(message)
    }
}

@available(*, unavailable)
extension EchoBehaviour: Sendable {}
