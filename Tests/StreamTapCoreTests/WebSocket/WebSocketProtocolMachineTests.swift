import Testing

@testable import StreamTapCore

@Suite struct WebSocketProtocolMachineTests {
    func frame(
        _ opcode: Opcode,
        _ payload: [UInt8] = [],
        fin: Bool = true,
        rsv1: Bool = false,
        rsv2: Bool = false,
        masked: Bool = false
    ) -> FrameInfo {
        FrameInfo(
            direction: .incoming,
            opcode: opcode,
            fin: fin,
            rsv1: rsv1,
            rsv2: rsv2,
            maskingKey: masked ? [0, 0, 0, 0] : nil,
            payload: payload
        )
    }

    func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    func failure(
        _ frames: [FrameInfo],
        configuration: WebSocketProtocolMachine.Configuration = .init()
    ) -> WebSocketProtocolError? {
        var machine = WebSocketProtocolMachine(configuration: configuration)
        do {
            for frame in frames { _ = try machine.receive(frame) }
            return nil
        } catch {
            return error
        }
    }

    @Test func deliversWholeMessages() throws {
        var machine = WebSocketProtocolMachine(configuration: .init())
        let actions = try machine.receive(frame(.text, text("hi")))
        #expect(actions == [.deliver(Message(direction: .incoming, opcode: .text, payload: text("hi")))])
    }

    @Test func reassemblesFragmentsWithControlFramesInBetween() throws {
        var machine = WebSocketProtocolMachine(configuration: .init())
        #expect(try machine.receive(frame(.binary, [1, 2], fin: false)).isEmpty)
        #expect(try machine.receive(frame(.ping, text("p"))) == [.sendPong(text("p"))])
        #expect(try machine.receive(frame(.continuation, [3], fin: false)).isEmpty)
        let last = try machine.receive(frame(.continuation, [4]))
        #expect(last == [.deliver(Message(direction: .incoming, opcode: .binary, payload: [1, 2, 3, 4]))])
    }

    @Test func autoPongCanBeTurnedOff() throws {
        var machine = WebSocketProtocolMachine(configuration: .init(autoPong: false))
        #expect(try machine.receive(frame(.ping, [1])).isEmpty)
    }

    @Test(arguments: [
        ("masked frame", 1002),
        ("reserved opcode", 1002),
        ("rsv2", 1002),
        ("rsv1 without deflate", 1002),
        ("fragmented ping", 1002),
        ("big ping", 1002),
        ("orphan continuation", 1002),
        ("interleaved message", 1002),
        ("invalid utf8", 1007),
        ("utf8 split then truncated", 1007),
        ("one byte close", 1002),
        ("invalid close code", 1002),
        ("close reason not utf8", 1007),
        ("too big", 1009),
    ])
    func violationsFailWithTheRightCode(name: String, code: Int) {
        let frames: [FrameInfo]
        switch name {
        case "masked frame": frames = [frame(.text, text("x"), masked: true)]
        case "reserved opcode": frames = [frame(Opcode(rawValue: 3))]
        case "rsv2": frames = [frame(.text, rsv2: true)]
        case "rsv1 without deflate": frames = [frame(.text, rsv1: true)]
        case "fragmented ping": frames = [frame(.ping, fin: false)]
        case "big ping": frames = [frame(.ping, Array(repeating: 0, count: 126))]
        case "orphan continuation": frames = [frame(.continuation, [1])]
        case "interleaved message": frames = [frame(.text, text("a"), fin: false), frame(.text, text("b"))]
        case "invalid utf8": frames = [frame(.text, [0xCE, 0xBA, 0xC0])]
        case "utf8 split then truncated": frames = [frame(.text, [0xCE], fin: false), frame(.continuation, [])]
        case "one byte close": frames = [frame(.close, [0x03])]
        case "invalid close code": frames = [frame(.close, [0x03, 0xED])]
        case "close reason not utf8": frames = [frame(.close, [0x03, 0xE8, 0xFF])]
        default: frames = [frame(.binary, Array(repeating: 0, count: 11), fin: false), frame(.continuation, [1])]
        }
        let error = failure(frames, configuration: .init(maxMessageSize: 11))
        #expect(error?.closeCode == code, "\(name): \(String(describing: error))")
    }

    @Test func invalidUTF8FailsFastInTheFirstBadFragment() throws {
        var machine = WebSocketProtocolMachine(configuration: .init())
        #expect(try machine.receive(frame(.text, [0xCE, 0xBA], fin: false)).isEmpty)
        #expect(throws: WebSocketProtocolError.self) {
            try machine.receive(frame(.continuation, [0xED, 0xA0, 0x80], fin: false))
        }
    }

    @Test func serverCloseIsEchoedWithItsCode() throws {
        var machine = WebSocketProtocolMachine(configuration: .init())
        let actions = try machine.receive(frame(.close, [0x0F, 0xA0] + text("bye")))
        #expect(actions == [.sendClose(code: 4000, reason: ""), .closeHandshakeComplete])
        #expect(machine.closingState == .closeReceived(code: 4000, reason: "bye", serverInitiated: true))
        #expect(try machine.receive(frame(.text, text("late"))).isEmpty)
    }

    @Test func emptyCloseIsEchoedEmpty() throws {
        var machine = WebSocketProtocolMachine(configuration: .init())
        #expect(try machine.receive(frame(.close)) == [.sendClose(code: nil, reason: ""), .closeHandshakeComplete])
    }

    @Test func clientInitiatedCloseCompletesOnTheServersReply() throws {
        var machine = WebSocketProtocolMachine(configuration: .init())
        machine.closeSent(code: 1000)
        #expect(try machine.receive(frame(.text, text("still delivered"))).count == 1)
        #expect(try machine.receive(frame(.close, [0x03, 0xE8])) == [.closeHandshakeComplete])
        #expect(machine.closingState == .closeReceived(code: 1000, reason: "", serverInitiated: false))
    }

    @Test func compressedMessagesGoThroughTheInflater() throws {
        struct Doubler: WebSocketMessageInflating {
            mutating func inflate(_ compressed: [UInt8], maxOutput: Int) throws(WebSocketProtocolError) -> [UInt8] {
                compressed + compressed
            }
        }
        var machine = WebSocketProtocolMachine(configuration: .init(deflateNegotiated: true), inflater: Doubler())
        _ = try machine.receive(frame(.text, text("ab"), fin: false, rsv1: true))
        let actions = try machine.receive(frame(.continuation, text("c")))
        #expect(
            actions == [
                .deliver(
                    Message(
                        direction: .incoming,
                        opcode: .text,
                        payload: text("abcabc"),
                        wireLength: 3,
                        compressed: true
                    )
                )
            ]
        )
        #expect(
            failure([frame(.continuation, [], rsv1: true)], configuration: .init(deflateNegotiated: true))?.closeCode
                == 1002
        )
        #expect(
            failure([frame(.ping, [], rsv1: true)], configuration: .init(deflateNegotiated: true))?.closeCode == 1002
        )
    }
}
