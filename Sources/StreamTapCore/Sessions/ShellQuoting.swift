/// Quotes words for a POSIX shell (sh, bash, zsh) so that pasting the line
/// runs exactly the arguments given: nothing is expanded (`$`, backquotes,
/// globs) or split.
public enum ShellQuoting {
    private static let safe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:=@%+,")

    /// `word` as is when it has only safe characters, otherwise in single
    /// quotes with each `'` written as `'\''`.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }

    /// The words quoted and joined by spaces.
    public static func line(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }
}
