/// WebSocket close status codes (RFC 6455 §7.4): what they mean and which a
/// peer may send.
public enum CloseCode {
    public static let normal = 1000
    public static let goingAway = 1001
    public static let protocolError = 1002
    public static let unsupportedData = 1003
    public static let noStatusReceived = 1005
    public static let abnormalClosure = 1006
    public static let invalidPayload = 1007
    public static let policyViolation = 1008
    public static let messageTooBig = 1009
    public static let mandatoryExtension = 1010
    public static let internalError = 1011

    /// The status code at the start of a close frame's payload (two bytes,
    /// network order), or `nil` when the payload is shorter.
    public static func statusCode(inPayload payload: some Collection<UInt8>) -> Int? {
        var bytes = payload.makeIterator()
        guard let high = bytes.next(), let low = bytes.next() else { return nil }
        return Int(high) << 8 | Int(low)
    }

    /// Whether a peer may put `code` in a close frame: 1000–1003, 1007–1014
    /// and 3000–4999. (1012–1014 — service restart, try again later, bad
    /// gateway — were registered with IANA after RFC 6455, and browsers and
    /// servers send them; 1005, 1006 and 1015 are only ever reported
    /// locally.)
    public static func isValidOnTheWire(_ code: Int) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }

    /// A short explanation of `code` for people.
    public static func meaning(of code: Int) -> String {
        switch code {
        case 1000: "normal closure"
        case 1001: "going away"
        case 1002: "protocol error"
        case 1003: "unsupported data"
        case 1005: "no status code in the close frame"
        case 1006: "connection lost without a close frame"
        case 1007: "invalid payload data (e.g. bad UTF-8)"
        case 1008: "policy violation"
        case 1009: "message too big"
        case 1010: "a required extension was not negotiated"
        case 1011: "internal server error"
        case 1012: "service restart"
        case 1013: "try again later"
        case 1014: "bad gateway"
        case 1015: "TLS handshake failure"
        case 3000...3999: "registered for libraries and frameworks"
        case 4000...4999: "private use by the application"
        default: "not a defined close code"
        }
    }
}
