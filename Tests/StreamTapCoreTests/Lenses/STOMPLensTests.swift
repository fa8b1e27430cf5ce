import Testing

@testable import StreamTapCore

/// The STOMP lens: CONNECT, heart-beats agreed and kept, receipts paired,
/// frames read with their escapes and lengths.
struct STOMPLensTests {
    private func lens(heartBeat: STOMPHeartBeat = STOMPHeartBeat(send: 1000, receive: 1000)) -> STOMPLens {
        STOMPLens(
            settings: LensSettings(requested: .stomp, username: "guest", password: "pw", stompHeartBeat: heartBeat),
            subprotocol: "v12.stomp"
        )
    }

    private static let connected = "CONNECTED\nversion:1.2\nserver:Test/1\nheart-beat:2000,500\n\n\u{0}\n"

    @Test func connectOffersTheSubprotocolsVersionCredentialsAndHeartBeats() {
        var lens = lens()
        #expect(
            LensMessages.sent(lens.opened(at: 0)) == [
                "CONNECT\naccept-version:1.2\nlogin:guest\npasscode:pw\nheart-beat:1000,1000\n\n\u{0}"
            ]
        )
    }

    @Test func heartBeatsAreAgreedAsTheSpecificationSays() {
        var lens = lens()
        _ = lens.opened(at: 0)
        let reading = lens.received(LensMessages.incoming(Self.connected), at: 10)
        #expect(reading.decoding?.summary == "CONNECTED STOMP 1.2 Test/1 heart-beat 2000,500")
        // We send every max(1000, 500) ms; the server every max(2000, 1000),
        // reported missing after twice that.
        _ = lens.sending(LensMessages.outgoing("\n"), at: 10)
        #expect(lens.deadline == 1010)
        #expect(LensMessages.sent(lens.deadlinePassed(at: 1010)) == ["\n"])
        _ = lens.sending(LensMessages.outgoing("\n"), at: 1010)
        _ = lens.sending(LensMessages.outgoing("\n"), at: 3900)
        #expect(lens.deadline == 4010)
        #expect(
            lens.deadlinePassed(at: 4010) == [
                .report("STOMP: no heart-beat from the server for 4000 ms (it agreed to send one every 2000 ms)")
            ]
        )
        let beat = lens.received(LensMessages.incoming("\n"), at: 4100)
        #expect(beat.decoding?.type == "heart-beat")
        #expect(beat.decoding?.application == nil)
    }

    @Test func framesWrittenBeforeConnectedWaitAndReceiptsArePaired() throws {
        var lens = lens()
        _ = lens.opened(at: 0)
        #expect(try lens.encode("sub /queue/a", at: 1).isEmpty)
        #expect(try lens.encode("unsub /queue/a", at: 1).isEmpty)
        let reading = lens.received(LensMessages.incoming(Self.connected), at: 2)
        let sent = LensMessages.sent(reading.actions)
        #expect(
            sent == [
                "SUBSCRIBE\nid:sub-0\ndestination:/queue/a\nack:auto\nreceipt:r-1\n\n\u{0}",
                "UNSUBSCRIBE\nid:sub-0\nreceipt:r-2\n\n\u{0}",
            ]
        )
        _ = lens.sending(LensMessages.outgoing(sent[0]), at: 2)
        let receipt = lens.received(LensMessages.incoming("RECEIPT\nreceipt-id:r-1\n\n\u{0}"), at: 5)
        #expect(receipt.decoding?.summary == "RECEIPT r-1 for SUBSCRIBE /queue/a after 3.0 ms")
    }

    @Test func aSendCarriesItsLengthAndTypeAndAMessagePrintsItsBody() throws {
        var lens = lens()
        _ = lens.opened(at: 0)
        _ = lens.received(LensMessages.incoming(Self.connected), at: 1)
        #expect(
            try LensMessages.texts(lens.encode(#"send /topic/x {"a":1}"#, at: 2)) == [
                "SEND\ndestination:/topic/x\ncontent-type:application/json\ncontent-length:7\nreceipt:r-1\n\n{\"a\":1}\u{0}"
            ]
        )
        let message = lens.received(
            LensMessages.incoming("MESSAGE\nsubscription:sub-0\ndestination:/topic/x\nmessage-id:7\n\nhello\u{0}"),
            at: 3
        )
        #expect(message.decoding?.summary == "MESSAGE /topic/x (sub-0): hello")
        #expect(message.decoding?.application == "hello")
        #expect(message.decoding?["body"] == .string("hello"))
    }

    @Test func anErrorFrameIsReportedAndNamesTheEnd() {
        var lens = lens()
        _ = lens.opened(at: 0)
        let reading = lens.received(LensMessages.incoming("ERROR\nmessage:Bad CONNECT\n\nvhost unknown\u{0}"), at: 1)
        #expect(reading.decoding?.summary == "ERROR Bad CONNECT: vhost unknown")
        #expect(reading.actions == [.report("STOMP error from the server: Bad CONNECT"), .close(failed: true)])
        #expect(
            lens.explain(CloseInfo(code: 1000, initiator: .server))?.summary
                == "STOMP: the server sent ERROR: Bad CONNECT"
        )
    }

    @Test func theReaderHonoursEscapesLengthsPaddingAndSplits() {
        // STOMP 1.2 escapes in a MESSAGE header; a content-length body holding NUL;
        // EOLs after a frame pad it, EOLs alone are a heart-beat.
        let stream = Array("MESSAGE\nkey\\cname:a\\nb\\\\c\r\ncontent-length:3\n\nx\u{0}y\u{0}\n\n".utf8)
        var reader = STOMPFrameReader()
        let items = reader.feed(stream).items
        let frame = STOMPFrame(
            "MESSAGE",
            headers: [("key:name", "a\nb\\c"), ("content-length", "3")],
            body: [0x78, 0, 0x79]
        )
        #expect(items == [.frame(frame)])
        #expect(reader.feed(Array("\n".utf8)).items == [.heartBeat])
        for split in 1..<stream.count {
            var pieces = STOMPFrameReader()
            let parts = pieces.feed(stream[..<split]).items + pieces.feed(stream[split...]).items
            #expect(parts.filter { $0 != .heartBeat } == [.frame(frame)], "split at \(split)")
        }
        var bad = STOMPFrameReader()
        #expect(
            bad.feed(Array("MESSAGE\na:\\t\n\n\u{0}".utf8)).error
                == STOMPDecodingError("the header escape \\t is not one STOMP 1.2 defines")
        )
    }
}
