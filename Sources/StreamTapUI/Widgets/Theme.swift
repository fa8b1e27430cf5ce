import StreamTapTerminal

/// The styles of every semantic element the UI draws.
///
/// Colours are the 16 ANSI colours (the terminal's own palette, so they
/// stay readable on dark and light backgrounds) and never a fixed black or
/// white foreground; emphasis that must survive without colour (selection,
/// focus, errors) also uses attributes. Built from a `ColorPolicy`: with
/// colour off every style keeps only its attributes.
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

    /// The theme for `policy`.
    public init(policy: ColorPolicy) {
        let color = policy.enabled
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
    }
}
