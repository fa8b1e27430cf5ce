import CompressNIO
import NIOCore

/// Compresses outgoing and inflates incoming message payloads of one
/// WebSocket connection with permessage-deflate (RFC 7692 §7.2).
///
/// Each direction keeps its own zlib stream, so by default the LZ77 window
/// carries over from one message to the next ("context takeover").
/// Confined to the connection's event loop: zlib streams are not Sendable.
final class PerMessageDeflateCodec {
    /// Why an incoming payload could not be inflated.
    enum InflateFailure: Error {
        /// It inflates to more than the message size limit (close 1009).
        case tooBig
        /// It is not valid deflate data (close 1007).
        case corrupt
    }

    /// The empty stored block a sync flush ends with; RFC 7692 removes it
    /// from every message and the receiver puts it back.
    private static let syncFlushTail: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]

    private let compressor: ZlibCompressor
    private let decompressor: ZlibDecompressor
    private let parameters: PerMessageDeflateParameters

    init(parameters: PerMessageDeflateParameters) throws {
        self.parameters = parameters
        let windowSize = ZlibConfiguration.WindowSize(rawValue: Int32(parameters.serverMaxWindowBits)) ?? .window128k
        compressor = try ZlibCompressor(algorithm: .deflate, configuration: .init(windowSize: windowSize))
        decompressor = try ZlibDecompressor(algorithm: .deflate, windowSize: 15)
    }

    /// The compressed form of a non-empty payload, without the sync-flush tail.
    func compress(_ payload: ByteBuffer, allocator: ByteBufferAllocator) throws -> ByteBuffer {
        var input = payload
        var output = allocator.buffer(capacity: compressor.maxSize(from: input))
        try compressor.deflate(from: &input, to: &output, flush: .sync)
        if output.readableBytesView.suffix(4).elementsEqual(Self.syncFlushTail) {
            output.moveWriterIndex(to: output.writerIndex - 4)
        }
        if parameters.serverNoContextTakeover {
            try compressor.reset()
        }
        return output
    }

    /// The inflated form of a compressed message payload, at most
    /// `maxSize` bytes.
    func inflate(
        _ payload: ByteBuffer,
        maxSize: Int,
        allocator: ByteBufferAllocator
    ) throws(InflateFailure) -> ByteBuffer {
        var input = allocator.buffer(capacity: payload.readableBytes + 4)
        input.writeImmutableBuffer(payload)
        input.writeBytes(Self.syncFlushTail)
        var output = allocator.buffer(capacity: min(max(payload.readableBytes * 4, 256), maxSize + 1))
        while true {
            let before = (input.readableBytes, output.readableBytes)
            do {
                try decompressor.inflate(from: &input, to: &output)
                if input.readableBytes == 0 { break }
                // Input left but nothing consumed or produced: the stream
                // ended (a final block) or cannot go on.
                guard before != (input.readableBytes, output.readableBytes) else { throw InflateFailure.corrupt }
            } catch let error as CompressNIOError where error == .bufferOverflow {
                guard output.readableBytes <= maxSize else { throw .tooBig }
                output.reserveCapacity(
                    minimumWritableBytes: min(output.readableBytes, maxSize + 1 - output.readableBytes)
                )
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                break
            } catch {
                throw .corrupt
            }
        }
        guard output.readableBytes <= maxSize else { throw .tooBig }
        return output
    }
}

@available(*, unavailable)
extension PerMessageDeflateCodec: Sendable {}
