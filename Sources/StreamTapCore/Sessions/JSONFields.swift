/// Typed access to an object's members, with a sentence for each mistake.
struct JSONFields {
    var value: JSONValue

    private func missing(_ key: String, _ type: String) -> StreamEventDecoder.Problem {
        StreamEventDecoder.Problem(
            description: value[key] == nil ? "\"\(key)\" is missing" : "\"\(key)\" must be \(type)"
        )
    }

    func string(_ key: String) throws(StreamEventDecoder.Problem) -> String {
        guard let text = value[key]?.stringValue else { throw missing(key, "a string") }
        return text
    }

    func optionalString(_ key: String) throws(StreamEventDecoder.Problem) -> String? {
        guard let member = value[key], member != .null else { return nil }
        guard let text = member.stringValue else { throw missing(key, "a string") }
        return text
    }

    func int(_ key: String) throws(StreamEventDecoder.Problem) -> Int {
        guard let number = value[key]?.intValue else { throw notAWholeNumber(key) }
        return number
    }

    func optionalInt(_ key: String) throws(StreamEventDecoder.Problem) -> Int? {
        guard let member = value[key], member != .null else { return nil }
        guard let number = member.intValue else { throw notAWholeNumber(key) }
        return number
    }

    /// Says whether `key` is missing, not a whole number, or one too large
    /// to be held exactly (a recording never has one).
    private func notAWholeNumber(_ key: String) -> StreamEventDecoder.Problem {
        if let number = value[key]?.doubleValue, number.rounded() == number {
            return StreamEventDecoder.Problem(
                description: "\"\(key)\" is out of range: whole numbers here stay below 9 × 10^15 in size"
            )
        }
        return missing(key, "a whole number")
    }

    func double(_ key: String) throws(StreamEventDecoder.Problem) -> Double {
        guard let number = value[key]?.doubleValue else { throw missing(key, "a number") }
        return number
    }

    func optionalDouble(_ key: String) throws(StreamEventDecoder.Problem) -> Double? {
        guard let member = value[key], member != .null else { return nil }
        guard let number = member.doubleValue else { throw missing(key, "a number") }
        return number
    }

    func optionalBool(_ key: String) throws(StreamEventDecoder.Problem) -> Bool? {
        guard let member = value[key], member != .null else { return nil }
        guard let flag = member.boolValue else { throw missing(key, "true or false") }
        return flag
    }

    func direction() throws(StreamEventDecoder.Problem) -> Direction {
        guard let direction = Direction(rawValue: try string("direction")) else {
            throw StreamEventDecoder.Problem(description: "\"direction\" must be in or out")
        }
        return direction
    }

    func opcode() throws(StreamEventDecoder.Problem) -> Opcode {
        let names: [String: Opcode] = [
            "continuation": .continuation, "text": .text, "binary": .binary,
            "close": .close, "ping": .ping, "pong": .pong,
        ]
        if let name = value["opcode"]?.stringValue, let opcode = names[name] { return opcode }
        if let number = value["opcode"]?.intValue, (0...15).contains(number) { return Opcode(rawValue: UInt8(number)) }
        throw StreamEventDecoder.Problem(description: "\"opcode\" must be an opcode name or a number from 0 to 15")
    }

    /// `data` (UTF-8 text) or `base64`.
    func payload() throws(StreamEventDecoder.Problem) -> [UInt8] {
        if let text = try optionalString("data") { return Array(text.utf8) }
        guard let encoded = try optionalString("base64") else {
            throw StreamEventDecoder.Problem(description: "\"data\" or \"base64\" is missing")
        }
        guard let bytes = Base64.decode(encoded) else {
            throw StreamEventDecoder.Problem(description: "\"base64\" is not Base64")
        }
        return bytes
    }

    /// An array of `[name, value]` pairs.
    func headers(_ key: String) throws(StreamEventDecoder.Problem) -> HeaderFields {
        guard let items = value[key]?.arrayValue else { throw missing(key, "an array of [name, value] pairs") }
        var headers = HeaderFields()
        for item in items {
            guard let pair = item.arrayValue, pair.count == 2, let name = pair[0].stringValue,
                let fieldValue = pair[1].stringValue
            else { throw missing(key, "an array of [name, value] pairs") }
            headers.append(name: name, value: fieldValue)
        }
        return headers
    }
}
