import Foundation
import StreamTapTestSupport
import Testing

/// `streamtap endpoints` and opening a saved endpoint by name, with the real
/// binary, a settings folder of the test's own and the Python peer.
@Suite(.serialized, .requires(.streamtap)) struct SavedEndpointCommandTests {
    /// A private `XDG_CONFIG_HOME` / `XDG_STATE_HOME` for one test.
    struct SettingsHome {
        let folder: TemporaryFolder

        init() throws {
            folder = try TemporaryFolder("streamtap-home")
        }

        var path: String { folder.path }
        var environment: [String: String] {
            ["XDG_CONFIG_HOME": path + "/config", "XDG_STATE_HOME": path + "/state", "HOME": path]
        }
        var endpointsFile: String { path + "/config/streamtap/endpoints.yaml" }

        func write(_ text: String, to relativePath: String) throws {
            try folder.write(text, to: relativePath)
        }

        func remove() { folder.remove() }
    }

    @Test(.requires(.peerPython)) func aSavedEndpointConnectsWithItsHeadersSubprotocolAndSecretFromTheEnvironment()
        async throws
    {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let home = try SettingsHome()
        defer { home.remove() }
        let add = try await StreamtapCommand.run(
            [
                "endpoints", "add", "peer-headers", "ws://127.0.0.1:\(peer.port)/headers",
                "-H", "Authorization: Bearer s3cret", "-H", "X-Team: streams", "--subprotocol", "chat.v1",
            ],
            environment: home.environment
        )
        #expect(add.status == 0)
        #expect(add.stdout.contains("Saved 'peer-headers' to \(home.endpointsFile)"))
        #expect(add.stdout.contains("$PEER_HEADERS_AUTHORIZATION"))
        let file = try String(contentsOfFile: home.endpointsFile, encoding: .utf8)
        #expect(!file.contains("s3cret"))

        var environment = home.environment
        environment["PEER_HEADERS_AUTHORIZATION"] = "Bearer from-env"
        let result = try await StreamtapCommand.run(["cat", "peer-headers"], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#"["Authorization", "Bearer from-env"]"#))
        #expect(result.stdout.contains(#"["X-Team", "streams"]"#))
        #expect(result.stdout.contains(#"["Sec-WebSocket-Protocol", "chat.v1"]"#))
    }

    @Test(.requires(.peerPython)) func aSavedEndpointsLensReadsItsMessages() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let home = try SettingsHome()
        defer { home.remove() }
        let add = try await StreamtapCommand.run(
            ["endpoints", "add", "rpc", "ws://127.0.0.1:\(peer.port)/jsonrpc", "--lens", "jsonrpc"],
            environment: home.environment
        )
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try String(contentsOfFile: home.endpointsFile, encoding: .utf8).contains("lens: jsonrpc"))
        let result = try await StreamtapCommand.run(
            ["cat", "--jsonl", "--count", "1", "rpc"],
            standardInput: #"{"method":"echo","params":[7]}"# + "\n",
            environment: home.environment
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""lens":{"protocol":"jsonrpc","type":"response""#))
    }

    @Test(.requires(.peerPython)) func commandLineOptionsWinOverTheSavedOnes() async throws {
        let peer = try await WebSocketPeer.start()
        defer { peer.stop() }
        let home = try SettingsHome()
        defer { home.remove() }
        try home.write(
            """
            endpoints:
              - name: peer
                url: ws://127.0.0.1:\(peer.port)/headers
                headers:
                  X-Team: saved
                  X-Kept: yes
            """,
            to: "config/streamtap/endpoints.yaml"
        )
        try home.write("defaults:\n  user-agent: team-agent/1\n", to: "config/streamtap/config.yaml")
        let result = try await StreamtapCommand.run(
            ["cat", "-H", "X-Team: cli", "peer"],
            environment: home.environment
        )
        #expect(result.status == 0)
        #expect(result.stdout.contains(#"["X-Team", "cli"]"#))
        #expect(!result.stdout.contains(#""saved""#))
        #expect(result.stdout.contains(#"["X-Kept", "yes"]"#))
        #expect(result.stdout.contains(#"["User-Agent", "team-agent/1"]"#))
    }

    @Test func listingShowsEveryEndpointAndWhatAnUnavailableOneNeeds() async throws {
        let home = try SettingsHome()
        defer { home.remove() }
        try home.write(
            """
            endpoints:
              - name: echo
                url: ws://127.0.0.1:8080/ws/echo
              - name: private
                url: wss://example.invalid/feed
                headers:
                  Authorization: Bearer ${FEED_TOKEN}
            """,
            to: "config/streamtap/endpoints.yaml"
        )
        let list = try await StreamtapCommand.run(["endpoints"], environment: home.environment)
        #expect(list.status == 0)
        #expect(list.stdout.contains("echo     websocket  ws://127.0.0.1:8080/ws/echo"))
        #expect(list.stdout.contains("private  unavailable: needs $FEED_TOKEN"))
        let open = try await StreamtapCommand.run(["cat", "private"], environment: home.environment)
        #expect(open.status == 2)
        #expect(open.stderr.contains("cannot open 'private'"))
        #expect(open.stderr.contains("endpoints.yaml:7:22: 'Authorization' uses ${FEED_TOKEN}"))
    }

    @Test func mistakesInTheSettingsFilesAreReportedWithTheirLine() async throws {
        let home = try SettingsHome()
        defer { home.remove() }
        try home.write("endpoints:\n  - name: a\n    ulr: ws://h/\n", to: "config/streamtap/endpoints.yaml")
        let broken = try await StreamtapCommand.run(["cat", "ws://127.0.0.1:9/"], environment: home.environment)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("streamtap: \(home.endpointsFile):3:5: unknown key 'ulr' in an endpoint"))
        let unknown = try await StreamtapCommand.run(["cat", "--no-config", "nope"], environment: home.environment)
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr.contains(
                "'nope' is not a URL (ws://, wss://, http://, https://) or the name of a saved endpoint"
            )
        )
    }
}

extension SavedEndpointCommandTests {
    @Test func aKeyBindingMistakeInConfigIsReportedAtItsLine() async throws {
        let home = try SettingsHome()
        defer { home.remove() }
        try home.write("theme: dark\nkeys:\n  quit: Q\n  filter: n\n", to: "config/streamtap/config.yaml")
        let result = try await StreamtapCommand.run(["cat", "ws://127.0.0.1:9/"], environment: home.environment)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "streamtap: \(home.path)/config/streamtap/config.yaml:4:3: keys: n already runs 'Next match' there; "
                + "rebind next-match too or pick another key\n"
        )
    }
}
