import StreamTapConfig
import StreamTapCore
import StreamTapTestSupport
import Testing

@Suite struct EndpointCollectionWriterTests {
    let endpoint = SavedEndpoint(
        name: "prices feed",
        url: "wss://api.example.com/prices?x=1",
        headers: [("Authorization", "Bearer t0k3n"), ("X-Price", "$5: cheap #1")],
        subprotocols: ["prices.v2"],
        onConnect: [#"{"subscribe": "EURUSD"}"#, "- dash\nsecond line"],
        reconnect: "on",
        keepaliveSeconds: 15,
        readTimeoutMilliseconds: 45_000,
        tls: .init(insecure: true),
        lens: "mqtt"
    )

    @Test func createsTheFileAndReadsBackTheSameEndpointWithoutTheSecret() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/new/endpoints.yaml"
        let saved = try EndpointCollectionWriter.append(endpoint, to: path, environment: [:])
        #expect(saved.variables == ["PRICES_FEED_AUTHORIZATION"])
        let text = try folder.read("new/endpoints.yaml")
        #expect(!text.contains("t0k3n"))
        let loaded = try EndpointCollectionLoader.load(
            path: path,
            environment: ["PRICES_FEED_AUTHORIZATION": "Bearer t0k3n"]
        )
        #expect(loaded.endpoints == [endpoint])
    }

    @Test func appendsAfterExistingEntriesKeepingComments() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let existing =
            "# my endpoints\nendpoints:\n# the echo one\n- name: echo # local\n  url: ws://127.0.0.1:8080/ws/echo\n"
        try folder.write(existing, to: "endpoints.yaml")
        let path = folder.path + "/endpoints.yaml"
        _ = try EndpointCollectionWriter.append(
            SavedEndpoint(name: "ticker", url: "http://127.0.0.1:8080/sse/ticker"),
            to: path,
            environment: [:]
        )
        let text = try folder.read("endpoints.yaml")
        #expect(text.hasPrefix(existing))
        let names = try EndpointCollectionLoader.load(path: path, environment: [:]).endpoints.map(\.name)
        #expect(names == ["echo", "ticker"])
    }

    @Test func refusesADuplicateNameAndAFileItCannotAppendTo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/endpoints.yaml"
        try folder.write("endpoints:\n  - name: echo\n    url: ws://127.0.0.1/\n", to: "endpoints.yaml")
        #expect(throws: ConfigurationError.self) {
            try EndpointCollectionWriter.append(SavedEndpoint(name: "echo", url: "ws://h/"), to: path, environment: [:])
        }
        try folder.write("endpoints: [{name: echo, url: 'ws://127.0.0.1/'}]\n", to: "endpoints.yaml")
        do {
            _ = try EndpointCollectionWriter.append(
                SavedEndpoint(name: "b", url: "ws://h/"),
                to: path,
                environment: [:]
            )
            Issue.record("appended to a flow-style list")
        } catch {
            #expect(error.message.contains("add it by hand"))
        }
        #expect(try folder.read("endpoints.yaml") == "endpoints: [{name: echo, url: 'ws://127.0.0.1/'}]\n")
    }
}
