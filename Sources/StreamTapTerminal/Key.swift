/// One input event: a key press, a mouse event or a terminal resize.
///
/// Control characters arrive as their keys (`\r` is `.enter`, `\u{3}` is
/// `.ctrl("c")`), never as `.character`. A terminal cannot tell Ctrl+H from
/// Backspace, Ctrl+I from Tab nor Ctrl+M and Ctrl+J from Enter, so those are
/// `.backspace`, `.tab` and `.enter`.
public enum Key: Sendable, Hashable {
    /// A printable character, including space and any Unicode scalar that is
    /// not a control.
    case character(Character)
    case enter
    case tab
    /// Shift+Tab.
    case backTab
    case backspace
    case escape
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    case insert
    case delete
    /// F1–F12.
    case function(Int)
    /// Ctrl with a letter `a`–`z` (always lower case), or with `" "`, `\`,
    /// `]`, `^` or `_`.
    case ctrl(Character)
    /// Alt (or Meta) with a printable character, sent as ESC before it.
    case alt(Character)
    /// A key with modifiers that have no case of their own: Shift+Up,
    /// Ctrl+Left, Alt+Backspace, Ctrl+Shift+F5…
    indirect case modified(Key, KeyModifiers)
    case mouse(MouseEvent)
    /// The terminal now has this size.
    case resize(TerminalSize)
}

/// Modifier keys held with a key or a mouse event.
public struct KeyModifiers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let shift = KeyModifiers(rawValue: 1 << 0)
    public static let alt = KeyModifiers(rawValue: 1 << 1)
    public static let ctrl = KeyModifiers(rawValue: 1 << 2)

    /// The modifiers of an xterm modifier parameter (`ESC[1;5A`: 5 is
    /// Ctrl): one plus a bit mask of Shift 1, Alt 2, Ctrl 4, Meta 8 (read as
    /// Alt).
    init(xtermParameter parameter: Int) {
        let bits = max(0, parameter - 1)
        var modifiers: KeyModifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & (2 | 8) != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.ctrl) }
        self = modifiers
    }
}

/// A mouse button, wheel or motion event at a cell of the screen.
public struct MouseEvent: Sendable, Hashable {
    public enum Button: Sendable, Hashable {
        case left
        case middle
        case right
        /// Buttons beyond the wheel, numbered as X11 does (8 and up).
        case other(Int)
    }

    public enum Kind: Sendable, Hashable {
        case press(Button)
        case release(Button)
        /// Motion with a button held.
        case drag(Button)
        /// Motion with no button held.
        case move
        case scrollUp
        case scrollDown
        case scrollLeft
        case scrollRight
    }

    public var kind: Kind
    /// Column, from 0 at the left.
    public var x: Int
    /// Row, from 0 at the top.
    public var y: Int
    public var modifiers: KeyModifiers

    public init(_ kind: Kind, x: Int, y: Int, modifiers: KeyModifiers = []) {
        self.kind = kind
        self.x = x
        self.y = y
        self.modifiers = modifiers
    }
}
