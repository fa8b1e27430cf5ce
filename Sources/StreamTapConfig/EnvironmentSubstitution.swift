/// Replaces `${NAME}` in a configuration value with the environment
/// variable `NAME`, so secrets stay out of files.
///
/// `${NAME:-fallback}` uses `fallback` when `NAME` is unset or empty, and
/// `$$` writes a literal `$`. A `$` followed by anything else is kept as is.
/// An unset variable without a fallback is an error that names it.
public struct EnvironmentSubstitution: Sendable {
    public let environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Why a value could not be substituted.
    public enum Failure: Error, Equatable, Sendable {
        /// `${NAME}` with `NAME` unset.
        case unset(String)
        /// `${` without a closing `}` or with an invalid name.
        case malformed(String)
    }

    /// `text` with every reference replaced.
    public func apply(_ text: String) throws(Failure) -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                result += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{") {
                guard let close = after.firstIndex(of: "}") else {
                    throw .malformed("'${' without a closing '}' in '\(text)'")
                }
                let reference = after[after.index(after: after.startIndex)..<close]
                result += try value(of: reference, in: text)
                rest = after[after.index(after: close)...]
            } else {
                result += "$"
                rest = after
            }
        }
        return result + rest
    }

    private func value(of reference: Substring, in text: String) throws(Failure) -> String {
        var name = reference
        var fallback: Substring?
        if let separator = reference.firstRange(of: ":-") {
            name = reference[..<separator.lowerBound]
            fallback = reference[separator.upperBound...]
        }
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter),
            name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        else {
            throw .malformed("'${\(reference)}' is not a variable reference: names are letters, digits and _")
        }
        if let value = environment[String(name)], !(value.isEmpty && fallback != nil) {
            return value
        }
        if let fallback { return String(fallback) }
        throw .unset(String(name))
    }
}
