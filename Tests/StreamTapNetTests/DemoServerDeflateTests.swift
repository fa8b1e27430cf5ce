import NIOCore
import Testing

@testable import StreamTapNet

/// permessage-deflate (RFC 7692): which offers the server accepts, what it
/// answers, and that what it compresses inflates back.
@Suite struct DemoServerDeflateTests {
    @Test(arguments: [
        (["permessage-deflate"], "permessage-deflate"),
        (["permessage-deflate; client_max_window_bits"], "permessage-deflate"),
        (["permessage-deflate; client_max_window_bits=10"], "permessage-deflate"),
        (
            ["permessage-deflate; server_no_context_takeover; client_no_context_takeover"],
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover"
        ),
        (["permessage-deflate; server_max_window_bits=\"10\""], "permessage-deflate; server_max_window_bits=10"),
        // Raw deflate cannot keep to a 256-byte window: that offer is declined, the next one taken.
        (["permessage-deflate; server_max_window_bits=8, permessage-deflate"], "permessage-deflate"),
        (["x-webkit-deflate-frame", "PerMessage-Deflate"], "permessage-deflate"),
    ])
    func acceptsTheFirstOfferItCanHonour(offers: [String], answer: String) {
        #expect(PerMessageDeflateParameters.negotiate(offers: offers)?.responseHeaderValue == answer)
    }

    @Test(arguments: [
        [],
        ["x-webkit-deflate-frame"],
        ["permessage-deflate; server_max_window_bits=8"],
        ["permessage-deflate; server_max_window_bits"],
        ["permessage-deflate; client_max_window_bits=16"],
        ["permessage-deflate; mystery_parameter"],
        ["permessage-deflate; server_no_context_takeover; server_no_context_takeover"],
        ["permessage-deflate; server_no_context_takeover=1"],
    ])
    func declinesOffersItCannotHonour(offers: [String]) {
        #expect(PerMessageDeflateParameters.negotiate(offers: offers) == nil)
    }

    @Test(arguments: [false, true])
    func compressedMessagesInflateBack(noContextTakeover: Bool) throws {
        var parameters = PerMessageDeflateParameters()
        parameters.serverNoContextTakeover = noContextTakeover
        let sender = try PerMessageDeflateCodec(parameters: parameters)
        let receiver = try PerMessageDeflateCodec(parameters: parameters)
        let allocator = ByteBufferAllocator()
        for text in ["hello hello hello hello", "hello hello hello hello", String(repeating: "é✓", count: 5000)] {
            let compressed = try sender.compress(ByteBuffer(string: text), allocator: allocator)
            #expect(!compressed.readableBytesView.suffix(4).elementsEqual([0, 0, 0xFF, 0xFF]))
            #expect(compressed.readableBytes < text.utf8.count)
            let inflated = try receiver.inflate(compressed, maxSize: 1 << 20, allocator: allocator)
            #expect(String(buffer: inflated) == text)
        }
    }

    @Test func refusesToInflatePastTheSizeLimit() throws {
        let codec = try PerMessageDeflateCodec(parameters: PerMessageDeflateParameters())
        let allocator = ByteBufferAllocator()
        let bomb = try codec.compress(ByteBuffer(repeating: 0, count: 1 << 20), allocator: allocator)
        #expect(throws: PerMessageDeflateCodec.InflateFailure.tooBig) {
            try PerMessageDeflateCodec(parameters: PerMessageDeflateParameters())
                .inflate(bomb, maxSize: 64 * 1024, allocator: allocator)
        }
    }

    @Test func refusesDataThatIsNotDeflate() throws {
        let codec = try PerMessageDeflateCodec(parameters: PerMessageDeflateParameters())
        #expect(throws: PerMessageDeflateCodec.InflateFailure.corrupt) {
            try codec.inflate(
                ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF]),
                maxSize: 1024,
                allocator: ByteBufferAllocator()
            )
        }
    }
}
