import Foundation

/// Fuzz target: the JSONL encoder (`streamtap cat --jsonl`, recordings).
///
/// Network bytes are put into every event field they can reach (text and
/// binary payloads, SSE fields, close reasons, error bodies, header values).
/// Properties: each event is exactly one line, the line is valid UTF-8 and
/// valid JSON, and payloads come back byte for byte (`data` for valid UTF-8
/// text, `base64` otherwise).

func fuzzEvents(_ bytes: [UInt8]) -> [(event: StreamEvent, payload: [UInt8]?)] {
    let text = String(decoding: bytes, as: UTF8.self)
    let half = bytes.count / 2
    let head = ResponseHead(
        status: 101,
        reason: text,
        headers: HeaderFields([(name: text, value: String(decoding: bytes[half...], as: UTF8.self))]),
        body: bytes
    )
    var latency = 0.0
    for byte in bytes.prefix(6) { latency = latency * 256 + Double(byte) }
    let kinds: [(StreamEvent.Kind, [UInt8]?)] = [
        (.message(Message(direction: .incoming, opcode: .text, payload: bytes)), bytes),
        (.message(Message(direction: .incoming, opcode: .binary, payload: bytes)), bytes),
        (.frame(FrameInfo(direction: .incoming, opcode: Opcode(rawValue: bytes.first ?? 1), payload: bytes)), bytes),
        (.event(SSEEvent(type: text, data: text, lastEventID: text)), nil),
        (.close(CloseInfo(code: Int(bytes.first ?? 0) << 8, reason: text, initiator: .server)), nil),
        (.error(ErrorInfo(message: text, response: head)), nil),
        (.reconnect(attempt: bytes.count, delayMilliseconds: half, reason: text), nil),
        (.connecting(url: text, attempt: 1), nil),
        (.latency(milliseconds: latency / 1000), nil),
    ]
    return kinds.map { (StreamEvent(timestamp: Timestamp(nanosecondsSinceEpoch: 0), kind: $0.0), $0.1) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLEncoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    var encoder = JSONLEncoder()
    for (event, payload) in fuzzEvents(bytes) {
        var line: [UInt8] = []
        encoder.encode(event, into: &line)
        fuzzCheck(line.last == UInt8(ascii: "\n"), "\(event.kind.name): line does not end in a newline")
        let body = line.dropLast()
        fuzzCheck(!body.contains { $0 < 0x20 }, "\(event.kind.name): raw control byte inside the line")
        fuzzCheck(UTF8Validator.isValid(body), "\(event.kind.name): line is not UTF-8")
        let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        guard let object else {
            fuzzCheck(false, "\(event.kind.name): not a JSON object: \(String(decoding: body, as: UTF8.self))")
            return 0
        }
        guard let payload else { continue }
        if let text = object["data"] as? String {
            fuzzCheck(Array(text.utf8) == payload, "\(event.kind.name): data does not round-trip")
        } else if let encoded = object["base64"] as? String, let decoded = Data(base64Encoded: encoded) {
            fuzzCheck(Array(decoded) == payload, "\(event.kind.name): base64 does not round-trip")
        } else {
            fuzzCheck(false, "\(event.kind.name): payload missing")
        }
    }
    return 0
}
