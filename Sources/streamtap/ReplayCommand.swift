import ArgumentParser

/// `streamtap replay FILE`: a recorded session in the TUI, offline.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open a recorded session (JSONL or HAR) in the TUI."
    )

    @Argument(help: "A JSONL recording (from --record or cat --jsonl) or a HAR file.")
    var file: String

    func run() throws {
        try refuseUnbuilt("Replay")
    }
}
