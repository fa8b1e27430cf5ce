import Foundation
import StreamTapCore
import Yams

/// Reads an endpoint collection: a YAML file with an `endpoints:` list (or
/// just the list), one mapping per endpoint, keys named as the command-line
/// options they stand for.
///
/// ```yaml
/// endpoints:
///   - name: prices
///     url: wss://api.example.com/prices
///     headers:
///       Authorization: Bearer ${PRICES_TOKEN}
///     subprotocols: [prices.v2]
///     on-connect:
///       - '{"subscribe": "EURUSD"}'
///     reconnect: backoff:250ms-10s
///     tls:
///       cacert: /etc/ssl/internal-ca.pem
/// ```
///
/// Every value is checked here (URL, reconnect policy, header syntax), so a
/// mistake is reported with its line before anything connects.
public enum EndpointCollectionLoader {
    /// The keys an endpoint may have.
    public static let endpointKeys = [
        "name", "url", "protocol", "headers", "subprotocols", "origin", "on-connect", "reconnect", "method", "body",
        "keepalive", "read-timeout", "tls", "lens",
    ]
    static let tlsKeys = ["insecure", "cacert", "cert", "key"]

    /// The collection in the file at `path`; an empty one when the file
    /// does not exist.
    public static func load(
        path: String,
        environment: [String: String]
    ) throws(ConfigurationError) -> EndpointCollection {
        guard FileManager.default.fileExists(atPath: path) else { return EndpointCollection(file: path) }
        let text = try ConfigurationFile.read(path)
        return try load(text: text, file: path, environment: environment)
    }

    /// The collection written in `text`, read from `file`.
    public static func load(
        text: String,
        file: String,
        environment: [String: String]
    ) throws(ConfigurationError) -> EndpointCollection {
        let source = YAMLSource(file: file, substitution: EnvironmentSubstitution(environment: environment))
        guard let root = try source.root(of: text) else { return EndpointCollection(file: file) }
        var list = root
        if root.mapping != nil {
            let fields = try source.fields(of: root, named: "the collection", known: ["endpoints"])
            guard let endpoints = fields.first?.1 else { return EndpointCollection(file: file) }
            list = endpoints
        }
        if list.scalar?.string.isEmpty == true { return EndpointCollection(file: file) }
        guard let items = list.sequence else {
            throw source.error(at: list, "'endpoints' must be a list, one '- name: ...' entry per endpoint")
        }
        var collection = EndpointCollection(file: file)
        for item in items {
            do {
                let endpoint = try savedEndpoint(item, source: source)
                try checkUnique(endpoint.name, in: collection, at: item, source: source)
                collection.endpoints.append(endpoint)
            } catch  where error.missingVariable != nil {
                guard let name = item.mapping?["name"]?.scalar?.string else { throw error }
                try checkUnique(name, in: collection, at: item, source: source)
                collection.unavailable.append((name: name, problem: error))
            }
        }
        return collection
    }

    private static func checkUnique(
        _ name: String,
        in collection: EndpointCollection,
        at node: Node,
        source: YAMLSource
    ) throws(ConfigurationError) {
        if collection.names.contains(name) {
            throw source.error(at: node, "two endpoints are named '\(name)': names must be unique")
        }
    }

    private static func savedEndpoint(_ node: Node, source: YAMLSource) throws(ConfigurationError) -> SavedEndpoint {
        let fields = try source.fields(of: node, named: "an endpoint", known: endpointKeys)
        var endpoint = SavedEndpoint(name: "", url: "")
        var urlNode: Node?
        for (key, value) in fields {
            switch key {
            case "name": endpoint.name = try source.string(value, field: key)
            case "url":
                endpoint.url = try source.string(value, field: key)
                urlNode = value
            case "protocol":
                let text = try source.string(value, field: key)
                guard let kind = StreamProtocol(rawValue: text.lowercased()) else {
                    throw source.error(at: value, "'protocol' must be websocket or sse, not '\(text)'")
                }
                endpoint.protocolOverride = kind
            case "headers": endpoint.headers = try HeaderFieldsReader.read(value, source: source)
            case "subprotocols":
                endpoint.subprotocols = try source.strings(value, field: key)
                if let bad = endpoint.subprotocols.first(where: { !HTTPToken.isToken($0) }) {
                    throw source.error(
                        at: value,
                        "'\(bad)' is not a valid subprotocol name (letters, digits, -._~ and the like)"
                    )
                }
            case "origin":
                let origin = try source.string(value, field: key)
                if let problem = HeaderLine.problem(name: "Origin", value: origin) {
                    throw source.error(at: value, problem)
                }
                endpoint.origin = origin
            case "on-connect": endpoint.onConnect = try source.strings(value, field: key)
            case "reconnect":
                let text = try source.string(value, field: key)
                do {
                    _ = try ReconnectPolicy(parsing: text)
                } catch {
                    throw source.error(at: value, "'reconnect': \(error.description)")
                }
                endpoint.reconnect = text
            case "method":
                let method = try source.string(value, field: key)
                guard HTTPToken.isToken(method) else {
                    throw source.error(at: value, "'\(method)' is not a valid HTTP method")
                }
                endpoint.method = method
            case "body": endpoint.body = try source.string(value, field: key)
            case "lens":
                let name = try source.string(value, field: key)
                guard LensName(parsing: name) != nil else {
                    let names = LensName.allCases.map(\.rawValue).joined(separator: ", ")
                    throw source.error(at: value, "'lens' must be one of \(names), not '\(name)'")
                }
                endpoint.lens = name
            case "keepalive": endpoint.keepaliveSeconds = try source.number(value, field: key, in: 0.001...86_400)
            case "read-timeout":
                endpoint.readTimeoutMilliseconds = try source.integer(value, field: key, in: 1...86_400_000)
            default: endpoint.tls = try tls(value, source: source)
            }
        }
        guard !endpoint.name.isEmpty else { throw source.error(at: node, "an endpoint needs a 'name'") }
        guard let urlNode, !endpoint.url.isEmpty else {
            throw source.error(at: node, "the endpoint '\(endpoint.name)' needs a 'url'")
        }
        do {
            _ = try Endpoint(parsing: endpoint.url, protocolOverride: endpoint.protocolOverride)
        } catch {
            throw source.error(at: urlNode, error.description)
        }
        return endpoint
    }

    private static func tls(_ node: Node, source: YAMLSource) throws(ConfigurationError) -> TLSOptions {
        var settings = TLSOptions()
        for (key, value) in try source.fields(of: node, named: "'tls'", known: tlsKeys) {
            switch key {
            case "insecure": settings.insecure = try source.bool(value, field: key)
            case "cacert": settings.caFile = try source.string(value, field: key)
            case "cert": settings.certificateFile = try source.string(value, field: key)
            default: settings.privateKeyFile = try source.string(value, field: key)
            }
        }
        return settings
    }
}
