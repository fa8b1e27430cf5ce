import StreamTapConfig
import Testing

@Suite struct EnvironmentSubstitutionTests {
    let substitution = EnvironmentSubstitution(environment: ["TOKEN": "s3cret", "EMPTY": "", "HOST_1": "h"])

    @Test func replacesReferencesAndKeepsTheRest() throws {
        #expect(try substitution.apply("Bearer ${TOKEN}") == "Bearer s3cret")
        #expect(try substitution.apply("${HOST_1}:${TOKEN}/x") == "h:s3cret/x")
        #expect(try substitution.apply("no references") == "no references")
        #expect(try substitution.apply("price $5 and $") == "price $5 and $")
    }

    @Test func doubledDollarIsALiteralDollar() throws {
        #expect(try substitution.apply("$${TOKEN} costs $$5") == "${TOKEN} costs $5")
    }

    @Test func fallbackIsUsedWhenUnsetOrEmpty() throws {
        #expect(try substitution.apply("${MISSING:-anonymous}") == "anonymous")
        #expect(try substitution.apply("${EMPTY:-x}") == "x")
        #expect(try substitution.apply("${TOKEN:-x}") == "s3cret")
        #expect(try substitution.apply("${MISSING:-}") == "")
    }

    @Test func unsetVariableIsNamed() {
        #expect(throws: EnvironmentSubstitution.Failure.unset("API_KEY")) {
            try substitution.apply("key=${API_KEY}")
        }
    }

    @Test func malformedReferencesAreRefused() {
        #expect(throws: EnvironmentSubstitution.Failure.self) { try substitution.apply("${TOKEN") }
        #expect(throws: EnvironmentSubstitution.Failure.self) { try substitution.apply("${1ABC}") }
        #expect(throws: EnvironmentSubstitution.Failure.self) { try substitution.apply("${A B}") }
    }
}
