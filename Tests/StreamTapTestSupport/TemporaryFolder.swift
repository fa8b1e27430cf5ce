import Foundation

/// A fresh folder under the system's temporary directory, for one test;
/// `remove()` deletes it with what it holds.
public struct TemporaryFolder: Sendable {
    public let path: String

    /// Makes the folder, its name starting with `prefix`.
    public init(_ prefix: String = "streamtap-test") throws {
        path = FileManager.default.temporaryDirectory.path + "/\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The folder as a URL.
    public var url: URL { URL(fileURLWithPath: path) }

    /// The path of `name` (relative to the folder).
    public func path(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` (relative to the folder), making the folders
    /// on its way.
    public func write(_ text: String, to name: String) throws {
        try write(Data(text.utf8), to: name)
    }

    /// Writes `data` to `name` (relative to the folder), making the folders
    /// on its way.
    public func write(_ data: Data, to name: String) throws {
        let file = URL(fileURLWithPath: path(name))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// The text of `name` (relative to the folder).
    public func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
