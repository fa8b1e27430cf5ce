import StreamTapDemoServer
import StreamTapTestSupport
import Testing

/// How the server judges frames a client sends by hand, byte by byte:
/// what `websockets` would never send, and what permessage-deflate puts
/// on the wire.
@Suite(.requires(.peerPython))
struct DemoServerFrameRulesTests {
    private struct Failure: Decodable {
        var code: Int
        var reason: String
        /// The server ended the connection right after its close frame.
        var ended: Bool
    }

    @Test(arguments: [
        ("an unmasked frame", "raw_frame(0x1, b'hi', mask=None)", 1002, "client frames must be masked"),
        ("RSV1 without permessage-deflate", "raw_frame(0x1, b'hi', rsv=0x40)", 1002, "set RSV1"),
        ("RSV2", "raw_frame(0x1, b'hi', rsv=0x20)", 1002, "set RSV2"),
        ("RSV3", "raw_frame(0x2, b'hi', rsv=0x10)", 1002, "set RSV3"),
        ("a reserved opcode", "raw_frame(0x3, b'hi')", 1002, "reserved opcode 3"),
        ("a reserved control opcode", "raw_frame(0xB, b'')", 1002, "reserved opcode 11"),
        ("a continuation with no message", "raw_frame(0x0, b'hi')", 1002, "no fragmented message"),
        (
            "a new message inside a fragmented one", "raw_frame(0x1, b'a', fin=False) + raw_frame(0x2, b'b')", 1002,
            "started a new binary message"
        ),
        ("a fragmented ping", "raw_frame(0x9, b'p', fin=False)", 1002, "fragmented a control frame"),
        ("a ping over 125 bytes", "raw_frame(0x9, b'p' * 126)", 1002, "126 bytes"),
        ("a text message that is not UTF-8", "raw_frame(0x1, b'\\xff\\xfe')", 1007, "not valid UTF-8"),
        (
            "text that turns invalid in a later fragment",
            "raw_frame(0x1, b'\\xce', fin=False) + raw_frame(0x0, b'\\xff')", 1007, "not valid UTF-8"
        ),
        ("a close code nobody may send", "raw_frame(0x8, (1005).to_bytes(2, 'big'))", 1002, "close code 1005"),
        ("a one-byte close payload", "raw_frame(0x8, b'\\x03')", 1002, "1-byte payload"),
        ("a close reason that is not UTF-8", "raw_frame(0x8, b'\\x03\\xe8\\xff')", 1007, "close reason"),
        (
            "a frame over the size limit",
            "bytes([0x82, 0xFF]) + (2 << 20).to_bytes(8, 'big') + b'\\x01\\x02\\x03\\x04'",
            1009, "2 MiB frame, over the 1 MiB limit"
        ),
        (
            "a 64-bit length with its top bit set", "bytes([0x82, 0xFF, 0x80]) + bytes(7) + b'\\x01\\x02\\x03\\x04'",
            1002, "most significant bit"
        ),
    ])
    func closesTheConnectionOnABrokenRule(rule: String, frame: String, code: Int, reason: String) async throws {
        let failure = try await withDemoServer { server in
            try await server.python(
                """
                sock, head = raw_connect("/ws/echo")
                assert head.startswith("HTTP/1.1 101"), head
                sock.sendall(\(frame))
                code, reason = raw_close(sock)
                sock.settimeout(1)
                emit({"code": code, "reason": reason, "ended": sock.recv(1) == b""})
                """,
                as: Failure.self
            )
        }
        #expect(failure.code == code, "after \(rule)")
        #expect(failure.reason.hasPrefix("the client"), "after \(rule): \(failure.reason)")
        #expect(failure.reason.contains(reason), "after \(rule): \(failure.reason)")
        #expect(failure.ended, "after \(rule)")
    }

    @Test(arguments: [
        (
            "RSV1 on a continuation",
            "raw_frame(0x1, deflated(b'ab'), fin=False, rsv=0x40) + raw_frame(0x0, b'', rsv=0x40)", 1002
        ),
        ("RSV1 on a ping", "raw_frame(0x9, b'', rsv=0x40)", 1002),
        ("compressed text that is not UTF-8", "raw_frame(0x1, deflated(b'\\xff\\xfe'), rsv=0x40)", 1007),
        ("a compressed payload that is not deflate", "raw_frame(0x2, b'\\xff\\xff\\xff\\xff', rsv=0x40)", 1007),
        ("a message that inflates past the limit", "raw_frame(0x2, deflated(bytes(2 << 20)), rsv=0x40)", 1009),
    ])
    func closesACompressedConnectionOnABrokenRule(rule: String, frame: String, code: Int) async throws {
        let received = try await withDemoServer { server in
            try await server.python(
                """
                sock, head = raw_connect("/ws/echo", "permessage-deflate")
                assert "permessage-deflate" in head, head
                sock.sendall(\(frame))
                emit(raw_close_code(sock))
                """,
                as: Int.self
            )
        }
        #expect(received == code, "after \(rule)")
    }

    @Test func inflatesWhatTheClientCompresses() async throws {
        let echoed = try await withDemoServer { server in
            try await server.python(
                """
                sock, head = raw_connect("/ws/echo", "permessage-deflate; client_no_context_takeover")
                inflater = zlib.decompressobj(-15)
                texts = []
                for text in ["compressed ✓ compressed ✓", "compressed ✓ compressed ✓ again"]:
                    payload = deflated(text.encode())
                    half = len(payload) // 2
                    sock.sendall(raw_frame(0x1, payload[:half], fin=False, rsv=0x40) + raw_frame(0x0, payload[half:]))
                    first, reply = raw_read(sock)
                    texts.append([first, inflater.decompress(reply + b"\\x00\\x00\\xff\\xff").decode()])
                emit(texts)
                """,
                as: [[StringOrInt]].self
            )
        }
        #expect(
            echoed == [
                [.int(0xC1), .string("compressed ✓ compressed ✓")],
                [.int(0xC1), .string("compressed ✓ compressed ✓ again")],
            ]
        )
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
