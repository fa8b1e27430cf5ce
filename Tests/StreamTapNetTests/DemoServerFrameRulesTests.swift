import StreamTapNet
import Testing

/// How the server judges frames a client sends by hand, byte by byte:
/// what `websockets` would never send, and what permessage-deflate puts
/// on the wire.
@Suite(.enabled(if: TestPeers.pythonRuns, Comment(rawValue: TestPeers.pythonMissing)))
struct DemoServerFrameRulesTests {
    @Test(arguments: [
        ("an unmasked frame", "raw_frame(0x1, b'hi', mask=None)", 1002),
        ("RSV1 without permessage-deflate", "raw_frame(0x1, b'hi', rsv=0x40)", 1002),
        ("a reserved opcode", "raw_frame(0x3, b'hi')", 1002),
        ("a continuation with no message", "raw_frame(0x0, b'hi')", 1002),
        ("a text message that is not UTF-8", "raw_frame(0x1, b'\\xff\\xfe')", 1007),
        ("a close code nobody may send", "raw_frame(0x8, (1005).to_bytes(2, 'big'))", 1002),
        ("a one-byte close payload", "raw_frame(0x8, b'\\x03')", 1002),
    ])
    func closesTheConnectionOnABrokenRule(rule: String, frame: String, code: Int) async throws {
        let received = try await withDemoServer { server in
            try await server.python(
                """
                sock, head = raw_connect("/ws/echo")
                assert head.startswith("HTTP/1.1 101"), head
                sock.sendall(\(frame))
                emit(raw_close_code(sock))
                """,
                as: Int.self
            )
        }
        #expect(received == code, "after \(rule)")
    }

    @Test func reassemblesAFragmentedMessage() async throws {
        let echoed = try await withDemoServer { server in
            try await server.python(
                """
                sock, head = raw_connect("/ws/echo")
                sock.sendall(raw_frame(0x1, "frag".encode(), fin=False) + raw_frame(0x9, b"in between")
                             + raw_frame(0x0, "mented ✓".encode()))
                frames = [raw_read(sock), raw_read(sock)]
                emit([[first, payload.decode()] for first, payload in frames])
                """,
                as: [[StringOrInt]].self
            )
        }
        // The pong for the ping between the fragments, then the whole message.
        #expect(echoed == [[.int(0x8A), .string("in between")], [.int(0x81), .string("fragmented ✓")]])
    }

    private struct Compressed: Decodable {
        var extensions: String
        var firstByte: Int
        var inflated: String
        var secondInflated: String
    }

    @Test func compressesWithPermessageDeflateWhenTheClientOffersIt() async throws {
        let compressed = try await withDemoServer { server in
            try await server.python(
                """
                sock, head = raw_connect("/ws/echo", "permessage-deflate; client_max_window_bits")
                extensions = [l.split(":", 1)[1].strip() for l in head.split("\\r\\n")
                              if l.lower().startswith("sec-websocket-extensions:")]
                text = "hello hello hello hello hello"
                inflater = zlib.decompressobj(-15)
                results = []
                for _ in range(2):
                    sock.sendall(raw_frame(0x1, text.encode()))
                    first, payload = raw_read(sock)
                    results.append((first, inflater.decompress(payload + b"\\x00\\x00\\xff\\xff").decode()))
                emit({"extensions": extensions[0], "firstByte": results[0][0],
                      "inflated": results[0][1], "secondInflated": results[1][1]})
                """,
                as: Compressed.self
            )
        }
        #expect(compressed.extensions == "permessage-deflate")
        // FIN, RSV1 (compressed) and the text opcode.
        #expect(compressed.firstByte == 0xC1)
        #expect(compressed.inflated == "hello hello hello hello hello")
        // The second message refers back to the first: context takeover works.
        #expect(compressed.secondInflated == "hello hello hello hello hello")
    }

    @Test func offersNoExtensionWhenTheClientAsksForNone() async throws {
        let head = try await withDemoServer { server in
            try await server.python(
                """
                sock, head = raw_connect("/ws/echo")
                emit(head)
                """,
                as: String.self
            )
        }
        #expect(head.hasPrefix("HTTP/1.1 101"))
        #expect(!head.lowercased().contains("sec-websocket-extensions"))
    }
}

/// A JSON value that is a string or an integer.
enum StringOrInt: Decodable, Equatable {
    case string(String)
    case int(Int)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}
