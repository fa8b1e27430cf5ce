import Foundation

/// The executables SwiftPM built next to the test bundle.
enum BuiltProducts {
    /// The folders a product can be in: the test runner's, the bundle's and
    /// the one above it.
    private static var folders: [URL] {
        [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Repository.root.appendingPathComponent(".build/debug"),
        ]
    }

    /// The path of the built executable `name`, if it is there.
    static func path(of name: String) -> String? {
        folders.map { $0.appendingPathComponent(name).path }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}
