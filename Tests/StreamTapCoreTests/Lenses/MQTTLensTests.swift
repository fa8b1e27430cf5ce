import Testing

@testable import StreamTapCore

/// The MQTT lens: CONNECT on open, what the user writes held until
/// CONNACK, the QoS flows answered, keepalive, and packets read.
struct MQTTLensTests {
    private func lens(_ version: MQTTVersion = .v311, keepAlive: Int = 60) -> MQTTLens {
        MQTTLens(
            settings: LensSettings(
                requested: .mqtt,
                username: "alice",
                password: "pw",
                mqttVersion: version,
                mqttClientID: "c1",
                mqttKeepAliveSeconds: keepAlive
            )
        )
    }

    private static func sentBytes(_ actions: [LensAction]) -> [[UInt8]] {
        actions.compactMap { action in
            guard case .send(let outgoing) = action else { return nil }
            return outgoing.payload
        }
    }

    private static let connackAccepted: [UInt8] = [0x20, 0x02, 0x00, 0x00]

    @Test func theConnectPacketIsTheSpecificationsLayout() {
        var lens = lens()
        // 3.1.1 §3.1: "MQTT", level 4, flags user+password+clean, keepalive 60, then the payload.
        let expected: [UInt8] =
            [0x10, 25, 0, 4] + Array("MQTT".utf8) + [4, 0xC2, 0, 60, 0, 2] + Array("c1".utf8) + [0, 5]
            + Array("alice".utf8) + [0, 2] + Array("pw".utf8)
        #expect(Self.sentBytes(lens.opened(at: 0)) == [expected])
        var v5 = self.lens(.v5)
        // 5.0 adds an empty property length after the keepalive.
        let expected5: [UInt8] =
            [0x10, 26, 0, 4] + Array("MQTT".utf8) + [5, 0xC2, 0, 60, 0, 0, 2] + Array("c1".utf8) + [0, 5]
            + Array("alice".utf8) + [0, 2] + Array("pw".utf8)
        #expect(Self.sentBytes(v5.opened(at: 0)) == [expected5])
    }

