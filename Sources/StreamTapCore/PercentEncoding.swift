/// `%XX` escapes in the parts of a URL (user information, query values).
public enum PercentEncoding {
    /// Why a text could not be decoded.
    public enum Failure: Error, Equatable {
        /// A `%` not followed by two hex digits.
        case incompleteEscape
        /// The decoded bytes are not UTF-8.
        case notUTF8
    }

    /// `text` with every `%XX` escape decoded, and `+` read as a space when
    /// `plusAsSpace` (as in a form-encoded query).
    public static func decode(_ text: Substring, plusAsSpace: Bool = false) -> Result<String, Failure> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusAsSpace:
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(Hex.value(of:)),
                    let low = iterator.next().flatMap(Hex.value(of:))
                else { return .failure(.incompleteEscape) }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        guard UTF8Validator.isValid(bytes) else { return .failure(.notUTF8) }
        return .success(String(decoding: bytes, as: UTF8.self))
    }
}
