/// STOMP 1.0, 1.1 and 1.2 over WebSocket, as a client: sends CONNECT when
/// the WebSocket opens, honours the heart-beats both ways (and says when
/// the server's stop), pairs every RECEIPT with the frame that asked for
/// it, and reads frames' headers and bodies.
public struct STOMPLens: ProtocolLens {
    public var name: LensName { .stomp }

    static let protocolName = "stomp"
    /// The subprotocols of STOMP over WebSocket, newest first.
    public static let subprotocols = ["v12.stomp", "v11.stomp", "v10.stomp"]
    /// How long the server has to answer CONNECT.
    static let connectedTimeout: Double = 10_000

    private let settings: LensSettings
    /// The versions CONNECT offers: the one the subprotocol names, or all.
    private let offered: String
    private var reader = STOMPFrameReader()
    private var version = "1.2"
    private var connectSentAt: Double?
    private var connected = false
    private var waiting: [LensOutgoing] = []
    /// How often to send a heart-beat and how often one must arrive, once
    /// CONNECTED agreed (0: never).
    private var sendEvery: Double = 0
    private var expectEvery: Double = 0
    private var lastSent: Double = 0
    private var lastReceived: Double = 0
    private var missingReported = false
    private var nextSubscription = 0
    private var nextReceipt = 1
    /// Subscriptions by id, with their destinations.
    private var subscriptions: [String: String] = [:]
    /// Frames that asked for a receipt, by receipt id.
    private var awaitingReceipt: [String: (what: String, sentAt: Double)] = [:]
    private var endReason: String?

    public init(settings: LensSettings, subprotocol: String?) {
        self.settings = settings
        switch subprotocol {
        case "v12.stomp": offered = "1.2"
        case "v11.stomp": offered = "1.1"
        case "v10.stomp": offered = "1.0"
        default: offered = "1.0,1.1,1.2"
        }
    }

    public mutating func opened(at now: Double) -> [LensAction] {
        connectSentAt = now
        var headers: [(name: String, value: String)] = [("accept-version", offered)]
        if let host = settings.stompHost { headers.append(("host", host)) }
        if let login = settings.username { headers.append(("login", login)) }
        if let passcode = settings.password { headers.append(("passcode", passcode)) }
        headers.append(("heart-beat", settings.stompHeartBeat.header))
        return [.send(LensOutgoing(text: text(STOMPFrame("CONNECT", headers: headers))))]
    }

    private func text(_ frame: STOMPFrame) -> String {
        String(decoding: frame.bytes(version: version), as: UTF8.self)
    }

    // MARK: Incoming

    public mutating func received(_ message: Message, at now: Double) -> LensReading {
        lastReceived = now
        missingReported = false
        let read = reader.feed(message.payload)
        var decodings: [LensDecoding] = []
        var actions: [LensAction] = []
        for item in read.items {
            switch item {
            case .heartBeat:
                decodings.append(
                    LensDecoding(protocolName: Self.protocolName, type: "heart-beat", summary: "heart-beat")
                )
            case .frame(let frame):
                decodings.append(describe(frame, at: now))
                actions += received(frame, at: now)
            }
        }
        if let error = read.error {
            decodings.append(.unreadable(Self.protocolName, "not a STOMP frame: " + error.message))
        }
        return LensReading(combine(decodings), actions: actions)
    }

    private mutating func received(_ frame: STOMPFrame, at now: Double) -> [LensAction] {
        switch frame.command {
        case "CONNECTED":
            connected = true
            version = frame["version"] ?? "1.0"
            let server =
                frame["heart-beat"].flatMap(STOMPHeartBeat.init(header:)) ?? STOMPHeartBeat(send: 0, receive: 0)
            let ours = settings.stompHeartBeat
            sendEvery = ours.send == 0 || server.receive == 0 ? 0 : Double(max(ours.send, server.receive))
            expectEvery = server.send == 0 || ours.receive == 0 ? 0 : Double(max(server.send, ours.receive))
            defer { waiting.removeAll() }
            return waiting.map { .send($0) }
        case "ERROR":
            let text = frame["message"] ?? String(decoding: frame.body, as: UTF8.self)
            endReason = "the server sent ERROR: \(text)"
            return [.report("STOMP error from the server: \(text)")] + (connected ? [] : [.close(failed: true)])
        case "RECEIPT":
            if let id = frame["receipt-id"], let request = awaitingReceipt.removeValue(forKey: id),
                request.what.hasPrefix("DISCONNECT")
            {
                return [.close(failed: false)]
            }
            return []
        default:
            return []
        }
    }

    // MARK: Outgoing

