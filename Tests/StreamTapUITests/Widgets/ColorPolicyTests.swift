import Testing

@testable import StreamTapUI

@Suite struct ColorPolicyTests {
    @Test func noColorTurnsColourOff() {
        #expect(ColorPolicy(environment: [:], terminalHasColors: true).enabled)
        #expect(!ColorPolicy(environment: ["NO_COLOR": "1"], terminalHasColors: true).enabled)
        #expect(ColorPolicy(environment: ["NO_COLOR": ""], terminalHasColors: true).enabled)
        #expect(!ColorPolicy(environment: [:], terminalHasColors: false).enabled)
    }
}
