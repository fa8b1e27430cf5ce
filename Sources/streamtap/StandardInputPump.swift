import Foundation
import StreamTapCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads standard input on its own thread and sends each line as a text
/// message (without its line break).
enum StandardInputPump {
    static func start(into connection: any StreamConnection, closeOnEnd: Bool) {
        let thread = Thread {
            while let line = readLine(strippingNewline: true) {
                connection.perform(.sendLine(line))
            }
            if closeOnEnd {
                connection.perform(.close(code: CloseCode.normal, reason: ""))
            }
        }
        thread.start()
    }
}