    public mutating func sending(_ message: Message, at now: Double) -> LensDecoding? {
        lastSent = now
        var outgoing = STOMPFrameReader()
        outgoing.version = version
        let read = outgoing.feed(message.payload)
        var decodings = read.items.map { item -> LensDecoding in
            guard case .frame(let frame) = item else {
                return LensDecoding(protocolName: Self.protocolName, type: "heart-beat", summary: "heart-beat")
            }
            let decoding = describe(frame, at: now)
            track(frame, at: now)
            return decoding
        }
        if let error = read.error {
            decodings.append(.unreadable(Self.protocolName, "not a STOMP frame: " + error.message))
        }
        guard !decodings.isEmpty else {
            return .unreadable(Self.protocolName, "a STOMP frame ends with a NUL byte; this one has none")
        }
        return combine(decodings)
    }

    private mutating func track(_ frame: STOMPFrame, at now: Double) {
        if let receipt = frame["receipt"] {
            let what = [frame.command, frame["destination"] ?? frame["id"]].compactMap { $0 }.joined(separator: " ")
            awaitingReceipt[receipt] = (what, now)
        }
        switch frame.command {
        case "SUBSCRIBE":
            if let id = frame["id"], let destination = frame["destination"] { subscriptions[id] = destination }
        case "UNSUBSCRIBE":
            if let id = frame["id"] { subscriptions[id] = nil }
        case "DISCONNECT":
            endReason = "we disconnected"
        default:
            break
        }
    }

    public mutating func encode(_ line: String, at now: Double) throws(LensInputError) -> [LensOutgoing] {
        let frame: STOMPFrame
        switch try STOMPCommandLine.parse(line) {
        case .subscribe(let destination, let ackMode):
            let id = "sub-\(nextSubscription)"
            nextSubscription += 1
            // Known at once, so that an unsub written before CONNECTED finds it.
            subscriptions[id] = destination
            frame = STOMPFrame(
                "SUBSCRIBE",
                headers: [("id", id), ("destination", destination), ("ack", ackMode), ("receipt", takeReceipt())]
            )
        case .unsubscribe(let target):
            let id = subscriptions[target] != nil ? target : subscriptions.first { $0.value == target }?.key
            guard let id else {
                throw LensInputError("no subscription \(target): subscribed are \(subscriptionList)")
            }
            frame = STOMPFrame("UNSUBSCRIBE", headers: [("id", id), ("receipt", takeReceipt())])
        case .send(let destination, let body):
            let isJSON = (try? JSONParser.parse(body)) != nil
            frame = STOMPFrame(
                "SEND",
                headers: [
                    ("destination", destination),
                    ("content-type", isJSON ? "application/json" : "text/plain"),
                    ("content-length", "\(body.utf8.count)"),
                    ("receipt", takeReceipt()),
                ],
                body: Array(body.utf8)
            )
        case .ack(let id):
            frame = STOMPFrame("ACK", headers: [(version == "1.2" ? "id" : "message-id", id)])
        case .nack(let id):
            frame = STOMPFrame("NACK", headers: [(version == "1.2" ? "id" : "message-id", id)])
        case .disconnect:
            frame = STOMPFrame("DISCONNECT", headers: [("receipt", takeReceipt())])
        }
        let message = LensOutgoing(text: text(frame), automatic: false)
        guard connected else {
            waiting.append(message)
            return []
        }
        return [message]
    }

    private var subscriptionList: String {
        subscriptions.isEmpty
            ? "none"
            : subscriptions.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
    }

    private mutating func takeReceipt() -> String {
        defer { nextReceipt += 1 }
        return "r-\(nextReceipt)"
    }

    // MARK: Heart-beats

    public var deadline: Double? {
        guard connected else {
            return endReason == nil ? connectSentAt.map { $0 + Self.connectedTimeout } : nil
        }
        let send = sendEvery > 0 ? lastSent + sendEvery : nil
        let check = expectEvery > 0 && !missingReported ? lastReceived + 2 * expectEvery : nil
        return [send, check].compactMap { $0 }.min()
    }

    public mutating func deadlinePassed(at now: Double) -> [LensAction] {
        guard connected else {
            guard endReason == nil, let sent = connectSentAt, now >= sent + Self.connectedTimeout else { return [] }
            endReason = "the server did not answer CONNECT within \(Int(Self.connectedTimeout / 1000)) s"
            return [.fail("STOMP: the server did not answer CONNECT within \(Int(Self.connectedTimeout / 1000)) s")]
        }
        var actions: [LensAction] = []
        if expectEvery > 0 && !missingReported && now >= lastReceived + 2 * expectEvery {
            missingReported = true
            actions.append(
                .report(
                    "STOMP: no heart-beat from the server for \(LensLatency.text(now - lastReceived)) "
                        + "(it agreed to send one every \(LensLatency.text(expectEvery)))"
                )
            )
        }
        if sendEvery > 0 && now >= lastSent + sendEvery {
            actions.append(.send(LensOutgoing(text: "\n")))
        }
        return actions
    }

