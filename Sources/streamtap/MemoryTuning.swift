#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for streaming workloads.
enum MemoryTuning {
    /// Keeps freed memory in the process for reuse instead of handing it
    /// back to the kernel at once.
    ///
    /// A stream allocates and frees the same sizes over and over (read
    /// buffers up to 1 MiB, one payload per message). With glibc's defaults,
    /// freeing them trims the heap or unmaps the block, so the next
    /// allocation page-faults the same memory in again: on 16 KiB messages
    /// those faults took about half of the run. Blocks up to 16 MiB now come
    /// from the heap, and the heap is trimmed only once 64 MiB sit free.
    static func apply() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does
        // not import; its option numbers are part of glibc's stable ABI.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1
        let mmapThreshold: Int32 = -3
        _ = mallopt(mmapThreshold, 16 << 20)
        _ = mallopt(trimThreshold, 64 << 20)
        #endif
    }
}
