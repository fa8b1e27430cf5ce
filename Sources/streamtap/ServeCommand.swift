import ArgumentParser

/// `streamtap serve`: the demo server alone.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the built-in demo server alone (WebSocket and SSE routes for teaching and testing)."
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    func run() throws {
        try refuseUnbuilt("The demo server")
    }
}
