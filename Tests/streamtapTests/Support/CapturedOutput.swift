import StreamTapTestSupport

@testable import streamtap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file standing in for standard output or error: what is written to
/// its stream can be read back. Not a terminal, so nothing is sanitized.
final class CapturedOutput {
    /// The stream to hand to what writes.
    let stream: streamtap.OutputStream
    private let folder: TemporaryFolder
    private let descriptor: Int32

    init() throws {
        folder = try TemporaryFolder("streamtap-output")
        descriptor = open(folder.path("output"), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PeerFailure(description: "cannot create \(folder.path("output"))") }
        stream = streamtap.OutputStream(descriptor: descriptor)
    }

    deinit {
        close(descriptor)
        folder.remove()
    }

    /// Everything written so far, once the stream is flushed.
    var text: String {
        stream.flush()
        return (try? folder.read("output")) ?? ""
    }
}
