/// The colour pairs in use: ncurses draws colours through numbered pairs of
/// foreground and background, which are allocated here on first use and
/// then reused.
struct ColorPairTable {
    /// Palette numbers of a foreground and a background; -1 is the terminal
    /// default.
    struct Colors: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Pair numbers 1 to `capacity - 1` are available; pair 0 is the
    /// terminal's default colours and is never redefined.
    let capacity: Int
    private var numbers: [Colors: Int16] = [:]

    init(capacity: Int) {
        self.capacity = min(max(1, capacity), Int(Int16.max))
    }

    /// The pair number for `colors`, and whether it was allocated by this
    /// call (and so must be defined with `init_pair`). When every pair is
    /// taken, new colours get pair 0 and are drawn in default colours.
    mutating func number(for colors: Colors) -> (number: Int16, isNew: Bool) {
        if colors == Colors(foreground: -1, background: -1) {
            return (0, false)
        }
        if let number = numbers[colors] {
            return (number, false)
        }
        guard numbers.count + 1 < capacity else {
            return (0, false)
        }
        let number = Int16(numbers.count + 1)
        numbers[colors] = number
        return (number, true)
    }
}
