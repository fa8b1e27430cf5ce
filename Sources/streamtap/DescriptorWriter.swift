#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing bytes to a file descriptor in full.
enum DescriptorWriter {
    /// Writes the parts in order with `writev`, going on after partial
    /// writes and interruptions. Returns `nil` when everything was written,
    /// or the `errno` of the write that failed (a closed pipe, a full disk).
    @discardableResult
    static func writeAll(_ parts: [UnsafeRawBufferPointer], to descriptor: Int32) -> Int32? {
        var vectors = parts.filter { !$0.isEmpty }.map {
            iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)
        }
        var first = 0
        while first < vectors.count {
            let written = vectors.withUnsafeBufferPointer { all in
                writev(descriptor, all.baseAddress.map { $0 + first }, Int32(all.count - first))
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return written < 0 ? errno : EIO }
            var remaining = written
            while first < vectors.count && remaining >= vectors[first].iov_len {
                remaining -= vectors[first].iov_len
                first += 1
            }
            if remaining > 0 {
                vectors[first].iov_base = vectors[first].iov_base.map { $0 + remaining }
                vectors[first].iov_len -= remaining
            }
        }
        return nil
    }
}
