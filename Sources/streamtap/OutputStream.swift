import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, thread-safe writer to a file descriptor: events arrive on
/// network threads; output is written in large chunks at each flush.
final class OutputStream: Sendable {
    private let descriptor: Int32
    private let buffer = NIOLockedValueBox<[UInt8]>([])

    /// Whether the descriptor is a terminal (then control characters are
    /// made visible instead of written raw).
    let isTerminal: Bool

    init(descriptor: Int32) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
    }

    static let standardOutput = OutputStream(descriptor: 1)
    static let standardError = OutputStream(descriptor: 2)

    /// Appends bytes (and an optional terminator); writes them out when
    /// enough have gathered. Writing happens under the lock so the buffer
    /// is reused instead of copied.
    func write(_ bytes: some Collection<UInt8>, terminator: [UInt8] = []) {
        buffer.withLockedValue { buffer in
            buffer.append(contentsOf: bytes)
            buffer.append(contentsOf: terminator)
            guard buffer.count >= 256 * 1024 else { return }
            writeAll(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    func write(_ text: String) {
        write(text.utf8)
    }

    /// Writes out whatever is buffered.
    func flush() {
        buffer.withLockedValue { buffer in
            guard !buffer.isEmpty else { return }
            writeAll(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    private func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
