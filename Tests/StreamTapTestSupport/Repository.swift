import Foundation

/// Places in the repository the tests read from: the peers in
/// `Tests/Peers/`, the samples in `Resources/`.
public enum Repository {
    /// The repository's root folder (the one holding `Package.swift`).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of the third-party peers the integration tests run.
    public static let peers = root.appendingPathComponent("Tests/Peers")

    /// `relativePath` below the root, e.g. `Resources/samples/sse-stop.jsonl`.
    public static func file(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
