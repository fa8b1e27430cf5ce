import StreamTapTerminal
import StreamTapUI
import Testing

/// The `keys:` section of config.yaml, as the keymap applies it.
@Suite struct KeymapOverrideTests {
    @Test func keyNamesReadAsHelpWritesThem() {
        #expect(KeyName.key("q") == .character("q"))
        #expect(KeyName.key("Q") == .character("Q"))
        #expect(KeyName.key("Ctrl+S") == .ctrl("s"))
        #expect(KeyName.key("ctrl+s") == .ctrl("s"))
        #expect(KeyName.key("Alt+x") == .alt("x"))
        #expect(KeyName.key("PgDn") == .pageDown)
        #expect(KeyName.key("F5") == .function(5))
        #expect(KeyName.key("Space") == .character(" "))
        #expect(KeyName.key("Shift+Tab") == .backTab)
        #expect(KeyName.key("Esc") == .escape)
        #expect(KeyName.key("Hyper+Q") == nil)
        #expect(KeyName.key("") == nil)
        #expect(KeyName.key("\u{1B}") == nil)
    }

    @Test func aRebindingReplacesTheStandardKeysEverywhereTheCommandIsBound() throws {
        let keymap = try Keymap().applying([KeyOverride(command: "quit", keys: ["Q", "F10"])])
        #expect(keymap.command(for: .character("Q"), in: [.events]) == .quit)
        #expect(keymap.command(for: .function(10), in: [.events]) == .quit)
        #expect(keymap.command(for: .character("q"), in: [.events]) == nil)
        #expect(keymap.bindings.first { $0.command == .quit }?.keyLabel == "Q/F10")
    }

    @Test func swappingTwoKeysIsNotAClash() throws {
        let keymap = try Keymap().applying([
            KeyOverride(command: "next-match", keys: ["N"]), KeyOverride(command: "previous-match", keys: ["n"]),
        ])
        #expect(keymap.command(for: .character("N"), in: [.events]) == .nextMatch)
        #expect(keymap.command(for: .character("n"), in: [.events]) == .previousMatch)
    }

    @Test func mistakesAreRefusedWithTheReason() {
        #expect(throws: KeyOverrideError.self) { try Keymap().applying([KeyOverride(command: "explode", keys: ["x"])]) }
        do {
            _ = try Keymap().applying([
                KeyOverride(command: "quit", keys: ["q"]), KeyOverride(command: "filter", keys: ["n"]),
            ])
            Issue.record("a clash was accepted")
        } catch {
            #expect(error.index == 1)
            #expect(error.description == "n already runs 'Next match' there; rebind next-match too or pick another key")
        }
        do {
            _ = try Keymap().applying([KeyOverride(command: "help", keys: ["Hyper+H"])])
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.description.hasPrefix("'Hyper+H' is not a key"))
        }
    }

    @Test func everyBindableCommandHasAUniqueName() {
        let names = Keymap().bindings.compactMap(\.command.configurationName)
        let commands = Set(Keymap().bindings.map(\.command).filter { $0.configurationName != nil })
        #expect(Set(names).count == commands.count)
    }
}
