import ArgumentParser
import StreamTapTerminal
import StreamTapUI

/// What the commands that open the TUI share: taking over the terminal
/// (or explaining why it cannot be used) and running the UI until the user
/// quits, then closing every connection.
enum TUISession {
    /// The ncurses backend, or a one-line reason on stderr and exit 1.
    static func openTerminal(_ display: ThemeOption, settings: UserSettings) throws -> NcursesBackend {
        do {
            return try NcursesBackend(colors: display.colorPolicy(settings).enabled, mouse: true)
        } catch {
            var standardError = StandardError()
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }

    /// The inbox the connections deliver to, or a one-line reason on stderr
    /// and exit 1 when its wake-up pipe cannot be made (no file descriptor
    /// left): without it the UI would never learn of new events. Make it
    /// before taking over the terminal.
    static func makeInbox() throws -> EventInbox {
        let inbox = EventInbox()
        guard inbox.doorbell != nil else {
            var standardError = StandardError()
            print(
                "streamtap: cannot start the TUI: no file descriptor is left for its wake-up pipe (see `ulimit -n`)",
                to: &standardError
            )
            throw ExitCode.failure
        }
        return inbox
    }

    /// Runs the TUI on `panes` (the terminal is restored when it returns),
    /// then shuts down every connection the factory opened. `base` are the
    /// command line's connection options, under a saved endpoint's own.
    static func run(
        backend: NcursesBackend,
        inbox: EventInbox,
        factory: TUIConnectionFactory,
        panes: [TUIPane],
        display: ThemeOption,
        settings: UserSettings,
        base: ConnectionOptionGroup,
        recorder: RecordingSwitch? = nil
    ) {
        var configuration = TUIConfiguration(
            panes: panes,
            connect: factory.open,
            colorPolicy: display.colorPolicy(settings),
            eventLimits: settings.configuration.eventLimits ?? .standard,
            keymap: settings.keymap,
            theme: display.themeName(settings),
            services: settings.history == nil
                ? nil : TUISessionServices.make(settings: settings, factory: factory, base: base)
        )
        configuration.recorder = recorder
        TUI.run(backend: backend, inbox: inbox, configuration: configuration)
        factory.shutdownAll()
    }
}
