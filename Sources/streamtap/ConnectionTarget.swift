import ArgumentParser
import StreamTapCore

/// What a command-line argument names: a URL, or a saved endpoint by
/// name, with the options that apply to it.
struct ConnectionTarget {
    var endpoint: Endpoint
    var options: ConnectionOptionGroup
    /// The saved endpoint the argument named, if it was a name.
    var saved: SavedEndpoint?

    /// The pane title: the saved name, or host and path.
    var title: String { saved?.name ?? endpoint.hostHeader + endpoint.target }

    /// Resolves `argument`: text with `://` is a URL; anything else must
    /// be the name of a saved endpoint.
    init(_ argument: String, options: ConnectionOptionGroup, settings: UserSettings) throws {
        let defaults = settings.configuration.defaults
        if argument.contains("://") {
            self.options = try options.filling(from: nil, defaults: defaults).forURL(argument)
            self.endpoint = try self.options.endpoint(for: argument)
            return
        }
        if let problem = settings.collection.problem(named: argument) {
            throw ValidationError("cannot open '\(argument)': \(problem)")
        }
        guard let saved = settings.collection.endpoint(named: argument) else {
            let names = settings.collection.names
            let known =
                names.isEmpty
                ? "no endpoints are saved" + (settings.collectionFile.map { " in \($0)" } ?? "")
                : "saved endpoints: " + names.joined(separator: ", ")
            if argument.contains("/") || argument.contains(".") {
                throw ValidationError(
                    "'\(argument)' is not a URL: it needs a scheme such as ws://, wss://, http:// or https:// "
                        + "(nor is it the name of a saved endpoint; \(known))"
                )
            }
            throw ValidationError(
                "'\(argument)' is not a URL (ws://, wss://, http://, https://) or the name of a saved endpoint (\(known))"
            )
        }
        self.saved = saved
        self.options = try options.filling(from: saved, defaults: defaults).forURL(saved.url)
        self.endpoint = try self.options.endpoint(for: saved.url)
    }
}