    @Test func writtenLinesWaitForTheConnack() throws {
        var lens = lens()
        _ = lens.opened(at: 0)
        #expect(try lens.encode("sub sensors/# 1", at: 1).isEmpty)
        let reading = lens.received(LensMessages.binary(Self.connackAccepted), at: 5)
        #expect(reading.decoding?.summary == "CONNACK accepted")
        let subscribe: [UInt8] = [0x82, 14, 0, 1, 0, 9] + Array("sensors/#".utf8) + [1]
        #expect(Self.sentBytes(reading.actions) == [subscribe])
        #expect(
            try lens.encode("pub a/b --qos 1 --retain 21.5", at: 6).map(\.payload) == [
                [0x33, 11, 0, 3] + Array("a/b".utf8) + [0, 2] + Array("21.5".utf8)
            ]
        )
    }

    @Test func aRefusedConnectionIsReportedAndCloses() {
        var lens = lens()
        _ = lens.opened(at: 0)
        let reading = lens.received(LensMessages.binary([0x20, 0x02, 0x00, 0x05]), at: 3)
        #expect(reading.decoding?.summary == "CONNACK refused: not authorized (5)")
        #expect(
            reading.actions == [
                .report("the MQTT broker refused the connection: not authorized"), .close(failed: true),
            ]
        )
        #expect(
            lens.explain(CloseInfo(code: 1000, initiator: .server))?.summary
                == "MQTT: the broker refused the connection: not authorized"
        )
    }

    @Test func incomingQoSFlowsAreAnsweredByThemselves() {
        var lens = lens()
        _ = lens.opened(at: 0)
        _ = lens.received(LensMessages.binary(Self.connackAccepted), at: 1)
        let qos1 = lens.received(
            LensMessages.binary([0x32, 8, 0, 1] + Array("t".utf8) + [0, 7] + Array("hi!".utf8)),
            at: 2
        )
        #expect(qos1.decoding?.summary == "PUBLISH t QoS 1 id 7: hi!")
        #expect(qos1.decoding?.application == "t hi!")
        #expect(Self.sentBytes(qos1.actions) == [[0x40, 2, 0, 7]])
        let qos2 = lens.received(LensMessages.binary([0x34, 5, 0, 1] + Array("t".utf8) + [0, 9]), at: 3)
        #expect(Self.sentBytes(qos2.actions) == [[0x50, 2, 0, 9]])
        let release = lens.received(LensMessages.binary([0x62, 2, 0, 9]), at: 4)
        #expect(Self.sentBytes(release.actions) == [[0x70, 2, 0, 9]])
    }

    @Test func outgoingQoS2IsReleasedAndPairedWithItsCompletion() throws {
        var lens = lens()
        _ = lens.opened(at: 0)
        _ = lens.received(LensMessages.binary(Self.connackAccepted), at: 1)
        let publish = try #require(try lens.encode("pub a --qos 2 x", at: 10).first)
        _ = lens.sending(Message(direction: .outgoing, opcode: .binary, payload: publish.payload), at: 10)
        let received = lens.received(LensMessages.binary([0x50, 2, 0, 1]), at: 12)
        #expect(Self.sentBytes(received.actions) == [[0x62, 2, 0, 1]])
        let complete = lens.received(LensMessages.binary([0x70, 2, 0, 1]), at: 15)
        #expect(complete.decoding?.summary == "PUBCOMP 1 for a after 5.0 ms")
        #expect(complete.decoding?["latencyMs"] == .number(5))
    }

    @Test func keepaliveSendsPingsAndAMissingPingrespFails() {
        var lens = lens(keepAlive: 2)
        _ = lens.opened(at: 0)
        _ = lens.sending(Message(direction: .outgoing, opcode: .binary, payload: [0x10, 0]), at: 0)
        _ = lens.received(LensMessages.binary(Self.connackAccepted), at: 1)
        #expect(lens.deadline == 2000)
        let ping = lens.deadlinePassed(at: 2000)
        #expect(Self.sentBytes(ping) == [[0xC0, 0]])
        _ = lens.sending(Message(direction: .outgoing, opcode: .binary, payload: [0xC0, 0]), at: 2000)
        #expect(lens.deadline == 3000)
        #expect(
            lens.deadlinePassed(at: 3000) == [
                .fail("MQTT keepalive timeout: no PINGRESP from the broker within 1000 ms")
            ]
        )
    }

    @Test func aPingrespKeepsTheSessionAlive() {
        var lens = lens(keepAlive: 2)
        _ = lens.opened(at: 0)
        _ = lens.received(LensMessages.binary(Self.connackAccepted), at: 1)
        _ = lens.sending(Message(direction: .outgoing, opcode: .binary, payload: [0xC0, 0]), at: 2000)
        _ = lens.received(LensMessages.binary([0xD0, 0]), at: 2005)
        #expect(lens.deadline == 4000)
    }

    @Test func mqtt5PropertiesAndTopicAliasesAreRead() {
        var lens = lens(.v5)
        _ = lens.opened(at: 0)
        // CONNACK: session present, success, properties: server keep alive 30, assigned client id "x".
        let connack = lens.received(
            LensMessages.binary([0x20, 10, 0x01, 0x00, 7, 0x13, 0, 30, 0x12, 0, 1, UInt8(ascii: "x")]),
            at: 1
        )
        #expect(connack.decoding?.summary == "CONNACK accepted, session present")
        #expect(
            connack.decoding?["properties"]
                == .object([("serverKeepAlive", .number(30)), ("assignedClientIdentifier", .string("x"))])
        )
        // The broker's keepalive replaces ours.
        #expect(lens.deadline == 30_000)
        // PUBLISH a/b with topic alias 1, then one with the alias only.
        let first = lens.received(
            LensMessages.binary([0x30, 10, 0, 3] + Array("a/b".utf8) + [3, 0x23, 0, 1, 0x31]),
            at: 2
        )
        #expect(first.decoding?.application == "a/b 1")
        let second = lens.received(LensMessages.binary([0x30, 7, 0, 0, 3, 0x23, 0, 1, 0x32]), at: 3)
        #expect(second.decoding?.application == "a/b 2")
        let disconnect = lens.received(LensMessages.binary([0xE0, 1, 0x8B]), at: 4)
        #expect(disconnect.decoding?.summary == "DISCONNECT server shutting down")
        #expect(
            lens.explain(CloseInfo(code: 1000, initiator: .server))?.summary
                == "MQTT: the broker disconnected: server shutting down"
        )
    }

    @Test func packetsSplitAcrossMessagesOrSharingOneAreEachRead() {
        var lens = lens()
        _ = lens.opened(at: 0)
        let publish: [UInt8] = [0x30, 5, 0, 1, UInt8(ascii: "t"), UInt8(ascii: "o"), UInt8(ascii: "k")]
        let both = lens.received(LensMessages.binary(Self.connackAccepted + publish), at: 1)
        #expect(both.decoding?.type == "CONNACK+PUBLISH")
        #expect(both.decoding?.application == "t ok")
        let head = lens.received(LensMessages.binary(Array(publish.prefix(3))), at: 2)
        #expect(head.decoding?.type == "partial")
        let tail = lens.received(LensMessages.binary(Array(publish.dropFirst(3))), at: 3)
        #expect(tail.decoding?.summary == "PUBLISH t QoS 0: ok")
    }

    @Test func malformedPacketsAreSentencesAndTheLensGoesOn() {
        var lens = lens()
        _ = lens.opened(at: 0)
        let text = lens.received(LensMessages.incoming("hello"), at: 1)
        #expect(text.decoding?.problem == "MQTT travels in binary messages; this text is not MQTT")
        let reserved = lens.received(LensMessages.binary([0x00, 0x00]), at: 2)
        #expect(reserved.decoding?.problem == "a malformed packet: packet type 0 is reserved: this is not MQTT")
        let short = lens.received(LensMessages.binary([0x30, 1, 0]), at: 3)
        #expect(short.decoding?.problem == "a malformed packet: the packet ends before its topic name")
        let length = lens.received(LensMessages.binary([0x30, 0xFF, 0xFF, 0xFF, 0xFF]), at: 4)
        #expect(
            length.decoding?.problem
                == "not an MQTT packet: the remaining length runs past four bytes: this is not MQTT"
        )
        let after = lens.received(LensMessages.binary(Self.connackAccepted), at: 5)
        #expect(after.decoding?.summary == "CONNACK accepted")
    }

    @Test func linesTheLensCannotSayAreExplained() {
        var lens = lens()
        #expect(throws: LensInputError("a topic to publish to cannot hold the wildcards + or #")) {
            try lens.encode("pub a/# x", at: 0)
        }
        #expect(throws: LensInputError("# must be the last level of a topic filter, alone (like sensors/#)")) {
            try lens.encode("sub a/#/b", at: 0)
        }
        #expect(throws: LensInputError("the QoS is 0, 1 or 2, not 3")) { try lens.encode("sub a 3", at: 0) }
        #expect(throws: LensInputError("--qos takes 0, 1 or 2, not x")) { try lens.encode("pub a --qos x y", at: 0) }
    }

    @Test func theFramerGivesTheSamePacketsSplitAtEveryPoint() {
        let stream: [UInt8] = Self.connackAccepted + [0x30, 5, 0, 1, 0x74, 0x6F, 0x6B] + [0xD0, 0]
        var whole = MQTTPacketFramer()
        let expected = whole.feed(stream).packets.map { [$0.header] + Array($0.body) }
        #expect(expected.count == 3)
        for split in 1..<stream.count {
            var framer = MQTTPacketFramer()
            let packets = framer.feed(stream[..<split]).packets + framer.feed(stream[split...]).packets
            #expect(packets.map { [$0.header] + Array($0.body) } == expected, "split at \(split)")
            #expect(framer.pending == 0)
        }
    }
}
