import Foundation

/// The messages sent to each endpoint, kept between runs in the state
/// folder (`$XDG_STATE_HOME/streamtap/history`), one file per URL, so the
/// composer's Up arrow brings back yesterday's messages.
///
/// Each line is one message: the composer mode, a tab, and the text with
/// `\`, line feeds and carriage returns escaped. Files are trimmed to the
/// newest `limit` entries; lines that cannot be read are skipped.
public struct SentHistoryStore: Sendable {
    /// One sent message: how it was composed (`text`, `json`, `hex`...) and what was typed.
    public struct Entry: Sendable, Equatable {
        public var mode: String
        public var text: String

        public init(mode: String, text: String) {
            self.mode = mode
            self.text = text
        }
    }

    public let folder: String
    public let limit: Int

    public init(folder: String, limit: Int = 200) {
        self.folder = folder
        self.limit = max(1, limit)
    }

    /// The history file of `url`: a readable prefix of the URL plus a hash
    /// of all of it, so different URLs never share a file.
    public func file(for url: String) -> String {
        let readable = url.drop { $0 != "/" }.drop { $0 == "/" }.prefix(48)
            .map { ($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-")) ? $0 : "_" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "\(folder)/\(String(readable))-\(String(hash, radix: 16)).history"
    }

    /// What was sent to `url`, oldest first.
    public func entries(for url: String) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: file(for: url)),
            let text = String(data: data, encoding: .utf8)
        else { return [] }
        return Array(text.split(separator: "\n").compactMap(Self.entry(from:)).suffix(limit))
    }

    /// Adds `entry` to `url`'s history (and trims the file when it has
    /// grown to twice the limit). Failing to write loses only history, so
    /// it returns the reason instead of throwing.
    @discardableResult
    public func append(_ entry: Entry, for url: String) -> String? {
        let path = file(for: url)
        let line = Data((Self.line(for: entry) + "\n").utf8)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            try handle.write(contentsOf: line)
            if size > UInt64(limit * 2 * 256) { try trim(path) }
            return nil
        } catch {
            return "cannot save the message history in \(path): \(error.localizedDescription)"
        }
    }

    private func trim(_ path: String) throws {
        let kept = entries(forFile: path)
        guard kept.count >= limit else { return }
        let text = kept.suffix(limit).map { Self.line(for: $0) + "\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private func entries(forFile path: String) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap(Self.entry(from:))
    }

    static func line(for entry: Entry) -> String {
        var escaped = ""
        for character in entry.text.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return entry.mode + "\t" + escaped
    }

    static func entry(from line: Substring) -> Entry? {
        guard let tab = line.firstIndex(of: "\t") else { return nil }
        let mode = String(line[..<tab])
        guard !mode.isEmpty, mode.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var text = ""
        var escaping = false
        for scalar in line[line.index(after: tab)...].unicodeScalars {
            if escaping {
                switch scalar {
                case "n": text += "\n"
                case "r": text += "\r"
                case "\\": text += "\\"
                default: return nil
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return escaping ? nil : Entry(mode: mode, text: text)
    }
}
