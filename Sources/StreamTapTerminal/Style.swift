/// How a cell is drawn: foreground and background colour plus attributes.
///
/// Styles are values built by chaining: `Style().foreground(.red).bold`.
/// `patched(with:)` layers one style over another, as a highlight does over
/// the text below it.
public struct Style: Sendable, Hashable {
    /// Text attributes a terminal may support; unsupported ones are ignored
    /// by the backend.
    public struct Attributes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8

        public init(rawValue: UInt8) {
            self.rawValue = rawValue
        }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let italic = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
        public static let reverse = Attributes(rawValue: 1 << 4)
    }

    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Default colours, no attributes.
    public static let plain = Style()

    /// This style with another foreground colour.
    public func foreground(_ color: Color) -> Style {
        var style = self
        style.foreground = color
        return style
    }

    /// This style with another background colour.
    public func background(_ color: Color) -> Style {
        var style = self
        style.background = color
        return style
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: Attributes) -> Style {
        var style = self
        style.attributes.formUnion(attributes)
        return style
    }

    /// This style with `attributes` removed.
    public func removing(_ attributes: Attributes) -> Style {
        var style = self
        style.attributes.subtract(attributes)
        return style
    }

    public var bold: Style { adding(.bold) }
    public var dim: Style { adding(.dim) }
    public var italic: Style { adding(.italic) }
    public var underline: Style { adding(.underline) }
    public var reverse: Style { adding(.reverse) }

    /// `overlay` drawn over this style: its non-default colours replace
    /// these, and its attributes are added to these.
    public func patched(with overlay: Style) -> Style {
        Style(
            foreground: overlay.foreground == .default ? foreground : overlay.foreground,
            background: overlay.background == .default ? background : overlay.background,
            attributes: attributes.union(overlay.attributes)
        )
    }
}

extension Style: CustomStringConvertible {
    /// A compact description for test snapshots: the attributes, then the
    /// colours that are not default, e.g. `bold,fg=red,bg=236`; `plain` when
    /// there is nothing to say.
    public var description: String {
        let names: [(Attributes, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.italic, "italic"), (.underline, "underline"), (.reverse, "reverse"),
        ]
        var parts = names.filter { attributes.contains($0.0) }.map(\.1)
        if foreground != .default {
            parts.append("fg=\(foreground)")
        }
        if background != .default {
            parts.append("bg=\(background)")
        }
        return parts.isEmpty ? "plain" : parts.joined(separator: ",")
    }
}
