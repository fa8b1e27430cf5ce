import Foundation
import StreamTapTestSupport
import Testing

/// `cat --stdin hex|base64` sends binary messages typed by hand, and
/// `cat --decode` prints binary messages as the JSON they encode.
@Suite(.requires(.peerPython, .streamtap))
struct CatPayloadOptionsTests {
    @Test func hexAndBase64LinesAreBinaryMessagesAndBadLinesAreSaid() async throws {
        let peer = try await WebSocketPeer.start()
        let result = try await StreamtapCommand.run(
            ["cat", "--stdin", "hex", "--count", "2", peer.url("/echo")],
            standardInput: "de ad be ef\nnot hex\n00:01:02\n",
            timeout: 20
        )
        #expect(result.status == 0, "\(result.stderr)")
        // The echo server sends the bytes back; cat prints binary as Base64.
        #expect(result.stdout == "3q2+7w==\nAAEC\n")
        #expect(result.stderr.contains("line 2 of standard input is not hex digits; not sent"))
        let base64 = try await StreamtapCommand.run(
            ["cat", "--stdin", "base64", "--count", "1", peer.url("/echo")],
            standardInput: "3q2+7w==\n",
            timeout: 20
        )
        #expect(base64.stdout == "3q2+7w==\n")
    }

    @Test func decodedBinaryMessagesPrintAsJSON() async throws {
        let peer = try await WebSocketPeer.start()
        // MessagePack {"a": [1, true]}, CBOR {"t": -2}, protobuf field 1 = 150 and field 2 = "hello".
        let cases: [(format: String, hex: String, json: String)] = [
            ("msgpack", "81 a1 61 92 01 c3", #"{"a":[1,true]}"#),
            ("cbor", "a1 61 74 21", #"{"t":-2}"#),
            ("protobuf", "08 96 01 12 05 68 65 6c 6c 6f", #"{"1":150,"2":"hello"}"#),
        ]
        for (format, hex, json) in cases {
            let result = try await StreamtapCommand.run(
                ["cat", "--stdin", "hex", "--decode", format, "--count", "1", peer.url("/echo")],
                standardInput: hex + "\n",
                timeout: 20
            )
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stdout == json + "\n", "\(format)")
        }
        let truncated = try await StreamtapCommand.run(
            ["cat", "--stdin", "hex", "--decode", "msgpack", "--count", "1", peer.url("/echo")],
            standardInput: "92 01\n",
            timeout: 20
        )
        // Nothing is lost: the bytes as Base64, and why they did not decode.
        #expect(truncated.stdout == "kgE=\n")
        #expect(truncated.stderr.contains("streamtap: the message above is shown as Base64: not MessagePack"))
    }
}
