/// Where frames are shown and input comes from: the real terminal
/// (`NcursesBackend`) or memory (`InMemoryBackend`, for tests).
///
/// A backend is confined to one thread, the UI thread: create it, draw, read
/// and restore there.
public protocol TerminalBackend: AnyObject {
    /// The size of the screen; it changes when `readInput` returns a
    /// `.resize` key.
    var size: TerminalSize { get }

    /// Shows `buffer`, writing only the cells that changed since the last
    /// draw (all of them after a resize). A buffer of another size than the
    /// screen is cut or padded with blanks at the bottom right.
    func draw(_ buffer: CellBuffer)

    /// The keys, mouse events and resizes available now, without waiting;
    /// empty when there are none.
    func readInput() -> [Key]

    /// The file descriptor to `poll()` for input, or `nil` when input does
    /// not come from one. A resize interrupts `poll()` with `EINTR` (the
    /// terminal reports it with SIGWINCH): call `readInput` then too.
    var inputFileDescriptor: Int32? { get }

    /// Gives the terminal back in the state it was found. Calling it again
    /// does nothing; drawing and reading afterwards do nothing either.
    func restore()

    /// Hands the terminal back for a while (the process is about to stop,
    /// as on Ctrl-Z), keeping the screen's contents to show again.
    func suspend()

    /// Takes the terminal again after ``suspend()`` and repaints the whole
    /// screen.
    func resume()
}

extension TerminalBackend {
    /// A backend with no real terminal has nothing to hand back.
    public func suspend() {}

    /// A backend with no real terminal has nothing to take again.
    public func resume() {}
}
