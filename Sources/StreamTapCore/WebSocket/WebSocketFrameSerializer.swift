/// Writes WebSocket frames (RFC 6455 §5.2) as bytes, masking the payload
/// when a key is given (every client frame must be masked).
///
/// It validates nothing on purpose: to test a server, a user may ask for
/// reserved opcodes, RSV bits, unmasked frames or oversized control frames.
public enum WebSocketFrameSerializer {
    /// Appends the header and (masked) payload of `frame` to `output`.
    /// `frame.length` is ignored; the payload's size is announced.
    public static func serialize(_ frame: FrameInfo, into output: inout [UInt8]) {
        var first = frame.opcode.rawValue & 0x0F
        if frame.fin { first |= 0x80 }
        if frame.rsv1 { first |= 0x40 }
        if frame.rsv2 { first |= 0x20 }
        if frame.rsv3 { first |= 0x10 }
        output.append(first)
        let maskBit: UInt8 = frame.maskingKey == nil ? 0 : 0x80
        let length = frame.payload.count
        switch length {
        case 0..<126:
            output.append(maskBit | UInt8(length))
        case 126...0xFFFF:
            output.append(maskBit | 126)
            output.append(UInt8(length >> 8))
            output.append(UInt8(length & 0xFF))
        default:
            output.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                output.append(UInt8(truncatingIfNeeded: UInt64(length) >> UInt64(shift)))
            }
        }
        guard let key = frame.maskingKey else {
            output.append(contentsOf: frame.payload)
            return
        }
        output.append(contentsOf: key.prefix(4))
        var masked = frame.payload
        WebSocketMasking.apply(key: key, to: &masked)
        output.append(contentsOf: masked)
    }

    /// The close frame payload: the code in network byte order, then the
    /// UTF-8 reason. `nil` code gives an empty payload.
    public static func closePayload(code: Int?, reason: String) -> [UInt8] {
        guard let code else { return [] }
        return [UInt8(truncatingIfNeeded: code >> 8), UInt8(truncatingIfNeeded: code)] + Array(reason.utf8)
    }
}
