import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only where every one of `prerequisites` is on this
    /// machine. Where one is missing the test is skipped, with a comment
    /// naming what is missing and what to do; under `CI=true` it fails
    /// instead, with the same sentence, because CI must run every test.
    ///
    /// ```swift
    /// @Suite(.requires(.peerPython)) struct HostileSSETests { ... }
    /// ```
    public static func requires(
        _ prerequisites: Prerequisite...,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Self {
        let missing = prerequisites.filter { $0.path == nil }
        let reason = missing.isEmpty ? nil : PrerequisiteMissing(missing)
        return .enabled(reason.map { Comment(rawValue: $0.description) }, sourceLocation: sourceLocation) {
            guard let reason else { return true }
            if ContinuousIntegration.isActive { throw reason.underContinuousIntegration }
            return false
        }
    }
}

/// Whether the tests run under continuous integration (`CI=true`), where
/// a missing prerequisite is a failure, not a reason to skip.
public enum ContinuousIntegration {
    public static var isActive: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