    public func explain(_ close: CloseInfo) -> LensDecoding? {
        let reason =
            endReason
            ?? (!connected
                ? "the connection closed before the server answered CONNECT"
                : close.initiator == .client
                    ? "we closed the connection" : "the server closed the connection without an ERROR frame")
        return LensDecoding(
            protocolName: Self.protocolName,
            type: "close",
            fields: [("reason", .string(reason))],
            summary: "STOMP: " + reason
        )
    }

    // MARK: Describing

    private func describe(_ frame: STOMPFrame, at now: Double) -> LensDecoding {
        var fields: [(key: String, value: JSONValue)] = [
            ("headers", .array(frame.headers.map { .array([.string($0.name), .string($0.value)]) }))
        ]
        let bodyText = String(validating: frame.body, as: UTF8.self)
        if !frame.body.isEmpty {
            if let bodyText {
                fields.append(("body", .string(bodyText)))
            } else {
                fields.append(("bodyBase64", .string(Base64.encode(frame.body))))
            }
        }
        let shownBody = bodyText ?? "(\(ByteCount.describe(frame.body.count)) binary)"
        var summary = frame.command
        var application: String?
        switch frame.command {
        case "CONNECT", "STOMP":
            summary += " accept-version \(frame["accept-version"] ?? "1.0")"
            if let login = frame["login"] { summary += " login \(login)" }
            if let beat = frame["heart-beat"] { summary += " heart-beat \(beat)" }
        case "CONNECTED":
            summary += " STOMP \(frame["version"] ?? "1.0")"
            if let server = frame["server"] { summary += " \(server)" }
            if let session = frame["session"] { summary += " session \(session)" }
            if let beat = frame["heart-beat"] { summary += " heart-beat \(beat)" }
        case "MESSAGE":
            let destination = frame["destination"] ?? "?"
            summary += " \(destination)"
            if let subscription = frame["subscription"] { summary += " (\(subscription))" }
            summary += ": " + shownBody
            application = shownBody
        case "SEND":
            summary += " \(frame["destination"] ?? "?"): " + shownBody
        case "SUBSCRIBE":
            summary += " \(frame["destination"] ?? "?") as \(frame["id"] ?? "?") ack \(frame["ack"] ?? "auto")"
        case "UNSUBSCRIBE":
            let id = frame["id"] ?? "?"
            summary += " \(id)" + (subscriptions[id].map { " (\($0))" } ?? "")
        case "RECEIPT":
            let id = frame["receipt-id"] ?? "?"
            summary += " \(id)"
            if let request = awaitingReceipt[id] {
                let latency = now - request.sentAt
                fields.append(("for", .string(request.what)))
                fields.append(LensLatency.field(latency))
                summary += " for \(request.what) after \(LensLatency.text(latency))"
            }
        case "ERROR":
            summary += " " + (frame["message"] ?? "") + (frame.body.isEmpty ? "" : ": " + shownBody)
        case "ACK", "NACK":
            summary += " " + (frame["id"] ?? frame["message-id"] ?? "?")
        default:
            break
        }
        if let receipt = frame["receipt"] { summary += " (receipt \(receipt))" }
        var decoding = LensDecoding(
            protocolName: Self.protocolName,
            type: frame.command,
            fields: fields,
            summary: summary,
            application: application
        )
        if !Self.commands.contains(frame.command) {
            decoding.problem = "\(frame.command) is not a STOMP command"
        }
        return decoding
    }

    private static let commands: Set = [
        "CONNECT", "STOMP", "CONNECTED", "SEND", "SUBSCRIBE", "UNSUBSCRIBE", "ACK", "NACK", "BEGIN", "COMMIT",
        "ABORT", "DISCONNECT", "MESSAGE", "RECEIPT", "ERROR",
    ]

    /// One decoding for one WebSocket message (several frames: all summaries).
    private func combine(_ decodings: [LensDecoding]) -> LensDecoding {
        guard !decodings.isEmpty else {
            return LensDecoding(
                protocolName: Self.protocolName,
                type: "partial",
                fields: [("buffered", .number(Double(reader.pending)))],
                summary: "part of a STOMP frame (\(ByteCount.describe(reader.pending)) so far)"
            )
        }
        return .combining(decodings, protocolName: Self.protocolName, under: "frames")
    }
}
