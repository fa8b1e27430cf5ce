/// Why a terminal backend could not start.
public enum TerminalBackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Standard input or output is not a terminal (redirected or piped).
    case notATerminal
    /// The terminal type (`TERM`) is not set or has no terminfo entry.
    case unknownTerminal(String)
    /// The terminal type has no cursor addressing (`TERM=dumb`).
    case cannotPositionCursor(String)

    public var description: String {
        let advice = "set TERM to the type of your terminal, e.g. TERM=xterm-256color"
        switch self {
        case .notATerminal:
            return "the full-screen interface needs standard input and output to be a terminal"
        case .unknownTerminal(let name) where name.isEmpty:
            return "TERM is not set, so the terminal type is unknown; \(advice)"
        case .unknownTerminal(let name):
            return "unknown terminal type '\(InertText.sanitize(name))' (no terminfo entry); \(advice)"
        case .cannotPositionCursor(let name):
            return "terminal type '\(InertText.sanitize(name))' cannot position the cursor; \(advice)"
        }
    }
}
