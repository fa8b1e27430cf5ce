#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Shared by every harness: how a failed property stops the fuzzer.

/// Reports a broken property and aborts, so libFuzzer saves the input as a
/// crash (`crash-<sha1>` in the working directory).
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        fputs("fuzz property failed: \(message())\n", stderr)
        abort()
    }
}

/// Copies libFuzzer's input into an array.
func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
