import StreamTapCore
import Testing

@testable import StreamTapNet

@Suite struct SSEResponseRulesTests {
    private func response(_ status: Int, _ reason: String = "", _ headers: HeaderFields = []) -> ResponseHead {
        ResponseHead(status: status, reason: reason, headers: headers)
    }

    @Test(arguments: [
        "text/event-stream", "text/event-stream; charset=utf-8", "Text/Event-Stream", " text/event-stream ;x=y",
    ])
    func twoHundredWithAnEventStreamTypeOpensTheStream(contentType: String) {
        #expect(SSEResponseRules.verdict(for: response(200, "OK", [("Content-Type", contentType)])) == .stream)
    }

    @Test(arguments: ["text/html", "text/event-streams", "text/event stream", "application/json"])
    func twoHundredWithAnotherTypeIsRefusedNamingIt(contentType: String) {
        let verdict = SSEResponseRules.verdict(for: response(200, "OK", [("Content-Type", contentType)]))
        guard case .refused(let message) = verdict else {
            Issue.record("expected a refusal, got \(verdict)")
            return
        }
        #expect(message.contains("'\(contentType)'") && message.contains("text/event-stream"))
    }

    @Test func twoHundredWithoutContentTypeIsRefused() {
        let verdict = SSEResponseRules.verdict(for: response(200, "OK"))
        #expect(
            verdict
                == .refused(
                    "the server answered 200 OK without a Content-Type; an event stream needs text/event-stream"
                )
        )
    }

    @Test func noContentStopsAndRedirectsNeedALocation() {
        #expect(SSEResponseRules.verdict(for: response(204, "No Content")) == .noContent)
        for status in [301, 302, 303, 307, 308] {
            #expect(
                SSEResponseRules.verdict(for: response(status, "", [("Location", "/next")]))
                    == .redirect(location: "/next")
            )
        }
        #expect(
            SSEResponseRules.verdict(for: response(302, "Found"))
                == .refused("the server answered 302 Found, a redirect without a Location header")
        )
    }

    @Test func otherStatusesAreRefusedWithTheStatusAndAHint() {
        #expect(
            SSEResponseRules.verdict(for: response(404, "Not Found"))
                == .refused("the server answered 404 Not Found: no such path on this server")
        )
        #expect(
            SSEResponseRules.verdict(for: response(418, "I'm a teapot"))
                == .refused("the server answered 418 I'm a teapot")
        )
    }
}
