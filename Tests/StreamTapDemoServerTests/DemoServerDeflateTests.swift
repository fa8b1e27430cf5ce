import StreamTapCore
import Testing

@testable import StreamTapDemoServer

/// permessage-deflate (RFC 7692): which offers the server accepts and what
/// it answers.
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
        #expect(PerMessageDeflate.Agreement.negotiated(offers: offers)?.responseHeaderValue == answer)
    }

    @Test(arguments: [
        [],
        ["x-webkit-deflate-frame"],
        ["permessage-deflate; server_max_window_bits=8"],
        ["permessage-deflate; server_max_window_bits"],
        ["permessage-deflate; server_max_window_bits=+9"],
        ["permessage-deflate; client_max_window_bits=16"],
        ["permessage-deflate; mystery_parameter"],
        ["permessage-deflate; server_no_context_takeover; server_no_context_takeover"],
        ["permessage-deflate; server_no_context_takeover=1"],
    ])
    func declinesOffersItCannotHonour(offers: [String]) {
        #expect(PerMessageDeflate.Agreement.negotiated(offers: offers) == nil)
    }

    @Test func theAgreementSaysHowEachEndCompresses() throws {
        let agreement = try #require(
            PerMessageDeflate.Agreement.negotiated(
                offers: ["permessage-deflate; client_no_context_takeover; server_max_window_bits=10"]
            )
        )
        #expect(agreement.parameters(sentBy: .server) == .init(maxWindowBits: 10, noContextTakeover: false))
        #expect(agreement.parameters(sentBy: .client) == .init(maxWindowBits: 15, noContextTakeover: true))
    }
}
