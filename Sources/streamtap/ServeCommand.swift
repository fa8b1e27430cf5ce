import ArgumentParser
import StreamTapDemoServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `streamtap serve`: the demo server alone.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the built-in demo server alone (WebSocket and SSE routes for teaching and testing).",
        discussion: """
            Prints the URL and the routes, then serves until interrupted \
            (Ctrl-C or SIGTERM). Open the URL in a browser for the route list \
            and a browser-side WebSocket and EventSource client.

            The server binds to 127.0.0.1 by default. It has no authentication: \
            binding it to another address lets anyone who can reach that address use it.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535.")
        }
    }

    func run() throws {
        let signals = SignalWaiter()
        let configuration = DemoServerConfiguration(host: host, port: port)
        var standardError = StandardError()
        if !configuration.isLoopback {
            print(
                """
                streamtap: WARNING: serving on \(host), not on loopback. The demo server has no \
                authentication: anyone who can reach this address can use it.
                """,
                to: &standardError
            )
        }
        let server: DemoServer
        do {
            server = try runBlocking { try await DemoServer.start(configuration: configuration) }
        } catch {
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode.failure
        }
        let routes = DemoRouteInfo.all.map { "\($0.method == "POST" ? "POST " : "")\($0.bare)" }
        print("streamtap demo server on \(server.baseURL)/ — routes: \(routes.joined(separator: " "))")
        fflush(nil)
        signals.wait()
        try runBlocking { try await server.shutdown() }
    }
}
