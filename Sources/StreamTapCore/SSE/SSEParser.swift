/// The incremental Server-Sent Events parser: bytes in, events out, following
/// the HTML Standard's "interpreting an event stream" to the letter.
///
/// Feed it the body of a `text/event-stream` response in reads of any size;
/// each call reports what the bytes completed (``Output``). A line is
/// processed as soon as its line ending arrives: CR, LF and CRLF all end a
/// line, and a CR at the end of one read followed by an LF at the start of
/// the next counts as one line ending. Text is UTF-8 with invalid sequences
/// replaced by U+FFFD; one BOM at the very start of the stream is dropped.
///
/// When the connection ends, call ``finish()``: an event without its closing
/// blank line is discarded, never dispatched. The same parser then reads the
/// stream of a reconnection, keeping ``lastEventID`` (what the client sends
/// as `Last-Event-ID`) and ``reconnectionTime``.
///
/// Memory is bounded by ``maximumEventSize``: an event (or a single line)
/// that grows beyond it is reported as an ``Output/error(_:)`` and dropped,
/// with its type and `id`, up to its blank line; parsing goes on.
///
/// Lines that fit in one read are parsed where they lie; only a line split
/// between reads is copied, so the common case allocates nothing but the
/// event's own strings.
public struct SSEParser: Sendable {
    /// The default ``maximumEventSize``: 16 MiB.
    public static let defaultMaximumEventSize = 16 << 20

    /// The most bytes one event may hold: its data so far plus the line
    /// being read. A larger event is discarded with an error.
    public let maximumEventSize: Int

    /// The last event ID string: the `id` in force at the last dispatch,
    /// kept across events and reconnections. A reconnecting client sends it
    /// as `Last-Event-ID` unless it is empty.
    public private(set) var lastEventID = ""

    /// The reconnection time the server asked for with `retry`, in
    /// milliseconds, or `nil` while it has set none.
    public private(set) var reconnectionTime: Int?

    private var lastEventIDBuffer = ""
    private var eventTypeBuffer = ""
    private var dataBuffer: [UInt8] = []
    /// Where the event's only data line so far lies in the read being
    /// parsed (offsets into it), while `dataBuffer` is empty. An event of
    /// one data line whose blank line arrives in the same read becomes its
    /// string straight from the read, without a copy into `dataBuffer`;
    /// otherwise the line is copied there before the read ends.
    private var firstDataLine: Range<Int>?
    /// The start of a line whose ending has not arrived yet.
    private var partialLine: [UInt8] = []
    private var leadingBOM = SSELeadingBOM()
    /// The last read ended with CR: an LF starting the next read ends no line.
    private var skipsLineFeed = false
    /// The current event broke the size limit: lines are dropped up to the
    /// next blank line.
    private var discardsEvent = false
    /// While discarding: the current line already had bytes (so its ending
    /// is not a blank line).
    private var discardedLineHasBytes = false
    private let tooLargeMessage: String

    /// Buffers bigger than this are released rather than kept for reuse.
    private static let reusableCapacity = 64 << 10
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    /// 0x0E in every byte: subtracting it borrows into a byte's top bit
    /// exactly when some byte is below 0x0E (and its own top bit is clear).
    private static let belowCarriageReturnBias: UInt64 = 0x0E0E_0E0E_0E0E_0E0E
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// A parser at the start of a stream, with `lastEventID` as its last
    /// event ID (empty: none): as if an earlier stream had set it, so the
    /// stream's events carry it until an `id` field sets another.
    public init(maximumEventSize: Int = SSEParser.defaultMaximumEventSize, lastEventID: String = "") {
        self.maximumEventSize = maximumEventSize
        self.lastEventID = lastEventID
        self.lastEventIDBuffer = lastEventID
        self.tooLargeMessage =
            "SSE event larger than \(Self.describe(byteCount: maximumEventSize)); discarded up to its blank line"
    }

