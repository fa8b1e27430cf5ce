import StreamTapConfig
import StreamTapCore
import Testing

@Suite struct UserConfigurationLoaderTests {
    func load(_ text: String) throws(ConfigurationError) -> UserConfiguration {
        try UserConfigurationLoader.load(text: text, file: "config.yaml", environment: ["TEAM": "streams"])
    }

    @Test func readsThemeLimitsAndDefaults() throws {
        let configuration = try load(
            """
            theme: Light
            events:
              max-count: 5000
              max-megabytes: 64
            defaults:
              user-agent: team-debugger
              connect-timeout: 2.5
              keepalive: 30
              max-message-size: 1048576
              headers:
                X-Team: ${TEAM}
            """
        )
        #expect(configuration.theme == "light")
        #expect(configuration.eventLimits == EventLog.Limits(maxCount: 5000, maxBytes: 64 << 20))
        #expect(configuration.defaults.userAgent == "team-debugger")
        #expect(configuration.defaults.connectTimeoutSeconds == 2.5)
        #expect(configuration.defaults.keepaliveSeconds == 30)
        #expect(configuration.defaults.maxMessageSize == 1_048_576)
        #expect(configuration.defaults.headers == [("X-Team", "streams")])
    }

    @Test func anEmptyFileChangesNothing() throws {
        #expect(try load("") == UserConfiguration())
    }

    @Test func badValuesAreExplained() {
        #expect(
            throws: ConfigurationError(
                file: "config.yaml",
                line: 1,
                column: 8,
                message: "'theme' must be dark, light or mono, not 'blue'"
            )
        ) {
            try load("theme: blue\n")
        }
        #expect(
            throws: ConfigurationError(
                file: "config.yaml",
                line: 2,
                column: 14,
                message: "'max-count' must be a whole number from 100 to 100000000"
            )
        ) {
            try load("events:\n  max-count: lots\n")
        }
    }
}

extension UserConfigurationLoaderTests {
    @Test func keysAreReadWithTheirLines() throws {
        let configuration = try load("theme: dark\nkeys:\n  quit: Q\n  filter: [/, F3]\n")
        #expect(
            configuration.keys == [
                .init(command: "quit", keys: ["Q"], line: 3, column: 3),
                .init(command: "filter", keys: ["/", "F3"], line: 4, column: 3),
            ]
        )
        #expect(throws: ConfigurationError.self) { try load("keys: [quit]\n") }
    }
}
