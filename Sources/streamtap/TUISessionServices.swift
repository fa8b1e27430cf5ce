import StreamTapConfig
import StreamTapCore
import StreamTapUI

/// The TUI's access to the user's files: saved endpoints (listed, opened
/// with their own options, added to) and the per-endpoint history of sent
/// messages in the state folder.
enum TUISessionServices {
    static func make(
        settings: UserSettings,
        factory: TUIConnectionFactory,
        base: ConnectionOptionGroup
    ) -> SessionServices {
        SessionServices(
            savedEndpoints: settings.collection.endpoints,
            openSaved: { saved, id in
                try factory.open(
                    ConnectionTarget(saved.name, options: base, settings: settings),
                    id: id
                )
            },
            save: { name, id in save(name: name, connection: id, settings: settings, factory: factory) },
            history: { url in
                (settings.history?.entries(for: url) ?? []).compactMap { entry in
                    Composer.Mode.allCases.first { $0.name == entry.mode }.map {
                        Composer.History(text: entry.text, mode: $0)
                    }
                }
            },
            remember: { entry, url in
                settings.history?.append(SentHistoryStore.Entry(mode: entry.mode.name, text: entry.text), for: url)
                    .map { Notice($0, isError: true) }
            }
        )
    }

    private static func save(
        name: String,
        connection id: Int,
        settings: UserSettings,
        factory: TUIConnectionFactory
    ) -> Notice {
        guard let file = settings.collectionFile else {
            return Notice(
                "nowhere to save endpoints: set HOME or XDG_CONFIG_HOME, or start with --endpoints FILE",
                isError: true
            )
        }
        guard let opened = factory.opened[id] else {
            return Notice("this connection cannot be saved", isError: true)
        }
        do {
            let endpoint = try opened.options.savedEndpoint(name: name, url: opened.url)
            let saved = try EndpointCollectionWriter.append(endpoint, to: file, environment: settings.environment)
            let secrets = saved.variables.isEmpty ? "" : "; set $\(saved.variables.joined(separator: ", $")) to open it"
            return Notice("saved as '\(name)' in \(file)\(secrets)")
        } catch {
            return Notice("not saved: \(error)", isError: true)
        }
    }
}
