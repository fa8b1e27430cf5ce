import StreamTapTerminal

/// A strict JSON (RFC 8259) reader that checks a text and lays it out
/// indented, one styled line at a time, with keys, strings, numbers and
/// literals in their theme colours.
///
/// Strings are shown as written (escapes included); nothing is decoded, so
/// what is shown is exactly what was sent. Nesting deeper than `maxDepth`
/// is reported as an error instead of recursing without bound.
public struct JSONPrettyPrinter {
    /// The deepest nesting accepted.
    public static let maxDepth = 256

    private let bytes: [UInt8]
    private var position = 0
    private let theme: Theme?
    private let indent: String
    private var lines: [StyledLine] = []
    private var current = StyledLine()
    private var depth = 0

    private init(bytes: [UInt8], theme: Theme?, indent: Int) {
        self.bytes = bytes
        self.theme = theme
        self.indent = String(repeating: " ", count: max(0, indent))
    }

    /// `text` checked and laid out, or where it stops being JSON.
    public static func format(
        _ bytes: [UInt8],
        theme: Theme,
        indent: Int = 2
    ) -> Result<[StyledLine], JSONSyntaxError> {
        var printer = JSONPrettyPrinter(bytes: bytes, theme: theme, indent: indent)
        do {
            try printer.document()
            printer.endLine()
            return .success(printer.lines)
        } catch {
            return .failure(error)
        }
    }

    /// `nil` when `text` is valid JSON, otherwise where it is not.
    public static func validate(_ text: String) -> JSONSyntaxError? {
        var printer = JSONPrettyPrinter(bytes: Array(text.utf8), theme: nil, indent: 0)
        do {
            try printer.document()
            return nil
        } catch {
            return error
        }
    }

    // MARK: Grammar

    private mutating func document() throws(JSONSyntaxError) {
        skipWhitespace()
        try value()
        skipWhitespace()
        if position < bytes.count {
            throw fail("unexpected text after the JSON value")
        }
    }

    private mutating func value() throws(JSONSyntaxError) {
        guard let byte = peek() else {
            throw fail("unexpected end of text, expected a value")
        }
        switch byte {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string(style: theme?.jsonString)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw fail("expected a value, found \(describe(byte))")
        }
    }

    private mutating func object() throws(JSONSyntaxError) {
        try enter()
        position += 1
        emit("{", theme?.jsonPunctuation)
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            emit("}", theme?.jsonPunctuation)
            depth -= 1
            return
        }
        while true {
            newLine(depth)
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw fail(peek() == nil ? "unexpected end of text, expected a key" : "expected a key in double quotes")
            }
            try string(style: theme?.jsonKey)
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after the key") }
            position += 1
            emit(": ", theme?.jsonPunctuation)
            skipWhitespace()
            try value()
            skipWhitespace()
            if try commaOrClose("}") { return }
        }
    }

    private mutating func array() throws(JSONSyntaxError) {
        try enter()
        position += 1
        emit("[", theme?.jsonPunctuation)
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            emit("]", theme?.jsonPunctuation)
            depth -= 1
            return
        }
        while true {
            newLine(depth)
            skipWhitespace()
            try value()
            skipWhitespace()
            if try commaOrClose("]") { return }
        }
    }

    /// After a member or an element: a `,` (another follows; returns
    /// `false`) or the closing bracket (the container ends; returns `true`).
    private mutating func commaOrClose(_ close: Unicode.Scalar) throws(JSONSyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","):
            position += 1
            emit(",", theme?.jsonPunctuation)
            return false
        case UInt8(ascii: close):
            position += 1
            depth -= 1
            newLine(depth)
            emit(String(close), theme?.jsonPunctuation)
            return true
        default:
            throw fail("expected ',' or '\(close)'")
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            throw fail("nested deeper than \(Self.maxDepth) levels")
        }
    }

    private mutating func string(style: Style?) throws(JSONSyntaxError) {
        let start = position
        position += 1
        while true {
            guard let byte = peek() else {
                position = start
                throw fail("unterminated string")
            }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                emit(String(decoding: bytes[start..<position], as: UTF8.self), style)
                return
            case UInt8(ascii: "\\"):
                position += 1
                try escape()
            case 0..<0x20:
                throw fail("control character \(describe(byte)) in a string (escape it)")
            default:
                position += 1
            }
        }
    }

    private mutating func escape() throws(JSONSyntaxError) {
        guard let byte = peek() else { throw fail("unterminated string") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            for _ in 0..<4 {
                guard let digit = peek(), Self.isHexDigit(digit) else {
                    throw fail("expected 4 hex digits after \\u")
                }
                position += 1
            }
        default:
            throw fail("invalid escape \\\(describe(byte))")
        }
    }

    private mutating func number() throws(JSONSyntaxError) {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), Self.isDigit(first) else { throw fail("expected a digit") }
        position += 1
        if first != UInt8(ascii: "0") {
            skipDigits()
        } else if let next = peek(), Self.isDigit(next) {
            throw fail("a number cannot start with 0")
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let digit = peek(), Self.isDigit(digit) else { throw fail("expected a digit after '.'") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let digit = peek(), Self.isDigit(digit) else { throw fail("expected a digit in the exponent") }
            skipDigits()
        }
        emit(String(decoding: bytes[start..<position], as: UTF8.self), theme?.jsonNumber)
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        for expected in word.utf8 {
            guard peek() == expected else { throw fail("expected '\(word)'") }
            position += 1
        }
        emit(word, theme?.jsonLiteral)
    }

    // MARK: Reading

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            position += 1
        }
    }

    private mutating func skipDigits() {
        while let byte = peek(), Self.isDigit(byte) { position += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x" + String(byte, radix: 16)
    }

    private func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError.at(position, in: bytes, message)
    }

    // MARK: Output

    private mutating func emit(_ text: String, _ style: Style?) {
        guard let style else { return }
        current.append(text, style)
    }

    private mutating func newLine(_ level: Int) {
        guard theme != nil else { return }
        endLine()
        if level > 0 {
            current.append(String(repeating: indent, count: level))
        }
    }

    private mutating func endLine() {
        guard theme != nil, !current.spans.isEmpty else { return }
        lines.append(current)
        current = StyledLine()
    }
}
