/// Splits the bytes a WebSocket peer sends into frames (RFC 6455 §5.2),
/// incrementally: bytes may arrive in any chunks.
///
/// It reports every frame exactly as it was on the wire (header bits,
/// masking key, unmasked payload) and checks only what it must to stay
/// safe: the announced length against `maxFramePayload` (before allocating
/// anything) and the 64-bit length's reserved top bit. The protocol rules
/// live in ``WebSocketProtocolMachine``.
public struct WebSocketFrameParser: Sendable {
    /// The largest frame payload accepted, in bytes.
    public let maxFramePayload: Int
    /// The end that receives the frames (its errors blame the other one).
    public let role: WebSocketRole
    /// Bytes of a frame that is not complete yet.
    private var pending: [UInt8] = []

    public init(maxFramePayload: Int, role: WebSocketRole = .client) {
        self.maxFramePayload = maxFramePayload
        self.role = role
    }

    /// How many bytes are buffered waiting for the rest of their frame.
    public var bufferedByteCount: Int { pending.count }

    /// Parses `bytes`, calling `onFrame` for every complete frame in order.
    ///
    /// Only a frame split between reads is copied aside: the bytes it still
    /// needs are taken from `bytes`, and the rest is parsed where it lies.
    public mutating func parse(
        _ bytes: UnsafeRawBufferPointer,
        onFrame: (FrameInfo) throws(WebSocketProtocolError) -> Void
    ) throws(WebSocketProtocolError) {
        var start = 0
        if !pending.isEmpty {
            start = try completePendingFrame(from: bytes, onFrame: onFrame)
            guard pending.isEmpty else { return }
        }
        let rest = UnsafeRawBufferPointer(rebasing: bytes[start...])
        let consumed = try Self.parseFrames(in: rest, maxFramePayload: maxFramePayload, role: role, onFrame: onFrame)
        if consumed < rest.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[consumed...]))
        }
    }

    /// Moves into `pending` only the bytes its frame still lacks (its header
    /// byte by byte, then the rest of its payload at once) and delivers the
    /// frame once whole. Returns how many bytes of `bytes` it took.
    private mutating func completePendingFrame(
        from bytes: UnsafeRawBufferPointer,
        onFrame: (FrameInfo) throws(WebSocketProtocolError) -> Void
    ) throws(WebSocketProtocolError) -> Int {
        var taken = 0
        let limit = maxFramePayload
        let role = role
        // The header is looked at again after every byte, including the
        // last one read: a frame (or a bad header) that this byte completes
        // is handled now, not when the next read comes.
        while true {
            let parsed = pending.withUnsafeBytes { buffered in
                Result { () throws(WebSocketProtocolError) -> Header? in
                    try Self.parseHeader(buffered, at: 0, maxFramePayload: limit, role: role)
                }
            }
            let header = try parsed.get()
            guard let header else {
                guard taken < bytes.count else { break }
                pending.append(bytes[taken])
                taken += 1
                continue
            }
            let missing = header.headerLength + header.payloadLength - pending.count
            let take = min(missing, bytes.count - taken)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[taken..<taken + take]))
            taken += take
            guard take == missing else { break }
            let outcome = pending.withUnsafeBytes { whole in
                Result { () throws(WebSocketProtocolError) -> Int in
                    try Self.parseFrames(in: whole, maxFramePayload: limit, role: role, onFrame: onFrame)
                }
            }
            _ = try outcome.get()
            if pending.capacity > Self.reusableCapacity {
                pending = []
            } else {
                pending.removeAll(keepingCapacity: true)
            }
            break
        }
        return taken
    }

    /// Buffers bigger than this are released rather than kept for reuse.
    private static let reusableCapacity = 256 << 10

    /// Parses as many whole frames as `bytes` holds; returns how many bytes
    /// they took.
    private static func parseFrames(
        in bytes: UnsafeRawBufferPointer,
        maxFramePayload: Int,
        role: WebSocketRole,
        onFrame: (FrameInfo) throws(WebSocketProtocolError) -> Void
    ) throws(WebSocketProtocolError) -> Int {
        var offset = 0
        while let header = try parseHeader(bytes, at: offset, maxFramePayload: maxFramePayload, role: role) {
            let payloadStart = offset + header.headerLength
            guard bytes.count - payloadStart >= header.payloadLength else { break }
            var payload = [UInt8](
                UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<payloadStart + header.payloadLength])
            )
            if let key = header.maskingKey {
                WebSocketMasking.apply(key: key, to: &payload)
            }
            let first = bytes[offset]
            offset = payloadStart + header.payloadLength
            try onFrame(
                FrameInfo(
                    direction: .incoming,
                    opcode: Opcode(rawValue: first & 0x0F),
                    fin: first & 0x80 != 0,
                    rsv1: first & 0x40 != 0,
                    rsv2: first & 0x20 != 0,
                    rsv3: first & 0x10 != 0,
                    maskingKey: header.maskingKey,
                    payload: payload
                )
            )
        }
        return offset
    }

    private struct Header {
        var headerLength: Int
        var payloadLength: Int
        var maskingKey: [UInt8]?
    }

    private static func parseHeader(
        _ bytes: UnsafeRawBufferPointer,
        at offset: Int,
        maxFramePayload: Int,
        role: WebSocketRole
    ) throws(WebSocketProtocolError) -> Header? {
        let available = bytes.count - offset
        guard available >= 2 else { return nil }
        let second = bytes[offset + 1]
        let masked = second & 0x80 != 0
        var length = Int(second & 0x7F)
        var headerLength = 2
        switch length {
        case 126:
            guard available >= 4 else { return nil }
            length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            headerLength = 4
        case 127:
            guard available >= 10 else { return nil }
            guard bytes[offset + 2] & 0x80 == 0 else {
                throw WebSocketProtocolError(
                    closeCode: CloseCode.protocolError,
                    "\(role.peer.name) sent a frame whose 64-bit length has the most significant bit set"
                )
            }
            var wide: UInt64 = 0
            for index in 2..<10 { wide = wide << 8 | UInt64(bytes[offset + index]) }
            guard wide <= UInt64(maxFramePayload) else { throw tooBig(wide, maxFramePayload, role) }
            length = Int(wide)
            headerLength = 10
        default:
            break
        }
        guard length <= maxFramePayload else { throw tooBig(UInt64(length), maxFramePayload, role) }
        var maskingKey: [UInt8]?
        if masked {
            guard available >= headerLength + 4 else { return nil }
            maskingKey = (0..<4).map { bytes[offset + headerLength + $0] }
            headerLength += 4
        }
        return Header(headerLength: headerLength, payloadLength: length, maskingKey: maskingKey)
    }

    private static func tooBig(_ length: UInt64, _ limit: Int, _ role: WebSocketRole) -> WebSocketProtocolError {
        WebSocketProtocolError(
            closeCode: CloseCode.messageTooBig,
            "\(role.peer.name) announced a \(ByteCount.describe(length)) frame, over the \(ByteCount.describe(UInt64(limit))) limit"
        )
    }
}
