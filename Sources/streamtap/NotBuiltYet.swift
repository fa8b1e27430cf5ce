import ArgumentParser

/// Reports that a command exists in the design but is not built yet, in one
/// line, and fails. Nothing pretends to work.
struct NotBuiltYet: Error, CustomStringConvertible {
    var feature: String

    var description: String { "\(feature) is not built yet in streamtap \(StreamTap.version)." }
}

extension ParsableCommand {
    /// Prints why `feature` is unavailable and exits with status 1.
    func refuseUnbuilt(_ feature: String) throws -> Never {
        var standardError = StandardError()
        print("streamtap: \(NotBuiltYet(feature: feature))", to: &standardError)
        throw ExitCode.failure
    }
}
