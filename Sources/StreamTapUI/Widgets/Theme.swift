import StreamTapTerminal

/// The styles of every semantic element the UI draws.
///
/// Colours are the 16 ANSI colours (the terminal's own palette, so they
/// stay readable on dark and light backgrounds) and never a fixed black or
/// white foreground; emphasis that must survive without colour (selection,
/// focus, errors) also uses attributes. Built from a `ColorPolicy` and a
/// ``ThemeName``: with colour off (or `mono`) every style keeps only its
/// attributes.
public struct Theme: Sendable, Equatable {
    public var plain: Style
    /// Secondary text: timestamps, sizes, separators.
    public var muted: Style
    public var incoming: Style
    public var outgoing: Style
    /// Ping, pong and close frames.
    public var control: Style
    /// Connecting, open, reconnect, retry, latency.
    public var lifecycle: Style
    public var error: Style
    public var warning: Style
    public var success: Style
    /// An SSE event type.
    public var sseType: Style
    /// The selected row.
    public var selection: Style
    /// A row matching the search text.
    public var searchMatch: Style
    public var focusedBorder: Style
    public var border: Style
    public var title: Style
    /// Key names in hints and help.
    public var key: Style
    public var statusBar: Style
    public var jsonKey: Style
    public var jsonString: Style
    public var jsonNumber: Style
    /// `true`, `false` and `null`.
    public var jsonLiteral: Style
    public var jsonPunctuation: Style

    /// The theme for `policy` (dark unless `name` says otherwise; `mono`
    /// has no colour whatever the policy).
    public init(policy: ColorPolicy, name: ThemeName = .dark) {
        let color = name.restricting(policy).enabled
        func pick(_ colored: Style, _ plain: Style = .plain) -> Style { color ? colored : plain }
        plain = .plain
        muted = Style().dim
        incoming = pick(Style(foreground: .cyan))
        outgoing = pick(Style(foreground: .green))
        control = pick(Style(foreground: .magenta))
        lifecycle = pick(Style(foreground: .blue))
        error = pick(Style(foreground: .red).bold, Style().bold)
        warning = pick(Style(foreground: .yellow))
        success = pick(Style(foreground: .green))
        sseType = pick(Style(foreground: .yellow))
        selection = Style().reverse
        searchMatch = pick(Style(foreground: .yellow).underline, Style().underline)
        focusedBorder = pick(Style(foreground: .cyan).bold, Style().bold)
        border = Style().dim
        title = Style().bold
        key = pick(Style(foreground: .cyan).bold, Style().bold)
        statusBar = .plain
        jsonKey = pick(Style(foreground: .blue).bold, Style().bold)
        jsonString = pick(Style(foreground: .green))
        jsonNumber = pick(Style(foreground: .cyan))
        jsonLiteral = pick(Style(foreground: .magenta))
        jsonPunctuation = Style().dim
        if color, name == .light { useLightColors() }
    }

    /// Swaps the colours that fade on a light background (yellow, cyan) for
    /// darker ones.
    private mutating func useLightColors() {
        incoming = Style(foreground: .blue)
        lifecycle = Style(foreground: .magenta)
        warning = Style(foreground: .red)
        sseType = Style(foreground: .magenta).bold
        searchMatch = Style(foreground: .blue).underline
        focusedBorder = Style(foreground: .blue).bold
        key = Style(foreground: .blue).bold
        jsonKey = Style(foreground: .magenta).bold
        jsonNumber = Style(foreground: .blue)
        jsonLiteral = Style(foreground: .red)
    }
}
