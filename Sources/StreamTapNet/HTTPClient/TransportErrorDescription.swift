import NIOCore
import NIOHTTP1
import NIOHTTPCompression

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an open stream's transport failed, in words a user understands: one
/// wording for both protocols.
enum TransportErrorDescription {
    static func describe(_ error: any Error) -> String {
        if let timeout = error as? ReadTimeout {
            return timeout.description
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNRESET: return "the server reset the connection"
            case EPIPE: return "the server closed the connection while we were writing"
            case ETIMEDOUT: return "the connection timed out"
            default: return "connection error: \(io.description)"
            }
        }
        if let decompression = error as? NIOHTTPDecompression.DecompressionError, decompression == .limit {
            return "the compressed stream inflated beyond its allowed ratio (a decompression bomb?)"
        }
        if error is NIOHTTPDecompression.DecompressionError || error is NIOHTTPDecompression.ExtraDecompressionError {
            return "the compressed stream is corrupt (\(error))"
        }
        if let parserError = error as? HTTPParserError {
            return parserError == .invalidEOFState
                ? "the connection closed in the middle of the response body"
                : "the response body is not valid HTTP (\(error))"
        }
        return "connection error: \(error)"
    }
}
