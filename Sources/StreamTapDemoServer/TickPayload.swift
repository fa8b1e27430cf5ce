import StreamTapCore

/// The JSON every ticker sends: `{"seq":N,"ts":"2026-01-02T03:04:05.678Z"}`.
enum TickPayload {
    static func json(sequence: Int, at time: Timestamp = .now()) -> String {
        var writer = JSONWriter(reservingCapacity: 48)
        writer.beginObject()
        writer.key("seq")
        writer.int(sequence)
        writer.key("ts")
        writer.timestamp(time)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
