/// One line the user writes to an MQTT connection: `sub TOPIC [QOS]`,
/// `unsub TOPIC`, `pub TOPIC [--qos N] [--retain] PAYLOAD`, `ping`,
/// `disconnect`.
enum MQTTCommandLine: Equatable {
    case subscribe(filter: String, qos: Int)
    case unsubscribe(filter: String)
    case publish(topic: String, payload: String, qos: Int, retain: Bool)
    case ping
    case disconnect

    static let usage = "write sub TOPIC [QOS], unsub TOPIC, pub TOPIC [--qos N] [--retain] PAYLOAD, ping or disconnect"

    static func parse(_ line: String) throws(LensInputError) -> MQTTCommandLine {
        var rest = Substring(line).drop { $0 == " " }
        let verb = rest.takeWord().lowercased()
        switch verb {
        case "sub", "subscribe":
            let filter = rest.takeWord()
            guard !filter.isEmpty else { throw LensInputError("sub needs a topic filter, like sub sensors/#") }
            let qosText = rest.takeWord()
            let qos = qosText.isEmpty ? 0 : Int(qosText) ?? -1
            guard (0...2).contains(qos) else { throw LensInputError("the QoS is 0, 1 or 2, not \(qosText)") }
            guard rest.isEmpty else { throw LensInputError("sub takes a topic filter and a QoS; \(usage)") }
            try validateFilter(filter)
            return .subscribe(filter: filter, qos: qos)
        case "unsub", "unsubscribe":
            let filter = rest.takeWord()
            guard !filter.isEmpty, rest.isEmpty else {
                throw LensInputError("unsub needs one topic filter, like unsub sensors/#")
            }
            return .unsubscribe(filter: filter)
        case "pub", "publish":
            let topic = rest.takeWord()
            guard !topic.isEmpty else { throw LensInputError("pub needs a topic, like pub sensors/t 21.5") }
            guard !topic.contains("+") && !topic.contains("#") else {
                throw LensInputError("a topic to publish to cannot hold the wildcards + or #")
            }
            var qos = 0
            var retain = false
            while true {
                var lookahead = rest
                let option = lookahead.takeWord()
                if option == "--retain" {
                    retain = true
                    rest = lookahead
                } else if option == "--qos" {
                    let value = lookahead.takeWord()
                    guard let parsed = Int(value), (0...2).contains(parsed) else {
                        throw LensInputError("--qos takes 0, 1 or 2, not \(value.isEmpty ? "nothing" : value)")
                    }
                    qos = parsed
                    rest = lookahead
                } else {
                    break
                }
            }
            return .publish(topic: topic, payload: String(rest), qos: qos, retain: retain)
        case "ping":
            return .ping
        case "disconnect":
            return .disconnect
        default:
            throw LensInputError("“\(verb)” is not an MQTT command: \(usage)")
        }
    }

    /// `#` only last and alone in its level, `+` alone in its level.
    private static func validateFilter(_ filter: String) throws(LensInputError) {
        let levels = filter.split(separator: "/", omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            if level.contains("#") && (level != "#" || index != levels.count - 1) {
                throw LensInputError("# must be the last level of a topic filter, alone (like sensors/#)")
            }
            if level.contains("+") && level != "+" {
                throw LensInputError("+ must fill a whole level of a topic filter (like sensors/+/temp)")
            }
        }
    }
}
