import StreamTapCore
import Testing

/// Socket.IO and Engine.IO packets as the protocol documents write them.
struct SocketIOPacketTests {
    @Test(arguments: [
        "0", "0/admin,{\"token\":\"x\"}", "1/chat,", "2[\"hello\",1]", "2/chat,12[\"hello\",{\"a\":[1,2]}]",
        "3/chat,12[\"ok\"]", "4{\"message\":\"Not authorized\"}", "51-[\"up\",{\"_placeholder\":true,\"num\":0}]",
        "62-/chat,7[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
    ])
    func aPacketReadsBackToTheSameText(_ text: String) throws {
        let packet = try SocketIOPacket.parse(Substring(text)).get()
        #expect(packet.text == text)
    }

    @Test func theFieldsAreWhereTheProtocolPutsThem() throws {
        let packet = try SocketIOPacket.parse("51-/chat,7[\"up\",{\"_placeholder\":true,\"num\":0}]").get()
        #expect(packet.type == .binaryEvent)
        #expect(packet.attachments == 1)
        #expect(packet.namespace == "/chat")
        #expect(packet.ackID == 7)
        #expect(packet.data?.arrayValue?.first == .string("up"))
    }

    @Test(arguments: [
        ("9", "not a Socket.IO packet type"),
        ("5[\"x\"]", "how many attachments"),
        ("2[\"x\"", "not JSON"),
        ("21234567890123456789[]", "too long"),
    ])
    func aBrokenPacketSaysWhy(_ text: String, _ words: String) {
        guard case .failure(let error) = SocketIOPacket.parse(Substring(text)) else {
            Issue.record("\(text) parsed")
            return
        }
        #expect(error.message.contains(words))
    }

    @Test func engineIOPacketsAreADigitAndTheirData() throws {
        let open = try EngineIOPacket.parse("0{\"sid\":\"a\"}").get()
        #expect(open.type == .open)
        #expect(open.data == "{\"sid\":\"a\"}")
        #expect(try EngineIOPacket.parse("2probe").get().text == "2probe")
        guard case .failure(let error) = EngineIOPacket.parse("x") else {
            Issue.record("x parsed")
            return
        }
        #expect(error.message.contains("not an Engine.IO packet type"))
    }

    @Test func aURLLeadsToItsEngineIOEndpointAndNamespace() throws {
        let chat = SocketIOAddress.resolve(try Endpoint(parsing: "http://127.0.0.1:3000/chat?token=1"))
        #expect(chat.endpoint.description == "ws://127.0.0.1:3000/socket.io/?EIO=4&transport=websocket&token=1")
        #expect(chat.endpoint.protocolKind == .websocket)
        #expect(chat.namespace == "/chat")
        let root = SocketIOAddress.resolve(try Endpoint(parsing: "https://h/"), engineIOVersion: 3)
        #expect(root.endpoint.description == "wss://h/socket.io/?EIO=3&transport=websocket")
        #expect(root.namespace == "/")
        let given = SocketIOAddress.resolve(try Endpoint(parsing: "ws://h/socket.io/?EIO=4&transport=websocket"))
        #expect(given.endpoint.target == "/socket.io/?EIO=4&transport=websocket")
        #expect(given.namespace == "/")
        let custom = SocketIOAddress.resolve(try Endpoint(parsing: "http://h/live/"), path: "/io")
        #expect(custom.endpoint.target == "/io/?EIO=4&transport=websocket")
        #expect(custom.namespace == "/live")
    }
}
