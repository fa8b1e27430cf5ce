import Foundation
import StreamTapCore
import Yams

/// Adds an endpoint to a collection file without rewriting what is there:
/// the new entry is appended as YAML text at the end of the `endpoints:`
/// list (comments and layout are kept), and the file is read back to check
/// that the result is the old collection plus the new endpoint.
///
/// Secret header values (`Authorization`, `Cookie`, `Proxy-Authorization`)
/// are not written: they become `${VARIABLE}` references, named in the
/// result, so the secret stays in the environment.
public enum EndpointCollectionWriter {
    /// What saving did.
    public struct Saved: Sendable, Equatable {
        public var file: String
        /// The environment variables the saved entry now expects, e.g.
        /// `PRICES_AUTHORIZATION` for a redacted `Authorization` header.
        public var variables: [String]
    }

    /// Appends `endpoint` to the collection at `path` (created, with its
    /// folder, when missing).
    public static func append(
        _ endpoint: SavedEndpoint,
        to path: String,
        environment: [String: String]
    ) throws(ConfigurationError) -> Saved {
        let exists = FileManager.default.fileExists(atPath: path)
        let existingText = exists ? try ConfigurationFile.read(path) : ""
        let (entry, variables) = entryNode(for: endpoint)
        var checkEnvironment = environment
        for variable in variables where checkEnvironment[variable] == nil {
            checkEnvironment[variable] = "set"
        }
        let existing = try EndpointCollectionLoader.load(text: existingText, file: path, environment: checkEnvironment)
        guard !existing.names.contains(endpoint.name) else {
            throw ConfigurationError(
                file: path,
                message: "an endpoint named '\(endpoint.name)' is already saved; choose another name"
            )
        }
        let newText = try appendedText(existingText, entry: entry, path: path)
        let updated = try? EndpointCollectionLoader.load(text: newText, file: path, environment: checkEnvironment)
        guard let updated, updated.endpoints.count == existing.endpoints.count + 1,
            updated.endpoints.last?.name == endpoint.name
        else {
            throw ConfigurationError(
                file: path,
                message: "the file's layout does not end with its endpoints list, so the endpoint was not "
                    + "appended; add it by hand:\n\(renderedItem(entry, indent: 2))"
            )
        }
        try write(newText, to: path)
        return Saved(file: path, variables: variables)
    }

    /// The headers whose values are secrets and are saved as references.
    static let secretHeaders: Set<String> = ["authorization", "cookie", "proxy-authorization"]

    private static func entryNode(for endpoint: SavedEndpoint) -> (Node, [String]) {
        var pairs: [(Node, Node)] = [("name", text(endpoint.name)), ("url", text(endpoint.url))]
        var variables: [String] = []
        if let kind = endpoint.protocolOverride { pairs.append(("protocol", text(kind.rawValue))) }
        if !endpoint.headers.fields.isEmpty {
            let items = endpoint.headers.fields.map { field -> Node in
                guard secretHeaders.contains(field.name.lowercased()) else {
                    return text("\(field.name): \(field.value)")
                }
                let variable = variableName(endpoint.name, field.name)
                variables.append(variable)
                return Node("\(field.name): ${\(variable)}")
            }
            pairs.append(("headers", Node(items)))
        }
        if !endpoint.subprotocols.isEmpty { pairs.append(("subprotocols", Node(endpoint.subprotocols.map(text)))) }
        if let origin = endpoint.origin { pairs.append(("origin", text(origin))) }
        if !endpoint.onConnect.isEmpty { pairs.append(("on-connect", Node(endpoint.onConnect.map(text)))) }
        if let reconnect = endpoint.reconnect { pairs.append(("reconnect", text(reconnect))) }
        if let method = endpoint.method { pairs.append(("method", text(method))) }
        if let body = endpoint.body { pairs.append(("body", text(body))) }
        if let keepalive = endpoint.keepaliveSeconds { pairs.append(("keepalive", Node(String(keepalive)))) }
        if let timeout = endpoint.readTimeoutMilliseconds { pairs.append(("read-timeout", Node(String(timeout)))) }
        if let lens = endpoint.lens { pairs.append(("lens", text(lens))) }
        var tls: [(Node, Node)] = []
        if endpoint.tls.insecure { tls.append(("insecure", "true")) }
        if let file = endpoint.tls.caFile { tls.append(("cacert", text(file))) }
        if let file = endpoint.tls.certificateFile { tls.append(("cert", text(file))) }
        if let file = endpoint.tls.privateKeyFile { tls.append(("key", text(file))) }
        if !tls.isEmpty { pairs.append(("tls", Node(tls))) }
        return (Node(pairs), variables)
    }

    /// A value as a scalar, with `$` doubled so substitution gives it back.
    private static func text(_ value: String) -> Node {
        Node(value.replacingOccurrences(of: "$", with: "$$"), .implicit, .any)
    }

    /// `PRICES_AUTHORIZATION` for the endpoint `prices` and `Authorization`.
    static func variableName(_ endpoint: String, _ header: String) -> String {
        let raw = "\(endpoint)_\(header)".uppercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" }
        let name = String(raw)
        return name.first?.isNumber == true ? "_" + name : name
    }

    private static func renderedItem(_ entry: Node, indent: Int) -> String {
        let yaml = (try? Yams.serialize(node: Node([entry]), width: -1, allowUnicode: true)) ?? ""
        let pad = String(repeating: " ", count: indent)
        return yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n")
    }

    private static func appendedText(_ existing: String, entry: Node, path: String) throws(ConfigurationError) -> String
    {
        let trimmed = existing.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasSuffix("endpoints:") && !trimmed.contains("\n- ") {
            let header = trimmed.isEmpty ? "endpoints:\n" : existing.hasSuffix("\n") ? existing : existing + "\n"
            return header + renderedItem(entry, indent: 2)
        }
        let source = YAMLSource(file: path, substitution: EnvironmentSubstitution(environment: [:]))
        var indent = 0
        if let root = try? source.root(of: existing) {
            let list = root.mapping.flatMap { $0["endpoints"] } ?? root
            indent = max(0, (list.mark?.column ?? 1) - 1)
        }
        let separator = existing.hasSuffix("\n") ? "" : "\n"
        return existing + separator + renderedItem(entry, indent: indent)
    }

    private static func write(_ text: String, to path: String) throws(ConfigurationError) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ConfigurationError(file: path, message: "cannot write the file: \(error.localizedDescription)")
        }
    }
}
