/// Where and why a text is not valid JSON.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The byte offset of the problem in the UTF-8 text.
    public var offset: Int
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column (in Unicode scalars) of the problem.
    public var column: Int
    /// What was wrong, e.g. `expected ',' or '}'`.
    public var message: String

    public init(offset: Int, line: Int, column: Int, message: String) {
        self.offset = offset
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line 2, column 5: expected ',' or '}'`.
    public var description: String { "line \(line), column \(column): \(message)" }

    /// The error at `offset` of `bytes`, with its line and column.
    static func at(_ offset: Int, in bytes: [UInt8], _ message: String) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONSyntaxError(offset: offset, line: line, column: column, message: message)
    }
}
