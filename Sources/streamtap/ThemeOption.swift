import ArgumentParser
import Foundation
import StreamTapUI

extension ThemeName: ExpressibleByArgument {}

/// `--theme dark|light|mono` for the commands that open the TUI.
struct ThemeOption: ParsableArguments {
    @Option(help: "Colours for a dark or a light terminal, or mono for none (as NO_COLOR).")
    var theme: ThemeName = .dark

    /// The colour policy for this terminal: off under `NO_COLOR` or `mono`.
    var colorPolicy: ColorPolicy {
        theme.restricting(ColorPolicy(environment: ProcessInfo.processInfo.environment, terminalHasColors: true))
    }
}
