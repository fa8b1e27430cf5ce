import CNcurses

/// ncurses key codes (`KEY_*` from `wget_wch`) and mouse states as `Key`s.
enum NcursesKeyMap {
    /// The key for a key code; `name` is ncurses' `keyname(code)`, which
    /// identifies the modified keys that terminfo defines as extended codes
    /// (`kUP5` is Ctrl+Up). `nil` for codes with no meaning here.
    static func key(forCode code: Int32, name: String?) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_SR: return .modified(.up, .shift)
        case KEY_SF: return .modified(.down, .shift)
        case KEY_SLEFT: return .modified(.left, .shift)
        case KEY_SRIGHT: return .modified(.right, .shift)
        case KEY_SHOME: return .modified(.home, .shift)
        case KEY_SEND: return .modified(.end, .shift)
        case KEY_SPREVIOUS: return .modified(.pageUp, .shift)
        case KEY_SNEXT: return .modified(.pageDown, .shift)
        case KEY_SIC: return .modified(.insert, .shift)
        case KEY_SDC: return .modified(.delete, .shift)
        case KEY_F0 + 1...KEY_F0 + 63: return functionKey(code - KEY_F0)
        default: return name.flatMap(extendedKey(named:))
        }
    }

    /// F1–F63: ncurses numbers shifted function keys on from F13, in groups
    /// of 12: Shift, Ctrl, Ctrl+Shift, Alt, Alt+Shift (xterm's terminfo).
    private static func functionKey(_ number: Int32) -> Key {
        let groups: [KeyModifiers] = [[], .shift, .ctrl, [.ctrl, .shift], .alt, [.alt, .shift]]
        let modifiers = groups[Int(number - 1) / 12]
        let key = Key.function(Int(number - 1) % 12 + 1)
        return modifiers.isEmpty ? key : .modified(key, modifiers)
    }

    /// Extended key names: a terminfo capability name and an xterm modifier
    /// digit, e.g. `kRIT3` (Alt+Right), `kDC5` (Ctrl+Delete).
    private static func extendedKey(named name: String) -> Key? {
        let keys: [String: Key] = [
            "kUP": .up, "kDN": .down, "kLFT": .left, "kRIT": .right, "kHOM": .home, "kEND": .end, "kPRV": .pageUp,
            "kNXT": .pageDown, "kIC": .insert, "kDC": .delete,
        ]
        guard let digit = name.last?.wholeNumberValue, (2...8).contains(digit),
            let key = keys[String(name.dropLast())]
        else {
            return nil
        }
        return .modified(key, KeyModifiers(xtermParameter: digit))
    }

    /// The mouse event an ncurses mouse state reports, or `nil` for states
    /// that are not handled (motion, which is not requested). A click (a
    /// press and its release that arrived in one read, which ncurses merges
    /// even with a mouse interval of 0) counts as the press.
    static func mouseEvent(state: mmask_t, x: Int32, y: Int32) -> MouseEvent? {
        var modifiers: KeyModifiers = []
        if state & streamtap_button_shift() != 0 { modifiers.insert(.shift) }
        if state & streamtap_button_ctrl() != 0 { modifiers.insert(.ctrl) }
        if state & streamtap_button_alt() != 0 { modifiers.insert(.alt) }
        let kinds: [(Int32, Bool, MouseEvent.Kind)] = [
            (1, true, .press(.left)), (1, false, .release(.left)), (2, true, .press(.middle)),
            (2, false, .release(.middle)), (3, true, .press(.right)), (3, false, .release(.right)),
            (4, true, .scrollUp), (5, true, .scrollDown),
        ]
        let clicks: [(Int32, MouseEvent.Kind)] = [(1, .press(.left)), (2, .press(.middle)), (3, .press(.right))]
        guard
            let kind = kinds.first(where: { state & streamtap_button_mask($0.0, $0.1) != 0 })?.2
                ?? clicks.first(where: { state & streamtap_button_clicked_mask($0.0) != 0 })?.1
        else {
            return nil
        }
        return MouseEvent(kind, x: Int(max(0, x)), y: Int(max(0, y)), modifiers: modifiers)
    }
}
