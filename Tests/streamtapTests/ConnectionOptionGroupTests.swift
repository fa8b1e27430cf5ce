import ArgumentParser
import StreamTapCore
import StreamTapNet
import Testing

@testable import streamtap

/// The options every connecting command shares, parsed as the command line
/// gives them, and where each lands in the connection's options.
@Suite struct ConnectionOptionGroupTests {
    static func options(_ arguments: [String], for protocolKind: StreamProtocol) throws -> StreamOptions {
        try ConnectionOptionGroup.parse(arguments).streamOptions(for: protocolKind, reportFrames: false)
    }

    @Test func aLastEventIDHeaderStartsTheEventStreamInsteadOfBeingSentForEver() throws {
        let options = try Self.options(["-H", "Last-Event-ID: x", "-H", "X-Kept: yes"], for: .sse)
        #expect(options.eventStream.lastEventID == "x")
        #expect(options.connection.headers.first("Last-Event-ID") == nil)
        #expect(options.connection.headers.first("X-Kept") == "yes")
    }

    @Test func aLastEventIDHeaderIsAnOrdinaryHeaderForWebSocket() throws {
        let options = try Self.options(["-H", "Last-Event-ID: x"], for: .websocket)
        #expect(options.connection.headers.first("Last-Event-ID") == "x")
        #expect(options.eventStream.lastEventID == "")
    }

    @Test func theLastEventIDOptionWinsOverTheHeader() throws {
        let options = try Self.options(["--last-event-id", "y", "-H", "last-event-id: x"], for: .sse)
        #expect(options.eventStream.lastEventID == "y")
        #expect(options.connection.headers.first("Last-Event-ID") == nil)
    }

    @Test func withoutReconnectTheProtocolsUsualPolicyApplies() throws {
        #expect(try Self.options([], for: .sse).reconnect == nil)
        #expect(try Self.options([], for: .websocket).reconnect == nil)
        #expect(try Self.options(["--reconnect", "off"], for: .sse).reconnect == .off)
        #expect(try Self.options(["--reconnect", "spec:3"], for: .sse).reconnect == ReconnectPolicy(parsing: "spec:3"))
    }

    @Test func specAndAlwaysAreRefusedForWebSocket() throws {
        for policy in ["spec", "always:2"] {
            #expect(throws: ValidationError.self) { try Self.options(["--reconnect", policy], for: .websocket) }
        }
        #expect(try Self.options(["--reconnect", "backoff:10ms-1s"], for: .websocket).reconnect?.mode == .backoff)
    }

    @Test func retryAndReadTimeoutLandWhereTheyShould() throws {
        let options = try Self.options(
            ["--retry-ms", "500", "--ignore-server-retry", "--read-timeout", "2000"],
            for: .sse
        )
        #expect(options.eventStream.initialReconnectionTimeMilliseconds == 500)
        #expect(options.eventStream.ignoresServerRetry)
        #expect(options.connection.readTimeoutMilliseconds == 2000)
        let defaults = try Self.options([], for: .sse)
        #expect(defaults.eventStream.initialReconnectionTimeMilliseconds == nil)
        #expect(!defaults.eventStream.ignoresServerRetry)
        #expect(defaults.connection.readTimeoutMilliseconds == nil)
    }

    @Test func dataMakesAPostAndMethodOverridesIt() throws {
        let posted = try Self.options(["--data", "{}"], for: .sse)
        #expect(posted.eventStream.method == "POST" && posted.eventStream.body == Array("{}".utf8))
        let put = try Self.options(["--data", "{}", "--method", "PUT"], for: .sse)
        #expect(put.eventStream.method == "PUT")
        #expect(try Self.options([], for: .sse).eventStream.method == "GET")
    }

    @Test func webSocketOptionsLandWhereTheyShould() throws {
        let options = try ConnectionOptionGroup.parse([
            "--subprotocol", "chat.v2", "--subprotocol", "chat.v1", "--origin", "https://a.example", "--no-auto-pong",
            "--keepalive", "1.5", "--max-message-size", "1024", "--on-connect", "hello", "--deflate-window-bits", "10",
        ]).streamOptions(for: .websocket, reportFrames: true)
        #expect(options.webSocket.subprotocols == ["chat.v2", "chat.v1"])
        #expect(options.webSocket.origin == "https://a.example")
        #expect(!options.autoPong)
        #expect(options.webSocket.keepaliveIntervalMilliseconds == 1500)
        #expect(options.webSocket.maxMessageSize == 1024)
        #expect(options.webSocket.onConnectMessages == ["hello"])
        #expect(options.webSocket.deflate?.serverMaxWindowBits == 10)
        #expect(options.webSocket.reportFrames)
        #expect(try Self.options(["--no-deflate"], for: .websocket).webSocket.deflate == nil)
    }

    @Test func connectTimeoutAndUserAgentHaveTheirDefaults() throws {
        let defaults = try Self.options([], for: .websocket)
        #expect(defaults.connection.connectTimeoutMilliseconds == 10_000)
        #expect(defaults.connection.userAgent == "streamtap/\(StreamTap.version)")
        let given = try Self.options(["--connect-timeout", "2.5", "--user-agent", "probe/1"], for: .websocket)
        #expect(given.connection.connectTimeoutMilliseconds == 2_500)
        #expect(given.connection.userAgent == "probe/1")
    }

    @Test(arguments: [
        ["--retry-ms", "-1"], ["--read-timeout", "0"], ["--deflate-window-bits", "8"], ["--last-event-id", "a\nb"],
        ["--method", "GE T"], ["--data", "a", "--data-file", "b"], ["-H", "no colon"], ["--protocol", "gopher"],
    ])
    func valuesItCannotHonourAreRefusedWhenParsing(arguments: [String]) {
        #expect(throws: (any Error).self) { try ConnectionOptionGroup.parse(arguments) }
    }
}
