/// One line the user writes to a STOMP connection: `sub DEST [ACK MODE]`,
/// `unsub ID|DEST`, `send DEST BODY`, `ack ID`, `nack ID`, `disconnect`.
enum STOMPCommandLine: Equatable {
    case subscribe(destination: String, ackMode: String)
    case unsubscribe(String)
    case send(destination: String, body: String)
    case ack(String)
    case nack(String)
    case disconnect

    static let usage =
        "write sub DEST [auto|client|client-individual], unsub ID|DEST, send DEST BODY, ack ID, nack ID or disconnect"

    static func parse(_ line: String) throws(LensInputError) -> STOMPCommandLine {
        var rest = Substring(line).drop { $0 == " " }
        let verb = rest.takeWord().lowercased()
        switch verb {
        case "sub", "subscribe":
            let destination = rest.takeWord()
            guard !destination.isEmpty else {
                throw LensInputError("sub needs a destination, like sub /queue/orders")
            }
            let mode = rest.takeWord()
            guard ["", "auto", "client", "client-individual"].contains(mode), rest.isEmpty else {
                throw LensInputError(
                    "the ack mode is auto, client or client-individual, not “\(mode)\(rest.isEmpty ? "" : " " + rest)”"
                )
            }
            return .subscribe(destination: destination, ackMode: mode.isEmpty ? "auto" : mode)
        case "unsub", "unsubscribe":
            let target = rest.takeWord()
            guard !target.isEmpty, rest.isEmpty else {
                throw LensInputError("unsub needs a subscription id or its destination")
            }
            return .unsubscribe(target)
        case "send":
            let destination = rest.takeWord()
            guard !destination.isEmpty else {
                throw LensInputError("send needs a destination and a body, like send /queue/orders hello")
            }
            return .send(destination: destination, body: String(rest))
        case "ack", "nack":
            let id = rest.takeWord()
            guard !id.isEmpty, rest.isEmpty else { throw LensInputError("\(verb) needs the message's ack id") }
            return verb == "ack" ? .ack(id) : .nack(id)
        case "disconnect":
            return .disconnect
        default:
            throw LensInputError("“\(verb)” is not a STOMP command: \(usage)")
        }
    }
}
