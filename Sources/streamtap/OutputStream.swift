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
    /// is reused instead of copied. Large contiguous payloads are not
    /// copied at all: they go out from where they lie, in one `writev`
    /// with what was buffered before them and the terminator.
    func write(_ bytes: some Collection<UInt8>, terminator: [UInt8] = []) {
        buffer.withLockedValue { buffer in
            if bytes.count >= Self.directWriteThreshold {
                let written: Void? = bytes.withContiguousStorageIfAvailable { payload in
                    buffer.withUnsafeBytes { buffered in
                        terminator.withUnsafeBytes { end in
                            writeAll([buffered, UnsafeRawBufferPointer(payload), end])
                        }
                    }
                }
                if written != nil {
                    buffer.removeAll(keepingCapacity: true)
                    return
                }
            }
            buffer.append(contentsOf: bytes)
            buffer.append(contentsOf: terminator)
            guard buffer.count >= Self.flushThreshold else { return }
            writeAll(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Buffered bytes are written out once there are this many.
    private static let flushThreshold = 256 * 1024
    /// Payloads at least this large are written without being copied into
    /// the buffer.
    private static let directWriteThreshold = 8 * 1024

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
        bytes.withUnsafeBytes { writeAll([$0]) }
    }

    /// Writes the parts in order; gives up silently when the descriptor
    /// refuses (a closed pipe).
    private func writeAll(_ parts: [UnsafeRawBufferPointer]) {
        DescriptorWriter.writeAll(parts, to: descriptor)
    }
}
