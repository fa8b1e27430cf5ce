import Testing

@testable import StreamTapCore

@Suite struct ReconnectPolicyTests {
    @Test func offNeverReconnects() {
        var generator = SystemRandomNumberGenerator()
        #expect(ReconnectPolicy.off.delayMilliseconds(forAttempt: 1, using: &generator) == nil)
    }

    @Test func backoffStaysWithinAnExponentialCeiling() {
        var generator = SystemRandomNumberGenerator()
        let policy = ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: 100, maximumDelayMilliseconds: 1000)
        for _ in 0..<200 {
            #expect(policy.delayMilliseconds(forAttempt: 1, using: &generator) == 100)
            let second = policy.delayMilliseconds(forAttempt: 2, using: &generator) ?? -1
            #expect((100...200).contains(second))
            let tenth = policy.delayMilliseconds(forAttempt: 10, using: &generator) ?? -1
            #expect((100...1000).contains(tenth))
            let huge = policy.delayMilliseconds(forAttempt: 1000, using: &generator) ?? -1
            #expect((100...1000).contains(huge))
        }
    }

    @Test func jitterSpreadsTheDelays() {
        var generator = SystemRandomNumberGenerator()
        let policy = ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: 100, maximumDelayMilliseconds: 100_000)
        let delays = Set((0..<50).compactMap { _ in policy.delayMilliseconds(forAttempt: 8, using: &generator) })
        #expect(delays.count > 10)
    }

    @Test func attemptLimitStops() {
        var generator = SystemRandomNumberGenerator()
        let policy = ReconnectPolicy(mode: .backoff, maxAttempts: 2)
        #expect(policy.delayMilliseconds(forAttempt: 2, using: &generator) != nil)
        #expect(policy.delayMilliseconds(forAttempt: 3, using: &generator) == nil)
    }

    @Test func parsing() throws {
        #expect(try ReconnectPolicy(parsing: "off") == .off)
        #expect(try ReconnectPolicy(parsing: "on") == ReconnectPolicy(mode: .backoff))
        #expect(
            try ReconnectPolicy(parsing: "backoff:250ms-10s:5")
                == ReconnectPolicy(
                    mode: .backoff,
                    minimumDelayMilliseconds: 250,
                    maximumDelayMilliseconds: 10_000,
                    maxAttempts: 5
                )
        )
        for bad in ["sometimes", "backoff:10-5", "backoff:a-b", "backoff:1-2:0", "off:3"] {
            #expect(throws: InputError.self) { try ReconnectPolicy(parsing: bad) }
        }
    }

    @Test func hugeDelaysAreUsageErrorsNotOverflows() {
        for text in ["backoff:1-9223372036854776s", "backoff:1ms-25h", "backoff:0-86400001", "backoff:1s-86401s"] {
            #expect(throws: InputError.self, "\(text)") { try ReconnectPolicy(parsing: text) }
        }
        #expect(throws: Never.self) { try ReconnectPolicy(parsing: "backoff:1s-86400s") }
    }
}
