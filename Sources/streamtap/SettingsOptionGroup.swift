import ArgumentParser
import Foundation
import StreamTapConfig
import StreamTapUI

/// Where the user's settings and saved endpoints come from, for every
/// command that connects.
struct SettingsOptionGroup: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Read saved endpoints from this YAML file (default: $XDG_CONFIG_HOME/streamtap/endpoints.yaml).",
            valueName: "file"
        )
    )
    var endpoints: String?

    @Flag(help: "Ignore config.yaml, saved endpoints and message history; use only the command line.")
    var noConfig = false

    /// The settings files, read and checked; a mistake in one is printed
    /// with its line and ends the command with status 2.
    /// The keymap with `settings` applied; a bad key or command is an
    /// error at its line.
    private static func keymap(
        _ settings: [UserConfiguration.KeySetting],
        file: String
    ) throws(ConfigurationError) -> Keymap {
        do {
            return try Keymap().applying(settings.map { KeyOverride(command: $0.command, keys: $0.keys) })
        } catch {
            let setting = settings.indices.contains(error.index) ? settings[error.index] : nil
            throw ConfigurationError(
                file: file,
                line: setting?.line,
                column: setting?.column,
                message: "keys: \(error)"
            )
        }
    }

    func load() throws -> UserSettings {
        let environment = ProcessInfo.processInfo.environment
        if noConfig { return UserSettings(environment: environment) }
        let directories = XDGDirectories(environment: environment)
        do {
            let configuration = try directories.map {
                try UserConfigurationLoader.load(path: $0.configurationFile, environment: environment)
            }
            let collectionFile = endpoints ?? directories?.endpointsFile
            if let endpoints, !FileManager.default.fileExists(atPath: endpoints) {
                throw ConfigurationError(file: endpoints, message: "no such file (check the path given to --endpoints)")
            }
            let collection = try collectionFile.map {
                try EndpointCollectionLoader.load(path: $0, environment: environment)
            }
            let keymap = try Self.keymap(configuration?.keys ?? [], file: directories?.configurationFile ?? "")
            return UserSettings(
                environment: environment,
                configuration: configuration ?? UserConfiguration(),
                keymap: keymap,
                collection: collection ?? EndpointCollection(file: ""),
                collectionFile: collectionFile,
                history: directories.map { SentHistoryStore(folder: $0.historyFolder) }
            )
        } catch let error as ConfigurationError {
            var standardError = StandardError()
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode(2)
        }
    }
}

/// What the settings files say, once read.
struct UserSettings {
    var environment: [String: String]
    var configuration = UserConfiguration()
    /// The standard keys with the user's `keys:` changes.
    var keymap = Keymap()
    var collection = EndpointCollection(file: "")
    /// Where endpoints are saved (`nil` with `--no-config` or without a home folder).
    var collectionFile: String?
    /// Sent-message history (`nil` with `--no-config`).
    var history: SentHistoryStore?
}
