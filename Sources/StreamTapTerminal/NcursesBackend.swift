import CNcurses

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw.
///
/// Starting it takes over the terminal: raw mode (Ctrl+C, Ctrl+Z and Ctrl+S
/// arrive as keys), no echo, keypad decoding, no cursor, the alternate
/// screen, colours (256 when the terminal has them), and mouse reporting
/// when asked. `restore()` (also run on deinit) gives the terminal back.
/// Never write to standard output or error in between.
///
/// If the locale's character set is not UTF-8, the character-type locale is
/// set to C.UTF-8 so wide and combining characters draw as measured.
///
/// Use it from one thread only; ncurses is not thread-safe.
public final class NcursesBackend: TerminalBackend {
    public private(set) var size: TerminalSize
    public var inputFileDescriptor: Int32? { STDIN_FILENO }
    private var screen: OpaquePointer?
    private let mouse: Bool
    private let colorsEnabled: Bool
    private let hasDefaultColors: Bool
    private var pairs: ColorPairTable
    /// What the screen shows; `nil` when it must be redrawn whole.
    private var shown: CellBuffer?
    private var decoder = KeyDecoder()

    /// Takes over the terminal on standard input and output.
    ///
    /// - Parameters:
    ///   - colors: `false` draws without colour (for `NO_COLOR`); attributes
    ///     such as bold and reverse still apply.
    ///   - mouse: whether to report clicks and the wheel. Reporting stops the
    ///     terminal's own text selection unless Shift is held.
    ///   - terminalType: the terminfo name to use; `nil` reads `TERM`.
    /// - Throws: `TerminalBackendError` when standard input or output is not
    ///   a terminal or the terminal type is unknown or cannot position the
    ///   cursor. The terminal is left untouched then.
    public init(colors: Bool = true, mouse: Bool = true, terminalType: String? = nil) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalBackendError.notATerminal
        }
        setlocale(LC_ALL, "")
        if String(cString: nl_langinfo(nl_item(CODESET))).uppercased() != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        let name = terminalType ?? getenv("TERM").map { String(cString: $0) } ?? ""
        guard !name.isEmpty, let screen = streamtap_newterm(name) else {
            throw TerminalBackendError.unknownTerminal(name)
        }
        guard streamtap_can_position_cursor() else {
            endwin()
            delscreen(screen)
            throw TerminalBackendError.cannotPositionCursor(name)
        }
        self.screen = screen
        self.mouse = mouse
        raw()
        noecho()
        nonl()
        set_escdelay(25)
        curs_set(0)
        colorsEnabled = colors && has_colors()
        hasDefaultColors = colorsEnabled && start_color() == OK && use_default_colors() == OK
        pairs = ColorPairTable(capacity: colorsEnabled ? Int(streamtap_color_pairs()) : 1)
        if mouse {
            mousemask(streamtap_mouse_events(), nil)
            mouseinterval(0)
        }
        size = TerminalSize(columns: Int(streamtap_cols()), rows: Int(streamtap_lines()))
        configureWindow()
    }

    deinit {
        restore()
    }

    public func draw(_ buffer: CellBuffer) {
        guard screen != nil, let window = streamtap_stdscr() else {
            return
        }
        let frame = buffer.size == size ? buffer : buffer.resized(to: size)
        let diff = BufferDiff(from: shown, to: frame)
        if diff.isFullRedraw {
            werase(window)
        }
        for run in diff.runs {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                put(cell, x: run.x + offset, y: run.y)
            }
        }
        wrefresh(window)
        shown = frame
    }

    public func readInput() -> [Key] {
        guard screen != nil, let window = streamtap_stdscr() else {
            return []
        }
        var keys: [Key] = []
        var character: wint_t = 0
        while true {
            let result = wget_wch(window, &character)
            if result == KEY_CODE_YES {
                keys += decoder.flush()
                keys += keyCodeEvents(Int32(bitPattern: character))
            } else if result == OK {
                keys += decoder.feed(Unicode.Scalar(character).map { Array(String($0).utf8) } ?? [])
            } else {
                break
            }
        }
        return keys + decoder.flush()
    }

    public func restore() {
        guard let screen else {
            return
        }
        self.screen = nil
        if mouse {
            mousemask(0, nil)
        }
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    public func suspend() {
        guard screen != nil else {
            return
        }
        if mouse {
            mousemask(0, nil)
        }
        curs_set(1)
        endwin()
    }

    public func resume() {
        guard screen != nil, let window = streamtap_stdscr() else {
            return
        }
        if mouse {
            mousemask(streamtap_mouse_events(), nil)
        }
        curs_set(0)
        wredrawln(window, 0, streamtap_lines())
        wrefresh(window)
        configureWindow()
    }

    /// Input settings that belong to the window, applied again after a
    /// resize.
    private func configureWindow() {
        guard let window = streamtap_stdscr() else {
            return
        }
        keypad(window, true)
        nodelay(window, true)
        wtimeout(window, 0)
        leaveok(window, true)
    }

    private func keyCodeEvents(_ code: Int32) -> [Key] {
        switch code {
        case KEY_RESIZE:
            size = TerminalSize(columns: Int(streamtap_cols()), rows: Int(streamtap_lines()))
            configureWindow()
            shown = nil
            return [.resize(size)]
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK,
                let mouseEvent = NcursesKeyMap.mouseEvent(state: event.bstate, x: event.x, y: event.y)
            else {
                return []
            }
            return [.mouse(mouseEvent)]
        default:
            let name = keyname(code).map { String(cString: $0) }
            return NcursesKeyMap.key(forCode: code, name: name).map { [$0] } ?? []
        }
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        guard x < size.columns, y < size.rows else {
            return
        }
        let (attributes, pair) = attributesAndPair(for: cell.style)
        let glyph = NcursesGlyph(cell)
        streamtap_put_cell(Int32(y), Int32(x), glyph.characters, attributes, pair)
        if glyph.padded && x + 1 < size.columns {
            streamtap_put_cell(Int32(y), Int32(x + 1), [wchar_t(UInt8(ascii: " ")), 0], attributes, pair)
        }
    }

    private func attributesAndPair(for style: Style) -> (attr_t, Int16) {
        let flags: [(Style.Attributes, attr_t)] = [
            (.bold, streamtap_a_bold()), (.dim, streamtap_a_dim()), (.italic, streamtap_a_italic()),
            (.underline, streamtap_a_underline()), (.reverse, streamtap_a_reverse()),
        ]
        let attributes = flags.reduce(attr_t(0)) { style.attributes.contains($1.0) ? $0 | $1.1 : $0 }
        guard colorsEnabled else {
            return (attributes, 0)
        }
        let paletteSize = Int(streamtap_colors())
        let colors = ColorPairTable.Colors(
            foreground: colorNumber(style.foreground, paletteSize: paletteSize, fallback: 7),
            background: colorNumber(style.background, paletteSize: paletteSize, fallback: 0)
        )
        let (pair, isNew) = pairs.number(for: colors)
        if isNew {
            init_pair(pair, colors.foreground, colors.background)
        }
        return (attributes, pair)
    }

    /// The palette number for `color`: -1 for the terminal default when the
    /// terminal has one, `fallback` otherwise.
    private func colorNumber(_ color: Color, paletteSize: Int, fallback: Int16) -> Int16 {
        if let index = color.paletteIndex(forPaletteSize: paletteSize) {
            return Int16(index)
        }
        return hasDefaultColors ? -1 : fallback
    }
}

@available(*, unavailable)
extension NcursesBackend: Sendable {}
