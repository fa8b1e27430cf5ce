import StreamTapCore
import Testing

@testable import StreamTapNet

/// The permessage-deflate codec both ends use: what one end compresses the
/// other inflates, each with the parameters agreed for its direction, and
/// the inflater's bounds.
@Suite struct DeflateCodecTests {
    private static let texts = [
        "hello hello hello hello", "hello hello hello hello", String(repeating: "é✓", count: 5000),
    ]

    @Test(arguments: [WebSocketRole.client, .server], [false, true])
    func whatOneEndCompressesTheOtherInflates(sender: WebSocketRole, noContextTakeover: Bool) throws {
        var agreement = PerMessageDeflate.Agreement()
        agreement.serverNoContextTakeover = noContextTakeover
        agreement.clientNoContextTakeover = noContextTakeover
        agreement.serverMaxWindowBits = 10
        let compressor = try DeflateCompressor(agreement: agreement, role: sender)
        let inflater = try DeflateInflater(agreement: agreement, role: sender.peer)
        for text in Self.texts {
            let compressed = try #require(compressor.compress(Array(text.utf8)))
            #expect(compressed.suffix(4) != [0, 0, 0xFF, 0xFF])
            #expect(compressed.count < text.utf8.count)
            #expect(try inflater.inflate(compressed, maxOutput: 1 << 20) == Array(text.utf8))
        }
    }

    @Test func withoutContextTakeoverTheSecondOfTwoEqualMessagesIsAsLongAsTheFirst() throws {
        var agreement = PerMessageDeflate.Agreement()
        agreement.serverNoContextTakeover = true
        let server = try DeflateCompressor(agreement: agreement, role: .server)
        let client = try DeflateCompressor(agreement: agreement, role: .client)
        let payload = Array("hello hello hello hello".utf8)
        let fromServer = [server.compress(payload), server.compress(payload)]
        let fromClient = [client.compress(payload), client.compress(payload)]
        #expect(fromServer[0] == fromServer[1])
        // The client keeps its context: its second message refers back to the first.
        #expect((fromClient[1]?.count ?? 0) < (fromClient[0]?.count ?? 0))
    }

    @Test(arguments: [
        (WebSocketRole.server, "the client sent a message larger than the 64 KiB limit"),
        (.client, "the server sent a message larger than the 64 KiB limit (--max-message-size)"),
    ])
    func refusesToInflatePastTheSizeLimit(role: WebSocketRole, message: String) throws {
        let agreement = PerMessageDeflate.Agreement()
        let bomb = try #require(
            try DeflateCompressor(agreement: agreement, role: role.peer).compress(Array(repeating: 0, count: 1 << 20))
        )
        #expect(throws: WebSocketProtocolError(closeCode: CloseCode.messageTooBig, message)) {
            try DeflateInflater(agreement: agreement, role: role).inflate(bomb, maxOutput: 64 * 1024)
        }
    }

    @Test func refusesDataThatIsNotDeflate() throws {
        let inflater = try DeflateInflater(agreement: PerMessageDeflate.Agreement(), role: .server)
        let error = #expect(throws: WebSocketProtocolError.self) {
            try inflater.inflate([0xFF, 0xFF, 0xFF, 0xFF], maxOutput: 1024)
        }
        #expect(error?.closeCode == CloseCode.invalidPayload)
        #expect(error?.message.hasPrefix("the client sent a compressed message that does not inflate") == true)
    }
}
