import ArgumentParser
import Foundation
import StreamTapUI

extension ThemeName: ExpressibleByArgument {}

/// `--theme dark|light|mono` for the commands that open the TUI.
struct ThemeOption: ParsableArguments {
    @Option(
        help:
            "Colours for a dark or a light terminal, or mono for none (as NO_COLOR). Default: config.yaml's theme, else dark."
    )
    var theme: ThemeName?

    /// The theme to use: `--theme`, else the settings file's, else dark.
    func themeName(_ settings: UserSettings) -> ThemeName {
        theme ?? settings.configuration.theme.flatMap(ThemeName.init(rawValue:)) ?? .dark
    }

    /// The colour policy for this terminal: off under `NO_COLOR` or `mono`.
    func colorPolicy(_ settings: UserSettings) -> ColorPolicy {
        themeName(settings).restricting(
            ColorPolicy(environment: ProcessInfo.processInfo.environment, terminalHasColors: true)
        )
    }
}
