/// Why a binary payload is not the format it was read as, and where: the
/// byte offset (from 0) of the item that is wrong, or of the end of the
/// input when it ends too soon.
///
/// Its description is one sentence for the user:
/// `not MessagePack: a str8 of 40 bytes runs past the end at byte 3`.
public struct PayloadDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The format the bytes were read as.
    public var format: PayloadFormat
    /// Where the problem is, in bytes from the start of the payload.
    public var offset: Int
    /// What is wrong, in words (“a break (0xff) outside an
    /// indefinite-length item”).
    public var reason: String

    public init(format: PayloadFormat, offset: Int, reason: String) {
        self.format = format
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "not \(format.shortName): \(reason) at byte \(offset)" }
}
