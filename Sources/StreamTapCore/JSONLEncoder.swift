/// Encodes ``StreamEvent``s as JSON Lines: the contract of
/// `streamtap cat --jsonl` and of recordings.
///
/// Field names are public and only ever added to. Payloads are written as
/// `data` when they are valid UTF-8 text and as `base64` otherwise (always
/// `base64` for binary frames and messages), so no byte is lost.
public struct JSONLEncoder: Sendable {
    private var writer = JSONWriter(reservingCapacity: 1024)

    public init() {}

    /// Appends one event, as one line ending in `\n`, to `output`.
    public mutating func encode(_ event: StreamEvent, into output: inout [UInt8]) {
        writer.reset()
        write(event)
        writer.newline()
        output.append(contentsOf: writer.bytes)
    }

    /// One event as one line of JSON ending in `\n`, as bytes. The array
    /// shares the encoder's buffer: let it go before the next call and the
    /// buffer is reused instead of copied.
    public mutating func lineBytes(for event: StreamEvent) -> [UInt8] {
        writer.reset()
        write(event)
        writer.newline()
        return writer.bytes
    }

    /// One event as one line of JSON, without the line break.
    public mutating func line(for event: StreamEvent) -> String {
        writer.reset()
        write(event)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private mutating func write(_ event: StreamEvent) {
        writer.beginObject()
        writer.key("kind")
        writer.string(event.kind.name)
        writer.key("ts")
        writer.timestamp(event.timestamp)
        writer.key("conn")
        writer.int(event.connectionID)
        switch event.kind {
        case .connecting(let url, let attempt):
            writer.key("url")
            writer.string(url)
            writer.key("attempt")
            writer.int(attempt)
        case .open(let handshake):
            writeOpen(handshake)
        case .frame(let frame):
            writeFrame(frame)
        case .message(let message):
            writer.key("direction")
            writer.string(message.direction.rawValue)
            writer.key("opcode")
            writeOpcode(message.opcode)
            writePayload(message.payload, asText: message.opcode != .binary)
            writer.key("length")
            writer.int(message.payload.count)
            if message.compressed {
                writer.key("compressed")
                writer.bool(true)
            }
            if let wireLength = message.wireLength {
                writer.key("wireLength")
                writer.int(wireLength)
            }
            if let lens = message.lens { writeLens(lens) }
        case .event(let event):
            writer.key("type")
            writer.string(event.type)
            writer.key("data")
            writer.string(event.data)
            writer.key("lastEventId")
            writer.string(event.lastEventID)
            if let lens = event.lens { writeLens(lens) }
        case .retry(let milliseconds):
            writer.key("ms")
            writer.int(milliseconds)
        case .close(let close):
            writer.key("code")
            writer.int(close.code)
            writer.key("reason")
            writer.string(close.reason)
            writer.key("initiator")
            writer.string(close.initiator.rawValue)
            if let stats = close.stats { writeStats(stats) }
            if let lens = close.lens { writeLens(lens) }
        case .reconnect(let attempt, let delay, let reason):
            writer.key("attempt")
            writer.int(attempt)
            writer.key("delayMs")
            writer.int(delay)
            writer.key("reason")
            writer.string(reason)
        case .latency(let milliseconds):
            writer.key("ms")
            writer.milliseconds(milliseconds)
        case .chunk(let length, let events):
            writer.key("length")
            writer.int(length)
            writer.key("events")
            writer.int(events)
        case .comment(let text):
            writer.key("text")
            writer.string(text)
        case .error(let error):
            writer.key("message")
            writer.string(error.message)
            if let response = error.response {
                writer.key("status")
                writer.int(response.status)
                writer.key("headers")
                writeHeaders(response.headers)
                if let body = response.body { writeBody(body) }
            }
        }
        writer.endObject()
    }

    private mutating func writeOpen(_ handshake: Handshake) {
        writer.key("url")
        writer.string(handshake.url)
        writer.key("status")
        writer.int(handshake.response.status)
        writer.key("reason")
        writer.string(handshake.response.reason)
        writer.key("headers")
        writeHeaders(handshake.response.headers)
        writer.key("request")
        writer.beginObject()
        writer.key("method")
        writer.string(handshake.request.method)
        writer.key("target")
        writer.string(handshake.request.target)
        writer.key("headers")
        writeHeaders(handshake.request.headers)
        if let body = handshake.request.body { writeBody(body) }
        writer.endObject()
        writer.key("protocol")
        writer.string(handshake.protocolKind.rawValue)
        writer.key("subprotocol")
        if let subprotocol = handshake.subprotocol { writer.string(subprotocol) } else { writer.null() }
        writer.key("extensions")
        writer.beginArray()
        for name in handshake.extensions { writer.string(name) }
        writer.endArray()
        writer.key("timings")
        writer.beginObject()
        let timings = handshake.timings
        for (key, value) in [
            ("dnsMs", timings.dnsMilliseconds), ("connectMs", timings.connectMilliseconds),
            ("proxyMs", timings.proxyMilliseconds), ("tlsMs", timings.tlsMilliseconds),
            ("handshakeMs", timings.handshakeMilliseconds),
        ] {
            guard let value else { continue }
            writer.key(key)
            writer.milliseconds(value)
        }
        writer.endObject()
        if let tls = handshake.tls {
            writer.key("tls")
            writer.beginObject()
            writer.key("version")
            writer.string(tls.protocolVersion)
            writer.key("cipher")
            writer.string(tls.cipher)
            if let subject = tls.peerSubject {
                writer.key("subject")
                writer.string(subject)
            }
            if let issuer = tls.peerIssuer {
                writer.key("issuer")
                writer.string(issuer)
            }
            if let notAfter = tls.peerNotAfter {
                writer.key("notAfter")
                writer.string(notAfter)
            }
            writer.endObject()
        }
    }

    /// The `lens` object: protocol, type, the packet's fields, `auto`,
    /// `problem` and the row's `summary`.
    private mutating func writeLens(_ lens: LensDecoding) {
        writer.key("lens")
        writer.beginObject()
        writer.key("protocol")
        writer.string(lens.protocolName)
        writer.key("type")
        writer.string(lens.type)
        for field in lens.fields {
            writer.key(field.key)
            writer.value(field.value)
        }
        if lens.automatic {
            writer.key("auto")
            writer.bool(true)
        }
        if let problem = lens.problem {
            writer.key("problem")
            writer.string(problem)
        }
        writer.key("summary")
        writer.string(lens.summary)
        writer.endObject()
    }

    private mutating func writeStats(_ stats: StreamStats) {
        if let ttfb = stats.timeToFirstByteMilliseconds {
            writer.key("ttfbMs")
            writer.milliseconds(ttfb)
        }
        if let firstEvent = stats.timeToFirstEventMilliseconds {
            writer.key("firstEventMs")
            writer.milliseconds(firstEvent)
        }
        for (key, value) in [
            ("wireBytes", stats.wireBytes), ("decodedBytes", stats.decodedBytes),
            ("payloadBytes", stats.payloadBytes), ("events", stats.events),
        ] {
            writer.key(key)
            writer.int(value)
        }
        writer.key("durationMs")
        writer.milliseconds(stats.durationMilliseconds)
        if let rate = stats.eventsPerSecond {
            writer.key("eventsPerSec")
            writer.milliseconds(rate)
        }
    }

    private mutating func writeFrame(_ frame: FrameInfo) {
        writer.key("direction")
        writer.string(frame.direction.rawValue)
        writer.key("opcode")
        writeOpcode(frame.opcode)
        writer.key("fin")
        writer.bool(frame.fin)
        writer.key("rsv1")
        writer.bool(frame.rsv1)
        writer.key("rsv2")
        writer.bool(frame.rsv2)
        writer.key("rsv3")
        writer.bool(frame.rsv3)
        writer.key("masked")
        writer.bool(frame.masked)
        if let key = frame.maskingKey {
            writer.key("maskingKey")
            writer.string(Hex.encode(key))
        }
        writer.key("length")
        writer.int(frame.length)
        writePayload(frame.payload, asText: frame.opcode != .binary && !frame.rsv1)
    }

    private mutating func writeOpcode(_ opcode: Opcode) {
        if let name = opcode.name {
            writer.string(name)
        } else {
            writer.int(opcode.rawValue)
        }
    }

    private mutating func writePayload(_ payload: [UInt8], asText: Bool) {
        if asText && UTF8Validator.isValid(payload) {
            writer.key("data")
            writer.string(utf8: payload)
        } else {
            writer.key("base64")
            writer.base64(payload)
        }
    }

    /// An HTTP body: `body` when it is UTF-8 text, else `bodyBase64`.
    private mutating func writeBody(_ body: [UInt8]) {
        if UTF8Validator.isValid(body) {
            writer.key("body")
            writer.string(utf8: body)
        } else {
            writer.key("bodyBase64")
            writer.base64(body)
        }
    }

    private mutating func writeHeaders(_ headers: HeaderFields) {
        writer.beginArray()
        for field in headers.fields {
            writer.beginArray()
            writer.string(field.name)
            writer.string(field.value)
            writer.endArray()
        }
        writer.endArray()
    }
}
