import Foundation
import StreamTapTestSupport
import Testing

/// `streamtap cat` on a model's streamed answer, against a FastAPI server
/// streaming in each provider's format, cross-checked with the providers'
/// official Python SDKs pointed at the same server: the text, reasoning,
/// tool calls and stop reason StreamTap puts together must be what the SDK
/// puts together.
@Suite(.requires(.peerPython, .modelSDKs, .streamtap))
struct ModelStreamCatTests {
    /// A provider's endpoint and the request body for a scenario.
    struct Provider: Sendable, CustomTestStringConvertible {
        var name: String
        var path: String
        var body: @Sendable (String) -> String

        var testDescription: String { name }

        static let openAI = Provider(name: "openai", path: "/v1/chat/completions") {
            #"{"model":"\#($0)","stream":true,"messages":[{"role":"user","content":"hi"}]}"#
        }
        static let openAIResponses = Provider(name: "openai-responses", path: "/v1/responses") {
            #"{"model":"\#($0)","stream":true,"input":"hi"}"#
        }
        static let anthropic = Provider(name: "anthropic", path: "/v1/messages") {
            #"{"model":"\#($0)","stream":true,"max_tokens":64,"messages":[{"role":"user","content":"hi"}]}"#
        }
        static let ollama = Provider(name: "ollama", path: "/api/chat") {
            #"{"model":"\#($0)","messages":[{"role":"user","content":"hi"}]}"#
        }
        static let all = [openAI, openAIResponses, anthropic, ollama]
    }

    /// What the provider's SDK assembled (`llm_sdk_assemble.py`).
    struct SDKAssembly: Decodable {
        struct ToolCall: Decodable {
            var name: String
            var arguments: String
        }
        var text: String
        var thinking: String
        var toolCalls: [ToolCall]
        var stopReason: String?
        var error: String?
    }

    private static func sdkAssembly(
        _ provider: Provider,
        _ peer: ModelServerPeer,
        _ scenario: String
    ) async throws
        -> SDKAssembly
    {
        let output = try await Program.start(
            try Prerequisite.peerPython.require(),
            [
                Repository.peers.appendingPathComponent("llm_sdk_assemble.py").path, provider.name, peer.baseURL,
                scenario,
            ],
            timeout: 30
        ).finished()
        #expect(output.status == 0, "\(output.stderr)")
        return try JSONDecoder().decode(SDKAssembly.self, from: Data(output.stdout.utf8))
    }

    private static func cat(
        _ provider: Provider,
        _ peer: ModelServerPeer,
        _ scenario: String,
        _ options: [String]
    )
        async throws -> ProgramOutput
    {
        try await StreamtapCommand.run(
            ["cat"] + options + ["--data", provider.body(scenario), peer.baseURL + provider.path],
            timeout: 30
        )
    }

