/// Waits, polling every 10 ms and without blocking a thread of the shared
/// concurrency pool, until `condition` holds or `timeout` seconds have
/// passed; returns whether it held.
@discardableResult
public func eventually(timeout: Double = 10, _ condition: () throws -> Bool) async rethrows -> Bool {
    try await eventualValue(timeout: timeout) { try condition() ? true : nil } ?? false
}

/// Polls `probe` every 10 ms until it gives a value or `timeout` seconds
/// have passed (then `nil`).
public func eventualValue<Value>(timeout: Double = 10, _ probe: () throws -> Value?) async rethrows -> Value? {
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    while true {
        if let value = try probe() { return value }
        guard ContinuousClock.now < deadline else { return nil }
        try? await Task.sleep(for: .milliseconds(10))
    }
}
