import StreamTapCore

/// Messages as a lens receives them, and the text of what it sends.
enum LensMessages {
    static func incoming(_ text: String) -> Message {
        Message(direction: .incoming, opcode: .text, payload: Array(text.utf8))
    }

    static func outgoing(_ text: String) -> Message {
        Message(direction: .outgoing, opcode: .text, payload: Array(text.utf8))
    }

    static func binary(_ bytes: [UInt8]) -> Message {
        Message(direction: .incoming, opcode: .binary, payload: bytes)
    }

    /// The text of every `.send` among `actions`.
    static func sent(_ actions: [LensAction]) -> [String] {
        actions.compactMap { action in
            guard case .send(let outgoing) = action else { return nil }
            return String(decoding: outgoing.payload, as: UTF8.self)
        }
    }

    static func texts(_ outgoing: [LensOutgoing]) -> [String] {
        outgoing.map { String(decoding: $0.payload, as: UTF8.self) }
    }
}
