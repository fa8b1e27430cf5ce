/// Cuts the byte stream of an MQTT connection into packets. Over WebSocket a
/// message may hold several packets or part of one (MQTT's WebSocket
/// binding lets either happen), so bytes carry over between messages.
struct MQTTPacketFramer {
    /// A whole packet: its first byte and its body.
    struct Packet: Equatable {
        var header: UInt8
        var body: ArraySlice<UInt8>
    }

    /// Packets larger than this are refused rather than buffered.
    static let maximumPacketSize = 16 * 1024 * 1024

    private var buffer: [UInt8] = []

    /// Bytes received that do not make a whole packet yet.
    var pending: Int { buffer.count }

    /// Adds `bytes` and returns the packets completed; a header that cannot
    /// be an MQTT packet empties the buffer and ends them with an error
    /// (the packets before it are kept).
    mutating func feed(_ bytes: some Collection<UInt8>) -> (packets: [Packet], error: MQTTDecodingError?) {
        buffer.append(contentsOf: bytes)
        var packets: [Packet] = []
        var start = 0
        while start < buffer.count {
            var index = start + 1
            var length = 0
            var complete = false
            for shift in stride(from: 0, to: 28, by: 7) {
                guard index < buffer.count else { break }
                let byte = buffer[index]
                index += 1
                length |= Int(byte & 0x7F) << shift
                if byte & 0x80 == 0 {
                    complete = true
                    break
                }
                if shift == 21 {
                    buffer.removeAll()
                    return (packets, MQTTDecodingError("the remaining length runs past four bytes: this is not MQTT"))
                }
            }
            guard complete else { break }
            guard length <= Self.maximumPacketSize else {
                buffer.removeAll()
                let error = MQTTDecodingError(
                    "a packet of \(ByteCount.describe(length)) is more than StreamTap buffers "
                        + "(\(ByteCount.describe(Self.maximumPacketSize)))"
                )
                return (packets, error)
            }
            guard buffer.count - index >= length else { break }
            packets.append(Packet(header: buffer[start], body: buffer[index..<index + length]))
            start = index + length
        }
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if start > 0 {
            buffer.removeFirst(start)
        }
        return (packets, nil)
    }
}
