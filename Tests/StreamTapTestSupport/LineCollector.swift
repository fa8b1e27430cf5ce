import Foundation
import NIOConcurrencyHelpers

/// The lines a child process writes to a pipe, read on a thread of their
/// own (never one of the shared concurrency pool) as they come.
final class LineCollector: Sendable {
    /// The lines so far, and how many were taken.
    private struct State {
        var lines: [String] = []
        var taken = 0
    }

    private let state: NIOLockedValueBox<State>

    /// Starts reading `handle` until its end (the reading thread keeps its
    /// ``Drain`` alive until then).
    init(_ handle: FileHandle) {
        let state = NIOLockedValueBox(State())
        self.state = state
        _ = Drain(handle) { line in state.withLockedValue { $0.lines.append(line) } }
    }

    /// Every complete line so far.
    var lines: [String] { state.withLockedValue { $0.lines } }

    /// The oldest line not taken yet, taking it.
    func nextLine() -> String? {
        state.withLockedValue { state in
            guard state.taken < state.lines.count else { return nil }
            state.taken += 1
            return state.lines[state.taken - 1]
        }
    }
}
