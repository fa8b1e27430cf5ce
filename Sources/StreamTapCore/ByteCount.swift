/// Byte counts in words people read at a glance: `512 B`, `16 KiB`, `64 MiB`.
public enum ByteCount {
    public static func describe(_ count: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(count) B" }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }

    public static func describe(_ count: Int) -> String {
        describe(UInt64(max(0, count)))
    }
}
