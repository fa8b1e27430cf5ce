import StreamTapCore
import Testing

/// The GraphQL over WebSocket lens in both protocols.
struct GraphQLLensTests {
    private func lens(_ subprotocol: String = "graphql-transport-ws", initPayload: String? = nil) -> GraphQLLens {
        GraphQLLens(settings: LensSettings(requested: .graphQL, graphQLInit: initPayload), subprotocol: subprotocol)
    }

    @Test func connectionInitGoesFirstAndSubscriptionsWaitForTheAck() throws {
        var lens = lens(initPayload: #"{"token":"t"}"#)
        #expect(LensMessages.sent(lens.opened(at: 0)) == [#"{"type":"connection_init","payload":{"token":"t"}}"#])
        #expect(try lens.encode("subscription OnCount { count(to: 2) }", at: 1).isEmpty)
        let ack = lens.received(LensMessages.incoming(#"{"type":"connection_ack"}"#), at: 5)
        #expect(ack.decoding?.type == "connection_ack")
        #expect(
            LensMessages.sent(ack.actions) == [
                #"{"id":"1","type":"subscribe","payload":{"query":"subscription OnCount { count(to: 2) }"}}"#
            ]
        )
        #expect(lens.deadline == nil)
    }

    @Test func resultsAreNamedAfterTheirOperation() throws {
        var lens = lens()
        _ = lens.received(LensMessages.incoming(#"{"type":"connection_ack"}"#), at: 0)
        let subscribe = try lens.encode(#"{"query":"subscription Ticks { ticker }","variables":{"n":1}}"#, at: 0)
        let sent = lens.sending(LensMessages.outgoing(LensMessages.texts(subscribe)[0]), at: 0)
        #expect(sent?.summary == #"subscribe #1 Ticks subscription Ticks { ticker } variables {"n":1}"#)
        let next = lens.received(
            LensMessages.incoming(#"{"id":"1","type":"next","payload":{"data":{"ticker":3}}}"#),
            at: 1
        )
        #expect(next.decoding?["operation"] == .string("Ticks"))
        #expect(next.decoding?.application == #"{"data":{"ticker":3}}"#)
        #expect(next.decoding?.summary == #"next #1 Ticks {"data":{"ticker":3}}"#)
        #expect(try LensMessages.texts(lens.encode("stop 1", at: 2)) == [#"{"id":"1","type":"complete"}"#])
    }

    @Test func aServerPingIsAnsweredWithItsPayload() {
        var lens = lens()
        let ping = lens.received(LensMessages.incoming(#"{"type":"ping","payload":{"n":1}}"#), at: 0)
        #expect(LensMessages.sent(ping.actions) == [#"{"type":"pong","payload":{"n":1}}"#])
        #expect(ping.decoding?.application == nil)
    }

    @Test func theLegacyProtocolStartsAndStopsAndKeepsAlive() throws {
        var lens = lens("graphql-ws")
        _ = lens.received(LensMessages.incoming(#"{"type":"connection_ack"}"#), at: 0)
        let start = LensMessages.texts(try lens.encode("{ hello }", at: 0))
        #expect(start == [#"{"id":"1","type":"start","payload":{"query":"{ hello }"}}"#])
        _ = lens.sending(LensMessages.outgoing(start[0]), at: 0)
        let keepAlive = lens.received(LensMessages.incoming(#"{"type":"ka"}"#), at: 1)
        #expect(keepAlive.decoding?.protocolName == "graphql-ws")
        #expect(keepAlive.actions.isEmpty)
        let data = lens.received(
            LensMessages.incoming(#"{"id":"1","type":"data","payload":{"data":{"hello":"world"}}}"#),
            at: 2
        )
        #expect(data.decoding?.application == #"{"data":{"hello":"world"}}"#)
        #expect(data.decoding?["operation"] == .string("query"))
        #expect(try LensMessages.texts(lens.encode("stop 1", at: 3)) == [#"{"id":"1","type":"stop"}"#])
    }

    @Test func anOperationErrorIsReportedWithItsMessages() {
        var lens = lens()
        let error = lens.received(
            LensMessages.incoming(#"{"id":"4","type":"error","payload":[{"message":"Cannot query field 'x'"}]}"#),
            at: 0
        )
        #expect(error.actions == [.report("GraphQL operation #4 failed: Cannot query field 'x'")])
    }

    @Test(arguments: [
        ("subscription { count(to: 2) ", "column 14: “{” is never closed"),
        ("query { a) }", "column 10: unexpected “)”"),
        ("hello", "needs a selection set"),
        (#"{"variables":{}}"#, "needs a “query”"),
        ("stop 9", "no GraphQL operation has id “9”"),
    ])
    func aBadDocumentIsRefusedBeforeItIsSent(_ line: String, _ words: String) {
        var lens = lens()
        #expect {
            try lens.encode(line, at: 0)
        } throws: { error in
            (error as? LensInputError)?.message.contains(words) == true
        }
    }

    @Test func aMissingAcknowledgementIsReported() {
        var lens = lens()
        _ = lens.opened(at: 0)
        #expect(lens.deadline == 10_000)
        #expect(lens.deadlinePassed(at: 10_000).count == 1)
        #expect(lens.deadline == nil)
    }

    @Test func theProtocolsCloseCodesAreExplained() {
        let lens = lens()
        #expect(
            lens.explain(CloseInfo(code: 4408, initiator: .server))?.summary.contains("initialisation timeout") == true
        )
        #expect(lens.explain(CloseInfo(code: 1000, initiator: .server)) == nil)
    }

    @Test func theLensIsChosenFromTheSubprotocolOrThePath() {
        #expect(LensName.select(requested: nil, subprotocol: "graphql-transport-ws", path: "/") == .graphQL)
        #expect(LensName.select(requested: nil, subprotocol: "graphql-ws", path: "/") == .graphQL)
        #expect(LensName.select(requested: nil, subprotocol: "jsonrpc", path: "/") == .jsonRPC)
        #expect(LensName.select(requested: nil, subprotocol: nil, path: "/socket.io/?EIO=4") == .socketIO)
        #expect(LensName.select(requested: .raw, subprotocol: "graphql-ws", path: "/") == nil)
        #expect(LensName.select(requested: nil, subprotocol: "chat", path: "/") == nil)
        #expect(LensName.graphQL.offeredSubprotocols == ["graphql-transport-ws", "graphql-ws"])
    }
}
