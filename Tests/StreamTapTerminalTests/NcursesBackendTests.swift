import CNcurses
import Testing

@testable import StreamTapTerminal

@Suite struct NcursesKeyMapTests {
    @Test func keyCodes() {
        let codes: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home),
            (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_IC, .insert), (KEY_DC, .delete),
            (KEY_BACKSPACE, .backspace), (KEY_ENTER, .enter), (KEY_BTAB, .backTab),
            (KEY_SR, .modified(.up, .shift)), (KEY_SLEFT, .modified(.left, .shift)),
            (KEY_SDC, .modified(.delete, .shift)), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
            (KEY_F0 + 13, .modified(.function(1), .shift)), (KEY_F0 + 29, .modified(.function(5), .ctrl)),
            (KEY_F0 + 48, .modified(.function(12), [.ctrl, .shift])), (KEY_F0 + 49, .modified(.function(1), .alt)),
            (KEY_F0 + 63, .modified(.function(3), [.alt, .shift])),
        ]
        for (code, key) in codes {
            #expect(NcursesKeyMap.key(forCode: code, name: nil) == key)
        }
    }

    @Test func extendedKeysByName() {
        #expect(NcursesKeyMap.key(forCode: 600, name: "kUP5") == .modified(.up, .ctrl))
        #expect(NcursesKeyMap.key(forCode: 601, name: "kRIT3") == .modified(.right, .alt))
        #expect(NcursesKeyMap.key(forCode: 602, name: "kDC6") == .modified(.delete, [.ctrl, .shift]))
        #expect(NcursesKeyMap.key(forCode: 603, name: "kNXT2") == .modified(.pageDown, .shift))
        #expect(NcursesKeyMap.key(forCode: 604, name: "kUP") == nil)
        #expect(NcursesKeyMap.key(forCode: 605, name: "kUP9") == nil)
        #expect(NcursesKeyMap.key(forCode: 606, name: "kxIN") == nil)
        #expect(NcursesKeyMap.key(forCode: 607, name: nil) == nil)
    }

    @Test func mouseStates() {
        let pressed = streamtap_button_mask(1, true)
        #expect(NcursesKeyMap.mouseEvent(state: pressed, x: 3, y: 4) == MouseEvent(.press(.left), x: 3, y: 4))
        #expect(
            NcursesKeyMap.mouseEvent(state: streamtap_button_mask(3, false) | streamtap_button_ctrl(), x: 0, y: 1)
                == MouseEvent(.release(.right), x: 0, y: 1, modifiers: .ctrl)
        )
        #expect(
            NcursesKeyMap.mouseEvent(state: streamtap_button_mask(4, true), x: 5, y: 5)?.kind == .scrollUp
        )
        #expect(
            NcursesKeyMap.mouseEvent(state: streamtap_button_mask(5, true), x: 5, y: 5)?.kind == .scrollDown
        )
        #expect(NcursesKeyMap.mouseEvent(state: 0, x: 0, y: 0) == nil)
        #expect(NcursesKeyMap.mouseEvent(state: pressed, x: -1, y: -7) == MouseEvent(.press(.left), x: 0, y: 0))
    }

    /// A press and release read together arrive as a click: it selects
    /// like a press instead of being dropped.
    @Test func clicksCountAsPresses() {
        #expect(
            NcursesKeyMap.mouseEvent(state: streamtap_button_clicked_mask(1), x: 7, y: 2)
                == MouseEvent(.press(.left), x: 7, y: 2)
        )
        #expect(NcursesKeyMap.mouseEvent(state: streamtap_button_clicked_mask(3), x: 0, y: 0)?.kind == .press(.right))
    }
}

@Suite struct NcursesGlyphTests {
    func characters(_ text: String, width: Int? = nil) -> ([UInt32], Bool) {
        var buffer = CellBuffer(size: TerminalSize(columns: 4, rows: 1))
        buffer.write(text, x: 0, y: 0)
        let glyph = NcursesGlyph(buffer[0, 0])
        return (glyph.characters.map { UInt32(bitPattern: $0) }, glyph.padded)
    }

    @Test func plainAndCombining() {
        #expect(characters("a") == ([0x61, 0], false))
        #expect(characters("日") == ([0x65E5, 0], false))
        #expect(characters("e\u{301}") == ([0x65, 0x301, 0], false))
    }

    @Test func atMostFiveCharactersPerCell() {
        let (characters, _) = characters("e" + String(repeating: "\u{301}", count: 9))
        #expect(characters == [0x65, 0x301, 0x301, 0x301, 0x301, 0])
    }

    @Test func emojiSequencesAreDrawnAsTheirFirstEmoji() {
        #expect(characters("👨‍👩‍👧") == ([0x1F468, 0], false))
        #expect(characters("👍🏽") == ([0x1F44D, 0], false))
        #expect(characters("❤️") == ([0x2764, 0], false))
        #expect(characters("🏳️‍🌈") == ([0x1F3F3, 0], true))
    }

    @Test func blankAndDottedCircle() {
        #expect(NcursesGlyph(.blank()).characters == [0x20, 0])
        #expect(NcursesGlyph(.continuation(.plain)).characters == [0x20, 0])
        #expect(characters("\u{301}") == ([0x25CC, 0x301, 0], false))
    }
}

@Suite struct ColorPairTableTests {
    @Test func pairsAreAllocatedOnceAndReused() {
        var table = ColorPairTable(capacity: 256)
        let red = ColorPairTable.Colors(foreground: 1, background: -1)
        let blue = ColorPairTable.Colors(foreground: 4, background: 0)
        #expect(table.number(for: red) == (1, true))
        #expect(table.number(for: blue) == (2, true))
        #expect(table.number(for: red) == (1, false))
        #expect(table.number(for: ColorPairTable.Colors(foreground: -1, background: -1)) == (0, false))
    }

    @Test func exhaustedTableFallsBackToDefaultColours() {
        var table = ColorPairTable(capacity: 3)
        #expect(table.number(for: ColorPairTable.Colors(foreground: 1, background: 2)).number == 1)
        #expect(table.number(for: ColorPairTable.Colors(foreground: 2, background: 2)).number == 2)
        #expect(table.number(for: ColorPairTable.Colors(foreground: 3, background: 2)) == (0, false))
        #expect(ColorPairTable(capacity: 1_000_000).capacity == Int(Int16.max))
        var none = ColorPairTable(capacity: 0)
        #expect(none.number(for: ColorPairTable.Colors(foreground: 1, background: 1)) == (0, false))
    }
}

@Suite struct NcursesBackendStartTests {
    @Test func unusableTerminalThrowsAClearError() {
        #expect {
            try NcursesBackend(terminalType: "streamtap-no-such-terminal")
        } throws: { error in
            guard let error = error as? TerminalBackendError else {
                return false
            }
            return [.notATerminal, .unknownTerminal("streamtap-no-such-terminal")].contains(error)
                && error.description.contains("terminal")
        }
    }

    @Test func errorsExplainWhatToDo() {
        #expect(TerminalBackendError.unknownTerminal("").description.contains("TERM is not set"))
        #expect(TerminalBackendError.unknownTerminal("vt999").description.contains("'vt999'"))
        #expect(TerminalBackendError.cannotPositionCursor("dumb").description.contains("cannot position the cursor"))
        #expect(TerminalBackendError.unknownTerminal("\u{1b}[2J").description.contains("␛[2J"))
    }
}
