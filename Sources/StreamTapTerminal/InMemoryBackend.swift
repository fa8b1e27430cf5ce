/// A terminal in memory, for tests: it keeps what was drawn so a test can
/// assert on what a person would see, takes scripted input, and can be
/// resized.
public final class InMemoryBackend: TerminalBackend {
    public private(set) var size: TerminalSize
    /// What the screen shows: the last frame drawn, as the screen's size.
    public private(set) var screen: CellBuffer
    /// The changes the last `draw` wrote (`nil` before the first).
    public private(set) var lastDiff: BufferDiff?
    public private(set) var drawCount = 0
    public private(set) var isRestored = false
    private var input: [Key] = []
    private var decoder = KeyDecoder()

    /// A blank screen of `size`.
    public init(size: TerminalSize) {
        self.size = size
        self.screen = CellBuffer(size: size)
    }

    public func draw(_ buffer: CellBuffer) {
        guard !isRestored else {
            return
        }
        let frame = buffer.size == size ? buffer : buffer.resized(to: size)
        let diff = BufferDiff(from: screen, to: frame)
        screen = diff.applied(to: screen)
        lastDiff = diff
        drawCount += 1
    }

    public func readInput() -> [Key] {
        defer { input.removeAll() }
        return isRestored ? [] : input
    }

    public var inputFileDescriptor: Int32? { nil }

    public func restore() {
        isRestored = true
    }

    /// Changes the screen size, as a terminal window resized by the user:
    /// the next `readInput` returns `.resize(size)` and the next `draw`
    /// redraws everything.
    public func resize(to size: TerminalSize) {
        self.size = size
        input.append(.resize(size))
    }

    /// Queues keys for the next `readInput`.
    public func enqueue(_ keys: Key...) {
        input.append(contentsOf: keys)
    }

    /// Queues the keys that a terminal sending `bytes` would produce, as
    /// decoded by `KeyDecoder` with nothing more pending afterwards.
    public func enqueue(bytes: some Sequence<UInt8>) {
        input.append(contentsOf: decoder.feed(bytes))
        input.append(contentsOf: decoder.flush())
    }

    /// The screen as text; see `CellBuffer.snapshot()`.
    public func snapshot() -> String {
        screen.snapshot()
    }

    /// The screen as text with styles; see `CellBuffer.styledSnapshot()`.
    public func styledSnapshot() -> String {
        screen.styledSnapshot()
    }
}

@available(*, unavailable)
extension InMemoryBackend: Sendable {}
