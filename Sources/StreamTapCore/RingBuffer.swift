/// A first-in, first-out buffer with O(1) append at the back, removal at the
/// front and random access.
///
/// Storage is a list of fixed-size chunks rather than one array that
/// doubles: growing never copies what is already stored, so appending the
/// millionth element costs what appending the first did (a doubling array
/// would stop to copy and zero ~100 MB at that size, which a UI feels as a
/// half-second stall), and memory is returned a chunk at a time as the
/// oldest elements go. A chunk holds its elements unwrapped (an array of
/// optionals would add 8 bytes to every `Int`), and is copied only when a
/// copy of the buffer that shares it is changed, as `Array` is.
public struct RingBuffer<Element> {
    /// Elements per chunk (a power of two, so offsets split cheaply).
    @usableFromInline static var chunkSize: Int { 4096 }

    @usableFromInline var chunks: ContiguousArray<RingBufferChunk<Element>> = []
    /// Where the oldest element sits in the first chunk.
    @usableFromInline var head = 0
    /// How many elements are stored (internal storage that inlined code
    /// may change).
    @usableFromInline var storedCount = 0

    @inlinable
    public var count: Int { storedCount }

    @inlinable
    public init() {}

    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// The element `offset` places after the oldest one.
    @inlinable
    public subscript(offset: Int) -> Element {
        get {
            precondition(offset >= 0 && offset < count, "RingBuffer index out of range")
            let position = head + offset
            return chunks[position / Self.chunkSize].element(at: position % Self.chunkSize)
        }
        set {
            precondition(offset >= 0 && offset < count, "RingBuffer index out of range")
            let position = head + offset
            let chunk = position / Self.chunkSize
            makeUnique(chunk)
            chunks[chunk].replace(at: position % Self.chunkSize, with: newValue)
        }
    }

    @inlinable
    public mutating func append(_ element: Element) {
        if chunks.isEmpty || chunks[chunks.count - 1].end == Self.chunkSize {
            chunks.append(RingBufferChunk.create(capacity: Self.chunkSize))
        } else {
            makeUnique(chunks.count - 1)
        }
        chunks[chunks.count - 1].append(element)
        storedCount += 1
    }

    /// Removes and returns the oldest element.
    @inlinable @discardableResult
    public mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        makeUnique(0)
        let element = chunks[0].removeFirst()
        head += 1
        storedCount -= 1
        releaseFirstChunkIfDone()
        return element
    }

    /// Moves up to `limit` of the oldest elements, oldest first, to the end
    /// of `target`, a chunk's run at a time.
    @inlinable
    public mutating func removeFirst(_ limit: Int, into target: inout [Element]) {
        var remaining = min(max(0, limit), count)
        while remaining > 0 {
            makeUnique(0)
            let taken = chunks[0].moveFirst(remaining, into: &target)
            head += taken
            storedCount -= taken
            remaining -= taken
            releaseFirstChunkIfDone()
        }
    }

    /// Drops the first chunk once its last slot was taken, or the buffer
    /// is empty. The only chunk of a buffer that emptied is kept for the
    /// next append when this buffer alone holds it: a queue that keeps
    /// emptying (the UI's inbox between bursts) would otherwise allocate
    /// and free a chunk every time.
    @inlinable
    mutating func releaseFirstChunkIfDone() {
        guard head == Self.chunkSize || count == 0 else { return }
        if count == 0, chunks.count == 1, isKnownUniquelyReferenced(&chunks[0]) {
            chunks[0].reset()
        } else {
            chunks.removeFirst()
        }
        head = 0
    }

    @inlinable
    public mutating func removeAll() {
        chunks = []
        head = 0
        storedCount = 0
    }

    /// Gives chunk `index` to this buffer alone before it is changed.
    @inlinable
    mutating func makeUnique(_ index: Int) {
        if !isKnownUniquelyReferenced(&chunks[index]) {
            chunks[index] = chunks[index].copy()
        }
    }
}

/// A ring buffer is a value whose chunks are only changed once it alone
/// holds them (`makeUnique`), so copies sent to other threads never share
/// mutable storage, as with `Array`.
extension RingBuffer: @unchecked Sendable where Element: Sendable {}

/// One chunk of a ``RingBuffer``: room for a fixed number of elements, of
/// which the slots `live` hold initialised ones (the oldest are removed
/// from the front, new ones appended at the back).
@usableFromInline
final class RingBufferChunk<Element>: ManagedBuffer<Range<Int>, Element> {
    @inlinable
    static func create(capacity: Int) -> RingBufferChunk {
        // `create` returns a `ManagedBuffer` whose dynamic type is `Self`.
        unsafeDowncast(create(minimumCapacity: capacity) { _ in 0..<0 }, to: RingBufferChunk.self)
    }

    /// One past the newest element's slot (the capacity may be larger
    /// than asked for; the ring buffer fills a chunk only to its own size).
    @inlinable
    var end: Int { header.upperBound }

    @inlinable
    func element(at slot: Int) -> Element {
        withUnsafeMutablePointerToElements { $0[slot] }
    }

    @inlinable
    func replace(at slot: Int, with element: Element) {
        withUnsafeMutablePointerToElements { $0[slot] = element }
    }

    @inlinable
    func append(_ element: Element) {
        let slot = header.upperBound
        withUnsafeMutablePointerToElements { ($0 + slot).initialize(to: element) }
        header = header.lowerBound..<slot + 1
    }

    /// Moves up to `limit` of the oldest elements to the end of `target`;
    /// returns how many.
    @inlinable
    func moveFirst(_ limit: Int, into target: inout [Element]) -> Int {
        let live = header
        let taken = min(limit, live.count)
        withUnsafeMutablePointerToElements { elements in
            let run = UnsafeMutableBufferPointer(start: elements + live.lowerBound, count: taken)
            target.append(contentsOf: run)
            _ = run.deinitialize()
        }
        header = live.lowerBound + taken..<live.upperBound
        return taken
    }

    @inlinable
    func removeFirst() -> Element {
        let slot = header.lowerBound
        header = slot + 1..<header.upperBound
        return withUnsafeMutablePointerToElements { ($0 + slot).move() }
    }

    /// Empties a chunk whose elements were all removed, to fill it again
    /// from its first slot.
    @inlinable
    func reset() {
        precondition(header.isEmpty, "only an empty chunk is reset")
        header = 0..<0
    }

    /// A chunk with the same capacity and elements.
    @inlinable
    func copy() -> RingBufferChunk {
        let copy = RingBufferChunk.create(capacity: capacity)
        let live = header
        withUnsafeMutablePointerToElements { source in
            copy.withUnsafeMutablePointerToElements { target in
                (target + live.lowerBound).initialize(from: source + live.lowerBound, count: live.count)
            }
        }
        copy.header = live
        return copy
    }

    deinit {
        let live = header
        _ = withUnsafeMutablePointerToElements { ($0 + live.lowerBound).deinitialize(count: live.count) }
    }
}
