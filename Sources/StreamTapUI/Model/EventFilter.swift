import StreamTapCore

/// Which events a pane lists, and which text it looks for.
///
/// Direction and category are quick toggles that always hide. The text is
/// plain (case-insensitive unless it has an upper-case letter) or a Swift
/// regular expression, and either hides what does not match (filter) or
/// only marks what does (search, with `n`/`N`).
public struct EventFilter {
    /// Which directions to show.
    public enum DirectionFilter: Sendable, Equatable {
        case all
        case incoming
        case outgoing

        /// all → in → out → all.
        public var next: DirectionFilter {
            switch self {
            case .all: .incoming
            case .incoming: .outgoing
            case .outgoing: .all
            }
        }
    }

    public var direction: DirectionFilter = .all
    public var categories: Set<EventCategory> = EventCategory.defaultShown
    /// The text to look for; empty for none.
    public private(set) var text = ""
    public private(set) var isRegex = false
    /// Whether events not matching `text` are hidden (filter) or only the
    /// matching ones marked (search).
    public var hidesNonMatching = true
    private var regex: Regex<AnyRegexOutput>?
    private var lowercased = false

    public init() {}

    /// Sets the text; throws (and keeps the previous text) when `isRegex`
    /// and `text` is not a valid regular expression.
    public mutating func setText(_ text: String, isRegex: Bool) throws {
        let smartCase = text == text.lowercased()
        if isRegex && !text.isEmpty {
            let compiled = try Regex(text)
            regex = smartCase ? compiled.ignoresCase() : compiled
        } else {
            regex = nil
        }
        self.text = text
        self.isRegex = isRegex
        lowercased = smartCase
    }

    /// Whether the text is set.
    public var hasText: Bool { !text.isEmpty }

    /// Whether the list shows `event`.
    public func shows(_ event: StreamEvent) -> Bool {
        let category = EventCategory(of: event.kind)
        guard categories.contains(category) else { return false }
        if category != .lifecycle, let wanted = direction.wanted, Self.direction(of: event.kind) != wanted {
            return false
        }
        return !hidesNonMatching || matchesText(event)
    }

    /// The direction of a message, frame or SSE event (without building a
    /// whole row summary).
    static func direction(of kind: StreamEvent.Kind) -> Direction? {
        switch kind {
        case .message(let message): message.direction
        case .frame(let frame): frame.direction
        case .event: .incoming
        default: nil
        }
    }

    /// Whether `event` matches the text (always, when there is none).
    public func matchesText(_ event: StreamEvent) -> Bool {
        guard hasText else { return true }
        let haystack = Self.searchableText(of: event)
        if let regex {
            return (try? regex.firstMatch(in: haystack)) != nil
        }
        return lowercased ? haystack.lowercased().contains(text) : haystack.contains(text)
    }

    /// The text searched: the payload (its first 64 KiB) or what the row
    /// says.
    static func searchableText(of event: StreamEvent) -> String {
        let limit = 64 * 1024
        switch event.kind {
        case .message(let message):
            return String(decoding: message.payload.prefix(limit), as: UTF8.self)
        case .frame(let frame):
            return String(decoding: frame.payload.prefix(limit), as: UTF8.self)
        case .event(let sse):
            return sse.type + "\n" + sse.lastEventID + "\n" + String(sse.data.prefix(limit))
        default:
            let summary = EventSummary(event)
            return summary.kind + " " + summary.preview
        }
    }
}

extension EventFilter.DirectionFilter {
    /// The one direction kept, or `nil` for all.
    var wanted: Direction? {
        switch self {
        case .all: nil
        case .incoming: .incoming
        case .outgoing: .outgoing
        }
    }
}
