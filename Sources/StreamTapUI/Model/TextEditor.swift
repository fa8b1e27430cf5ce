/// Editable text with a cursor: the composer's multi-line editor and the
/// single-line inputs (filter, command palette).
///
/// Positions count `Character`s, so a cursor never lands inside a grapheme
/// cluster.
public struct TextEditor: Sendable, Equatable {
    public private(set) var lines: [[Character]]
    /// The cursor's line, from 0.
    public private(set) var line = 0
    /// The cursor's position in its line, from 0 (before the first
    /// character) to the line's length.
    public private(set) var column = 0
    /// Whether Enter may add lines.
    public let isMultiline: Bool

    public init(_ text: String = "", multiline: Bool = false) {
        isMultiline = multiline
        lines = [[]]
        set(text)
    }

    /// The whole text, lines joined with `\n`.
    public var text: String { lines.map { String($0) }.joined(separator: "\n") }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// Replaces the text and puts the cursor at its end.
    public mutating func set(_ text: String) {
        let split = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        lines = isMultiline ? split : [split.joined(separator: [" "]).map { $0 }]
        if lines.isEmpty { lines = [[]] }
        line = lines.count - 1
        column = lines[line].count
    }

    /// Inserts a character (a line break in a single-line editor becomes a
    /// space).
    public mutating func insert(_ character: Character) {
        if character == "\n" || character == "\r\n" {
            insertNewline()
            return
        }
        lines[line].insert(character, at: column)
        column += 1
    }

    /// Inserts every character of `text`.
    public mutating func insert(_ text: String) {
        for character in text { insert(character) }
    }

    /// Splits the line at the cursor (a space in a single-line editor).
    public mutating func insertNewline() {
        guard isMultiline else {
            insert(" ")
            return
        }
        let rest = Array(lines[line][column...])
        lines[line].removeSubrange(column...)
        lines.insert(rest, at: line + 1)
        line += 1
        column = 0
    }

    /// Deletes the character before the cursor, joining lines at a line's
    /// start.
    public mutating func backspace() {
        if column > 0 {
            lines[line].remove(at: column - 1)
            column -= 1
        } else if line > 0 {
            let removed = lines.remove(at: line)
            line -= 1
            column = lines[line].count
            lines[line].append(contentsOf: removed)
        }
    }

    /// Deletes the character under the cursor, joining the next line at a
    /// line's end.
    public mutating func deleteForward() {
        if column < lines[line].count {
            lines[line].remove(at: column)
        } else if line + 1 < lines.count {
            let next = lines.remove(at: line + 1)
            lines[line].append(contentsOf: next)
        }
    }

    public mutating func moveLeft() {
        if column > 0 {
            column -= 1
        } else if line > 0 {
            line -= 1
            column = lines[line].count
        }
    }

    public mutating func moveRight() {
        if column < lines[line].count {
            column += 1
        } else if line + 1 < lines.count {
            line += 1
            column = 0
        }
    }

    /// Moves up a line; returns `false` (and does nothing) on the first.
    @discardableResult
    public mutating func moveUp() -> Bool {
        guard line > 0 else { return false }
        line -= 1
        column = min(column, lines[line].count)
        return true
    }

    /// Moves down a line; returns `false` (and does nothing) on the last.
    @discardableResult
    public mutating func moveDown() -> Bool {
        guard line + 1 < lines.count else { return false }
        line += 1
        column = min(column, lines[line].count)
        return true
    }

    public mutating func moveToLineStart() {
        column = 0
    }

    public mutating func moveToLineEnd() {
        column = lines[line].count
    }

    /// Deletes from the cursor back to the start of the line (Ctrl+U).
    public mutating func deleteToLineStart() {
        lines[line].removeSubrange(0..<column)
        column = 0
    }
}
