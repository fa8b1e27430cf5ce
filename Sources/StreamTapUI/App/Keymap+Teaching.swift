import StreamTapTerminal

extension Keymap {
    // swift-format-ignore
    /// The bindings of the fault menu, the compare view and explanations;
    /// every fault is also a palette entry of its own.
    static let teachingBindings: [KeyBinding] = [
        KeyBinding([.character("f")], .faultMenu, "Fault menu: break this connection on purpose", .global, hint: "faults"),
        KeyBinding([.character("=")], .compare, "Compare this connection with the next pane's, live", .global),
        KeyBinding([.character("e")], .explain, "Explain the selected item", .global, hint: "explain"),

        KeyBinding([.enter], .applyInput, "Inject the selected fault", .faultMenu, hint: "inject"),
        KeyBinding([.escape, .character("q"), .character("f")], .back, "Close the menu", .faultMenu, hint: "close"),
        KeyBinding([.character("j"), .down], .moveDown, "Next fault", .faultMenu, hint: "move"),
        KeyBinding([.character("k"), .up], .moveUp, "Previous fault", .faultMenu),

        KeyBinding([.escape, .character("q")], .back, "Close", .overlay, hint: "close"),
        KeyBinding([.character("j"), .down], .moveDown, "Scroll down", .overlay, hint: "scroll"),
        KeyBinding([.character("k"), .up], .moveUp, "Scroll up", .overlay),
    ] + Fault.allCases.map { KeyBinding([], .fault($0), "Fault: \($0.title)", .global) }
}
