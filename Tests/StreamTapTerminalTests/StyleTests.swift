import Testing

@testable import StreamTapTerminal

@Suite struct StyleTests {
    @Test func buildingStylesByChaining() {
        let style = Style().foreground(.red).background(.indexed(236)).bold.underline
        #expect(style == Style(foreground: .red, background: .indexed(236), attributes: [.bold, .underline]))
        #expect(style.removing(.bold).attributes == [.underline])
        #expect(style.description == "bold,underline,fg=red,bg=236")
        #expect(Style.plain.description == "plain")
        #expect(Style().dim.italic.reverse.description == "dim,italic,reverse")
    }

    @Test func patchingLayersColoursAndAddsAttributes() {
        let base = Style().foreground(.green).background(.black).bold
        #expect(base.patched(with: Style().reverse) == base.reverse)
        #expect(base.patched(with: Style().foreground(.yellow)) == Style().foreground(.yellow).background(.black).bold)
        #expect(Style.plain.patched(with: base) == base)
    }

    @Test func paletteIndices() {
        #expect(Color.default.paletteIndex == nil)
        #expect(Color.ansi.map(\.paletteIndex) == (0..<16).map { $0 })
        #expect(Color.indexed(200).paletteIndex == 200)
        #expect(Color.brightCyan.description == "brightCyan")
        #expect(Color.indexed(42).description == "42")
    }

    @Test func coloursBeyondThePaletteBecomeTheNearestANSIColour() {
        #expect(Color.indexed(196).paletteIndex(forPaletteSize: 256) == 196)
        #expect(Color.indexed(196).paletteIndex(forPaletteSize: 16) == 9)
        #expect(Color.indexed(196).paletteIndex(forPaletteSize: 8) == 1)
        #expect(Color.indexed(196).paletteIndex(forPaletteSize: 88) == 9)
        #expect(Color.indexed(50).paletteIndex(forPaletteSize: 88) == 14)
        #expect(Color.indexed(12).paletteIndex(forPaletteSize: 88) == 12)
        #expect(Color.indexed(21).paletteIndex(forPaletteSize: 16) == 4)
        #expect(Color.indexed(232).paletteIndex(forPaletteSize: 16) == 0)
        #expect(Color.indexed(255).paletteIndex(forPaletteSize: 16) == 7)
        #expect(Color.indexed(231).paletteIndex(forPaletteSize: 16) == 15)
        #expect(Color.brightRed.paletteIndex(forPaletteSize: 8) == 1)
        #expect(Color.red.paletteIndex(forPaletteSize: 8) == 1)
        #expect(Color.red.paletteIndex(forPaletteSize: 0) == nil)
        #expect(Color.default.paletteIndex(forPaletteSize: 256) == nil)
    }
}
