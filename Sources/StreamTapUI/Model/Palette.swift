import StreamTapCore

/// The command palette being typed in: its query and selected entry.
public struct PaletteState: Sendable, Equatable {
    public var editor = TextEditor()
    /// The selected entry's position in the filtered list.
    public var selected = 0

    public init(query: String = "") {
        editor = TextEditor(query)
    }
}

/// One thing the palette can run.
public struct PaletteEntry: Sendable, Equatable {
    /// What running the entry does.
    public enum Target: Sendable, Equatable {
        case command(Command)
        /// Connect to this URL.
        case connect(String)
        /// Open the saved endpoint with this name.
        case openSaved(String)
        /// Save the focused connection under this name.
        case save(String)
        /// Read the focused connection with this protocol lens.
        case lens(LensName)
    }

    public var title: String
    /// The keys bound to it, if any (`r`, `Ctrl+S`).
    public var keyLabel: String
    public var target: Target
}

/// Builds and filters the palette's entries from the keymap.
public enum Palette {
    /// The entries matching `query`, best first. Every command of the keymap
    /// that has a description appears once, then every saved endpoint; a
    /// query that is a URL, or `connect URL`, offers to connect to it, and
    /// `save NAME` to save the focused connection, `lens NAME` to read it
    /// with a protocol lens.
    public static func entries(
        for query: String,
        keymap: Keymap,
        saved: [SavedEndpoint] = [],
        protocolKind: StreamProtocol? = nil
    ) -> [PaletteEntry] {
        var all: [PaletteEntry] = []
        var seen: Set<Command> = []
        for binding in keymap.bindings where binding.context != .help && binding.context != .palette {
            guard !seen.contains(binding.command), !isInputOnly(binding.command) else { continue }
            seen.insert(binding.command)
            all.append(
                PaletteEntry(title: binding.description, keyLabel: binding.keyLabel, target: .command(binding.command))
            )
        }
        for endpoint in saved {
            all.append(
                PaletteEntry(
                    title: "Open \(endpoint.name)  \(endpoint.url)",
                    keyLabel: "",
                    target: .openSaved(endpoint.name)
                )
            )
        }
        all.append(PaletteEntry(title: "Save this connection as… (save NAME)", keyLabel: "", target: .save("")))
        let trimmed = query.trimmingSpaces
        if let url = connectTarget(in: trimmed) {
            return [PaletteEntry(title: "Connect to \(url)", keyLabel: "", target: .connect(url))]
        }
        if trimmed.lowercased().hasPrefix("lens ") {
            let name = String(trimmed.dropFirst("lens ".count)).trimmingSpaces.lowercased()
            let lenses = protocolKind.map(LensName.names(for:)) ?? LensName.allCases
            return lenses.filter { $0.rawValue.hasPrefix(name) }.map { lens in
                PaletteEntry(
                    title: lens == .raw
                        ? "Read this connection raw (no lens)" : "Read this connection as \(lens.rawValue)",
                    keyLabel: "",
                    target: .lens(lens)
                )
            }
        }
        if trimmed.lowercased().hasPrefix("save ") {
            let name = String(trimmed.dropFirst("save ".count)).trimmingSpaces
            return [PaletteEntry(title: "Save this connection as \(name)", keyLabel: "", target: .save(name))]
        }
        guard !trimmed.isEmpty else { return all }
        if let named = saved.first(where: { $0.name.lowercased() == trimmed.lowercased() }) {
            // A saved endpoint's exact name opens it, whatever else matches.
            let entry = all.first { $0.target == .openSaved(named.name) }
            return (entry.map { [$0] } ?? []) + all.filter { $0.target != .openSaved(named.name) }
        }
        let scored = all.compactMap { entry in score(trimmed, in: entry.title).map { (entry, $0) } }
        return scored.enumerated()
            .sorted { $0.element.1 != $1.element.1 ? $0.element.1 > $1.element.1 : $0.offset < $1.offset }
            .map(\.element.0)
    }

    /// The URL in `connect URL` or a bare `ws://…` query.
    static func connectTarget(in query: String) -> String? {
        var text = Substring(query)
        if text.lowercased().hasPrefix("connect ") {
            text = text.dropFirst("connect ".count)
        }
        let url = String(text).trimmingSpaces
        let lowered = url.lowercased()
        let schemes = ["ws://", "wss://", "http://", "https://"]
        return schemes.contains { lowered.hasPrefix($0) } && !url.contains(" ") ? url : nil
    }

    /// A fuzzy match score: every query character must appear in order
    /// (ignoring case and spaces); consecutive characters and word starts
    /// score more. `nil` when it does not match.
    static func score(_ query: String, in title: String) -> Int? {
        let needle = Array(query.lowercased().filter { $0 != " " })
        let haystack = Array(title.lowercased())
        var score = 0
        var position = 0
        var previousMatch = -2
        for character in needle {
            guard let found = haystack[position...].firstIndex(of: character) else { return nil }
            score += 1
            if found == previousMatch + 1 { score += 3 }
            if found == 0 || haystack[found - 1] == " " { score += 5 }
            previousMatch = found
            position = found + 1
        }
        return score
    }

    /// Commands that only make sense inside an input.
    private static func isInputOnly(_ command: Command) -> Bool {
        switch command {
        case .applyInput, .toggleRegex, .toggleFilterMode, .send, .cycleComposerMode, .back, .palette:
            true
        default:
            false
        }
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
