import CompressNIO
import NIOCore
import StreamTapCore

/// Inflates the peer's permessage-deflate messages with zlib (raw deflate),
/// bounded so a small compressed message cannot expand without limit.
///
/// Confined to its connection's event loop: the zlib stream is not Sendable.
public final class DeflateInflater: WebSocketMessageInflating {
    private let decompressor: ZlibDecompressor
    private let resetAfterMessage: Bool
    private let role: WebSocketRole

    /// An inflater for the end in `role`: a client inflates what the
    /// server compressed (and resets after each message when the server
    /// agreed to `server_no_context_takeover`), a server what the client
    /// compressed (`client_no_context_takeover`).
    public init(agreement: PerMessageDeflate.Agreement, role: WebSocketRole = .client) throws {
        // A 15-bit window inflates anything a smaller window produced.
        decompressor = try ZlibDecompressor(algorithm: .deflate, windowSize: 15)
        resetAfterMessage = agreement.parameters(sentBy: role.peer).noContextTakeover
        self.role = role
    }

    public func inflate(_ compressed: [UInt8], maxOutput: Int) throws(WebSocketProtocolError) -> [UInt8] {
        var input = ByteBuffer(bytes: compressed)
        input.writeBytes([0x00, 0x00, 0xFF, 0xFF])
        var output = ByteBuffer()
        output.reserveCapacity(min(maxOutput + 1, max(256, compressed.count * 4)))
        while true {
            let before = (input.readableBytes, output.readableBytes)
            do {
                try decompressor.inflate(from: &input, to: &output)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                guard output.readableBytes <= maxOutput else {
                    throw WebSocketProtocolError.messageTooBig(limit: maxOutput, receivedBy: role)
                }
                // Grow by doubling, but never past one byte over the limit.
                let growth = min(max(4096, output.readableBytes), maxOutput + 1 - output.readableBytes)
                output.reserveCapacity(minimumWritableBytes: growth)
                continue
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                break
            } catch {
                throw WebSocketProtocolError(
                    closeCode: CloseCode.invalidPayload,
                    "\(role.peer.name) sent a compressed message that does not inflate (\(error))"
                )
            }
            guard output.readableBytes <= maxOutput else {
                throw WebSocketProtocolError.messageTooBig(limit: maxOutput, receivedBy: role)
            }
            if input.readableBytes == 0 || (input.readableBytes, output.readableBytes) == before { break }
        }
        if resetAfterMessage {
            try? decompressor.reset()
        }
        return output.readBytes(length: output.readableBytes) ?? []
    }
}

/// Compresses outgoing messages for permessage-deflate.
///
/// Confined to its connection's event loop: the zlib stream is not Sendable.
public final class DeflateCompressor {
    private let compressor: ZlibCompressor?
    private let resetAfterMessage: Bool

    /// A compressor for the end in `role`, with the window and context
    /// rule agreed for its messages (`client_max_window_bits` and
    /// `client_no_context_takeover` for a client, the `server_*` ones for
    /// a server).
    public init(agreement: PerMessageDeflate.Agreement, role: WebSocketRole = .client) throws {
        let parameters = agreement.parameters(sentBy: role)
        let bits = parameters.maxWindowBits
        compressor =
            bits >= 9
            ? try ZlibCompressor(
                algorithm: .deflate,
                configuration: ZlibConfiguration(windowSize: Int32(min(15, bits)))
            ) : nil
        resetAfterMessage = parameters.noContextTakeover
    }

    /// The compressed payload without the trailing `00 00 ff ff`, or `nil`
    /// when the message goes uncompressed (empty, an 8-bit window was
    /// agreed, or compression failed).
    public func compress(_ payload: [UInt8]) -> [UInt8]? {
        guard let compressor, !payload.isEmpty else { return nil }
        var input = ByteBuffer(bytes: payload)
        var output = ByteBuffer()
        output.reserveCapacity(compressor.maxSize(from: input))
        do {
            try compressor.deflate(from: &input, to: &output, flush: .sync)
            if resetAfterMessage { try compressor.reset() }
        } catch {
            try? compressor.reset()
            return nil
        }
        var bytes = output.readBytes(length: output.readableBytes) ?? []
        if bytes.suffix(4) == [0x00, 0x00, 0xFF, 0xFF] { bytes.removeLast(4) }
        return bytes
    }
}

@available(*, unavailable)
extension DeflateInflater: Sendable {}

@available(*, unavailable)
extension DeflateCompressor: Sendable {}
