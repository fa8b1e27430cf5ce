import StreamTapTerminal
import Testing

@testable import StreamTapUI

/// `--theme dark|light|mono` on one small screen.
@Suite struct ThemeTests {
    static let size = TerminalSize(columns: 40, rows: 10)

    func styled(_ name: ThemeName) -> String {
        var state = Fixtures.twoPaneState(size: Self.size, colors: true)
        state.theme = Theme(policy: ColorPolicy(enabled: true), name: name)
        return AppView.render(state).styledSnapshot()
    }

    @Test(arguments: ThemeName.allCases) func eachThemeHasItsSnapshot(_ name: ThemeName) {
        let styled = styled(name)
        assertSnapshot(styled, named: "two-panes-styled-\(name.rawValue)-40x10")
        switch name {
        case .dark:
            #expect(styled.contains("fg=cyan"))
        case .light:
            #expect(!styled.contains("fg=yellow") && !styled.contains("fg=cyan"))
            #expect(styled.contains("fg="))
        case .mono:
            #expect(!styled.contains("fg=") && !styled.contains("bg="))
        }
    }

    @Test func themesDifferAndMonoMatchesNoColor() {
        #expect(styled(.light) != styled(.dark))
        #expect(Theme(policy: ColorPolicy(enabled: true), name: .mono) == Theme(policy: ColorPolicy(enabled: false)))
        #expect(!ThemeName.mono.restricting(ColorPolicy(enabled: true)).enabled)
        #expect(ThemeName.light.restricting(ColorPolicy(enabled: true)).enabled)
    }
}
