import Testing

@testable import StreamTapCore

/// Secrets stay out of exports unless asked for.
@Suite struct RedactionTests {
    @Test func credentialHeadersAreHiddenAndHandshakeProofIsKept() {
        let headers: HeaderFields = [
            ("Authorization", "Bearer abc"), ("cookie", "a=b"), ("Set-Cookie", "s=1"),
            ("Proxy-Authorization", "Basic eA=="), ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
            ("Origin", "http://h"),
        ]
        #expect(
            Redaction.redact(headers)
                == [
                    ("Authorization", "REDACTED"), ("cookie", "REDACTED"), ("Set-Cookie", "REDACTED"),
                    ("Proxy-Authorization", "REDACTED"), ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                    ("Origin", "http://h"),
                ]
        )
    }

    @Test(arguments: [
        ("wss://h/x?token=abc&room=1", "wss://h/x?token=REDACTED&room=1"),
        ("/x?room=1&access_token=abc#frag", "/x?room=1&access_token=REDACTED#frag"),
        ("https://h/e?API_KEY=k&q=token", "https://h/e?API_KEY=REDACTED&q=token"),
        ("ws://user:pa55@h:1/x", "ws://user:REDACTED@h:1/x"),
        ("ws://h/x?tokens=1", "ws://h/x?tokens=1"),
        ("ws://h/x", "ws://h/x"),
    ])
    func queryTokensAndPasswordsAreHidden(url: String, expected: String) {
        #expect(Redaction.redact(url: url) == expected)
    }

    @Test func anExportedHARHasNoSecretFromTheChromeFile() throws {
        let events = HARReader.read(try SampleFiles.bytes("chrome-websocket.har")).events
        let redacted = String(
            decoding: HARWriter.write(events.map(Redaction.redact), creatorVersion: "t"),
            as: UTF8.self
        )
        for secret in ["0f3c9a77e1b24d5c", "eyJhbGciOiJIUzI1NiJ9"] {
            #expect(!redacted.contains(secret))
        }
        #expect(redacted.contains("q4xkcO32u266gldTuKaSOw=="))
        #expect(redacted.contains("token=REDACTED"))
        let kept = String(decoding: HARWriter.write(events, creatorVersion: "t"), as: UTF8.self)
        #expect(kept.contains("0f3c9a77e1b24d5c"))
    }

    @Test func errorResponsesAreRedactedToo() {
        let event = StreamEvent(
            kind: .error(
                ErrorInfo(
                    message: "refused",
                    response: ResponseHead(status: 401, reason: "", headers: [("Set-Cookie", "s=1")])
                )
            )
        )
        guard case .error(let error) = Redaction.redact(event).kind else {
            Issue.record("not an error")
            return
        }
        #expect(error.response?.headers.first("Set-Cookie") == "REDACTED")
    }

    @Test func urlsInMessagesAreRedacted() {
        let event = StreamEvent(
            kind: .error(ErrorInfo(message: "cannot connect to wss://u:pw@h/x?api_key=k1 (refused)"))
        )
        guard case .error(let error) = Redaction.redact(event).kind else {
            Issue.record("not an error")
            return
        }
        #expect(error.message == "cannot connect to wss://u:REDACTED@h/x?api_key=REDACTED (refused)")
        #expect(Redaction.redact(text: "plain words, no URL") == "plain words, no URL")
    }
}