    private static func jsonLines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// JSON text as a value that compares by content (key order aside).
    private static func jsonValue(_ text: String) -> NSObject? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) as? NSObject
    }

    @Test(arguments: Provider.all, ["text", "tools", "usage", "thinking"])
    func theAssembledAnswerIsWhatTheProvidersSDKAssembles(provider: Provider, scenario: String) async throws {
        let peer = try await ModelServerPeer.start()
        let sdk = try await Self.sdkAssembly(provider, peer, scenario)
        let result = try await Self.cat(provider, peer, scenario, ["--jsonl", "--reconnect", "always"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.jsonLines(result.stdout)
        // The end marker ends it: no second request, whatever --reconnect says.
        #expect(lines.filter { $0["kind"] as? String == "connecting" }.count == 1)
        let close = try #require(lines.last { $0["kind"] as? String == "close" })
        #expect(close["code"] as? Int == 1000)
        let lens = try #require(close["lens"] as? [String: Any])
        #expect(lens["protocol"] as? String == provider.name)
        #expect(lens["type"] as? String == "complete")
        #expect(lens["text"] as? String == sdk.text)
        #expect((lens["thinking"] as? String ?? "") == sdk.thinking)
        #expect(lens["stopReason"] as? String == sdk.stopReason)
        let calls = lens["toolCalls"] as? [[String: Any]] ?? []
        #expect(calls.map { $0["name"] as? String } == sdk.toolCalls.map(\.name))
        for (call, expected) in zip(calls, sdk.toolCalls) {
            let arguments = try #require(Self.jsonValue(call["arguments"] as? String ?? ""))
            #expect(arguments == Self.jsonValue(expected.arguments))
        }
        #expect((lens["ttftMs"] as? Double ?? -1) > 0)
        #expect((lens["tokens"] as? Int ?? 0) > 0)
        // Each event's delta is its part of the text.
        let deltas = lines.compactMap { ($0["lens"] as? [String: Any])?["delta"] as? String }
        #expect(deltas.joined() == sdk.text)
    }

    @Test(arguments: Provider.all)
    func plainOutputIsTheTextThenTheToolCallsAsJSON(provider: Provider) async throws {
        let peer = try await ModelServerPeer.start()
        let sdk = try await Self.sdkAssembly(provider, peer, "tools")
        let result = try await Self.cat(provider, peer, "tools", [])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == sdk.text)
        let printed = lines.dropFirst().filter { !$0.isEmpty }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
        #expect(printed.map { $0["name"] as? String } == sdk.toolCalls.map(\.name))
        for (call, expected) in zip(printed, sdk.toolCalls) {
            let arguments = try JSONSerialization.data(withJSONObject: call["arguments"] ?? [:])
            #expect(Self.jsonValue(String(decoding: arguments, as: UTF8.self)) == Self.jsonValue(expected.arguments))
        }
        #expect(result.stderr.contains("complete: 14 tokens"), "\(result.stderr)")
        #expect(result.stderr.contains("2 tool calls"))
    }

    @Test(arguments: Provider.all)
    func anErrorInTheStreamExitsOneWithTheServersWords(provider: Provider) async throws {
        let peer = try await ModelServerPeer.start()
        let sdk = try await Self.sdkAssembly(provider, peer, "error")
        let result = try await Self.cat(provider, peer, "error", ["--reconnect", "always"])
        #expect(result.status == 1)
        #expect(result.stdout == sdk.text + "\n")
        let sdkError = try #require(sdk.error)
        // The SDKs add their own words around the server's message.
        let message = sdkError.components(separatedBy: " (").first ?? sdkError
        #expect(result.stderr.contains("the server reported an error in the stream: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr) vs \(sdkError)")
        #expect(!result.stderr.contains("reconnecting"))
    }

    @Test func theFirstTokenTimeCountsFromTheRequestNotTheEmptyFirstChunk() async throws {
        let peer = try await ModelServerPeer.start()
        let result = try await Self.cat(.openAI, peer, "slow", ["--jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let close = try #require(Self.jsonLines(result.stdout).last { $0["kind"] as? String == "close" })
        let lens = try #require(close["lens"] as? [String: Any])
        // The role chunk comes at once; the first token after 1.5 s.
        #expect((close["firstEventMs"] as? Double ?? 9_999) < 500)
        #expect((lens["ttftMs"] as? Double ?? 0) >= 1_400)
        #expect(lens["buffered"] == nil)
    }

    @Test(arguments: [Provider.openAI, Provider.anthropic])
    func tokensHeldBackAndSentAtOnceAreABufferingWarning(provider: Provider) async throws {
        let peer = try await ModelServerPeer.start()
        let result = try await Self.cat(provider, peer, "burst", ["--jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let close = try #require(Self.jsonLines(result.stdout).last { $0["kind"] as? String == "close" })
        let lens = try #require(close["lens"] as? [String: Any])
        #expect(lens["buffered"] as? Bool == true)
        #expect(lens["bursts"] as? Int == 1)
        #expect((lens["gapMaxMs"] as? Double ?? 0) >= 500)
        let plain = try await Self.cat(provider, peer, "burst", [])
        #expect(plain.stderr.contains("warning: tokens arrive in bursts: 30 of"), "\(plain.stderr)")
    }

    @Test func ollamasGenerateEndpointIsAJSONLinesStreamToo() async throws {
        let peer = try await ModelServerPeer.start()
        let generate = Provider(name: "ollama-generate", path: "/api/generate") {
            #"{"model":"\#($0)","prompt":"hi"}"#
        }
        let sdk = try await Self.sdkAssembly(generate, peer, "text")
        let result = try await Self.cat(generate, peer, "text", ["--jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Self.jsonLines(result.stdout)
        let open = try #require(lines.first { $0["kind"] as? String == "open" })
        #expect(open["status"] as? Int == 200)
        let events = lines.filter { $0["kind"] as? String == "event" }
        #expect(events.count == 13)
        let lens = try #require(lines.last { $0["kind"] as? String == "close" }?["lens"] as? [String: Any])
        #expect(lens["text"] as? String == sdk.text)
        #expect(lens["tokensCounted"] as? String == "usage")
    }

    @Test func assembleTakesTheTextAJSONPathSelects() async throws {
        let peer = try await ModelServerPeer.start()
        let result = try await StreamtapCommand.run(
            [
                "cat", "--assemble", "$.choices[*].delta.content", "--data", Provider.openAI.body("text"),
                peer.baseURL + Provider.openAI.path,
            ],
            timeout: 30
        )
        let sdk = try await Self.sdkAssembly(.openAI, peer, "text")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == sdk.text + "\n")
    }

    @Test func aLensForTheOtherKindOfStreamIsRefused() async throws {
        let websocket = try await StreamtapCommand.run(["cat", "--lens", "openai", "ws://127.0.0.1:9/"])
        #expect(websocket.status == 2)
        #expect(websocket.stderr.contains("--lens openai cannot read a WebSocket"))
        let stream = try await StreamtapCommand.run(["cat", "--lens", "mqtt", "http://127.0.0.1:9/"])
        #expect(stream.status == 2)
        #expect(stream.stderr.contains("--lens mqtt cannot read an event stream"))
        let path = try await StreamtapCommand.run(["cat", "--assemble", "choices", "http://127.0.0.1:9/"])
        #expect(path.stderr.contains("is not a JSONPath: a JSONPath starts with $"))
    }
}
