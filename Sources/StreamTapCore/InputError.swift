/// Why something a user typed (a URL, an option value) cannot be used, in
/// words that say what to write instead.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
