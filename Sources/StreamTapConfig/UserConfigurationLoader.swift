import Foundation
import StreamTapCore
import Yams

/// Reads `config.yaml` into a `UserConfiguration`, checking every value.
public enum UserConfigurationLoader {
    static let themes = ["dark", "light", "mono"]

    /// The settings in the file at `path`; the defaults when it does not exist.
    public static func load(path: String, environment: [String: String]) throws(ConfigurationError) -> UserConfiguration
    {
        guard FileManager.default.fileExists(atPath: path) else { return UserConfiguration() }
        return try load(text: try ConfigurationFile.read(path), file: path, environment: environment)
    }

    /// The settings written in `text`.
    public static func load(
        text: String,
        file: String,
        environment: [String: String]
    ) throws(ConfigurationError) -> UserConfiguration {
        let source = YAMLSource(file: file, substitution: EnvironmentSubstitution(environment: environment))
        guard let root = try source.root(of: text) else { return UserConfiguration() }
        var configuration = UserConfiguration()
        for (key, value) in try source.fields(
            of: root,
            named: "the settings",
            known: ["theme", "events", "defaults", "keys"]
        ) {
            switch key {
            case "theme":
                let theme = try source.string(value, field: key).lowercased()
                guard themes.contains(theme) else {
                    throw source.error(at: value, "'theme' must be dark, light or mono, not '\(theme)'")
                }
                configuration.theme = theme
            case "events": configuration.eventLimits = try eventLimits(value, source: source)
            case "keys": configuration.keys = try keys(value, source: source)
            default: configuration.defaults = try defaults(value, source: source)
            }
        }
        return configuration
    }

    private static func keys(
        _ node: Node,
        source: YAMLSource
    ) throws(ConfigurationError) -> [UserConfiguration.KeySetting] {
        guard let mapping = node.mapping else {
            throw source.error(at: node, "'keys' must map command names to keys, e.g. quit: Q")
        }
        var settings: [UserConfiguration.KeySetting] = []
        for (commandNode, keysNode) in mapping {
            let command = try source.string(commandNode, field: "keys")
            let keys = try source.strings(keysNode, field: command)
            guard !keys.isEmpty else { throw source.error(at: keysNode, "'\(command)' needs at least one key") }
            settings.append(
                .init(command: command, keys: keys, line: commandNode.mark?.line, column: commandNode.mark?.column)
            )
        }
        return settings
    }

    private static func eventLimits(_ node: Node, source: YAMLSource) throws(ConfigurationError) -> EventLog.Limits {
        var limits = EventLog.Limits.standard
        for (key, value) in try source.fields(of: node, named: "'events'", known: ["max-count", "max-megabytes"]) {
            if key == "max-count" {
                limits.maxCount = try source.integer(value, field: key, in: 100...100_000_000)
            } else {
                limits.maxBytes = try source.integer(value, field: key, in: 1...65_536) << 20
            }
        }
        return limits
    }

    private static func defaults(
        _ node: Node,
        source: YAMLSource
    ) throws(ConfigurationError) -> UserConfiguration.ConnectionDefaults {
        var defaults = UserConfiguration.ConnectionDefaults()
        let known = ["headers", "user-agent", "connect-timeout", "keepalive", "max-message-size"]
        for (key, value) in try source.fields(of: node, named: "'defaults'", known: known) {
            switch key {
            case "headers": defaults.headers = try HeaderFieldsReader.read(value, source: source)
            case "user-agent": defaults.userAgent = try source.string(value, field: key)
            case "connect-timeout":
                defaults.connectTimeoutSeconds = try source.number(value, field: key, in: 0.001...3600)
            case "keepalive": defaults.keepaliveSeconds = try source.number(value, field: key, in: 0.001...86_400)
            default: defaults.maxMessageSize = try source.integer(value, field: key, in: 1...(1 << 40))
            }
        }
        return defaults
    }
}
