import ArgumentParser

/// `streamtap cat URL`: headless streaming to stdout.
struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Headless: print incoming messages to stdout and send each stdin line as a message."
    )

    @Argument(help: "The ws://, wss://, http:// or https:// URL.")
    var url: String

    func run() throws {
        try refuseUnbuilt("cat")
    }
}
