/// A first-in, first-out buffer with O(1) append at the back, removal at the
/// front and random access, growing its storage by doubling.
public struct RingBuffer<Element> {
    private var storage: ContiguousArray<Element?> = []
    private var head = 0
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// The element `offset` places after the oldest one.
    public subscript(offset: Int) -> Element {
        get {
            precondition(offset >= 0 && offset < count, "RingBuffer index out of range")
            // The slot is always filled for offsets below `count`.
            return storage[(head + offset) % storage.count].unsafelyUnwrapped
        }
        set {
            precondition(offset >= 0 && offset < count, "RingBuffer index out of range")
            storage[(head + offset) % storage.count] = newValue
        }
    }

    public mutating func append(_ element: Element) {
        if count == storage.count { grow() }
        storage[(head + count) % storage.count] = element
        count += 1
    }

    /// Removes and returns the oldest element.
    @discardableResult
    public mutating func removeFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        return element
    }

    public mutating func removeAll() {
        storage = []
        head = 0
        count = 0
    }

    private mutating func grow() {
        var larger = ContiguousArray<Element?>(repeating: nil, count: Swift.max(16, storage.count * 2))
        for offset in 0..<count {
            larger[offset] = storage[(head + offset) % storage.count]
        }
        storage = larger
        head = 0
    }
}

extension RingBuffer: Sendable where Element: Sendable {}
