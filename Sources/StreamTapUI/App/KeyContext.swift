/// Where the keyboard is: which part of the keymap applies.
public enum KeyContext: Sendable, Hashable, CaseIterable {
    /// Everywhere, after the more specific context.
    case global
    /// A pane's event list.
    case events
    /// A scrollable document: the inspector, handshake, timeline or
    /// assembled answer.
    case document
    /// The inspector, on top of `document`.
    case inspector
    /// The composer's editor.
    case composer
    /// The filter input.
    case filterInput
    /// The command palette.
    case palette
    /// The help overlay.
    case help
    /// The fault menu.
    case faultMenu
    /// The compare view and explanations.
    case overlay

    /// The heading of this context in the help overlay.
    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .events: "Event list"
        case .document: "Inspector, handshake, timeline, answer"
        case .inspector: "Inspector"
        case .composer: "Composer"
        case .filterInput: "Filter input"
        case .palette: "Command palette"
        case .help: "Help"
        case .faultMenu: "Fault menu"
        case .overlay: "Compare and explain"
        }
    }

    /// Whether printable keys type text here (so global letter keys do not
    /// apply).
    public var takesText: Bool {
        switch self {
        case .composer, .filterInput, .palette: true
        default: false
        }
    }
}
