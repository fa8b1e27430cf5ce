import Foundation
import StreamTapTestSupport

/// Runs the built `streamtap` binary as a user runs it, with a time bound,
/// and collects what it printed.
enum StreamtapCommand {
    /// Runs `streamtap` with `arguments`, `standardInput` to read and
    /// `environment` added to `baseEnvironment` (by default the test's
    /// own); throws when it runs longer than `timeout` seconds (it is then
    /// killed).
    static func run(
        _ arguments: [String],
        standardInput: String? = nil,
        environment: [String: String] = [:],
        baseEnvironment: [String: String] = ProcessInfo.processInfo.environment,
        timeout: Double = 15
    ) async throws -> ProgramOutput {
        let output = try await Program.start(
            Prerequisite.streamtap.require(),
            arguments,
            standardInput: standardInput,
            environment: baseEnvironment.merging(environment) { $1 },
            timeout: timeout
        ).finished()
        guard !output.timedOut else {
            throw PeerFailure(description: "streamtap \(arguments.joined(separator: " ")) ran longer than \(timeout) s")
        }
        return output
    }
}
