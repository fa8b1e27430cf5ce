import StreamTapCore

/// Clock times and durations as the UI shows them.
public enum TimeFormat {
    /// `HH:MM:SS.mmm` of `timestamp` shifted by `utcOffsetSeconds` (the
    /// local time zone's offset; 0 shows UTC).
    public static func clock(_ timestamp: Timestamp, utcOffsetSeconds: Int) -> String {
        let millis = timestamp.millisecondsSinceEpoch + Int64(utcOffsetSeconds) * 1000
        let day: Int64 = 86_400_000
        let ofDay = ((millis % day) + day) % day
        return two(ofDay / 3_600_000) + ":" + two(ofDay / 60_000 % 60) + ":" + two(ofDay / 1000 % 60) + "."
            + three(ofDay % 1000)
    }

    /// A duration in words that fit a column: `850 ms`, `1.5 s`, `2 min 5 s`.
    /// A value no clock measures (not finite, or beyond about 30,000 years:
    /// only a hand-made recording has one) is `?`.
    public static func duration(milliseconds: Double) -> String {
        guard milliseconds.isFinite, milliseconds.magnitude < 1e15 else { return "?" }
        if milliseconds < 1 {
            return String(format1(milliseconds)) + " ms"
        }
        if milliseconds < 1000 {
            return "\(Int(milliseconds.rounded())) ms"
        }
        let seconds = milliseconds / 1000
        if seconds < 60 {
            return format1(seconds) + " s"
        }
        let whole = Int(seconds.rounded(.down))
        if whole < 3600 {
            return "\(whole / 60) min \(whole % 60) s"
        }
        return "\(whole / 3600) h \(whole / 60 % 60) min"
    }

    /// A count with thousands separators: `1,234,567`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 {
                result.append(",")
            }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// One decimal, without a trailing `.0`: `1.5`, `2`.
    static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return sign + (magnitude % 10 == 0 ? "\(magnitude / 10)" : "\(magnitude / 10).\(magnitude % 10)")
    }

    private static func two(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func three(_ value: Int64) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}
