/// A problem in a configuration or endpoint collection file, with where it
/// is: `endpoints.yaml:12:5: 'headers' must be a mapping of names to values`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user would name it (may be empty for text not read from a file).
    public var file: String
    /// 1-based line and column, when known.
    public var line: Int?
    public var column: Int?
    /// What is wrong and, where it helps, what to write instead.
    public var message: String
    /// The environment variable a `${NAME}` reference needs, when that is
    /// the problem (the file itself is fine; the environment is not).
    public var missingVariable: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String, missingVariable: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.missingVariable = missingVariable
    }

    public var description: String {
        var place = file
        if let line {
            place += place.isEmpty ? "line \(line)" : ":\(line)"
            if let column { place += ":\(column)" }
        }
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
