/// Sent through every connection's pipeline when the server shuts down:
/// WebSocket connections close with 1001, SSE responses end cleanly.
struct DemoServerShutdownEvent: Sendable {}