    /// Parses the next read of the stream and appends what it completed to
    /// `outputs`.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, into outputs: inout [Output]) {
        let count = bytes.count
        var index = 0
        if !leadingBOM.isSettled {
            index = leadingBOM.consume(bytes, heldBackInto: &partialLine)
        }
        if skipsLineFeed && index < count {
            skipsLineFeed = false
            if bytes[index] == Self.lineFeed {
                index += 1
            }
        }
        while index < count {
            let end = Self.lineEnd(in: bytes, from: index)
            guard end < count else {
                keepPartialLine(UnsafeRawBufferPointer(rebasing: bytes[index..<count]), into: &outputs)
                break
            }
            completeLine(UnsafeRawBufferPointer(rebasing: bytes[index..<end]), in: bytes, into: &outputs)
            index = end + 1
            if bytes[end] == Self.carriageReturn {
                if index == count {
                    skipsLineFeed = true
                } else if bytes[index] == Self.lineFeed {
                    index += 1
                }
            }
        }
        keepFirstDataLine(from: bytes)
    }

    /// Parses the next read of the stream, given as any collection of bytes,
    /// and appends what it completed to `outputs`.
    public mutating func feed(_ bytes: some Collection<UInt8>, into outputs: inout [Output]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            feed(UnsafeRawBufferPointer(buffer), into: &outputs)
        }
        if done == nil {
            Array(bytes).withUnsafeBytes { feed($0, into: &outputs) }
        }
    }

    /// Parses the next read of the stream and returns what it completed.
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [Output] {
        var outputs: [Output] = []
        feed(bytes, into: &outputs)
        return outputs
    }

    /// Ends the stream: an incomplete event or line is discarded, as the
    /// Standard requires, and the parser is ready for the stream of a
    /// reconnection.
    ///
    /// ``lastEventID`` and ``reconnectionTime`` are kept; everything else
    /// starts afresh, including dropping a BOM at the start of the next
    /// stream. The next stream's last event ID buffer starts from
    /// ``lastEventID``, as browsers do, so its events carry the ID until the
    /// server sends a new one.
    ///
    /// - Returns: whether the stream ended inside a line or an event, whose
    ///   remains were discarded.
    @discardableResult
    public mutating func finish() -> Bool {
        let discarded =
            !partialLine.isEmpty || !dataBuffer.isEmpty || !eventTypeBuffer.isEmpty
            || lastEventIDBuffer != lastEventID || discardsEvent || leadingBOM.holdsBytes
        Self.clear(&partialLine)
        Self.clear(&dataBuffer)
        firstDataLine = nil
        eventTypeBuffer = ""
        lastEventIDBuffer = lastEventID
        leadingBOM = SSELeadingBOM()
        skipsLineFeed = false
        discardsEvent = false
        discardedLineHasBytes = false
        return discarded
    }

    /// The index of the first CR or LF at or after `start`, or `bytes.count`.
    ///
    /// Words of eight bytes none of which is below 0x0E (so neither CR nor
    /// LF) are skipped whole, four at a time while they last; the bytes from
    /// the first other word on are checked one by one.
    @inline(__always)
    private static func lineEnd(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while bytes.count - index >= 32 {
            let found =
                mayHoldLineEnd(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                | mayHoldLineEnd(bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self))
                | mayHoldLineEnd(bytes.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self))
                | mayHoldLineEnd(bytes.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
            if found != 0 { break }
            index += 32
        }
        while bytes.count - index >= 8 {
            if mayHoldLineEnd(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) != 0 { break }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte <= carriageReturn && (byte == lineFeed || byte == carriageReturn) {
                return index
            }
            index += 1
        }
        return index
    }

    /// Non-zero when some byte of `word` is below 0x0E, so possibly CR or LF.
    @inline(__always)
    private static func mayHoldLineEnd(_ word: UInt64) -> UInt64 {
        (word &- belowCarriageReturnBias) & ~word & highBits
    }

    /// Keeps the start of a line whose ending is in a later read.
    private mutating func keepPartialLine(_ bytes: UnsafeRawBufferPointer, into outputs: inout [Output]) {
        if discardsEvent {
            discardedLineHasBytes = true
        } else if bufferedDataCount + partialLine.count + bytes.count > maximumEventSize {
            discardEvent(lineHasBytes: true, into: &outputs)
        } else {
            partialLine.append(contentsOf: bytes)
        }
    }

    /// Handles a line whose ending just arrived; `bytes` is its part in the
    /// current read (`read`), after any start kept from earlier reads.
    private mutating func completeLine(
        _ bytes: UnsafeRawBufferPointer,
        in read: UnsafeRawBufferPointer,
        into outputs: inout [Output]
    ) {
        if discardsEvent {
            let isBlank = bytes.isEmpty && !discardedLineHasBytes
            discardedLineHasBytes = false
            if isBlank {
                endDiscardedEvent()
            }
            return
        }
        guard bufferedDataCount + partialLine.count + bytes.count <= maximumEventSize else {
            discardEvent(lineHasBytes: false, into: &outputs)
            return
        }
        if partialLine.isEmpty {
            process(SSELine(bytes), in: read, into: &outputs)
            return
        }
        var line: [UInt8] = []
        swap(&line, &partialLine)
        line.append(contentsOf: bytes)
        line.withUnsafeBytes { process(SSELine($0), in: nil, into: &outputs) }
        Self.clear(&line)
        swap(&line, &partialLine)
    }

    /// Handles one line; `read` is the read it lies in, or `nil` when it
    /// was put together from several reads (then nothing may point into it
    /// once this returns).
    private mutating func process(_ line: SSELine, in read: UnsafeRawBufferPointer?, into outputs: inout [Output]) {
        switch line {
        case .blank:
            dispatch(in: read, into: &outputs)
        case .comment(let text):
            outputs.append(.comment(Self.decode(text)))
        case .data(let value):
            if let read, let base = read.baseAddress, let start = value.baseAddress, dataBuffer.isEmpty,
                firstDataLine == nil
            {
                let offset = start - base
                firstDataLine = offset..<offset + value.count
            } else {
                if let read { keepFirstDataLine(from: read) }
                dataBuffer.append(contentsOf: value)
                dataBuffer.append(Self.lineFeed)
            }
        case .event(let value):
            eventTypeBuffer = Self.decode(value)
        case .id(let value):
            lastEventIDBuffer = Self.decode(value)
        case .retry(let milliseconds):
            reconnectionTime = milliseconds
            outputs.append(.retry(milliseconds: milliseconds))
        case .ignored:
            break
        }
    }

    /// The data bytes the current event holds so far, with a line feed
    /// after each line.
    private var bufferedDataCount: Int {
        dataBuffer.count + (firstDataLine.map { $0.count + 1 } ?? 0)
    }

    /// Copies the event's first data line out of `read` into `dataBuffer`
    /// (before the read goes away, or before a second data line).
    private mutating func keepFirstDataLine(from read: UnsafeRawBufferPointer) {
        guard let range = firstDataLine else { return }
        firstDataLine = nil
        dataBuffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: read[range]))
        dataBuffer.append(Self.lineFeed)
    }

    /// The Standard's "dispatch the event".
    private mutating func dispatch(in read: UnsafeRawBufferPointer?, into outputs: inout [Output]) {
        lastEventID = lastEventIDBuffer
        if let range = firstDataLine, let read {
            firstDataLine = nil
            let event = SSEEvent(
                type: eventTypeBuffer.isEmpty ? "message" : eventTypeBuffer,
                data: Self.decode(UnsafeRawBufferPointer(rebasing: read[range])),
                lastEventID: lastEventID
            )
            outputs.append(.event(event))
            eventTypeBuffer = ""
            return
        }
        guard !dataBuffer.isEmpty else {
            eventTypeBuffer = ""
            return
        }
        dataBuffer.removeLast()
        let event = SSEEvent(
            type: eventTypeBuffer.isEmpty ? "message" : eventTypeBuffer,
            data: String(decoding: dataBuffer, as: UTF8.self),
            lastEventID: lastEventID
        )
        outputs.append(.event(event))
        Self.clear(&dataBuffer)
        eventTypeBuffer = ""
    }

    /// Starts dropping the current event, which broke the size limit.
    private mutating func discardEvent(lineHasBytes: Bool, into outputs: inout [Output]) {
        outputs.append(.error(tooLargeMessage))
        discardsEvent = true
        discardedLineHasBytes = lineHasBytes
        partialLine = []
        dataBuffer = []
        firstDataLine = nil
        eventTypeBuffer = ""
    }

    /// The blank line after a discarded event: nothing is dispatched, and an
    /// `id` the event carried is dropped with it.
    private mutating func endDiscardedEvent() {
        discardsEvent = false
        lastEventIDBuffer = lastEventID
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        bytes.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
    }

    /// Empties a buffer, keeping its storage for reuse unless it is large.
    private static func clear(_ buffer: inout [UInt8]) {
        if buffer.capacity > reusableCapacity {
            buffer = []
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// A byte count for people: `16 MiB`, `64 KiB` or `1000 bytes`.
    private static func describe(byteCount: Int) -> String {
        if byteCount >= 1 << 20 && byteCount % (1 << 20) == 0 {
            return "\(byteCount >> 20) MiB"
        }
        if byteCount >= 1 << 10 && byteCount % (1 << 10) == 0 {
            return "\(byteCount >> 10) KiB"
        }
        return byteCount == 1 ? "1 byte" : "\(byteCount) bytes"
    }
}
