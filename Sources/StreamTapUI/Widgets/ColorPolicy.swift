/// Whether the UI may use colour: off when `NO_COLOR` is set to anything
/// non-empty (https://no-color.org) or when the terminal has none.
public struct ColorPolicy: Sendable, Equatable {
    public var enabled: Bool

    public init(environment: [String: String], terminalHasColors: Bool) {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        enabled = terminalHasColors && !noColor
    }

    /// A policy that is simply on or off.
    public init(enabled: Bool) {
        self.enabled = enabled
    }
}
