import StreamTapTerminal
import Testing

@testable import StreamTapUI

@Suite struct KeymapTests {
    let keymap = Keymap()

    @Test func contextBindingsComeBeforeGlobalOnes() {
        #expect(keymap.command(for: .tab, in: [.composer]) == .cycleComposerMode)
        #expect(keymap.command(for: .tab, in: [.events]) == .nextPane)
        #expect(keymap.command(for: .character("x"), in: [.inspector, .document]) == .toggleHex)
        #expect(keymap.command(for: .character("x"), in: [.events]) == .clearEvents)
        #expect(keymap.command(for: .character("q"), in: [.help]) == .back)
    }

    @Test func typedCharactersNeverTriggerGlobalKeysInTextInputs() {
        #expect(keymap.command(for: .character("q"), in: [.composer]) == nil)
        #expect(keymap.command(for: .character("?"), in: [.filterInput]) == nil)
        #expect(keymap.command(for: .ctrl("c"), in: [.composer]) == .quit)
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            let keys = keymap.bindings(in: context).flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "a key is bound twice in \(context)")
        }
    }

    @Test func statusBarHintsComeFromTheKeymapAndSkipShadowedKeys() {
        let composer = keymap.hints(for: [.composer])
        #expect(composer.map(\.command).prefix(3) == [.send, .cycleComposerMode, .back])
        #expect(!composer.contains { $0.command == .nextPane })
        #expect(!composer.contains { $0.command == .quit })
        let events = keymap.hints(for: [.events]).map(\.command)
        #expect(events.contains(.open) && events.contains(.quit) && events.contains(.help))
    }

    @Test func helpListsEveryBoundKey() {
        let help = HelpDocument.lines(keymap: keymap, theme: Fixtures.plainTheme).map(\.text).joined(separator: "\n")
        for binding in keymap.bindings where !binding.keys.isEmpty {
            #expect(help.contains(binding.keyLabel + " "), "help misses \(binding.keyLabel)")
            #expect(help.contains(binding.description), "help misses \(binding.description)")
        }
    }

    @Test func paletteListsEveryCommandAndMatchesFuzzily() {
        let all = Palette.entries(for: "", keymap: keymap)
        for command: Command in [
            .quit, .reconnect, .closeConnection, .clearEvents, .toggleAutoReconnect, .toggleAutoPong, .connectPrompt,
        ] {
            #expect(all.contains { $0.target == .command(command) }, "palette misses \(command)")
        }
        #expect(Palette.entries(for: "rcn", keymap: keymap).first?.target == .command(.reconnect))
        #expect(Palette.entries(for: "hndshk", keymap: keymap).first?.target == .command(.handshake))
        #expect(Palette.entries(for: "zzzz", keymap: keymap).isEmpty)
        #expect(
            Palette.entries(for: "wss://h/x", keymap: keymap) == [
                PaletteEntry(title: "Connect to wss://h/x", keyLabel: "", target: .connect("wss://h/x"))
            ]
        )
    }
}
