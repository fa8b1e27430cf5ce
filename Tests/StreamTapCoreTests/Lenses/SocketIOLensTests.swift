import StreamTapCore
import Testing

/// The Socket.IO lens as a client: the Engine.IO session, namespaces,
/// keepalives, acknowledgements, binary events and how a connection ends.
struct SocketIOLensTests {
    private static let open = #"0{"sid":"e1","upgrades":[],"pingInterval":1000,"pingTimeout":500,"maxPayload":1000000}"#

    private func lens(_ settings: LensSettings = LensSettings(requested: .socketIO)) -> SocketIOLens {
        SocketIOLens(settings: settings)
    }

    @Test func theOpenPacketIsShownAndEveryNamespaceConnected() {
        var lens = lens(LensSettings(socketIONamespaces: ["/", "/admin"], socketIOAuth: #"{"token":"t"}"#))
        let reading = lens.received(LensMessages.incoming(Self.open), at: 0)
        #expect(reading.decoding?.protocolName == "engine.io")
        #expect(reading.decoding?.type == "open")
        #expect(reading.decoding?["sid"] == .string("e1"))
        #expect(reading.decoding?.summary == "open sid e1, ping every 1000 ms, timeout 500 ms, maxPayload 976.6 KiB")
        #expect(LensMessages.sent(reading.actions) == [#"40{"token":"t"}"#, #"40/admin,{"token":"t"}"#])
    }

    @Test func aServerPingIsAnsweredAndItsAbsenceIsAPingTimeout() {
        var lens = lens()
        _ = lens.received(LensMessages.incoming(Self.open), at: 0)
        #expect(lens.deadline == 1500)
        let ping = lens.received(LensMessages.incoming("2"), at: 1000)
        #expect(ping.decoding?.type == "ping")
        #expect(ping.decoding?.application == nil)
        #expect(LensMessages.sent(ping.actions) == ["3"])
        #expect(lens.deadline == 2500)
        #expect(lens.deadlinePassed(at: 2000).isEmpty)
        let timedOut = lens.deadlinePassed(at: 2500)
        #expect(
            timedOut == [
                .fail(
                    "Socket.IO ping timeout: no ping from the server for 1500 ms (pingInterval 1000 + pingTimeout 500)"
                )
            ]
        )
        let close = lens.explain(CloseInfo(code: 1006, initiator: .client))
        #expect(close?["reason"] == .string("ping timeout"))
    }

    @Test func anEngineIO3ClientPingsOnTheIntervalAndWaitsForThePong() {
        var lens = lens(LensSettings(engineIOVersion: 3))
        let opened = lens.received(LensMessages.incoming(Self.open), at: 0)
        // A 2.x server connects the default namespace by itself.
        #expect(LensMessages.sent(opened.actions).isEmpty)
        #expect(lens.deadline == 1000)
        #expect(LensMessages.sent(lens.deadlinePassed(at: 1000)) == ["2"])
        _ = lens.sending(LensMessages.outgoing("2"), at: 1000)
        #expect(lens.deadline == 1500)
        _ = lens.received(LensMessages.incoming("3"), at: 1100)
        #expect(lens.deadline == 2000)
        #expect(LensMessages.sent(lens.deadlinePassed(at: 2000)) == ["2"])
        _ = lens.sending(LensMessages.outgoing("2"), at: 2000)
        guard case .fail(let text) = lens.deadlinePassed(at: 2500).first else {
            Issue.record("no ping timeout")
            return
        }
        #expect(text.contains("did not answer our ping within 500 ms"))
    }

    @Test func anEmitWaitsForItsNamespaceAndItsAckIsPairedWithIt() throws {
        var lens = lens(LensSettings(socketIOAsksAcks: true))
        #expect(try lens.encode(#"["chat","hi"]"#, at: 0).isEmpty)
        _ = lens.received(LensMessages.incoming(Self.open), at: 0)
        let connected = lens.received(LensMessages.incoming(#"40{"sid":"s1"}"#), at: 10)
        #expect(connected.decoding?.summary == "connected to / as s1")
        #expect(LensMessages.sent(connected.actions) == [#"420["chat","hi"]"#])
        let sent = lens.sending(LensMessages.outgoing(#"420["chat","hi"]"#), at: 10)
        #expect(sent?.summary == #"chat ["hi"] (ack 0 awaited)"#)
        let ack = lens.received(LensMessages.incoming(#"430["ok"]"#), at: 52.5)
        #expect(ack.decoding?.type == "ACK")
        #expect(ack.decoding?["latencyMs"] == .number(42.5))
        #expect(ack.decoding?["event"] == .string("chat"))
        #expect(ack.decoding?.application == #"ack 0 for chat after 43 ms ["ok"]"#)
        #expect(try LensMessages.texts(lens.encode(#"["next"]"#, at: 60)) == [#"421["next"]"#])
    }

    @Test func namespacesAreJoinedAndLeftWhileConnected() throws {
        var lens = lens()
        _ = lens.received(LensMessages.incoming(Self.open), at: 0)
        _ = lens.received(LensMessages.incoming(#"40{"sid":"s1"}"#), at: 1)
        #expect(
            throws: LensInputError(
                "namespace /chat is not connected (connected: /); join it first (join /chat, or --namespace /chat)"
            )
        ) {
            try lens.encode(#"/chat ["hi"]"#, at: 2)
        }
        #expect(try LensMessages.texts(lens.encode("join /chat", at: 2)) == ["40/chat,"])
        // An emit written before the server confirms waits for it.
        #expect(try lens.encode(#"/chat ["hi"]"#, at: 3).isEmpty)
        let joined = lens.received(LensMessages.incoming(#"40/chat,{"sid":"s2"}"#), at: 4)
        #expect(LensMessages.sent(joined.actions) == [#"42/chat,["hi"]"#])
        #expect(throws: LensInputError("namespace /chat is already connected or connecting")) {
            try lens.encode("join /chat", at: 5)
        }
        #expect(try LensMessages.texts(lens.encode("leave /chat", at: 5)) == ["41/chat,"])
        #expect(throws: LensInputError("namespace /chat is no longer connected: the server refused or ended it")) {
            try lens.encode(#"/chat ["again"]"#, at: 6)
        }
    }

    @Test func aRefusedUpgradeIsExplainedForSocketIO() {
        // The JavaScript server's answer when only polling is allowed.
        let unknown = ResponseHead(
            status: 400,
            reason: "Bad Request",
            headers: [],
            body: Array(#"{"code":0,"message":"Transport unknown"}"#.utf8)
        )
        #expect(
            SocketIOAddress.refusalHint(unknown)?.contains("allows only HTTP long-polling, not the WebSocket") == true
        )
        let missing = ResponseHead(status: 404, reason: "Not Found", headers: [])
        #expect(SocketIOAddress.refusalHint(missing)?.contains("--sio-path") == true)
        #expect(
            SocketIOAddress.refusalHint(ResponseHead(status: 500, reason: "Internal Server Error", headers: [])) == nil
        )
    }

    @Test func everyLensChecksALineAsItWillReadIt() {
        #expect(throws: Never.self) { try LensName.socketIO.validate(#"/admin ["kick", 3]"#) }
        #expect(throws: LensInputError("join takes one namespace, like join /admin")) {
            try LensName.socketIO.validate("join admin")
        }
        #expect(throws: Never.self) { try LensName.mqtt.validate("pub a/b --qos 1 hi") }
        #expect(throws: LensInputError("the QoS is 0, 1 or 2, not 7")) { try LensName.mqtt.validate("sub a 7") }
        #expect(throws: Never.self) { try LensName.stomp.validate("send /queue/a hello") }
        #expect(throws: Never.self) { try LensName.graphQL.validate("stop 3") }
        #expect(
            throws: LensInputError("GraphQL syntax error at line 1, column 14: “{” is never closed")
        ) {
            try LensName.graphQL.validate("subscription { count(to: 2)")
        }
        #expect(
            throws: LensInputError("a JSON-RPC call needs a “method”, like {\"method\": \"sum\", \"params\": [1, 2]}")
        ) {
            try LensName.jsonRPC.validate(#"{"params": [1]}"#)
        }
    }

    @Test func eventsShowTheirNamespaceNameAndArguments() {
        var lens = lens(LensSettings(socketIONamespaces: ["/chat"]))
        let event = lens.received(LensMessages.incoming(#"42/chat,5["message",{"text":"hi"},2]"#), at: 0)
        #expect(event.decoding?["event"] == .string("message"))
        #expect(event.decoding?["args"] == .array([.object([("text", .string("hi"))]), .number(2)]))
        #expect(event.decoding?["ackId"] == .number(5))
        #expect(event.decoding?.application == #"/chat message [{"text":"hi"},2] (asks ack 5)"#)
    }

    @Test func binaryAttachmentsAreReassembled() {
        var lens = lens()
        let header = lens.received(
            LensMessages.incoming(#"452-["upload",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#),
            at: 0
        )
        #expect(header.decoding?.application == nil)
        #expect(header.decoding?.summary.hasSuffix("(waiting for 2 attachments)") == true)
        let first = lens.received(LensMessages.binary([1, 2]), at: 1)
        #expect(first.decoding?.type == "attachment")
        let last = lens.received(LensMessages.binary([3]), at: 2)
        #expect(last.decoding?.type == "BINARY_EVENT")
        #expect(
            last.decoding?["args"]
                == .array([.object([("base64", .string("AQI="))]), .object([("base64", .string("Aw=="))])])
        )
        let stray = lens.received(LensMessages.binary([9]), at: 3)
        #expect(stray.decoding?.problem?.contains("no BINARY_EVENT") == true)
    }

    @Test func aRefusedNamespaceIsReportedAndEndsTheConnectionAsAFailure() {
        var lens = lens(LensSettings(socketIONamespaces: ["/admin"]))
        _ = lens.received(LensMessages.incoming(Self.open), at: 0)
        let refused = lens.received(LensMessages.incoming(#"44/admin,{"message":"Not authorized"}"#), at: 5)
        #expect(refused.decoding?.type == "CONNECT_ERROR")
        #expect(refused.decoding?.summary == "refused /admin: Not authorized")
        #expect(
            refused.actions == [.report("Socket.IO refused namespace /admin: Not authorized"), .close(failed: true)]
        )
    }

    @Test func aServerDisconnectEndsTheConnectionAndNamesTheReason() {
        var lens = lens()
        _ = lens.received(LensMessages.incoming(Self.open), at: 0)
        _ = lens.received(LensMessages.incoming("40"), at: 1)
        let disconnect = lens.received(LensMessages.incoming("41"), at: 2)
        #expect(disconnect.actions.last == .close(failed: false))
        #expect(lens.explain(CloseInfo(code: 1000, initiator: .client))?["reason"] == .string("io server disconnect"))
        #expect(
            SocketIOLens(settings: LensSettings()).explain(CloseInfo(code: 1000, initiator: .server))?["reason"]
                == .string("transport close")
        )
    }

    @Test(arguments: [
        ("hello", "is a JSON array"),
        (#"{"event":"x"}"#, "first element is the event name"),
        (#"/other ["x"]"#, "namespace /other is not connected"),
    ])
    func aLineThatIsNoEmitSaysHowToWriteOne(_ line: String, _ words: String) {
        var lens = lens()
        #expect {
            try lens.encode(line, at: 0)
        } throws: { error in
            (error as? LensInputError)?.message.contains(words) == true
        }
    }

    @Test func garbageIsARowWithAProblemNotAnEnd() {
        var lens = lens()
        let reading = lens.received(LensMessages.incoming("hello"), at: 0)
        #expect(reading.decoding?.problem?.contains("not an Engine.IO packet type") == true)
        #expect(reading.actions.isEmpty)
    }
}
