import Foundation
import StreamTapTestSupport
import Testing

/// A model's streamed answer in the TUI, against the FastAPI server that
/// streams in the providers' formats: rows show the delta text, and `a`
/// shows the answer put together with its figures, at 80x24 and 120x40.
extension EndToEndTests {
    @Test(.requires(.peerPython, .modelSDKs), arguments: [(80, 24), (120, 40)])
    func theAnswerViewPutsAModelsStreamTogether(columns: Int, rows: Int) async throws {
        let binary = try Prerequisite.streamtap.require()
        let peer = try await ModelServerPeer.start(lifetime: 60)
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let body = #"{"model":"tools","stream":true,"max_tokens":64,"messages":[]}"#
        try tmux.launch(
            binary,
            "open --data '\(body)' \(peer.baseURL)/v1/messages",
            marker: "AFTER-OPEN",
            columns: columns,
            rows: rows
        )
        let list = try await tmux.waitFor("the stream to complete") { $0.contains("end of stream (message_stop)") }
        // Rows read as the model's text, not as the start of the JSON.
        #expect(list.contains("[anthropic]"))
        let listRows = list.split(separator: "\n")
        #expect(listRows.contains { $0.contains(" tool ") && $0.contains("tool call get_time") })
        if rows >= 40 {
            #expect(listRows.contains { $0.contains(" text ") && $0.contains("Let me check") })
        }
        #expect(!list.contains(#"{"type":"content_block_delta""#))

        try tmux.run(["send-keys", "-t", "0", "a"])
        let answer = try await tmux.waitFor("the answer view") { $0.contains("Answer · Anthropic") }
        #expect(answer.contains("complete, stop: tool_use"))
        #expect(answer.contains("first token "))
        #expect(answer.contains("14 tokens (usage)"))
        #expect(answer.contains("gaps p50 "))
        #expect(answer.contains("Let me check that."))
        #expect(answer.contains("Tool call 1: get_weather"))
        #expect(answer.contains(#""city": "Paris","#))
        let laidOut = answer.split(separator: "\n").map(String.init)
        if rows >= 40 {
            #expect(answer.contains("Tool call 2: get_time"))
            #expect(laidOut.contains { $0.contains(#""tz": "Europe/Paris""#) })
        }
        // Back to the list with `a` again; then out.
        try tmux.run(["send-keys", "-t", "0", "a"])
        try await tmux.waitFor("the list again") { $0.contains("end of stream (message_stop)") }
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-OPEN exit=") }
    }

    @Test(.requires(.peerPython, .modelSDKs)) func aBufferedStreamIsWarnedOfInTheAnswerView() async throws {
        let binary = try Prerequisite.streamtap.require()
        let peer = try await ModelServerPeer.start(lifetime: 60)
        let tmux = try Tmux()
        defer { tmux.killServer() }
        let body = #"{"model":"burst","stream":true,"messages":[]}"#
        try tmux.launch(binary, "open --data '\(body)' \(peer.baseURL)/v1/chat/completions", marker: "AFTER-OPEN")
        try await tmux.waitFor("the stream to complete") { $0.contains("end of stream ([DONE])") }
        try tmux.run(["send-keys", "-t", "0", "a"])
        let answer = try await tmux.waitFor("the answer view") { $0.contains("Answer · OpenAI") }
        #expect(answer.contains("\u{26A0} tokens arrive in bursts: 30 of 40 came in 1 read"))
        #expect(answer.contains("b01 b02"))
        try tmux.run(["send-keys", "-t", "0", "q"])
        try await tmux.waitFor("the shell screen") { $0.contains("AFTER-OPEN exit=") }
    }
}
