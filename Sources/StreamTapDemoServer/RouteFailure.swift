/// Why the demo server cannot serve a request, as the HTTP status and the
/// plain-text reason it answers with.
enum RouteFailure: Error, Equatable {
    /// No route has this path: 404.
    case notFound
    /// A route exists but a parameter or header is wrong: 400 and why.
    case badRequest(String)
    /// The route exists for other methods: 405 with an `Allow` header.
    case methodNotAllowed(allowed: String)
    /// A WebSocket route was asked for without an upgrade: 426.
    case upgradeRequired
}
