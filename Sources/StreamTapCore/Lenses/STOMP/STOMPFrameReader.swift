/// Cuts the bytes of a STOMP connection into frames and heart-beats (end
/// of line bytes between frames). Bytes carry over between WebSocket
/// messages, as a frame may arrive in pieces.
struct STOMPFrameReader {
    /// What the bytes held.
    enum Item: Equatable {
        case heartBeat
        case frame(STOMPFrame)
    }

    /// Frames larger than this are refused rather than buffered.
    static let maximumFrameSize = 16 * 1024 * 1024

    /// The negotiated version, which decides header escaping (set by the
    /// CONNECTED frame read).
    var version = "1.2"
    private var buffer: [UInt8] = []

    /// Bytes received that do not make a whole frame yet.
    var pending: Int { buffer.count }

    /// Adds `bytes` and returns what they completed; bytes that cannot be
    /// a frame end the reading with an error (the items before it are
    /// kept) and are dropped, so the next message is read afresh.
    mutating func feed(_ bytes: some Collection<UInt8>) -> (items: [Item], error: STOMPDecodingError?) {
        buffer.append(contentsOf: bytes)
        var items: [Item] = []
        var start = 0
        // End-of-line bytes right after a frame's NUL pad it (STOMP allows
        // them); only those that arrive apart are heart-beats.
        var afterFrame = false
        defer {
            if start >= buffer.count {
                buffer.removeAll(keepingCapacity: true)
            } else if start > 0 {
                buffer.removeFirst(start)
            }
        }
        while start < buffer.count {
            if buffer[start] == 0x0A || buffer[start] == 0x0D {
                var end = start
                while end < buffer.count && (buffer[end] == 0x0A || buffer[end] == 0x0D) { end += 1 }
                if !afterFrame && buffer[start..<end].contains(0x0A) { items.append(.heartBeat) }
                start = end
                afterFrame = false
                continue
            }
            let found: (STOMPFrame, Int)?
            do {
                found = try frame(at: start)
            } catch {
                start = buffer.count
                return (items, error)
            }
            guard let (frame, end) = found else {
                if buffer.count - start > Self.maximumFrameSize {
                    start = buffer.count
                    return (
                        items,
                        STOMPDecodingError(
                            "a frame of more than \(ByteCount.describe(Self.maximumFrameSize)) is more than StreamTap buffers"
                        )
                    )
                }
                break
            }
            items.append(.frame(frame))
            // CONNECTED settles the version, and so how the frames after it
            // (in this message too) escape their headers.
            if frame.command == "CONNECTED" { version = frame["version"] ?? "1.0" }
            start = end
            afterFrame = true
        }
        return (items, nil)
    }

    /// The frame that starts at `start` and the index after its NUL, or
    /// `nil` when it has not all arrived.
    private func frame(at start: Int) throws(STOMPDecodingError) -> (STOMPFrame, Int)? {
        guard let headEnd = headEnd(from: start) else { return nil }
        var lines = buffer[start..<headEnd.lines].split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { $0.last == 0x0D ? $0.dropLast() : $0 }
        guard let commandBytes = lines.first, let command = String(validating: commandBytes, as: UTF8.self),
            !command.isEmpty, command.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })
        else {
            throw STOMPDecodingError("a frame starts with its command in capitals (CONNECTED, MESSAGE, ...)")
        }
        lines.removeFirst()
        let escaping = STOMPFrame.escapes(command, version: version)
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let text = String(validating: line, as: UTF8.self), let colon = text.firstIndex(of: ":") else {
                throw STOMPDecodingError("the header line of \(command) has no colon")
            }
            let name = text[..<colon]
            let value = text[text.index(after: colon)...]
            headers.append(
                escaping
                    ? (
                        try STOMPFrame.unescape(name, version: version),
                        try STOMPFrame.unescape(value, version: version)
                    )
                    : (String(name), String(value))
            )
        }
        let bodyStart = headEnd.body
        let frame = STOMPFrame(command, headers: headers)
        if let lengthText = frame["content-length"] {
            guard let length = Int(lengthText), length >= 0 else {
                throw STOMPDecodingError("content-length “\(lengthText)” is not a number of bytes")
            }
            guard length <= Self.maximumFrameSize else {
                throw STOMPDecodingError("a body of \(ByteCount.describe(length)) is more than StreamTap buffers")
            }
            guard buffer.count - bodyStart > length else { return nil }
            guard buffer[bodyStart + length] == 0 else {
                throw STOMPDecodingError("the body is longer than its content-length of \(length) bytes")
            }
            var complete = frame
            complete.body = Array(buffer[bodyStart..<bodyStart + length])
            return (complete, bodyStart + length + 1)
        }
        guard let nul = buffer[bodyStart...].firstIndex(of: 0) else { return nil }
        var complete = frame
        complete.body = Array(buffer[bodyStart..<nul])
        return (complete, nul + 1)
    }

    /// Where the command and header lines end (before the blank line) and
    /// where the body starts.
    private func headEnd(from start: Int) -> (lines: Int, body: Int)? {
        var index = start
        while let newline = buffer[index...].firstIndex(of: 0x0A) {
            let next = newline + 1
            if next < buffer.count && buffer[next] == 0x0A { return (newline, next + 1) }
            if next + 1 < buffer.count && buffer[next] == 0x0D && buffer[next + 1] == 0x0A {
                return (newline, next + 2)
            }
            if next >= buffer.count || (buffer[next] == 0x0D && next + 1 >= buffer.count) { return nil }
            index = next
        }
        return nil
    }
}
