import Testing

@testable import StreamTapCore

@Suite struct WebSocketFrameParserTests {
    func parse(_ chunks: [[UInt8]], max: Int = 1 << 20) throws -> [FrameInfo] {
        var parser = WebSocketFrameParser(maxFramePayload: max)
        var frames: [FrameInfo] = []
        for chunk in chunks {
            try chunk.withUnsafeBytes { bytes in
                try parser.parse(bytes) { frames.append($0) }
            }
        }
        return frames
    }

    func serialized(_ frame: FrameInfo) -> [UInt8] {
        var bytes: [UInt8] = []
        WebSocketFrameSerializer.serialize(frame, into: &bytes)
        return bytes
    }

    /// Found by the `websocket-frames` fuzz target: a frame (or a bad
    /// header) completed by the last byte of a read waited for the next read.
    @Test func aFrameCompletedByTheLastByteOfAReadIsDeliveredAtOnce() throws {
        #expect(try parse([[0x89], [0x00]]).map(\.opcode) == [.ping])
        #expect(try parse([[0x88], [0x02], [0x03], [0xE8]]).first?.payload == [0x03, 0xE8])
        #expect(throws: WebSocketProtocolError.self) {
            try parse([[0xFF], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x29, 0x19, 0x00, 0x2A]])
        }
    }

    @Test func unmaskedTextFrameFromRFCExample() throws {
        let frames = try parse([[0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]])
        #expect(frames == [FrameInfo(direction: .incoming, opcode: .text, payload: Array("Hello".utf8))])
    }

    @Test func maskedFrameFromRFCExampleIsUnmasked() throws {
        let frames = try parse([[0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]])
        #expect(frames.first?.payload == Array("Hello".utf8))
        #expect(frames.first?.maskingKey == [0x37, 0xFA, 0x21, 0x3D])
    }

    @Test func headerBitsAreReported() throws {
        let frames = try parse([[0x7B, 0x00]])
        let frame = try #require(frames.first)
        #expect(!frame.fin && frame.rsv1 && frame.rsv2 && frame.rsv3)
        #expect(frame.opcode.rawValue == 0xB)
    }

    @Test(arguments: [0, 125, 126, 65535, 65536, 100_000])
    func lengthEncodingsRoundTrip(length: Int) throws {
        let payload = (0..<length).map { UInt8(truncatingIfNeeded: $0) }
        let frame = FrameInfo(direction: .incoming, opcode: .binary, payload: payload)
        #expect(try parse([serialized(frame)]) == [frame])
    }

    @Test func everySplitPointGivesTheSameFrames() throws {
        var stream: [UInt8] = []
        for (index, size) in [0, 5, 130, 70_000].enumerated() {
            let key: [UInt8]? = index % 2 == 0 ? [1, 2, 3, 4] : nil
            stream += serialized(
                FrameInfo(
                    direction: .incoming,
                    opcode: .binary,
                    maskingKey: key,
                    payload: Array(repeating: UInt8(index), count: size)
                )
            )
        }
        let whole = try parse([stream])
        #expect(whole.count == 4)
        for split in stride(from: 0, through: stream.count, by: 997) + Array(0..<20) {
            #expect(try parse([Array(stream[..<split]), Array(stream[split...])]) == whole)
        }
        let byteByByte = try parse(stream.prefix(300).map { [$0] })
        #expect(byteByByte == Array(whole.prefix(3)))
    }

    @Test func oversizedFrameIsRefusedBeforeItsPayloadArrives() throws {
        #expect(throws: WebSocketProtocolError.self) {
            try parse([[0x82, 0x7F, 0, 0, 0, 0, 0x10, 0, 0, 0]], max: 1024)
        }
        do {
            _ = try parse([[0x82, 0x7E, 0x08, 0x00]], max: 1024)
            Issue.record("a 2 KiB frame passed a 1 KiB limit")
        } catch let error as WebSocketProtocolError {
            #expect(error.closeCode == 1009)
            #expect(error.message.contains("2 KiB"))
        }
    }

    @Test func sixtyFourBitLengthWithTopBitIsAProtocolError() throws {
        do {
            _ = try parse([[0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 1]])
            Issue.record("accepted a length with the top bit set")
        } catch let error as WebSocketProtocolError {
            #expect(error.closeCode == 1002)
        }
    }

    @Test(arguments: [
        (WebSocketRole.client, "the server announced a 2 KiB frame, over the 1 KiB limit"),
        (.server, "the client announced a 2 KiB frame, over the 1 KiB limit"),
    ])
    func errorsNameThePeer(role: WebSocketRole, message: String) {
        var parser = WebSocketFrameParser(maxFramePayload: 1024, role: role)
        #expect(throws: WebSocketProtocolError(closeCode: 1009, message)) {
            try [UInt8]([0x82, 0xFE, 0x08, 0x00]).withUnsafeBytes { bytes in
                try parser.parse(bytes) { _ in }
            }
        }
    }

    /// What a client sends, as a server's parser reads it: every frame
    /// masked with its own key, in any chunks.
    @Test func aServerReadsMaskedFramesUnmasked() throws {
        let texts = ["Hello", "", String(repeating: "masked ✓ ", count: 50)]
        var stream: [UInt8] = []
        for (index, text) in texts.enumerated() {
            let key = [UInt8(index), 0x5A, 0xA5, 0xFF]
            stream += serialized(
                FrameInfo(direction: .incoming, opcode: .text, maskingKey: key, payload: Array(text.utf8))
            )
        }
        #expect(stream.count > texts.map(\.utf8.count).reduce(0, +) + 3 * 6)
        for split in [0, 1, 7, 20, stream.count / 2, stream.count] {
            let frames = try parse([Array(stream[..<split]), Array(stream[split...])])
            #expect(frames.map { String(decoding: $0.payload, as: UTF8.self) } == texts)
            #expect(frames.map(\.maskingKey) == texts.indices.map { [UInt8($0), 0x5A, 0xA5, 0xFF] })
        }
    }

    @Test func masking() {
        var payload = Array("Hello, world! This is longer than a word.".utf8)
        let original = payload
        WebSocketMasking.apply(key: [0xA1, 0xB2, 0xC3, 0xD4], to: &payload)
        #expect(payload != original)
        #expect(payload[0] == original[0] ^ 0xA1 && payload[5] == original[5] ^ 0xB2)
        WebSocketMasking.apply(key: [0xA1, 0xB2, 0xC3, 0xD4], to: &payload)
        #expect(payload == original)
    }
}
