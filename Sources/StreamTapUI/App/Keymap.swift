import StreamTapTerminal

/// One key binding: the keys, what they do, where, and how it is described.
public struct KeyBinding: Sendable, Equatable {
    public var keys: [Key]
    public var command: Command
    /// What the binding does, for help and the command palette.
    public var description: String
    public var context: KeyContext
    /// A word or two for the status bar, which suggests the binding in its
    /// context; `nil` keeps it out of the status bar.
    public var hint: String?

    public init(_ keys: [Key], _ command: Command, _ description: String, _ context: KeyContext, hint: String? = nil) {
        self.keys = keys
        self.command = command
        self.description = description
        self.context = context
        self.hint = hint
    }

    /// The keys as written in help: `j/Down`.
    public var keyLabel: String {
        keys.map(Keymap.label(for:)).joined(separator: "/")
    }
}

/// The one table of key bindings. The status bar hints, the help overlay
/// and the command palette are all generated from it.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding] = Keymap.standardBindings) {
        self.bindings = bindings
    }

    /// The command for `key` in `context`: the context's own bindings
    /// first, then (except for typed characters in a text context) the
    /// global ones.
    public func command(for key: Key, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.command
            }
        }
        if contexts.contains(where: \.takesText), case .character = key {
            return nil
        }
        return bindings.first { $0.context == .global && $0.keys.contains(key) }?.command
    }

    /// The bindings the status bar suggests for `contexts` (most specific
    /// first), then the global ones.
    public func hints(for contexts: [KeyContext]) -> [KeyBinding] {
        let specific = contexts.flatMap { context in bindings.filter { $0.context == context && $0.hint != nil } }
        let shadowed = Set(contexts.flatMap { context in bindings.filter { $0.context == context }.flatMap(\.keys) })
        let global = bindings.filter { binding in
            binding.context == .global && binding.hint != nil && !binding.keys.contains { shadowed.contains($0) }
        }
        return specific + (contexts.contains(where: \.takesText) ? global.filter { !$0.hasCharacterKey } : global)
    }

    /// The bindings of `context`, in table order.
    public func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { $0.context == context }
    }

    /// How a key is written in hints and help; a few read better than their
    /// `Key.description` (`↑`, `PgDn`).
    public static func label(for key: Key) -> String {
        switch key {
        case .up: "Up"
        case .down: "Down"
        default: key.description
        }
    }

    // swift-format-ignore
    /// The standard bindings.
    public static let standardBindings: [KeyBinding] = [
        KeyBinding([.character("q"), .ctrl("c")], .quit, "Quit", .global, hint: "quit"),
        KeyBinding([.character("?"), .function(1)], .help, "Help: every key", .global, hint: "help"),
        KeyBinding([.character(":")], .palette, "Command palette", .global, hint: "commands"),
        KeyBinding([.tab], .nextPane, "Focus the next pane", .global, hint: "next pane"),
        KeyBinding([.backTab], .previousPane, "Focus the previous pane", .global),
        KeyBinding([.character("v")], .toggleSplit, "Split side by side / stacked", .global),
        KeyBinding([.character("z")], .zoom, "Show only the focused pane (toggle)", .global),
        KeyBinding([.character("r")], .reconnect, "Reconnect now", .global),
        KeyBinding([.character("C")], .closeConnection, "Close the connection (1000)", .global),
        KeyBinding([], .connectPrompt, "Connect to a URL…", .global),
        KeyBinding([.character("R")], .toggleAutoReconnect, "Toggle auto-reconnect", .global),
        KeyBinding([.character("P")], .toggleAutoPong, "Toggle automatic pong", .global),
        KeyBinding([], .toggleRecording, "Record the session to a file / stop recording", .global),
        KeyBinding([], .commandLines, "Copy as command: this connection for websocat, wscat, curl", .global),

        KeyBinding([.character("j"), .down], .moveDown, "Next event", .events),
        KeyBinding([.character("k"), .up], .moveUp, "Previous event (pauses following)", .events),
        KeyBinding([.pageDown], .pageDown, "Page down", .events),
        KeyBinding([.pageUp], .pageUp, "Page up", .events),
        KeyBinding([.ctrl("d")], .halfPageDown, "Half a page down", .events),
        KeyBinding([.ctrl("u")], .halfPageUp, "Half a page up", .events),
        KeyBinding([.character("g"), .home], .top, "Oldest event", .events),
        KeyBinding([.character("G"), .end], .bottom, "Newest event, follow new ones", .events),
        KeyBinding([.enter], .open, "Inspect the selected event", .events, hint: "inspect"),
        KeyBinding([.character("/")], .filter, "Filter or search text", .events, hint: "filter"),
        KeyBinding([.escape], .clearFilter, "Clear the filter text", .events),
        KeyBinding([.character("n")], .nextMatch, "Next match", .events),
        KeyBinding([.character("N")], .previousMatch, "Previous match", .events),
        KeyBinding([.character("d")], .cycleDirection, "Show in+out / in / out", .events),
        KeyBinding([.character("1")], .toggleCategory(.data), "Show/hide messages and SSE events", .events),
        KeyBinding([.character("2")], .toggleCategory(.control), "Show/hide ping, pong, close frames", .events),
        KeyBinding([.character("3")], .toggleCategory(.lifecycle), "Show/hide connection events", .events),
        KeyBinding([.character("4")], .toggleCategory(.frames), "Show/hide data frames", .events),
        KeyBinding([.character("i"), .character("c")], .compose, "Compose a message", .events, hint: "send"),
        KeyBinding([.character("h")], .handshake, "Handshake", .events, hint: "handshake"),
        KeyBinding([.character("t")], .timeline, "Timeline", .events, hint: "timeline"),
        KeyBinding(
            [.character("a")],
            .assembled,
            "A model's answer put together, with its figures",
            .events,
            hint: "answer"
        ),
        KeyBinding([.character("x")], .clearEvents, "Clear the events", .events),

        KeyBinding([.character("x")], .toggleHex, "Hex dump / text", .inspector, hint: "hex/text"),
        KeyBinding(
            [.character("d")],
            .cycleDecoder,
            "Decode the payload: MessagePack / CBOR / protobuf / none",
            .inspector,
            hint: "decode"
        ),
        KeyBinding([.character("]")], .nextEvent, "Next event", .inspector, hint: "next"),
        KeyBinding([.character("[")], .previousEvent, "Previous event", .inspector),

        KeyBinding([.escape], .back, "Back to the events", .document, hint: "back"),
        KeyBinding([.character("j"), .down], .moveDown, "Scroll down", .document, hint: "scroll"),
        KeyBinding([.character("k"), .up], .moveUp, "Scroll up", .document),
        KeyBinding([.pageDown, .ctrl("d")], .pageDown, "Page down", .document),
        KeyBinding([.pageUp, .ctrl("u")], .pageUp, "Page up", .document),
        KeyBinding([.character("g"), .home], .top, "Top", .document),
        KeyBinding([.character("G"), .end], .bottom, "Bottom", .document),
        KeyBinding([.character("h")], .handshake, "Handshake", .document),
        KeyBinding([.character("t")], .timeline, "Timeline", .document),
        KeyBinding([.character("a")], .assembled, "A model's answer put together", .document),

        KeyBinding([.ctrl("s"), .modified(.enter, .alt), .modified(.enter, .ctrl)], .send, "Send", .composer, hint: "send"),
        KeyBinding([.tab], .cycleComposerMode, "Send as: text, json, hex, base64, ping, close", .composer, hint: "mode"),
        KeyBinding([.escape], .back, "Leave the composer", .composer, hint: "leave"),
        KeyBinding([.up], .moveUp, "Line up; on the first line, older history", .composer),
        KeyBinding([.down], .moveDown, "Line down; on the last line, newer history", .composer),

        KeyBinding([.enter], .applyInput, "Apply", .filterInput, hint: "apply"),
        KeyBinding([.escape], .back, "Cancel", .filterInput, hint: "cancel"),
        KeyBinding([.ctrl("r")], .toggleRegex, "Text / regular expression", .filterInput, hint: "regex"),
        KeyBinding([.ctrl("t")], .toggleFilterMode, "Hide non-matching / only mark matches", .filterInput, hint: "filter/search"),

        KeyBinding([.enter], .applyInput, "Run the selected command", .palette, hint: "run"),
        KeyBinding([.escape], .back, "Close", .palette, hint: "close"),
        KeyBinding([.down, .ctrl("n")], .moveDown, "Next entry", .palette),
        KeyBinding([.up, .ctrl("p")], .moveUp, "Previous entry", .palette),

        KeyBinding([.escape, .character("?"), .character("q")], .back, "Close help", .help, hint: "close"),
        KeyBinding([.character("j"), .down], .moveDown, "Scroll down", .help, hint: "scroll"),
        KeyBinding([.character("k"), .up], .moveUp, "Scroll up", .help),
        KeyBinding([.pageDown, .ctrl("d")], .pageDown, "Page down", .help),
        KeyBinding([.pageUp, .ctrl("u")], .pageUp, "Page up", .help),
    ] + teachingBindings
}

extension KeyBinding {
    /// Whether one of the keys is a printable character.
    var hasCharacterKey: Bool {
        keys.contains { if case .character = $0 { true } else { false } }
    }
}
