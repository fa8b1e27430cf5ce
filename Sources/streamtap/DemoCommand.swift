import ArgumentParser

/// `streamtap demo`: the built-in demo server plus the TUI against it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the built-in demo server on loopback and open a WebSocket and an SSE pane against it."
    )

    func run() throws {
        try refuseUnbuilt("The demo")
    }
}
