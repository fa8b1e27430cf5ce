/// Turns the bytes a terminal sends into `Key`s, incrementally: a sequence
/// split across reads is completed by the next `feed`.
///
/// Understood: UTF-8 text; C0 controls (Enter, Tab, Backspace as DEL or
/// BS, Ctrl+letter); ESC before a key as Alt; CSI and SS3 sequences for
/// arrows, Home/End, Insert/Delete, PageUp/PageDown and F1–F12 with xterm
/// modifier parameters (`ESC[1;5C` is Ctrl+Right); the Linux console's
/// `ESC[[A`–`ESC[[E`; xterm SGR mouse reports (`ESC[<b;x;yM` and `m`) and
/// the older `ESC[M` + 3 bytes form. Anything else — unknown or malformed
/// sequences, invalid UTF-8, C1 controls — is dropped, never turned into
/// text. A sequence longer than 64 bytes is skipped up to its final byte.
///
/// A lone ESC might be the start of a sequence, so `feed` keeps it; call
/// `flush` when no more input is pending (typically after a short wait) to
/// get it as `.escape`.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []
    private var skippingSequence = false
    private var lastPressedButton = MouseEvent.Button.left

    private static let maximumSequenceLength = 64

    public init() {}

    /// Whether bytes are held back waiting for the rest of a sequence.
    public var hasPendingInput: Bool { !pending.isEmpty }

    /// Decodes `bytes` after any held back, returning the keys they
    /// complete; an incomplete sequence at the end is held back.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        return decode(final: false)
    }

    /// Resolves what is held back, for when no more bytes are coming now: a
    /// lone ESC is `.escape`, `ESC [` and `ESC O` are Alt+`[` and Alt+`O`,
    /// and an incomplete sequence is dropped.
    public mutating func flush() -> [Key] {
        decode(final: true)
    }

    /// A decoded key (`nil` when the bytes were dropped) and how many bytes
    /// it took, always at least 1.
    private struct Step {
        var key: Key?
        var length: Int
    }

    private mutating func decode(final: Bool) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < pending.count {
            if skippingSequence {
                let byte = pending[index]
                if !(0x20...0x3F).contains(byte) {
                    skippingSequence = false
                }
                if (0x20...0x7E).contains(byte) {
                    index += 1
                }
                continue
            }
            guard let step = parse(at: index, final: final) else {
                break
            }
            if let key = step.key {
                keys.append(key)
            }
            index += step.length
        }
        pending.removeFirst(index)
        return keys
    }

    /// The key at `index`, or `nil` when more bytes are needed to tell
    /// (never when `final`).
    private mutating func parse(at index: Int, final: Bool) -> Step? {
        switch pending[index] {
        case 0x1B:
            return parseEscape(at: index, final: final)
        case 0x80...0xFF:
            if let (scalar, length) = UTF8Scalar.decode(pending, at: index) {
                let isC1 = (0x80...0x9F).contains(scalar.value)
                return Step(key: isC1 ? nil : .character(Character(scalar)), length: length)
            }
            if !final && UTF8Scalar.isTruncated(pending, at: index) {
                return nil
            }
            return Step(key: nil, length: 1)
        case let byte:
            return Step(key: Self.singleByteKey(byte), length: 1)
        }
    }

    /// The key of an ASCII byte other than ESC.
    private static func singleByteKey(_ byte: UInt8) -> Key? {
        switch byte {
        case 0x0D, 0x0A: .enter
        case 0x09: .tab
        case 0x08, 0x7F: .backspace
        case 0x00: .ctrl(" ")
        case 0x01...0x1A: .ctrl(Character(Unicode.Scalar(byte + 0x60)))
        case 0x1C...0x1F: .ctrl(Character(Unicode.Scalar(byte + 0x40)))
        case 0x20...0x7E: .character(Character(Unicode.Scalar(byte)))
        default: nil
        }
    }

    private mutating func parseEscape(at index: Int, final: Bool) -> Step? {
        guard index + 1 < pending.count else {
            return final ? Step(key: .escape, length: 1) : nil
        }
        switch pending[index + 1] {
        case UInt8(ascii: "["):
            return parseCSI(at: index, final: final)
        case UInt8(ascii: "O"):
            return parseSS3(at: index, final: final)
        case 0x1B:
            return Step(key: .escape, length: 1)
        default:
            guard let next = parse(at: index + 1, final: final) else {
                return nil
            }
            return Step(key: next.key.map(Self.withAlt), length: next.length + 1)
        }
    }

    private static func withAlt(_ key: Key) -> Key {
        switch key {
        case .character(let character): .alt(character)
        case .modified(let key, let modifiers): .modified(key, modifiers.union(.alt))
        default: .modified(key, .alt)
        }
    }

    /// `ESC [` parameters, intermediates and a final byte.
    private mutating func parseCSI(at index: Int, final: Bool) -> Step? {
        let start = index + 2
        guard start < pending.count else {
            return final ? Step(key: .alt("["), length: 2) : nil
        }
        switch pending[start] {
        case UInt8(ascii: "M"):
            return parseX10Mouse(at: index, final: final)
        case UInt8(ascii: "["):
            guard start + 1 < pending.count else {
                return final ? Step(key: nil, length: 3) : nil
            }
            let byte = pending[start + 1]
            let key = (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(byte) ? Key.function(Int(byte) - 0x40) : nil
            return Step(key: key, length: 4)
        default:
            break
        }
        var end = start
        while end < pending.count {
            switch pending[end] {
            case 0x20...0x3F:
                end += 1
                if end - index > Self.maximumSequenceLength {
                    skippingSequence = true
                    return Step(key: nil, length: end - index)
                }
            case 0x40...0x7E:
                let key = csiKey(parameters: pending[start..<end], final: pending[end])
                return Step(key: key, length: end - index + 1)
            default:
                return Step(key: end == start ? .alt("[") : nil, length: end - index)
            }
        }
        return final ? Step(key: nil, length: end - index) : nil
    }

    private mutating func csiKey(parameters: ArraySlice<UInt8>, final: UInt8) -> Key? {
        if parameters.first == UInt8(ascii: "<") {
            guard final == UInt8(ascii: "M") || final == UInt8(ascii: "m") else {
                return nil
            }
            let fields = Self.numbers(parameters.dropFirst())
            guard fields.count == 3, let code = fields[0], let x = fields[1], let y = fields[2] else {
                return nil
            }
            return mouseKey(code: code, x: x - 1, y: y - 1, release: final == UInt8(ascii: "m"))
        }
        guard parameters.allSatisfy({ (0x30...0x3B).contains($0) }) else {
            return nil
        }
        let fields = Self.numbers(parameters)
        let key: Key?
        switch final {
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"): key = Self.tildeKey(fields.first ?? nil)
        default: key = Self.finalByteKey(final)
        }
        let modifiers = fields.count > 1 ? KeyModifiers(xtermParameter: fields[1] ?? 1) : []
        return key.map { modifiers.isEmpty ? $0 : .modified($0, modifiers) }
    }

    /// `ESC [ n ~` keys (VT220 and xterm numbering).
    private static func tildeKey(_ number: Int?) -> Key? {
        switch number {
        case 1, 7: .home
        case 2: .insert
        case 3: .delete
        case 4, 8: .end
        case 5: .pageUp
        case 6: .pageDown
        case .some(let n) where (11...15).contains(n): .function(n - 10)
        case .some(let n) where (17...21).contains(n): .function(n - 11)
        case .some(let n) where (23...24).contains(n): .function(n - 12)
        default: nil
        }
    }

    /// Keys named by the final byte of a CSI or SS3 sequence.
    private static func finalByteKey(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "P")...UInt8(ascii: "S"): .function(Int(byte) - 0x4F)
        default: nil
        }
    }

    /// `ESC O`, optional modifier digits, a final byte: cursor and function
    /// keys in application mode, and the application keypad.
    private func parseSS3(at index: Int, final: Bool) -> Step? {
        let start = index + 2
        guard start < pending.count else {
            return final ? Step(key: .alt("O"), length: 2) : nil
        }
        var end = start
        while end < pending.count && end - start < 2 && (0x30...0x39).contains(pending[end]) {
            end += 1
        }
        guard end < pending.count else {
            return final ? Step(key: nil, length: end - index) : nil
        }
        let byte = pending[end]
        guard (0x40...0x7E).contains(byte) else {
            return Step(key: end == start ? .alt("O") : nil, length: end - index)
        }
        let keypad = "*+,-./0123456789"
        let key: Key?
        switch byte {
        case UInt8(ascii: "M"): key = .enter
        case UInt8(ascii: "X"): key = .character("=")
        case UInt8(ascii: "j")...UInt8(ascii: "y"):
            key = .character(Array(keypad)[Int(byte) - Int(UInt8(ascii: "j"))])
        default: key = Self.finalByteKey(byte)
        }
        let modifiers =
            end > start
            ? KeyModifiers(xtermParameter: Self.numbers(pending[start..<end]).first.flatMap { $0 } ?? 1) : []
        return Step(key: key.map { modifiers.isEmpty ? $0 : .modified($0, modifiers) }, length: end - index + 1)
    }

    /// `ESC [ M` and three bytes: button + 32, column + 33, row + 33.
    private mutating func parseX10Mouse(at index: Int, final: Bool) -> Step? {
        guard pending.count - index >= 6 else {
            return final ? Step(key: nil, length: pending.count - index) : nil
        }
        let key = mouseKey(
            code: Int(pending[index + 3]) - 32,
            x: Int(pending[index + 4]) - 33,
            y: Int(pending[index + 5]) - 33,
            release: false
        )
        return Step(key: key, length: 6)
    }

    /// A mouse report's button code: bits 0–1 the button (3: released, in
    /// the X10 form), 4 Shift, 8 Alt, 16 Ctrl, 32 motion, 64 wheel, 128
    /// buttons 8–11.
    private mutating func mouseKey(code: Int, x: Int, y: Int, release: Bool) -> Key? {
        guard code >= 0 else {
            return nil
        }
        var modifiers: KeyModifiers = []
        if code & 4 != 0 { modifiers.insert(.shift) }
        if code & 8 != 0 { modifiers.insert(.alt) }
        if code & 16 != 0 { modifiers.insert(.ctrl) }
        let low = code & 3
        let kind: MouseEvent.Kind
        if code & 64 != 0 {
            guard !release else {
                return nil
            }
            kind = [.scrollUp, .scrollDown, .scrollLeft, .scrollRight][low]
        } else {
            let buttons: [MouseEvent.Button?] = [.left, .middle, .right, nil]
            let button = code & 128 != 0 ? .other(8 + low) : buttons[low]
            if code & 32 != 0 {
                kind = button.map { .drag($0) } ?? .move
            } else if let button, !release {
                lastPressedButton = button
                kind = .press(button)
            } else {
                kind = .release(button ?? lastPressedButton)
            }
        }
        return .mouse(MouseEvent(kind, x: max(0, x), y: max(0, y), modifiers: modifiers))
    }

    /// The `;`-separated decimal fields of a parameter string (`nil` for an
    /// empty field); a `:` sub-parameter is ignored, values are capped.
    private static func numbers(_ bytes: ArraySlice<UInt8>) -> [Int?] {
        bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field in
            let digits = field.prefix { $0 != UInt8(ascii: ":") }
            guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
                return nil
            }
            return digits.reduce(0) { min($0 * 10 + Int($1 - 0x30), 1_000_000) }
        }
    }
}
