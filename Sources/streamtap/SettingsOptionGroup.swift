import ArgumentParser
import Foundation
import StreamTapConfig

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
            return UserSettings(
                environment: environment,
                configuration: configuration ?? UserConfiguration(),
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
    var collection = EndpointCollection(file: "")
    /// Where endpoints are saved (`nil` with `--no-config` or without a home folder).
    var collectionFile: String?
    /// Sent-message history (`nil` with `--no-config`).
    var history: SentHistoryStore?
}
