import StreamTapConfig
import StreamTapCore
import Testing

@Suite struct EndpointCollectionLoaderTests {
    let environment = ["PRICES_TOKEN": "t0k3n"]

    func load(_ text: String) throws(ConfigurationError) -> EndpointCollection {
        try EndpointCollectionLoader.load(text: text, file: "endpoints.yaml", environment: environment)
    }

    func failure(_ text: String) -> String {
        do {
            _ = try load(text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func readsEveryField() throws {
        let collection = try load(
            """
            # team endpoints
            endpoints:
              - name: prices
                url: wss://api.example.com/prices
                headers:
                  Authorization: Bearer ${PRICES_TOKEN}
                  X-Tag: [a, b]
                subprotocols: [prices.v2, prices.v1]
                origin: https://example.com
                on-connect:
                  - '{"subscribe": "EURUSD"}'
                reconnect: backoff:250ms-10s:5
                keepalive: 30
                lens: stomp
                tls:
                  insecure: yes
                  cacert: /etc/ca.pem
                  cert: /etc/client.pem
                  key: /etc/client.key
              - name: llm
                url: https://api.example.com/v1/chat
                protocol: sse
                method: POST
                body: '{"stream": true}'
                read-timeout: 30000
            """
        )
        #expect(collection.endpoints.count == 2)
        let prices = try #require(collection.endpoint(named: "prices"))
        #expect(prices.url == "wss://api.example.com/prices")
        #expect(prices.headers == [("Authorization", "Bearer t0k3n"), ("X-Tag", "a"), ("X-Tag", "b")])
        #expect(prices.subprotocols == ["prices.v2", "prices.v1"])
        #expect(prices.origin == "https://example.com")
        #expect(prices.onConnect == [#"{"subscribe": "EURUSD"}"#])
        #expect(prices.reconnect == "backoff:250ms-10s:5")
        #expect(prices.keepaliveSeconds == 30)
        #expect(prices.lens == "stomp")
        #expect(
            prices.tls
                == .init(
                    insecure: true,
                    caFile: "/etc/ca.pem",
                    certificateFile: "/etc/client.pem",
                    privateKeyFile: "/etc/client.key"
                )
        )
        let llm = try #require(collection.endpoint(named: "llm"))
        #expect(llm.protocolOverride == .sse)
        #expect(llm.method == "POST")
        #expect(llm.body == #"{"stream": true}"#)
        #expect(llm.readTimeoutMilliseconds == 30_000)
        #expect(prices.readTimeoutMilliseconds == nil)
        #expect(failure("- {name: x, url: 'ws://h/', read-timeout: 0}").contains("read-timeout"))
        #expect(failure("- {name: x, url: 'ws://h/', lens: amqp}").contains("'lens' must be one of socket.io, graphql"))
    }

    @Test func acceptsAListOfHeaderLinesAndATopLevelList() throws {
        let collection = try load(
            """
            - name: a
              url: ws://127.0.0.1:9/
              headers:
                - "Cookie: x=1"
            """
        )
        #expect(collection.endpoints.first?.headers == [("Cookie", "x=1")])
    }

    @Test func emptyFilesAreEmptyCollections() throws {
        #expect(try load("").endpoints.isEmpty)
        #expect(try load("# nothing yet\n").endpoints.isEmpty)
        #expect(try load("endpoints:\n").endpoints.isEmpty)
    }

    @Test func mistakesPointAtTheirLine() {
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://127.0.0.1/\n    hedaers: {}\n").hasPrefix(
                "endpoints.yaml:4:5: unknown key 'hedaers' in an endpoint (known keys: name, url,"
            )
        )
        #expect(
            failure("endpoints:\n  - name: a\n    url: ftp://x/\n")
                == "endpoints.yaml:3:10: unsupported scheme 'ftp' in 'ftp://x/': use ws://, wss://, http:// or https://"
        )
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://h/\n    reconnect: sometimes\n").hasPrefix(
                "endpoints.yaml:4:16: 'reconnect': "
            )
        )
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://h/\n  - name: a\n    url: ws://g/\n")
                == "endpoints.yaml:4:5: two endpoints are named 'a': names must be unique"
        )
        #expect(failure("endpoints:\n  - name: a\n") == "endpoints.yaml:2:5: the endpoint 'a' needs a 'url'")
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://h/\n    headers:\n      Bad Name: x\n").contains(
                "'Bad Name' is not a valid header name"
            )
        )
        #expect(failure("endpoints: [\n").hasPrefix("endpoints.yaml:2:1: invalid YAML: "))
        #expect(
            failure("endpoints:\n  - name: a\n    url: http://h/\n    method: GET X\n").hasSuffix(
                "'GET X' is not a valid HTTP method"
            )
        )
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://h/\n    subprotocols: [a b]\n").contains(
                "'a b' is not a valid subprotocol"
            )
        )
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://h/\n    origin: \"x\\r\\nEvil: 1\"\n").contains(
                "cannot contain a line break"
            )
        )
        #expect(
            failure("endpoints: 3\n")
                == "endpoints.yaml:1:12: 'endpoints' must be a list, one '- name: ...' entry per endpoint"
        )
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://h/\n    tls:\n      insecure: maybe\n").hasSuffix(
                "'insecure' must be true or false"
            )
        )
    }

    @Test func anEndpointNeedingAnUnsetVariableIsUnavailableWithoutSpoilingTheOthers() throws {
        let collection = try load(
            "endpoints:\n  - name: a\n    url: ws://h/\n    headers:\n      Authorization: ${NOPE}\n"
                + "  - name: b\n    url: ws://g/\n"
        )
        #expect(collection.endpoints.map(\.name) == ["b"])
        #expect(collection.names == ["b", "a"])
        let problem = try #require(collection.problem(named: "a"))
        #expect(problem.missingVariable == "NOPE")
        #expect(
            problem.description
                == "endpoints.yaml:5:22: 'Authorization' uses ${NOPE}, but the environment variable NOPE is not set "
                + "(set it, or write ${NOPE:-default})"
        )
        #expect(
            failure("endpoints:\n  - name: a\n    url: ws://h/\n  - name: a\n    url: ws://${NOPE}/\n").contains(
                "two endpoints are named 'a'"
            )
        )
    }
}
