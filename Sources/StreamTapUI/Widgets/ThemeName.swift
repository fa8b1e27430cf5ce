/// A named set of colours: for a dark background, for a light one, or no
/// colour at all.
public enum ThemeName: String, Sendable, Equatable, CaseIterable {
    /// ANSI colours that read well on a dark background (the default).
    case dark
    /// Darker ANSI colours for a light background: no yellow or cyan text.
    case light
    /// No colour, only attributes (as `NO_COLOR`).
    case mono

    /// `policy` with colour turned off for `mono`.
    public func restricting(_ policy: ColorPolicy) -> ColorPolicy {
        ColorPolicy(enabled: policy.enabled && self != .mono)
    }
}
