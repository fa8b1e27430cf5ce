extension JSONWriter {
    /// Writes a parsed JSON value as compact JSON, members in their order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null:
            null()
        case .bool(let flag):
            bool(flag)
        case .number(let number):
            if let whole = value.intValue {
                int(whole)
            } else {
                self.number(number)
            }
        case .string(let text):
            string(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }
}

extension JSONValue {
    /// The value as compact JSON text (`{"a":1}`), members in their order.
    public var compactText: String {
        var writer = JSONWriter(reservingCapacity: 64)
        writer.value(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
