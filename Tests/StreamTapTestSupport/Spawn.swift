import Foundation

/// Starts child processes with pipes for their output, one at a time: a
/// child started at the same moment as another would otherwise inherit the
/// other's pipe ends and keep its reader from ever seeing the end.
enum Spawn {
    /// A started child and the read ends of its standard output and error.
    struct Child {
        let process: Process
        let standardOutput: FileHandle
        let standardError: FileHandle
    }

    private static let lock = NSLock()

    /// Runs `executable` with `arguments`, `environment` (`nil`: this
    /// process's) and `standardInput` (`nil`: nothing).
    static func start(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        standardInput: FileHandle? = nil
    ) throws -> Child {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        return try lock.withLock {
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = standardInput ?? FileHandle.nullDevice
            try process.run()
            return Child(
                process: process,
                standardOutput: output.fileHandleForReading,
                standardError: errors.fileHandleForReading
            )
        }
    }
}
