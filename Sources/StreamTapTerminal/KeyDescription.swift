extension Key: CustomStringConvertible {
    /// How the key is written in help text and the status bar: `q`, `Space`,
    /// `Enter`, `Ctrl+C`, `Alt+x`, `Shift+Up`, `Ctrl+Alt+Del`, `F5`.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): InertText.sanitize(String(character))
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "Shift+Tab"
        case .backspace: "Backspace"
        case .escape: "Esc"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .function(let number): "F\(number)"
        case .ctrl(" "): "Ctrl+Space"
        case .ctrl(let character): "Ctrl+" + InertText.sanitize(character.uppercased())
        case .alt(" "): "Alt+Space"
        case .alt(let character): "Alt+" + InertText.sanitize(String(character))
        case .modified(let key, let modifiers): modifiers.prefix + key.description
        case .mouse(let event): event.description
        case .resize(let size): "Resize \(size)"
        }
    }
}

extension KeyModifiers {
    /// `Ctrl+Alt+Shift+` style, in that order.
    var prefix: String {
        [(KeyModifiers.ctrl, "Ctrl+"), (.alt, "Alt+"), (.shift, "Shift+")]
            .filter { contains($0.0) }
            .map(\.1)
            .joined()
    }
}

extension MouseEvent: CustomStringConvertible {
    /// E.g. `Ctrl+Mouse press left at 3,4`.
    public var description: String {
        let what: String
        switch kind {
        case .press(let button): what = "press \(button)"
        case .release(let button): what = "release \(button)"
        case .drag(let button): what = "drag \(button)"
        case .move: what = "move"
        case .scrollUp: what = "scroll up"
        case .scrollDown: what = "scroll down"
        case .scrollLeft: what = "scroll left"
        case .scrollRight: what = "scroll right"
        }
        return modifiers.prefix + "Mouse \(what) at \(x),\(y)"
    }
}

extension MouseEvent.Button: CustomStringConvertible {
    public var description: String {
        switch self {
        case .left: "left"
        case .middle: "middle"
        case .right: "right"
        case .other(let number): "button \(number)"
        }
    }
}
