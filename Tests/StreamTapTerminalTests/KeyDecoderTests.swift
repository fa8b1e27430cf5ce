import StreamTapTestSupport
import Testing

@testable import StreamTapTerminal

/// Bytes of `text` with `^[` standing for ESC, so tables stay readable.
func input(_ text: String) -> [UInt8] {
    Array(text.replacing("^[", with: "\u{1b}").utf8)
}

func decodeAll(_ bytes: [UInt8]) -> [Key] {
    var decoder = KeyDecoder()
    return decoder.feed(bytes) + decoder.flush()
}

func mouse(_ kind: MouseEvent.Kind, _ x: Int, _ y: Int, _ modifiers: KeyModifiers = []) -> Key {
    .mouse(MouseEvent(kind, x: x, y: y, modifiers: modifiers))
}

/// Every sequence the decoder understands, with the key it means.
let knownSequences: [(String, Key)] = [
    ("a", .character("a")), ("Z", .character("Z")), (" ", .character(" ")), ("é", .character("é")),
    ("日", .character("日")), ("😀", .character("😀")), ("\r", .enter), ("\n", .enter), ("\t", .tab),
    ("\u{7f}", .backspace), ("\u{8}", .backspace), ("\u{0}", .ctrl(" ")), ("\u{1}", .ctrl("a")),
    ("\u{3}", .ctrl("c")), ("\u{1a}", .ctrl("z")), ("\u{1c}", .ctrl("\\")), ("\u{1d}", .ctrl("]")),
    ("\u{1e}", .ctrl("^")), ("\u{1f}", .ctrl("_")),
    ("^[a", .alt("a")), ("^[A", .alt("A")), ("^[é", .alt("é")), ("^[ ", .alt(" ")),
    ("^[\u{7f}", .modified(.backspace, .alt)), ("^[\r", .modified(.enter, .alt)),
    ("^[\u{1}", .modified(.ctrl("a"), .alt)),
    ("^[[A", .up), ("^[[B", .down), ("^[[C", .right), ("^[[D", .left), ("^[[H", .home), ("^[[F", .end),
    ("^[[Z", .backTab), ("^[[1;2A", .modified(.up, .shift)), ("^[[1;5C", .modified(.right, .ctrl)),
    ("^[[1;3D", .modified(.left, .alt)), ("^[[1;6B", .modified(.down, [.ctrl, .shift])),
    ("^[[1;9A", .modified(.up, .alt)), ("^[[1;8H", .modified(.home, [.ctrl, .alt, .shift])),
    ("^[[1;1A", .up), ("^[[1~", .home), ("^[[2~", .insert), ("^[[3~", .delete), ("^[[4~", .end),
    ("^[[5~", .pageUp), ("^[[6~", .pageDown), ("^[[7~", .home), ("^[[8~", .end),
    ("^[[3;5~", .modified(.delete, .ctrl)), ("^[[5;3~", .modified(.pageUp, .alt)),
    ("^[[11~", .function(1)), ("^[[12~", .function(2)), ("^[[13~", .function(3)), ("^[[14~", .function(4)),
    ("^[[15~", .function(5)), ("^[[17~", .function(6)), ("^[[18~", .function(7)), ("^[[19~", .function(8)),
    ("^[[20~", .function(9)), ("^[[21~", .function(10)), ("^[[23~", .function(11)), ("^[[24~", .function(12)),
    ("^[[15;2~", .modified(.function(5), .shift)), ("^[[24;5~", .modified(.function(12), .ctrl)),
    ("^[[1;2P", .modified(.function(1), .shift)), ("^[[1;5S", .modified(.function(4), .ctrl)),
    ("^[[[A", .function(1)), ("^[[[B", .function(2)), ("^[[[E", .function(5)),
    ("^[OA", .up), ("^[OB", .down), ("^[OC", .right), ("^[OD", .left), ("^[OH", .home), ("^[OF", .end),
    ("^[OP", .function(1)), ("^[OQ", .function(2)), ("^[OR", .function(3)), ("^[OS", .function(4)),
    ("^[OM", .enter), ("^[O5A", .modified(.up, .ctrl)), ("^[O2P", .modified(.function(1), .shift)),
    ("^[Op", .character("0")), ("^[Oy", .character("9")), ("^[Oj", .character("*")), ("^[Oo", .character("/")),
    ("^[OX", .character("=")),
    ("^[[<0;10;5M", mouse(.press(.left), 9, 4)), ("^[[<0;10;5m", mouse(.release(.left), 9, 4)),
    ("^[[<1;3;3M", mouse(.press(.middle), 2, 2)), ("^[[<2;1;1M", mouse(.press(.right), 0, 0)),
    ("^[[<2;1;1m", mouse(.release(.right), 0, 0)), ("^[[<64;5;6M", mouse(.scrollUp, 4, 5)),
    ("^[[<65;5;6M", mouse(.scrollDown, 4, 5)), ("^[[<66;5;6M", mouse(.scrollLeft, 4, 5)),
    ("^[[<67;5;6M", mouse(.scrollRight, 4, 5)), ("^[[<32;7;8M", mouse(.drag(.left), 6, 7)),
    ("^[[<35;7;8M", mouse(.move, 6, 7)), ("^[[<4;1;1M", mouse(.press(.left), 0, 0, .shift)),
    ("^[[<8;1;1M", mouse(.press(.left), 0, 0, .alt)), ("^[[<16;1;1M", mouse(.press(.left), 0, 0, .ctrl)),
    ("^[[<80;200;100M", mouse(.scrollUp, 199, 99, .ctrl)), ("^[[<128;1;1M", mouse(.press(.other(8)), 0, 0)),
    ("^[[M *%", mouse(.press(.left), 9, 4)), ("^[[M\"!!", mouse(.press(.right), 0, 0)),
    ("^[[M`!!", mouse(.scrollUp, 0, 0)),
]

