import Foundation
import StreamTapCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `cat` reads the lines of standard input it sends.
enum StandardInputEncoding: String, CaseIterable, Sendable {
    /// Each line is a text message (said in the lens's protocol when one is on).
    case text
    /// Each line is hex digits (spaces and colons allowed): one binary message.
    case hex
    /// Each line is Base64: one binary message.
    case base64

    /// The message a line says, or a sentence saying why it says none.
    func command(for line: String, number: Int) -> Result<ConnectionCommand, InputError> {
        switch self {
        case .text:
            return .success(.sendLine(line))
        case .hex:
            guard let bytes = Hex.decode(line) else {
                return .failure(InputError(description: "line \(number) of standard input is not hex digits; not sent"))
            }
            return .success(.sendBinary(bytes))
        case .base64:
            guard let bytes = Base64.decode(line) else {
                return .failure(InputError(description: "line \(number) of standard input is not Base64; not sent"))
            }
            return .success(.sendBinary(bytes))
        }
    }
}

/// Reads standard input on its own thread and sends each line (without its
/// line break) as `encoding` says.
enum StandardInputPump {
    static func start(into connection: any StreamConnection, encoding: StandardInputEncoding, closeOnEnd: Bool) {
        let thread = Thread {
            var number = 0
            while let line = readLine(strippingNewline: true) {
                number += 1
                switch encoding.command(for: line, number: number) {
                case .success(let command):
                    connection.perform(command)
                case .failure(let error):
                    var standardError = StandardError()
                    print("streamtap: \(error.description)", to: &standardError)
                }
            }
            if closeOnEnd {
                connection.perform(.close(code: CloseCode.normal, reason: ""))
            }
        }
        thread.start()
    }
}
