/// A first-in, first-out buffer with O(1) append at the back, removal at the
/// front and random access.
///
/// Storage is a list of fixed-size chunks rather than one array that
/// doubles: growing never copies what is already stored, so appending the
/// millionth element costs what appending the first did (a doubling array
/// would stop to copy and zero ~100 MB at that size, which a UI feels as a
/// half-second stall), and memory is returned a chunk at a time as the
/// oldest elements go.
public struct RingBuffer<Element> {
    /// Elements per chunk (a power of two, so offsets split cheaply).
    static var chunkSize: Int { 4096 }

    private var chunks: [ContiguousArray<Element?>] = []
    /// Where the oldest element sits in the first chunk.
    private var head = 0
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// The element `offset` places after the oldest one.
    public subscript(offset: Int) -> Element {
        get {
            precondition(offset >= 0 && offset < count, "RingBuffer index out of range")
            let position = head + offset
            // The slot is always filled for offsets below `count`.
            return chunks[position / Self.chunkSize][position % Self.chunkSize].unsafelyUnwrapped
        }
        set {
            precondition(offset >= 0 && offset < count, "RingBuffer index out of range")
            let position = head + offset
            chunks[position / Self.chunkSize][position % Self.chunkSize] = newValue
        }
    }

    public mutating func append(_ element: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == Self.chunkSize {
            var chunk = ContiguousArray<Element?>()
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Removes and returns the oldest element.
    @discardableResult
    public mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = chunks[0][head]
        chunks[0][head] = nil
        head += 1
        count -= 1
        if head == Self.chunkSize || count == 0 {
            chunks.removeFirst()
            head = 0
        }
        return element
    }

    public mutating func removeAll() {
        chunks = []
        head = 0
        count = 0
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
