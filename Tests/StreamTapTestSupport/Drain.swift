import Foundation
import NIOConcurrencyHelpers

/// Reads a pipe to its end on a thread of its own, handing each complete
/// line to `onLine` as it comes, and keeps every byte.
final class Drain: Sendable {
    /// What has been read, and who waits for the end.
    private struct State {
        var data = Data()
        var ended = false
        var waiters: [CheckedContinuation<Data, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    init(_ handle: FileHandle, onLine: (@Sendable (String) -> Void)? = nil) {
        Thread { [self] in
            var pending = Data()
            while case let chunk = handle.availableData, !chunk.isEmpty {
                state.withLockedValue { $0.data.append(chunk) }
                guard let onLine else { continue }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    onLine(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
            let (data, waiters) = state.withLockedValue { state in
                state.ended = true
                defer { state.waiters = [] }
                return (state.data, state.waiters)
            }
            for waiter in waiters { waiter.resume(returning: data) }
        }.start()
    }

    /// Every byte, once the pipe has ended.
    func finished() async -> Data {
        await withCheckedContinuation { continuation in
            let data: Data? = state.withLockedValue { state in
                guard state.ended else {
                    state.waiters.append(continuation)
                    return nil
                }
                return state.data
            }
            if let data { continuation.resume(returning: data) }
        }
    }
}
