import Dispatch

/// Runs async work from a synchronous command and waits for its result.
///
/// The root command is a synchronous `ParsableCommand`; commands that drive
/// async APIs (such as `DemoServer`) block the main thread here while the
/// work runs on the concurrency pool.
func runBlocking<Value: Sendable>(_ operation: @escaping @Sendable () async throws -> Value) throws -> Value {
    let box = ResultBox<Value>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do {
            box.result = .success(try await operation())
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    guard let result = box.result else {
        throw BlockingOperationLostResult()
    }
    return try result.get()
}

/// Raised only if the task signalled without leaving a result, which the
/// code above never does; it keeps the unwrap honest.
private struct BlockingOperationLostResult: Error {}

/// Holds the task's result until the waiting thread reads it.
///
/// `@unchecked Sendable` is safe: `result` is written once by the task
/// before it signals the semaphore and read only after `wait()` returns,
/// and the semaphore orders the two.
private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
