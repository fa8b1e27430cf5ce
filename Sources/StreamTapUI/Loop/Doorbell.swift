#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pipe that wakes the UI loop from `poll()`: other threads (and signal
/// handlers) write a byte to it; the loop polls its read end and drains it.
/// Both ends are non-blocking, so ringing never blocks and a full pipe
/// (which already means "wake up") loses nothing.
public final class Doorbell: Sendable {
    /// The end the UI loop polls.
    public let readDescriptor: Int32
    /// The end writers ring.
    public let writeDescriptor: Int32

    /// Why the bell rang.
    public enum Reason: UInt8, Sendable {
        /// Events are waiting in the inbox.
        case events = 0x65
        /// A signal asked the program to stop.
        case quit = 0x71
        /// The terminal was resized.
        case resize = 0x77
        /// A signal asked the program to suspend (SIGTSTP).
        case suspend = 0x73
    }

    /// A new doorbell, or `nil` when no pipe could be made.
    public init?() {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return nil }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
        for descriptor in descriptors {
            let flags = fcntl(descriptor, F_GETFL)
            _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Writes one byte saying why; never blocks.
    public func ring(_ reason: Reason) {
        var byte = reason.rawValue
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Reads every byte waiting, and returns the reasons seen.
    public func drain() -> Set<Reason> {
        var reasons: Set<Reason> = []
        var bytes = [UInt8](repeating: 0, count: 256)
        while true {
            let count = bytes.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            for byte in bytes.prefix(count) {
                if let reason = Reason(rawValue: byte) { reasons.insert(reason) }
            }
        }
        return reasons
    }
}
