import StreamTapCore
import Testing

/// A lens's decoding in the JSONL contract, and read back from a recording.
struct LensJSONLTests {
    @Test func aDecodedMessageCarriesItsLensObjectAndReadsBack() throws {
        var message = Message(direction: .incoming, opcode: .text, payload: Array(#"42["chat","hi"]"#.utf8))
        message.lens = LensDecoding(
            protocolName: "socket.io",
            type: "EVENT",
            fields: [("namespace", .string("/")), ("event", .string("chat")), ("args", .array([.string("hi")]))],
            summary: #"chat ["hi"]"#,
            application: #"chat ["hi"]"#
        )
        var pong = Message(direction: .outgoing, opcode: .text, payload: Array("3".utf8))
        pong.lens = LensDecoding(protocolName: "engine.io", type: "pong", summary: "pong", automatic: true)
        var encoder = JSONLEncoder()
        let timestamp = try #require(Timestamp(rfc3339: "2026-12-07T10:00:00.000Z"))
        let line = encoder.line(for: StreamEvent(timestamp: timestamp, kind: .message(message)))
        #expect(
            line == #"{"kind":"message","ts":"2026-12-07T10:00:00.000Z","conn":0,"direction":"in","opcode":"text","#
                + #""data":"42[\"chat\",\"hi\"]","length":15,"lens":{"protocol":"socket.io","type":"EVENT","#
                + #""namespace":"/","event":"chat","args":["hi"],"summary":"chat [\"hi\"]"}}"#
        )
        let pongLine = encoder.line(for: StreamEvent(timestamp: timestamp, kind: .message(pong)))
        #expect(pongLine.contains(#""lens":{"protocol":"engine.io","type":"pong","auto":true,"summary":"pong"}"#))
        let value = try JSONParser.parse(line)
        guard case .message(let read)? = try StreamEventDecoder.decode(value)?.kind else {
            Issue.record("not a message")
            return
        }
        #expect(read.lens?.type == "EVENT")
        #expect(read.lens?["args"] == .array([.string("hi")]))
        #expect(read.lens?.summary == #"chat ["hi"]"#)
    }

    @Test func aJSONRPCErrorAndAProblemBothReadBackFromARecording() throws {
        // A JSON-RPC error object is a field; the lens's own problem is a sentence.
        var lens = JSONRPCLens(settings: LensSettings(requested: .jsonRPC))
        var message = Message(
            direction: .incoming,
            opcode: .text,
            payload: Array(#"{"id":1,"error":{"code":-32601,"message":"Method not found"}}"#.utf8)
        )
        message.lens = lens.received(message, at: 0).decoding
        #expect(message.lens?.problem == "“jsonrpc”: “2.0” is missing")
        var encoder = JSONLEncoder()
        let timestamp = try #require(Timestamp(rfc3339: "2026-12-07T10:00:00.000Z"))
        let line = encoder.line(for: StreamEvent(timestamp: timestamp, kind: .message(message)))
        #expect(line.contains(#""problem":"“jsonrpc”: “2.0” is missing""#))
        guard case .message(let read)? = try StreamEventDecoder.decode(try JSONParser.parse(line))?.kind else {
            Issue.record("the line did not read back: \(line)")
            return
        }
        #expect(read.lens?["error"]?["code"] == .number(-32601))
        #expect(read.lens?.problem == "“jsonrpc”: “2.0” is missing")
    }

    @Test func aMessageWithoutALensIsWrittenAsBefore() throws {
        var encoder = JSONLEncoder()
        let timestamp = try #require(Timestamp(rfc3339: "2026-12-07T10:00:00.000Z"))
        let message = Message(direction: .incoming, opcode: .text, payload: Array("hi".utf8))
        #expect(!encoder.line(for: StreamEvent(timestamp: timestamp, kind: .message(message))).contains("lens"))
    }

    @Test func numbersInFieldsAreWrittenExactly() {
        #expect(
            JSONValue.array([.number(1), .number(-2.5), .number(0.1234567), .number(1e21)]).compactText
                == "[1,-2.5,0.1234567,1e+21]"
        )
    }
}
