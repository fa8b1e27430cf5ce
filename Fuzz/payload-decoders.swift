/// Fuzz target: the binary payload readers (MessagePack, CBOR, protobuf
/// without a schema).
///
/// The first byte picks the format; the rest is the payload. Properties:
/// no crash; and when the payload decodes, the value written as JSON text
/// by `JSONWriter` parses back with `JSONParser` to an equal value (every
/// string is valid UTF-8, every number finite, the nesting within the
/// parser's limit).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPayloadDecoders(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let first = input.first else { return 0 }
    let formats = PayloadFormat.allCases
    let format = formats[Int(first) % formats.count]
    let value: JSONValue
    do {
        value = try format.decode(input[1...])
    } catch {
        fuzzCheck(error.format == format, "an error names \(error.format), not \(format)")
        fuzzCheck(error.offset >= 0 && error.offset <= input.count - 1, "an error at byte \(error.offset) is outside")
        return 0
    }
    var writer = JSONWriter()
    writer.value(value)
    do {
        let parsed = try JSONParser.parse(writer.bytes)
        fuzzCheck(parsed == value, "\(format) decoded to JSON that reads back differently: \(value.compactText)")
    } catch {
        fuzzCheck(false, "\(format) decoded to JSON that does not parse (\(error)): \(value.compactText)")
    }
    return 0
}
