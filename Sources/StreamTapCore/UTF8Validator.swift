/// Incremental UTF-8 validation (RFC 3629): feed bytes in any chunks and
/// learn as early as possible when they stop being valid UTF-8.
///
/// A WebSocket client must fail a text message at the first invalid byte,
/// even when the message arrives in fragments and a character is split
/// between two of them; this keeps exactly the state needed for that.
public struct UTF8Validator: Sendable, Equatable {
    /// Continuation bytes still expected for the current character.
    private var pending = 0
    /// The allowed range of the next continuation byte (tighter than
    /// 0x80...0xBF right after some lead bytes, to reject overlong forms,
    /// surrogates and code points above U+10FFFF).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    /// Set once an invalid byte was seen; validation stays failed.
    public private(set) var failed = false

    public init() {}

    /// Whether the bytes so far end between two whole characters.
    public var isComplete: Bool { !failed && pending == 0 }

    /// Feeds more bytes; returns `false` once the input is known invalid.
    @discardableResult
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> Bool {
        guard !failed else { return false }
        if let valid = bytes.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0)) }) {
            return valid
        }
        for byte in bytes where !step(byte) {
            failed = true
            return false
        }
        return true
    }

    /// Feeds bytes from contiguous memory; returns `false` once the input is
    /// known invalid. Runs of ASCII are checked eight bytes at a time.
    @discardableResult
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard !failed else { return false }
        let count = bytes.count
        var index = 0
        while index < count {
            if pending == 0 {
                index = Self.asciiPrefixEnd(bytes, from: index)
                guard index < count else { break }
            }
            guard step(bytes[index]) else {
                failed = true
                return false
            }
            index += 1
        }
        return true
    }

    /// The top bit of each byte of a word: zero for a word of ASCII.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Skips whole words of ASCII from `start` (64 bytes a step, then 8);
    /// returns where the first word holding a non-ASCII byte starts, or
    /// where fewer than 8 bytes are left. (Eight words OR-ed per step run
    /// about 1.5 times as fast as four on a 16 KiB payload.)
    @inline(__always)
    private static func asciiPrefixEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let count = bytes.count
        var index = start
        guard let base = bytes.baseAddress else { return index }
        // `index` stays below `count - 63` here, so the offsets cannot
        // overflow: wrapping arithmetic spares a check per word.
        while count &- index >= 64 {
            var combined: UInt64 = 0
            for word in 0..<8 {
                combined |= base.loadUnaligned(fromByteOffset: index &+ 8 &* word, as: UInt64.self)
            }
            guard combined & highBits == 0 else { break }
            index &+= 64
        }
        while count - index >= 8 {
            guard bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & highBits == 0 else { break }
            index += 8
        }
        return index
    }

    @inline(__always)
    private mutating func step(_ byte: UInt8) -> Bool {
        if pending > 0 {
            guard byte >= lower && byte <= upper else { return false }
            pending -= 1
            lower = 0x80
            upper = 0xBF
            return true
        }
        switch byte {
        case 0x00...0x7F:
            return true
        case 0xC2...0xDF:
            pending = 1
        case 0xE0:
            pending = 2
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF:
            pending = 2
        case 0xED:
            pending = 2
            upper = 0x9F
        case 0xF0:
            pending = 3
            lower = 0x90
        case 0xF1...0xF3:
            pending = 3
        case 0xF4:
            pending = 3
            upper = 0x8F
        default:
            return false
        }
        return true
    }

    /// Whether `bytes` is, as a whole, valid UTF-8.
    public static func isValid(_ bytes: some Sequence<UInt8>) -> Bool {
        var validator = UTF8Validator()
        return validator.feed(bytes) && validator.isComplete
    }
}
