/// `/ws/echo`: sends every data message back with the same opcode.
final class EchoBehaviour: WebSocketBehaviour {
    func didOpen(_ connection: WebSocketSessionHandler) {}

    func didReceive(_ message: WebSocketData, on connection: WebSocketSessionHandler) {
        connection.send(message)
    }
}

@available(*, unavailable)
extension EchoBehaviour: Sendable {}
