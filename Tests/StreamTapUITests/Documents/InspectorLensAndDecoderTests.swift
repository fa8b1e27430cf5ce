import StreamTapCore
import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// The inspector shows what a lens read above the payload as it came, and
/// `d` reads a binary payload as MessagePack, CBOR or protobuf in turn.
@Suite struct InspectorLensAndDecoderTests {
    static let sizes = [TerminalSize(columns: 80, rows: 40), TerminalSize(columns: 120, rows: 40)]

    static func inspecting(_ message: Message, size: TerminalSize) -> AppState {
        var state = Fixtures.state(size: size)
        Fixtures.addWebSocketPane(to: &state)
        Reducer.reduce(&state, .events(Fixtures.webSocketEvents() + [Fixtures.event(1, 900, .message(message))]))
        Fixtures.press(.enter, into: &state)
        return state
    }

    @Test(arguments: sizes) func aLensMessageShowsItsDecodingAndItsPayload(size: TerminalSize) {
        var message = Message(direction: .incoming, opcode: .text, payload: Array(#"42["chat","hi"]"#.utf8))
        message.lens = LensDecoding(
            protocolName: "socket.io",
            type: "EVENT",
            fields: [("namespace", .string("/")), ("event", .string("chat")), ("args", .array([.string("hi")]))],
            summary: #"chat ["hi"]"#,
            application: #"chat ["hi"]"#
        )
        let screen = AppView.render(Self.inspecting(message, size: size)).snapshot()
        #expect(screen.contains("Socket.IO · EVENT"))
        #expect(screen.contains(#""event": "chat""#))
        // The payload stays visible, as it came.
        #expect(screen.contains(#"42["chat","hi"]"#))
    }

    @Test(arguments: sizes) func aProblemTheLensFoundIsSaid(size: TerminalSize) {
        var message = Message(direction: .incoming, opcode: .binary, payload: [0x00, 0x00])
        message.lens = .unreadable("mqtt", "a malformed packet: packet type 0 is reserved: this is not MQTT")
        let screen = AppView.render(Self.inspecting(message, size: size)).snapshot()
        #expect(screen.contains("MQTT · invalid"))
        #expect(screen.contains("packet type 0 is reserved"))
    }

    @Test(arguments: sizes) func dCyclesThroughTheDecoders(size: TerminalSize) {
        // MessagePack {"a": [1, true]}; as CBOR it is not a whole value.
        let message = Message(direction: .incoming, opcode: .binary, payload: [0x81, 0xA1, 0x61, 0x92, 0x01, 0xC3])
        var state = Self.inspecting(message, size: size)
        #expect(!AppView.render(state).snapshot().contains("decoded as"))
        Fixtures.press(.character("d"), into: &state)
        let messagePack = AppView.render(state).snapshot()
        #expect(messagePack.contains("Payload, decoded as MessagePack"))
        #expect(messagePack.contains(#""a": ["#))
        #expect(messagePack.contains("true"))
        // The hex dump stays below.
        #expect(messagePack.contains("81 a1 61 92"))
        Fixtures.press(.character("d"), into: &state)
        let cbor = AppView.render(state).snapshot()
        #expect(cbor.contains("Payload, decoded as CBOR"))
        #expect(cbor.contains("not CBOR"))
        Fixtures.press(.character("d"), .character("d"), into: &state)
        #expect(!AppView.render(state).snapshot().contains("decoded as"))
    }
}
