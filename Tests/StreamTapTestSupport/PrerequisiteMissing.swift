/// Prerequisites a test needs are not on this machine; the description
/// names each and what to do.
public struct PrerequisiteMissing: Error, CustomStringConvertible {
    /// One sentence for each missing prerequisite.
    public let missing: [String]
    /// Whether it is reported under `CI=true`, where it fails the test.
    public var isFailure = false

    init(_ prerequisites: [Prerequisite]) {
        missing = prerequisites.map(\.sentence)
    }

    /// The same, as a failure under `CI=true`, where every test must run.
    var underContinuousIntegration: PrerequisiteMissing {
        var failure = self
        failure.isFailure = true
        return failure
    }

    public var description: String {
        missing.joined(separator: "; ") + (isFailure ? " (CI=true: every test must run, none is skipped)" : "")
    }
}
