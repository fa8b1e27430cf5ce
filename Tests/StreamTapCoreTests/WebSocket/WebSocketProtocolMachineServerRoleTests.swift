import Testing

@testable import StreamTapCore

/// The protocol machine at the server's end: client frames must be
/// masked, errors blame the client, and the close handshake runs from
/// the server's side.
@Suite struct WebSocketProtocolMachineServerRoleTests {
    /// A frame as a client sends it: masked, unless `masked` is false.
    func clientFrame(_ opcode: Opcode, _ payload: [UInt8] = [], fin: Bool = true, masked: Bool = true) -> FrameInfo {
        let key: [UInt8]? = masked ? [0x12, 0x34, 0x56, 0x78] : nil
        return FrameInfo(direction: .incoming, opcode: opcode, fin: fin, maskingKey: key, payload: payload)
    }

    /// A masked frame with one RSV bit set.
    func clientFrame(_ opcode: Opcode, setting bit: WritableKeyPath<FrameInfo, Bool>) -> FrameInfo {
        var frame = clientFrame(opcode)
        frame[keyPath: bit] = true
        return frame
    }

    func serverMachine(maxMessageSize: Int = 64 << 20) -> WebSocketProtocolMachine {
        WebSocketProtocolMachine(role: .server, configuration: .init(maxMessageSize: maxMessageSize))
    }

    @Test(arguments: [
        ("unmasked", 1002, "the client sent an unmasked frame (client frames must be masked)"),
        ("reserved opcode", 1002, "the client sent a frame with reserved opcode 11"),
        ("rsv3", 1002, "the client set RSV3 but no extension that defines it was negotiated"),
        ("rsv1", 1002, "the client set RSV1 (compressed) but permessage-deflate was not negotiated"),
        ("fragmented ping", 1002, "the client fragmented a control frame"),
        ("big ping", 1002, "the client sent a ping frame with 126 bytes (control frames carry at most 125)"),
        ("orphan continuation", 1002, "the client sent a continuation frame but no fragmented message was in progress"),
        (
            "interleaved", 1002,
            "the client started a new text message before finishing the fragmented one"
        ),
        ("invalid utf8", 1007, "the client sent a text message that is not valid UTF-8"),
        ("one byte close", 1002, "the client sent a close frame with a 1-byte payload (a close code takes 2)"),
        (
            "close 1005", 1002,
            "the client sent close code 1005, which may not be sent on the wire (no status code in the close frame)"
        ),
        ("close reason", 1007, "the client's close reason is not valid UTF-8"),
        ("too big", 1009, "the client sent a message larger than the 16 B limit"),
    ])
    func violationsBlameTheClient(name: String, code: Int, sentence: String) {
        let frames: [FrameInfo]
        switch name {
        case "unmasked": frames = [clientFrame(.text, Array("hi".utf8), masked: false)]
        case "reserved opcode": frames = [clientFrame(Opcode(rawValue: 0xB))]
        case "rsv3": frames = [clientFrame(.text, setting: \.rsv3)]
        case "rsv1": frames = [clientFrame(.text, setting: \.rsv1)]
        case "fragmented ping": frames = [clientFrame(.ping, fin: false)]
        case "big ping": frames = [clientFrame(.ping, Array(repeating: 0, count: 126))]
        case "orphan continuation": frames = [clientFrame(.continuation, [1])]
        case "interleaved": frames = [clientFrame(.binary, [1], fin: false), clientFrame(.text, Array("b".utf8))]
        case "invalid utf8": frames = [clientFrame(.text, [0xFF, 0xFE])]
        case "one byte close": frames = [clientFrame(.close, [0x03])]
        case "close 1005": frames = [clientFrame(.close, [0x03, 0xED])]
        case "close reason": frames = [clientFrame(.close, [0x03, 0xE8, 0xC0])]
        default:
            frames = [
                clientFrame(.binary, Array(repeating: 0, count: 10), fin: false),
                clientFrame(.continuation, Array(repeating: 0, count: 7)),
            ]
        }
        var machine = serverMachine(maxMessageSize: 16)
        #expect(throws: WebSocketProtocolError(closeCode: code, sentence), "\(name)") {
            for frame in frames { _ = try machine.receive(frame) }
        }
    }

    @Test(arguments: [
        (WebSocketRole.client, true, "the server sent a masked frame (servers must not mask)"),
        (.server, false, "the client sent an unmasked frame (client frames must be masked)"),
    ])
    func eachEndRefusesTheOtherMasking(role: WebSocketRole, masked: Bool, sentence: String) throws {
        var machine = WebSocketProtocolMachine(role: role, configuration: .init())
        #expect(throws: WebSocketProtocolError(closeCode: CloseCode.protocolError, sentence)) {
            try machine.receive(clientFrame(.text, Array("x".utf8), masked: masked))
        }
        var accepting = WebSocketProtocolMachine(role: role, configuration: .init())
        let actions = try accepting.receive(clientFrame(.text, Array("x".utf8), masked: !masked))
        #expect(actions == [.deliver(Message(direction: .incoming, opcode: .text, payload: Array("x".utf8)))])
    }

    @Test func maskedFramesAreReassembledAndPingsAnswered() throws {
        var machine = serverMachine()
        #expect(try machine.receive(clientFrame(.text, Array("frag".utf8), fin: false)).isEmpty)
        #expect(try machine.receive(clientFrame(.ping, Array("p".utf8))) == [.sendPong(Array("p".utf8))])
        #expect(try machine.receive(clientFrame(.pong, Array("unasked".utf8))).isEmpty)
        let actions = try machine.receive(clientFrame(.continuation, Array("mented ✓".utf8)))
        #expect(
            actions == [.deliver(Message(direction: .incoming, opcode: .text, payload: Array("fragmented ✓".utf8)))]
        )
    }

    @Test func aCloseFromTheClientIsAnsweredWithItsCode() throws {
        var machine = serverMachine()
        let actions = try machine.receive(clientFrame(.close, [0x03, 0xE8] + Array("bye".utf8)))
        #expect(actions == [.sendClose(code: 1000, reason: ""), .closeHandshakeComplete])
        // The peer (here the client) closed first.
        #expect(machine.closingState == .closeReceived(code: 1000, reason: "bye", serverInitiated: true))
        #expect(try machine.receive(clientFrame(.text, Array("late".utf8))).isEmpty)
    }

    @Test func aCloseFromTheServerCompletesOnTheClientsAnswer() throws {
        var machine = serverMachine()
        machine.closeSent(code: CloseCode.goingAway)
        #expect(machine.closingState == .closeSent(code: 1001))
        #expect(try machine.receive(clientFrame(.text, Array("in flight".utf8))).count == 1)
        #expect(try machine.receive(clientFrame(.ping, Array("p".utf8))).isEmpty)
        #expect(try machine.receive(clientFrame(.close, [0x03, 0xE9])) == [.closeHandshakeComplete])
        #expect(machine.closingState == .closeReceived(code: 1001, reason: "", serverInitiated: false))
    }

    @Test func anEmptyCloseIsAnsweredEmpty() throws {
        var machine = serverMachine()
        #expect(
            try machine.receive(clientFrame(.close)) == [.sendClose(code: nil, reason: ""), .closeHandshakeComplete]
        )
    }

    @Test func anUnmaskedCloseIsRefusedToo() {
        var machine = serverMachine()
        #expect(throws: WebSocketProtocolError.self) {
            try machine.receive(clientFrame(.close, [0x03, 0xE8], masked: false))
        }
        #expect(machine.closingState == .open)
    }
}
