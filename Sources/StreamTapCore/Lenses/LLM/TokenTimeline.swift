/// When an LLM stream's tokens came: the time to the first, the gaps
/// between them, and whether they came in bursts (a proxy or the server
/// holding them back).
///
/// Times are milliseconds since the request went out; a "token" is a
/// delta that carried output (text, reasoning or tool-call arguments).
public struct TokenTimeline: Sendable, Equatable {
    /// A read with at least this many tokens after a silence is a burst.
    public static let burstTokens = 8
    /// The silence before a burst, in milliseconds.
    public static let burstSilenceMilliseconds = 200.0
    /// At most this many gaps are kept (the counts go on).
    static let keptGaps = 100_000

    /// Tokens seen.
    public private(set) var deltas = 0
    public private(set) var firstTokenMilliseconds: Double?
    public private(set) var lastTokenMilliseconds: Double?
    /// The gaps between consecutive tokens, in order (the first
    /// ``keptGaps``).
    public private(set) var gaps: [Double] = []
    /// Reads that carried a burst, and the tokens they carried.
    public private(set) var bursts = 0
    public private(set) var tokensInBursts = 0
    /// The longest silence before a burst.
    public private(set) var longestSilenceMilliseconds = 0.0

    private var currentRead = -1
    private var tokensInRead = 0
    private var silenceBeforeRead = 0.0

    public init() {}

    /// One token, at `now`, completed by socket read `read`.
    mutating func record(at now: Double, read: Int) {
        if read != currentRead {
            closeRead()
            currentRead = read
            tokensInRead = 0
            silenceBeforeRead = now - (lastTokenMilliseconds ?? 0)
        }
        tokensInRead += 1
        if let last = lastTokenMilliseconds, gaps.count < Self.keptGaps { gaps.append(max(0, now - last)) }
        if firstTokenMilliseconds == nil { firstTokenMilliseconds = now }
        lastTokenMilliseconds = now
        deltas += 1
    }

    /// Counts the read in progress as a burst if it was one.
    private mutating func closeRead() {
        guard tokensInRead >= Self.burstTokens, silenceBeforeRead >= Self.burstSilenceMilliseconds else { return }
        bursts += 1
        tokensInBursts += tokensInRead
        longestSilenceMilliseconds = max(longestSilenceMilliseconds, silenceBeforeRead)
    }

    /// The figures, with the read in progress counted.
    public var figures: TokenFigures {
        var finished = self
        finished.closeRead()
        finished.tokensInRead = 0
        let sorted = gaps.sorted()
        return TokenFigures(
            deltas: deltas,
            firstTokenMilliseconds: firstTokenMilliseconds,
            lastTokenMilliseconds: lastTokenMilliseconds,
            gapP50Milliseconds: Self.percentile(sorted, 0.50),
            gapP99Milliseconds: Self.percentile(sorted, 0.99),
            gapMaxMilliseconds: sorted.last,
            bursts: finished.bursts,
            tokensInBursts: finished.tokensInBursts,
            longestSilenceMilliseconds: finished.longestSilenceMilliseconds
        )
    }

    /// The nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// A ``TokenTimeline``'s figures at one moment.
public struct TokenFigures: Sendable, Equatable {
    public var deltas: Int
    public var firstTokenMilliseconds: Double?
    public var lastTokenMilliseconds: Double?
    public var gapP50Milliseconds: Double?
    public var gapP99Milliseconds: Double?
    public var gapMaxMilliseconds: Double?
    public var bursts: Int
    public var tokensInBursts: Int
    public var longestSilenceMilliseconds: Double

    /// Whether enough of the tokens came in bursts to say the stream is
    /// being held back (a quarter of them, at least one burst).
    public var buffered: Bool {
        bursts > 0 && tokensInBursts * 4 >= deltas
    }

    /// The warning a person reads when the stream is buffered.
    public var bufferingWarning: String? {
        guard buffered else { return nil }
        let reads = bursts == 1 ? "1 read" : "\(bursts) reads"
        return "tokens arrive in bursts: \(tokensInBursts) of \(deltas) came in \(reads) after silences up to "
            + "\(Int(longestSilenceMilliseconds.rounded())) ms; a proxy or the server is holding them (buffering)"
    }

    /// Tokens a second from the first token to the last, for `tokens`
    /// tokens (`nil` before two tokens have come apart in time).
    public func tokensPerSecond(tokens: Int) -> Double? {
        guard let first = firstTokenMilliseconds, let last = lastTokenMilliseconds, last > first else { return nil }
        return Double(tokens) / ((last - first) / 1000)
    }
}
