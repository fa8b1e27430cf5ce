import StreamTapCore
import Testing

/// The JSON-RPC 2.0 lens: requests paired with responses, timeouts,
/// notifications, batches and named error codes.
struct JSONRPCLensTests {
    private func lens(timeout: Double = 1000) -> JSONRPCLens {
        JSONRPCLens(settings: LensSettings(requested: .jsonRPC, requestTimeoutMilliseconds: timeout))
    }

    @Test func aCallGetsTheVersionAndAFreshID() throws {
        var lens = lens()
        #expect(
            try LensMessages.texts(lens.encode(#"{"method":"sum","params":[1,2]}"#, at: 0)) == [
                #"{"jsonrpc":"2.0","id":1,"method":"sum","params":[1,2]}"#
            ]
        )
        _ = lens.sending(LensMessages.outgoing(#"{"jsonrpc":"2.0","id":1,"method":"sum","params":[1,2]}"#), at: 0)
        #expect(
            try LensMessages.texts(lens.encode(#"{"method":"b"}"#, at: 0)) == [
                #"{"jsonrpc":"2.0","id":2,"method":"b"}"#
            ]
        )
    }

    @Test func aResponseIsPairedWithItsRequest() {
        var lens = lens()
        let request = lens.sending(
            LensMessages.outgoing(#"{"jsonrpc":"2.0","id":"a","method":"sum","params":[1,2]}"#),
            at: 10
        )
        #expect(request?.type == "request")
        #expect(request?.summary == "→ a sum [1,2]")
        let response = lens.received(LensMessages.incoming(#"{"jsonrpc":"2.0","id":"a","result":3}"#), at: 22)
        #expect(response.decoding?.type == "response")
        #expect(response.decoding?["latencyMs"] == .number(12))
        #expect(response.decoding?["method"] == .string("sum"))
        #expect(response.decoding?.summary == "← a sum after 12 ms 3")
        #expect(lens.deadline == nil)
    }

    @Test func errorCodesAreNamed() {
        var lens = lens()
        let response = lens.received(
            LensMessages.incoming(#"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found"}}"#),
            at: 0
        )
        #expect(response.decoding?.summary == "← 1 error -32601 (method not found): Method not found")
    }

    @Test func anUnansweredRequestIsFlaggedOnce() {
        var lens = lens(timeout: 1000)
        _ = lens.sending(LensMessages.outgoing(#"{"jsonrpc":"2.0","id":7,"method":"slow"}"#), at: 0)
        #expect(lens.deadline == 1000)
        #expect(lens.deadlinePassed(at: 1000) == [.report("JSON-RPC request 7 (slow) has had no response for 1 s")])
        #expect(lens.deadline == nil)
        #expect(
            lens.explain(CloseInfo(code: 1000, initiator: .client))?.summary == "closed with 1 request unanswered: 7"
        )
    }

    @Test func notificationsAndBatchesAreRead() {
        var lens = lens()
        let notification = lens.received(
            LensMessages.incoming(#"{"jsonrpc":"2.0","method":"tick","params":{"n":1}}"#),
            at: 0
        )
        #expect(notification.decoding?.type == "notification")
        #expect(notification.decoding?.application == #"{"jsonrpc":"2.0","method":"tick","params":{"n":1}}"#)
        let batch = lens.received(
            LensMessages.incoming(#"[{"jsonrpc":"2.0","method":"a"},{"jsonrpc":"2.0","id":2,"result":true}]"#),
            at: 0
        )
        #expect(batch.decoding?.type == "batch")
        #expect(batch.decoding?.summary == "batch of 2: a; ← 2 true")
        let bare = lens.received(LensMessages.incoming(#"{"id":3,"result":1}"#), at: 0)
        #expect(bare.decoding?.problem == "“jsonrpc”: “2.0” is missing")
    }

    @Test func aLineWithoutAMethodSaysHowToWriteOne() {
        var lens = lens()
        #expect(throws: LensInputError.self) { try lens.encode(#"{"params":[]}"#, at: 0) }
        #expect(throws: LensInputError.self) { try lens.encode("sum 1 2", at: 0) }
    }
}
