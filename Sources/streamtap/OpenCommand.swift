import ArgumentParser

/// `streamtap [URL...]`: the TUI, connected to each URL side by side.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the TUI, connected to each URL side by side (the default command).",
        discussion: """
            Examples:
              streamtap ws://127.0.0.1:8080/echo http://127.0.0.1:8080/events
              streamtap open wss://example.org/socket
            """
    )

    @Argument(help: "ws://, wss://, http:// or https:// URLs to connect to.")
    var urls: [String] = []

    func run() throws {
        try refuseUnbuilt("The TUI")
    }
}
