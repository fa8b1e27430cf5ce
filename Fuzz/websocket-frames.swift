/// Fuzz target: the WebSocket frame parser feeding the protocol machine
/// (fragmentation, control frames, UTF-8, close frames, size limits).
///
/// The first byte sets the limits and options; the rest is what the server
/// sent. Properties: no crash; the parser never buffers more than one frame
/// (limit + longest header); no message exceeds the message limit; and the
/// outcome is the same whether the bytes arrive whole or split in two reads
/// at any point.

/// Stands in for permessage-deflate: the "compressed" bytes are the message,
/// and the output limit is enforced like the real inflater's.
struct IdentityInflater: WebSocketMessageInflating {
    mutating func inflate(_ compressed: [UInt8], maxOutput: Int) throws(WebSocketProtocolError) -> [UInt8] {
        guard compressed.count <= maxOutput else { throw WebSocketProtocolError.messageTooBig(limit: maxOutput) }
        return compressed
    }
}

/// Everything the engine would see, in order, for one way of reading.
struct FrameRun: Equatable {
    var frames: [FrameInfo] = []
    var actions: [WebSocketAction] = []
    var error: WebSocketProtocolError?
    var buffered = 0
}

struct FrameSettings {
    var maxFramePayload: Int
    var configuration: WebSocketProtocolMachine.Configuration

    init(_ byte: UInt8) {
        maxFramePayload = [16, 125, 200, 4096][Int(byte & 0x03)]
        configuration = WebSocketProtocolMachine.Configuration(
            maxMessageSize: [8, 64, 300, 1 << 16][Int(byte >> 2 & 0x03)],
            deflateNegotiated: byte & 0x10 != 0,
            autoPong: byte & 0x20 != 0
        )
    }
}

func runFrames(_ chunks: [ArraySlice<UInt8>], _ settings: FrameSettings) -> FrameRun {
    var parser = WebSocketFrameParser(maxFramePayload: settings.maxFramePayload)
    var machine = WebSocketProtocolMachine(configuration: settings.configuration, inflater: IdentityInflater())
    var run = FrameRun()
    for chunk in chunks {
        let bytes = Array(chunk)
        bytes.withUnsafeBytes { raw in
            do throws(WebSocketProtocolError) {
                try parser.parse(raw) { frame throws(WebSocketProtocolError) in
                    run.frames.append(frame)
                    run.actions.append(contentsOf: try machine.receive(frame))
                }
            } catch {
                run.error = error
            }
        }
        if run.error != nil { break }
        fuzzCheck(
            parser.bufferedByteCount < settings.maxFramePayload + 14,
            "parser buffers \(parser.bufferedByteCount) bytes, over one frame"
        )
    }
    // After a protocol error the connection is failed: what the parser
    // still holds is never read, and how much depends on the reads.
    run.buffered = run.error == nil ? parser.bufferedByteCount : 0
    return run
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebSocketFrames(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let first = input.first else { return 0 }
    let settings = FrameSettings(first)
    let stream = input[1...]
    let whole = runFrames([stream], settings)
    for action in whole.actions {
        if case .deliver(let message) = action {
            fuzzCheck(
                message.payload.count <= settings.configuration.maxMessageSize,
                "delivered a \(message.payload.count)-byte message over the limit"
            )
            if message.opcode == .text {
                fuzzCheck(UTF8Validator.isValid(message.payload), "delivered a text message that is not UTF-8")
            }
        }
    }
    for split in stream.indices.dropFirst() {
        let parts = runFrames([stream[..<split], stream[split...]], settings)
        fuzzCheck(parts == whole, "split at \(split - 1) changed the outcome")
    }
    return 0
}
