import ArgumentParser
import StreamTapConfig
import StreamTapCore

/// `streamtap endpoints`: the saved endpoints, listed or added to.
struct EndpointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoints",
        abstract: "List saved endpoints, or save one (streamtap NAME opens it).",
        discussion: """
            Saved endpoints live in $XDG_CONFIG_HOME/streamtap/endpoints.yaml \
            (~/.config/streamtap/endpoints.yaml), a YAML file you can also edit by hand:

              endpoints:
                - name: prices
                  url: wss://api.example.com/prices
                  headers:
                    Authorization: Bearer ${PRICES_TOKEN}
                  subprotocols: [prices.v2]
                  on-connect: ['{"subscribe": "EURUSD"}']
                  reconnect: backoff:250ms-10s
                  keepalive: 30
                  tls: {cacert: /etc/ssl/internal-ca.pem}

            ${NAME} is replaced by the environment variable NAME (${NAME:-fallback} \
            when it may be unset; $$ is a literal $), so secrets stay out of the file. \
            Other keys: protocol (websocket|sse), origin, method, body, and under tls: \
            insecure, cert, key.

            Examples:
              streamtap endpoints
              streamtap endpoints add echo ws://127.0.0.1:8080/ws/echo --subprotocol chat
              streamtap echo
            """,
        subcommands: [List.self, Add.self],
        defaultSubcommand: List.self
    )

    /// `streamtap endpoints list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the saved endpoints.")

        @OptionGroup(title: "Settings")
        var settings: SettingsOptionGroup

        func run() throws {
            let settings = try self.settings.load()
            let file = settings.collectionFile ?? "(no settings folder: set HOME or XDG_CONFIG_HOME)"
            let endpoints = settings.collection.endpoints
            guard !settings.collection.names.isEmpty else {
                print("No endpoints saved in \(file).")
                print("Save one with: streamtap endpoints add NAME URL [options]")
                return
            }
            print("Saved endpoints (\(file)):")
            let width = settings.collection.names.map(\.count).max() ?? 0
            for endpoint in endpoints {
                // The loader checked the URL; the protocol follows as for a connection.
                let kind = (try? Endpoint(parsing: endpoint.url, protocolOverride: endpoint.protocolOverride))?
                    .protocolKind
                let name = endpoint.name.padding(toLength: width, withPad: " ", startingAt: 0)
                print("  \(name)  \(kind == .websocket ? "websocket" : "sse      ")  \(endpoint.url)")
            }
            for (name, problem) in settings.collection.unavailable {
                print(
                    "  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  unavailable: needs $\(problem.missingVariable ?? "?")"
                )
            }
        }
    }

    /// `streamtap endpoints add NAME URL [options]`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a URL and its connection options under a name.",
            discussion: """
                Authorization, Cookie and Proxy-Authorization values are not written \
                to the file: they are saved as ${NAME_HEADER} references, and the \
                command says which environment variable to set.
                """
        )

        @Argument(help: "The name to open it by (streamtap NAME).")
        var name: String

        @Argument(help: "The ws://, wss://, http:// or https:// URL.")
        var url: String

        @OptionGroup(title: "Connection")
        var connection: ConnectionOptionGroup

        @OptionGroup(title: "Settings")
        var settings: SettingsOptionGroup

        func validate() throws {
            guard !name.isEmpty, !name.contains("://"), !name.contains(where: \.isWhitespace) else {
                throw ValidationError("the name must be a word without spaces or '://', e.g. prices-staging")
            }
            _ = try connection.endpoint(for: url)
        }

        func run() throws {
            let settings = try self.settings.load()
            guard let file = settings.collectionFile else {
                throw ValidationError(
                    "there is no settings folder to save to: set HOME or XDG_CONFIG_HOME, or use --endpoints FILE"
                )
            }
            let endpoint = try connection.savedEndpoint(name: name, url: url)
            let saved: EndpointCollectionWriter.Saved
            do {
                saved = try EndpointCollectionWriter.append(endpoint, to: file, environment: settings.environment)
            } catch {
                var standardError = StandardError()
                print("streamtap: \(error)", to: &standardError)
                throw ExitCode.failure
            }
            print("Saved '\(name)' to \(saved.file); open it with: streamtap \(name)")
            for variable in saved.variables {
                print("Its secret header is read from $\(variable): set it before opening (export \(variable)='...').")
            }
        }
    }
}
