import ArgumentParser

/// `--record FILE`, for the commands that connect.
struct RecordOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write every event to this file as JSON Lines as it happens (open it again with `streamtap replay`).",
            valueName: "file"
        )
    )
    var record: String?

    /// The recorder for `--record`, or `nil`; a file that cannot be created
    /// is reported and fails the command before anything connects.
    func makeSink() throws -> RecordingSink? {
        guard let record else { return nil }
        do {
            return try RecordingSink(path: record)
        } catch {
            var standardError = StandardError()
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }

    /// The TUI's recorder, already recording to `--record`'s file when given;
    /// a file that cannot be created fails the command before anything
    /// connects.
    func makeSwitch() throws -> RecordingSwitch {
        let recorder = RecordingSwitch()
        guard let record else { return recorder }
        do {
            try recorder.start(path: record)
        } catch {
            var standardError = StandardError()
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode.failure
        }
        return recorder
    }

    /// Stops the TUI's recording and says on stderr if it could not be
    /// written completely.
    func finish(_ recorder: RecordingSwitch) {
        guard let failure = recorder.finish() else { return }
        var standardError = StandardError()
        print("streamtap: \(failure)", to: &standardError)
    }

    /// Writes what is left and says on stderr if the recording could not
    /// be written completely.
    func finish(_ sink: RecordingSink?) {
        sink?.flush()
        guard let failure = sink?.failure else { return }
        var standardError = StandardError()
        print("streamtap: \(failure)", to: &standardError)
    }
}
