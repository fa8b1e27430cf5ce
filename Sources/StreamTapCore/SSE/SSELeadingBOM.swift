/// Drops the one UTF-8 byte order mark (`EF BB BF`) an event stream may
/// start with, as the UTF-8 decode algorithm does, even when its three bytes
/// arrive in different reads.
///
/// Only the very start of a stream is looked at: a BOM anywhere later is
/// content. While the start is still undecided (the stream so far is `EF` or
/// `EF BB`), those bytes are held here; if the next byte shows they were not
/// a BOM, they are handed back as the start of the first line.
struct SSELeadingBOM: Sendable {
    private var matched = 0
    /// Whether the start of the stream is decided: the BOM was dropped, or
    /// the stream does not begin with one.
    private(set) var isSettled = false

    /// Whether bytes of what may still be a BOM are held back (they are
    /// discarded if the stream ends here).
    var holdsBytes: Bool { !isSettled && matched > 0 }

    /// Consumes the BOM bytes at the start of `bytes` and returns how many
    /// it consumed. Bytes held back from earlier reads that turn out not to
    /// be a BOM are appended to `line`.
    mutating func consume(_ bytes: UnsafeRawBufferPointer, heldBackInto line: inout [UInt8]) -> Int {
        var index = 0
        while !isSettled && index < bytes.count {
            let expected = Self.byte(at: matched)
            if bytes[index] == expected {
                matched += 1
                index += 1
                isSettled = matched == 3
            } else {
                for position in 0..<matched {
                    line.append(Self.byte(at: position))
                }
                isSettled = true
            }
        }
        return index
    }

    private static func byte(at position: Int) -> UInt8 {
        switch position {
        case 0: 0xEF
        case 1: 0xBB
        default: 0xBF
        }
    }
}
