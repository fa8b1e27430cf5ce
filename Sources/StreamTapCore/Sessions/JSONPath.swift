/// A JSONPath expression of the common subset: `$`, `.name`, `['name']`,
/// `[n]` (negative counts from the end), `[*]` and `.*`. It selects values
/// in a ``JSONValue``, as `--assemble` uses it to find a stream's text.
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    /// One step from a value to the values it selects.
    enum Step: Sendable, Equatable {
        case member(String)
        case index(Int)
        case wildcard
    }

    let steps: [Step]
    /// The expression as written.
    public let description: String

    /// Parses `text`; a path must start with `$`.
    public init(_ text: String) throws(JSONPathError) {
        var reader = Substring(text)
        guard reader.first == "$" else { throw JSONPathError("a JSONPath starts with $", in: text) }
        reader.removeFirst()
        var steps: [Step] = []
        while let first = reader.first {
            if first == "." {
                reader.removeFirst()
                if reader.first == "*" {
                    reader.removeFirst()
                    steps.append(.wildcard)
                    continue
                }
                let name = reader.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { throw JSONPathError("a member name is missing after '.'", in: text) }
                steps.append(.member(String(name)))
                reader = reader.dropFirst(name.count)
            } else if first == "[" {
                reader.removeFirst()
                guard let close = reader.firstIndex(of: "]") else { throw JSONPathError("'[' is not closed", in: text) }
                steps.append(try Self.bracketStep(reader[..<close], in: text))
                reader = reader[reader.index(after: close)...]
            } else {
                throw JSONPathError("unexpected '\(first)'", in: text)
            }
        }
        self.steps = steps
        description = text
    }

    private static func bracketStep(_ inside: Substring, in text: String) throws(JSONPathError) -> Step {
        let trimmed = inside.trimmingSpaces
        if trimmed == "*" { return .wildcard }
        if let quote = trimmed.first, quote == "'" || quote == "\"" {
            guard trimmed.count >= 2, trimmed.last == quote else {
                throw JSONPathError("a quoted name is not closed", in: text)
            }
            return .member(String(trimmed.dropFirst().dropLast()))
        }
        guard let index = Int(trimmed) else {
            throw JSONPathError("'[\(inside)]' is neither an index, a quoted name nor *", in: text)
        }
        return .index(index)
    }

    /// The values the path selects in `value`, in document order.
    public func select(in value: JSONValue) -> [JSONValue] {
        var current = [value]
        for step in steps {
            current = current.flatMap { Self.apply(step, to: $0) }
            if current.isEmpty { break }
        }
        return current
    }

    private static func apply(_ step: Step, to value: JSONValue) -> [JSONValue] {
        switch (step, value) {
        case (.member(let name), .object):
            return value[name].map { [$0] } ?? []
        case (.index(let index), .array(let elements)):
            let position = index < 0 ? elements.count + index : index
            return elements.indices.contains(position) ? [elements[position]] : []
        case (.wildcard, .array(let elements)):
            return elements
        case (.wildcard, .object(let members)):
            return members.map(\.value)
        default:
            return []
        }
    }
}

/// A JSONPath that cannot be read, and why.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    init(_ problem: String, in text: String) {
        description = "'\(text)' is not a JSONPath: \(problem)"
    }
}

extension Substring {
    /// The text without spaces at either end.
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