@Suite struct KeyDecoderTests {
    @Test(arguments: knownSequences)
    func decodesSequence(text: String, key: Key) {
        var decoder = KeyDecoder()
        #expect(decoder.feed(input(text)) == [key], "\(text)")
        #expect(!decoder.hasPendingInput)
    }

    @Test func loneEscapeWaitsForTheCallerToSayNothingMoreIsComing() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(input("^[")) == [])
        #expect(decoder.hasPendingInput)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPendingInput)
        #expect(decoder.flush() == [])
    }

    @Test func escapeFollowedByASequenceLater() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(input("^[")) == [])
        #expect(decoder.feed(input("[A")) == [.up])
    }

    @Test func doubleEscape() {
        #expect(decodeAll(input("^[^[")) == [.escape, .escape])
        #expect(decodeAll(input("^[^[[A")) == [.escape, .up])
    }

    @Test(
        arguments: [
            (input("^[["), [Key.alt("[")]), (input("^[O"), [.alt("O")]), (input("^[[1;"), []), (input("^[[<0;1"), []),
            (input("^[[M!"), []), (input("^[[["), []), (input("^[O5"), []), ([0x78, 0xE6, 0x97], [.character("x")]),
        ] as [([UInt8], [Key])]
    )
    func incompleteSequencesAreResolvedOnFlush(bytes: [UInt8], keys: [Key]) {
        var decoder = KeyDecoder()
        let early = decoder.feed(bytes)
        #expect(decoder.hasPendingInput)
        #expect(early + decoder.flush() == keys)
        #expect(!decoder.hasPendingInput)
    }

    @Test(arguments: [
        "^[[200~", "^[[201~", "^[[I", "^[[O", "^[[?1;2c", "^[[99~", "^[[1;5X", "^[Oz", "^[[<1;2M", "^[[<0;1;1X",
        "^[[<64;1;1m", "^[[>0;1c", "^[[9~", "^[[[Z", "^[[E", "^[[30~", "^[[M\u{1}!!",
    ])
    func unknownSequencesAreDroppedNotTyped(text: String) {
        #expect(decodeAll(input(text) + input("k")) == [.character("k")], "\(text)")
    }

    @Test(
        arguments: [
            ([0x9B], []), ([0xC2, 0x9B], []), ([0xC2, 0x85], []), ([0xFF], []), ([0xC0, 0xAF], []),
            ([0xED, 0xA0, 0x80], []), ([0x80, 0x80], []), ([0xF4, 0x90, 0x80, 0x80], []),
            ([0xE6, 0x97, 0x41], [Key.character("A")]),
        ] as [([UInt8], [Key])]
    )
    func invalidUTF8AndC1ControlsAreDropped(bytes: [UInt8], keys: [Key]) {
        #expect(decodeAll(bytes + input("k")) == keys + [.character("k")])
    }

    @Test func malformedSequenceIsDroppedAndTheRestDecoded() {
        #expect(decodeAll(input("^[[1;5\u{1}x")) == [.ctrl("a"), .character("x")])
        #expect(decodeAll(input("^[[\u{1}")) == [.alt("["), .ctrl("a")])
        #expect(decodeAll(input("^[O\u{1}")) == [.alt("O"), .ctrl("a")])
        #expect(decodeAll(input("^[O123A")) == [.character("3"), .character("A")])
    }

    @Test func overlongSequenceIsSkippedToItsEnd() {
        let long = "^[[" + String(repeating: "1;", count: 100) + "A"
        #expect(decodeAll(input(long + "ok")) == [.character("o"), .character("k")])
        let unterminated = "^[[" + String(repeating: "9", count: 100)
        #expect(decodeAll(input(unterminated + "\u{1}")) == [.ctrl("a")])
    }

    @Test func x10ReleaseReportsTheButtonPressedBefore() {
        #expect(decodeAll(input("^[[M\"!!^[[M#!!")) == [mouse(.press(.right), 0, 0), mouse(.release(.right), 0, 0)])
        #expect(decodeAll(input("^[[M#$%")) == [mouse(.release(.left), 3, 4)])
    }

    @Test func typedTextIsCharacters() {
        #expect(decodeAll(input("héllo 日本")) == "héllo 日本".map { .character($0) })
    }

    @Test func everySplitOfAStreamDecodesTheSame() {
        let stream = knownSequences.flatMap { input($0.0) } + input("^[^[[A^[[200~x")
        let expected = knownSequences.map(\.1) + [.escape, .up, .character("x")]
        #expect(decodeAll(stream) == expected)
        for split in 0...stream.count {
            var decoder = KeyDecoder()
            let keys = decoder.feed(stream[..<split]) + decoder.feed(stream[split...]) + decoder.flush()
            #expect(keys == expected, "split at \(split)")
        }
    }

    @Test func byteByByteDecodesTheSame() {
        let stream = knownSequences.flatMap { input($0.0) }
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for byte in stream {
            keys += decoder.feed([byte])
        }
        keys += decoder.flush()
        #expect(keys == knownSequences.map(\.1))
    }

    @Test func everyPrefixOfASequenceIsHeldBackUntilComplete() {
        for (text, key) in knownSequences {
            let bytes = input(text)
            var decoder = KeyDecoder()
            for byte in bytes.dropLast() {
                #expect(decoder.feed([byte]).isEmpty, "\(text)")
            }
            #expect(decoder.feed(bytes.suffix(1)) == [key], "\(text)")
        }
    }

    @Test func randomBytesNeverBecomeControlText() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            for key in decodeAll(bytes) {
                if case .character(let character) = key {
                    #expect(
                        character.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }
                    )
                }
            }
        }
    }
}

@Suite struct KeyDescriptionTests {
    @Test(arguments: [
        (Key.character("q"), "q"), (.character(" "), "Space"), (.enter, "Enter"), (.backTab, "Shift+Tab"),
        (.escape, "Esc"), (.pageDown, "PgDn"), (.function(5), "F5"), (.ctrl("c"), "Ctrl+C"), (.alt("x"), "Alt+x"),
        (.modified(.up, .shift), "Shift+Up"), (.modified(.delete, [.ctrl, .alt]), "Ctrl+Alt+Del"),
        (.character("\u{1b}"), "␛"), (.resize(TerminalSize(columns: 80, rows: 24)), "Resize 80x24"),
        (mouse(.press(.left), 3, 4, .ctrl), "Ctrl+Mouse press left at 3,4"),
        (mouse(.scrollDown, 0, 1), "Mouse scroll down at 0,1"),
    ])
    func keysReadAsInHelpText(key: Key, text: String) {
        #expect(key.description == text)
    }
}
