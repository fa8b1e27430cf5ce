extension Substring {
    /// Removes and returns the next space-separated word of a command line
    /// a lens reads (`sub sensors/# 1`), with the spaces after it.
    mutating func takeWord() -> String {
        let end = firstIndex(of: " ") ?? endIndex
        let word = String(self[..<end])
        self = self[end...].drop { $0 == " " }
        return word
    }
}
