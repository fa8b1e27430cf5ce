import Testing

@testable import StreamTapCore

/// The `CONNECT` request, reading the proxy's answer, and explaining it.
@Suite struct ProxyConnectTests {
    private let proxy = ProxyServer(host: "proxy.example", port: 3128)

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func theRequestNamesTheOriginWithItsPort() throws {
        let request = ProxyConnect.request(
            to: try Endpoint(parsing: "wss://echo.example/chat"),
            via: proxy,
            userAgent: "streamtap/1"
        )
        #expect(
            text(request)
                == "CONNECT echo.example:443 HTTP/1.1\r\nHost: echo.example:443\r\nUser-Agent: streamtap/1\r\n\r\n"
        )
    }

    @Test func theRequestCarriesCredentialsAndBracketsIPv6() throws {
        let withCredentials = ProxyServer(host: "p", port: 1, username: "alice", password: "s3cret")
        let request = ProxyConnect.request(
            to: try Endpoint(parsing: "ws://[::1]:8080/"),
            via: withCredentials,
            userAgent: "a\r\nInjected: yes"
        )
        #expect(
            text(request)
                == "CONNECT [::1]:8080 HTTP/1.1\r\nHost: [::1]:8080\r\n"
                + "Proxy-Authorization: Basic YWxpY2U6czNjcmV0\r\nUser-Agent: aInjected: yes\r\n\r\n"
        )
    }

    @Test func aHeadIsReadWithWhatFollowsLeftOver() {
        let bytes = Array("HTTP/1.1 200 Connection established\r\nVia: 1.1 p\r\n\r\n\u{16}\u{03}".utf8)
        let expected = ResponseHead(status: 200, reason: "Connection established", headers: [("Via", "1.1 p")])
        #expect(ProxyConnect.parseHead(bytes) == .complete(expected, length: bytes.count - 2))
    }

    @Test func bareLineFeedsAndAnEmptyReasonAreAccepted() {
        let bytes = Array("HTTP/1.0 200\nX:  y \n\n".utf8)
        let expected = ResponseHead(status: 200, reason: "", headers: [("X", "y")])
        #expect(ProxyConnect.parseHead(bytes) == .complete(expected, length: bytes.count))
    }

    @Test func anUnfinishedHeadAsksForMore() {
        for partial in ["", "HT", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 200 OK\r\nA: b\r\n\r"] {
            #expect(ProxyConnect.parseHead(Array(partial.utf8)) == .incomplete, "\(partial)")
        }
    }

    @Test func whatIsNotAnHTTPHeadIsInvalid() {
        #expect(
            ProxyConnect.parseHead([0x05, 0x00])
                == .invalid("the proxy did not answer with HTTP (is it an HTTP proxy?)")
        )
        let malformed = ProxyConnect.parseHead(Array("HTTP/1.1 abc OK\r\n\r\n".utf8))
        #expect(malformed == .invalid("the proxy sent a malformed status line: 'HTTP/1.1 abc OK'"))
        #expect(ProxyConnect.parseHead(Array("HTTP/2 200\r\n\r\n".utf8)) != .incomplete)
    }

    @Test func aHeadIsBounded() {
        let big = Array(("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 100)).utf8)
        #expect(
            ProxyConnect.parseHead(big, maximumSize: 64)
                == .invalid("the proxy's response head is larger than 64 bytes")
        )
        #expect(ProxyConnect.parseHead(big, maximumSize: 200) == .incomplete)
        let exact = Array("HTTP/1.1 200 OK\r\n\r\n".utf8)
        #expect(ProxyConnect.parseHead(exact, maximumSize: exact.count) != .incomplete)
        #expect(
            ProxyConnect.parseHead(exact, maximumSize: exact.count - 1)
                == .invalid("the proxy's response head is larger than 18 bytes")
        )
    }

    @Test func refusalsAreExplained() {
        func refusal(
            _ status: Int,
            _ reason: String,
            _ headers: HeaderFields = [],
            proxy: ProxyServer? = nil
        )
            -> (message: String, retryable: Bool)?
        {
            ProxyConnect.refusal(
                ResponseHead(status: status, reason: reason, headers: headers),
                proxy: proxy ?? self.proxy,
                target: "h:443"
            )
        }
        #expect(refusal(200, "OK") == nil)
        #expect(refusal(204, "") == nil)
        let asked = refusal(407, "Proxy Authentication Required", [("Proxy-Authenticate", #"Basic realm="x""#)])
        #expect(
            asked?.message
                == "the proxy proxy.example:3128 answered CONNECT h:443 with 407 Proxy Authentication Required: "
                + "the proxy wants credentials (put them in the --proxy URL: http://user:password@host:port); "
                + #"it asks for 'Basic realm="x"'"#
        )
        #expect(asked?.retryable == false)
        let rejected = refusal(407, "Nope", proxy: ProxyServer(host: "p", port: 1, username: "u", password: "x"))
        #expect(
            rejected?.message
                == "the proxy p:1 answered CONNECT h:443 with 407 Nope: the proxy rejected the credentials in the proxy URL"
        )
        #expect(
            refusal(403, "Forbidden")?.message.hasSuffix("with 403 Forbidden: the proxy refused to open the tunnel")
                == true
        )
        #expect(refusal(403, "Forbidden")?.retryable == false)
        #expect(
            refusal(502, "Bad Gateway")?.message.hasSuffix("with 502 Bad Gateway: the proxy could not open the tunnel")
                == true
        )
        #expect(refusal(503, "")?.retryable == true)
        #expect(refusal(301, "Moved")?.message.hasSuffix("with 301 Moved, not 2xx: no tunnel") == true)
        #expect(
            refusal(400, "Bad\u{1B}[31m")?.message.hasSuffix(
                #"with 400 Bad\x1b[31m: the proxy refused to open the tunnel"#
            ) == true
        )
    }
}
