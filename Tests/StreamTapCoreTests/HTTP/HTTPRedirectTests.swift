import StreamTapCore
import Testing

@Suite struct HTTPRedirectTests {
    private let base = Endpoint(
        scheme: "https",
        host: "a.test",
        port: 8443,
        target: "/v1/feed/live?x=1",
        protocolKind: .sse
    )

    @Test(arguments: [
        ("https://b.test/other", "https://b.test/other"),
        ("//b.test:81/x", "https://b.test:81/x"),
        ("/root?q=2#frag", "https://a.test:8443/root?q=2"),
        ("next", "https://a.test:8443/v1/feed/next"),
        ("../up/./there", "https://a.test:8443/v1/up/there"),
        ("../../../../top", "https://a.test:8443/top"),
        ("?page=2", "https://a.test:8443/v1/feed/live?page=2"),
        ("http://b.test", "http://b.test/"),
    ])
    func resolvesLocationsAgainstTheCurrentURL(location: String, expected: String) throws {
        #expect(try HTTPRedirect.resolve(location, against: base).description == expected)
    }

    @Test func refusesToLeaveHTTP() {
        #expect(throws: InputError.self) { try HTTPRedirect.resolve("ws://b.test/socket", against: base) }
        #expect(throws: InputError.self) { try HTTPRedirect.resolve("ftp://b.test/file", against: base) }
    }

    private func post() -> HTTPRequestTarget {
        HTTPRequestTarget(
            endpoint: base,
            method: "POST",
            body: Array("{}".utf8),
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer t"), ("X-Trace", "1")]
        )
    }

    @Test func seeOtherAndOldRedirectsTurnAPostIntoAGetWithoutBody() async throws {
        for status in [301, 302, 303] {
            let next = try HTTPRedirect.follow(status: status, location: "/other", from: post())
            #expect(next.method == "GET")
            #expect(next.body == nil)
            #expect(next.headers == [("Authorization", "Bearer t"), ("X-Trace", "1")])
        }
    }

    @Test func temporaryAndPermanentRedirectsKeepMethodAndBody() async throws {
        for status in [307, 308] {
            let next = try HTTPRedirect.follow(status: status, location: "/other", from: post())
            #expect(next.method == "POST" && next.body == Array("{}".utf8))
            #expect(next.headers == post().headers)
        }
    }

    @Test func credentialsDoNotFollowToAnotherOrigin() async throws {
        let next = try HTTPRedirect.follow(status: 307, location: "https://elsewhere.test/", from: post())
        #expect(next.headers == [("Content-Type", "application/json"), ("X-Trace", "1")])
        let samePortElsewhere = try HTTPRedirect.follow(status: 307, location: "https://a.test/", from: post())
        #expect(samePortElsewhere.headers.first("Authorization") == nil)
    }
}
