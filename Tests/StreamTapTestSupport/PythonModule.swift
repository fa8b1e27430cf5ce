import Foundation
import NIOConcurrencyHelpers

/// A Python package the peer Python may lack, checked once by importing it.
struct PythonModule: Sendable {
    let name: String

    static let pyte = PythonModule(name: "pyte")
    static let socketIO = PythonModule(name: "socketio")
    static let strawberry = PythonModule(name: "strawberry")
    /// FastAPI and the model providers' official SDKs (one import line).
    static let modelSDKs = PythonModule(name: "fastapi, sse_starlette, openai, anthropic, ollama")

    /// Whether the peer Python imports the module (within 10 s).
    var isImportable: Bool {
        Self.checked.withLockedValue { checked in
            if let known = checked[name] { return known }
            let found = Self.imports(name)
            checked[name] = found
            return found
        }
    }

    private static let checked = NIOLockedValueBox<[String: Bool]>([:])

    private static func imports(_ module: String) -> Bool {
        guard let python = Prerequisite.peerPython.path else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import \(module)"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline {
            usleep(10_000)
        }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return false
        }
        return process.terminationStatus == 0
    }
}
