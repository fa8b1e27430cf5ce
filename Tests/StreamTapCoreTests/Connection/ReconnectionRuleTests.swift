import StreamTapCore
import Testing

@Suite struct ReconnectionRuleTests {
    private func delay(
        _ end: AttemptEnd,
        _ policy: ReconnectPolicy,
        time: Int = 3_000,
        failures: Int = 0
    ) -> Int? {
        var generator = SystemRandomNumberGenerator()
        return ReconnectionRule.delayMilliseconds(
            after: end,
            policy: policy,
            reconnectionTime: time,
            consecutiveFailures: failures,
            using: &generator
        )
    }

    @Test func afterAStreamEndsEveryModeButOffWaitsTheReconnectionTime() async throws {
        #expect(delay(.streamEnded, .off) == nil)
        for text in ["spec", "always", "on"] {
            #expect(delay(.streamEnded, try ReconnectPolicy(parsing: text), time: 1_500) == 1_500)
        }
    }

    @Test func specBacksOffFromTheReconnectionTimeWhenConnectionsFail() {
        let spec = ReconnectPolicy(mode: .spec)
        #expect(
            (1...6).map { delay(.connectionFailed, spec, time: 1_000, failures: $0) } == [
                1_000, 2_000, 4_000, 8_000, 16_000, 30_000,
            ]
        )
        #expect(delay(.connectionFailed, spec, time: 60_000, failures: 3) == 60_000)
        #expect(delay(.connectionFailed, spec, time: 1_000, failures: 500) == 30_000)
    }

    @Test func onlyAlwaysTriesAgainAfterARefusalOrNoContent() {
        for end in [AttemptEnd.refused, .noContent] {
            #expect(delay(end, ReconnectPolicy(mode: .spec), failures: 1) == nil)
            #expect(delay(end, ReconnectPolicy(mode: .backoff), failures: 1) == nil)
            #expect(delay(end, ReconnectPolicy(mode: .always), time: 100, failures: 2) == 200)
        }
        #expect(delay(.unrecoverable, ReconnectPolicy(mode: .always), failures: 1) == nil)
    }

    @Test func attemptLimitsAndHugeRetryValuesAreBounded() async throws {
        let limited = try ReconnectPolicy(parsing: "spec:2")
        #expect(delay(.connectionFailed, limited, failures: 2) != nil)
        #expect(delay(.connectionFailed, limited, failures: 3) == nil)
        #expect(delay(.streamEnded, limited, time: Int.max) == ReconnectionRule.longestDelayMilliseconds)
        #expect(
            delay(.connectionFailed, ReconnectPolicy(mode: .spec), time: Int.max, failures: 40)
                == ReconnectionRule.longestDelayMilliseconds
        )
    }

    @Test func backoffModeUsesThePolicysJitteredDelays() {
        let policy = ReconnectPolicy(mode: .backoff, minimumDelayMilliseconds: 100, maximumDelayMilliseconds: 1_000)
        for _ in 0..<50 {
            #expect((100...400).contains(delay(.connectionFailed, policy, failures: 3) ?? -1))
        }
    }

    @Test func parsesAndPrintsTheSSEModes() async throws {
        #expect(try ReconnectPolicy(parsing: "spec") == ReconnectPolicy(mode: .spec))
        #expect(try ReconnectPolicy(parsing: "always:4").maxAttempts == 4)
        #expect(try ReconnectPolicy(parsing: "always:4").description == "always:4")
        #expect(ReconnectPolicy(mode: .spec).description == "spec")
        for bad in ["spec:0", "spec:x", "always:1:2", "specs"] {
            #expect(throws: InputError.self) { try ReconnectPolicy(parsing: bad) }
        }
    }
}
