import Foundation

/// Reading a settings file whole, with the failure said in words.
enum ConfigurationFile {
    /// The largest settings file read: far above any real one, small enough
    /// that a wrong path (a log, a device) cannot exhaust memory.
    static let maximumSize = 4 << 20

    /// The UTF-8 text of the file at `path`.
    static func read(_ path: String) throws(ConfigurationError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConfigurationError(file: path, message: "cannot open the file (check that it exists and is readable)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumSize + 1) ?? Data()
        } catch {
            throw ConfigurationError(file: path, message: "cannot read the file: \(error.localizedDescription)")
        }
        guard data.count <= maximumSize else {
            throw ConfigurationError(file: path, message: "the file is larger than 4 MiB; is it the right file?")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: path, message: "the file is not UTF-8 text")
        }
        return text
    }
}
