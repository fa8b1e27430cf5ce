/// A request header as users write it (`-H 'Name: value'`, or a line in
/// an endpoints file), split and checked so it cannot break the request:
/// the name must be a token, and the value may not hold CR, LF or NUL
/// (checked on the bytes: `"\r\n"` is one `Character`).
public enum HeaderLine {
    /// `line` split at its first colon, the value without leading blanks.
    public static func parse(_ line: String) throws(InputError) -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
            throw InputError(description: "a header must read 'Name: value', not '\(line)'")
        }
        let name = String(line[..<colon])
        let value = String(line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
        if let problem = problem(name: name, value: value) { throw InputError(description: problem) }
        return (name, value)
    }

    /// Why `name: value` cannot be sent, or `nil` when it can.
    public static func problem(name: String, value: String) -> String? {
        guard HTTPToken.isToken(name) else { return "'\(name)' is not a valid header name" }
        guard !value.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x00 }) else {
            return "the value of the header '\(name)' cannot contain a line break or NUL"
        }
        return nil
    }
}
