import Yams

/// A YAML file being read for settings: parses it, then reads typed values
/// out of its nodes, applying `${VAR}` substitution to strings and turning
/// every mismatch into a `ConfigurationError` that points at the line.
struct YAMLSource {
    let file: String
    let substitution: EnvironmentSubstitution

    /// The document's root node, or `nil` for an empty document.
    func root(of text: String) throws(ConfigurationError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw describe(error)
        } catch {
            throw ConfigurationError(file: file, message: "cannot read the YAML: \(error)")
        }
    }

    private func describe(_ error: YamlError) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigurationError(
                file: file,
                line: mark.line,
                column: mark.column,
                message: "invalid YAML: \(problem)"
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigurationError(
                file: file,
                line: context.mark.line,
                column: context.mark.column,
                message: "the key '\(duplicates.joined(separator: "', '"))' appears twice in one mapping"
            )
        default:
            return ConfigurationError(file: file, message: "invalid YAML: \(error)")
        }
    }

    /// An error located at `node`.
    func error(at node: Node, _ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    /// The key/value pairs of a mapping, refusing keys not in `known`.
    func fields(of node: Node, named what: String, known: [String]) throws(ConfigurationError) -> [(String, Node)] {
        guard let mapping = node.mapping else {
            throw error(at: node, "\(what) must be a mapping of keys to values")
        }
        var fields: [(String, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw error(at: keyNode, "the keys of \(what) must be plain names")
            }
            guard known.contains(key) else {
                throw error(
                    at: keyNode,
                    "unknown key '\(key)' in \(what) (known keys: \(known.joined(separator: ", ")))"
                )
            }
            fields.append((key, value))
        }
        return fields
    }

    /// A scalar as text, with `${VAR}` substituted.
    func string(_ node: Node, field: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar else {
            throw error(at: node, "'\(field)' must be a single value, not a list or mapping")
        }
        do {
            return try substitution.apply(scalar.string)
        } catch {
            switch error {
            case .unset(let name):
                var failure = self.error(
                    at: node,
                    "'\(field)' uses ${\(name)}, but the environment variable \(name) is not set "
                        + "(set it, or write ${\(name):-default})"
                )
                failure.missingVariable = name
                throw failure
            case .malformed(let problem):
                throw self.error(at: node, "'\(field)': \(problem)")
            }
        }
    }

    /// A scalar, or a list of scalars, as texts.
    func strings(_ node: Node, field: String) throws(ConfigurationError) -> [String] {
        guard let sequence = node.sequence else { return [try string(node, field: field)] }
        var values: [String] = []
        for item in sequence {
            values.append(try string(item, field: field))
        }
        return values
    }

    func bool(_ node: Node, field: String) throws(ConfigurationError) -> Bool {
        switch try string(node, field: field).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(at: node, "'\(field)' must be true or false")
        }
    }

    func number(_ node: Node, field: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard let value = Double(try string(node, field: field)), range.contains(value) else {
            throw error(
                at: node,
                "'\(field)' must be a number from \(format(range.lowerBound)) to \(format(range.upperBound))"
            )
        }
        return value
    }

    func integer(_ node: Node, field: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = Int(try string(node, field: field)), range.contains(value) else {
            throw error(at: node, "'\(field)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
