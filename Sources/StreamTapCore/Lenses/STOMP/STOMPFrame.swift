/// One STOMP frame: a command, its headers in order, and a body.
struct STOMPFrame: Sendable, Equatable {
    var command: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(_ command: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.command = command
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (a repeated header's first value is
    /// the one that counts).
    subscript(name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    static func == (lhs: STOMPFrame, rhs: STOMPFrame) -> Bool {
        lhs.command == rhs.command && lhs.body == rhs.body && lhs.headers.elementsEqual(rhs.headers) { $0 == $1 }
    }

    /// CONNECT and CONNECTED never escape header values; STOMP 1.0 never does.
    static func escapes(_ command: String, version: String) -> Bool {
        version != "1.0" && command != "CONNECT" && command != "CONNECTED"
    }

    /// The frame on the wire, as `version` escapes header values, ending in NUL.
    func bytes(version: String) -> [UInt8] {
        let escaping = Self.escapes(command, version: version)
        var text = command + "\n"
        for header in headers {
            text += escaping ? Self.escape(header.name, version: version) : header.name
            text += ":"
            text += escaping ? Self.escape(header.value, version: version) : header.value
            text += "\n"
        }
        text += "\n"
        return Array(text.utf8) + body + [0]
    }

    private static func escape(_ text: String, version: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case ":": escaped += "\\c"
            case "\r" where version == "1.2": escaped += "\\r"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Undoes the escaping of a header name or value; an escape the
    /// specification does not define is an error.
    static func unescape(_ text: Substring, version: String) throws(STOMPDecodingError) -> String {
        guard text.contains("\\") else { return String(text) }
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "\\": result += "\\"
            case "n": result += "\n"
            case "c": result += ":"
            case "r" where version == "1.2": result += "\r"
            case let other:
                throw STOMPDecodingError(
                    "the header escape \\\(other.map(String.init) ?? "") is not one STOMP \(version) defines"
                )
            }
        }
        return result
    }
}

/// Why bytes are not the STOMP frame they should be.
struct STOMPDecodingError: Error, Sendable, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}

/// The heart-beats of a STOMP connection, in milliseconds: how often one
/// side can send one and how often it wants one (0: never), as the
/// `heart-beat` header writes them.
public struct STOMPHeartBeat: Sendable, Equatable {
    public var send: Int
    public var receive: Int

    public init(send: Int, receive: Int) {
        self.send = send
        self.receive = receive
    }

    /// `send,receive`.
    var header: String { "\(send),\(receive)" }

    init?(header: String) {
        let parts = header.split(separator: ",").map { Int($0.trimmingPrefix(" ")) }
        guard parts.count == 2, let send = parts[0], let receive = parts[1], send >= 0, receive >= 0 else {
            return nil
        }
        self.init(send: send, receive: receive)
    }
}
