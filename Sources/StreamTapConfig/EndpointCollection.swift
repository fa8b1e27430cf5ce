import StreamTapCore

/// The saved endpoints of one collection file, in the file's order.
public struct EndpointCollection: Sendable, Equatable {
    /// Where the endpoints came from (shown in messages and listings).
    public var file: String
    public var endpoints: [SavedEndpoint]
    /// Endpoints that cannot be used in this environment, by name: their
    /// `${NAME}` references name unset variables. The rest of the
    /// collection stays usable.
    public var unavailable: [(name: String, problem: ConfigurationError)]

    public init(file: String, endpoints: [SavedEndpoint] = [], unavailable: [(String, ConfigurationError)] = []) {
        self.file = file
        self.endpoints = endpoints
        self.unavailable = unavailable.map { (name: $0.0, problem: $0.1) }
    }

    /// The endpoint called `name`, if any (names are unique in a collection).
    public func endpoint(named name: String) -> SavedEndpoint? {
        endpoints.first { $0.name == name }
    }

    /// Why the endpoint called `name` cannot be used, if it is unavailable.
    public func problem(named name: String) -> ConfigurationError? {
        unavailable.first { $0.name == name }?.problem
    }

    /// Every name in the file, usable or not, in the file's order.
    public var names: [String] { endpoints.map(\.name) + unavailable.map(\.name) }

    public static func == (lhs: EndpointCollection, rhs: EndpointCollection) -> Bool {
        lhs.file == rhs.file && lhs.endpoints == rhs.endpoints
            && lhs.unavailable.map(\.name) == rhs.unavailable.map(\.name)
            && lhs.unavailable.map(\.problem) == rhs.unavailable.map(\.problem)
    }
}
