#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock instant with nanosecond resolution, cheap to take and to
/// format as RFC 3339 (the `ts` field of every JSONL event).
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanosecondsSinceEpoch: Int64

    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// The instant `seconds` and `nanoseconds` after the epoch, or `nil`
    /// when it is outside what 64 bits of nanoseconds hold (1677 to 2262;
    /// a certificate "valid until 9999", a hand-made file).
    public init?(seconds: Int64, nanoseconds: Int64 = 0) {
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carry) = whole.addingReportingOverflow(nanoseconds)
        guard !overflow, !carry else { return nil }
        self.init(nanosecondsSinceEpoch: total)
    }

    /// The current time from the system's real-time clock.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// Milliseconds from `earlier` to this instant (negative when `earlier`
    /// is later). Any two timestamps work: the nanosecond difference of
    /// the extremes a recording may hold (1678 and 2262) does not fit 64
    /// bits, so it is then taken in floating point.
    public func milliseconds(since earlier: Timestamp) -> Double {
        let (difference, overflow) = nanosecondsSinceEpoch.subtractingReportingOverflow(
            earlier.nanosecondsSinceEpoch
        )
        guard overflow else { return Double(difference) / 1e6 }
        return (Double(nanosecondsSinceEpoch) - Double(earlier.nanosecondsSinceEpoch)) / 1e6
    }

    /// Milliseconds since the epoch (rounded toward the past).
    public var millisecondsSinceEpoch: Int64 {
        nanosecondsSinceEpoch >= 0
            ? nanosecondsSinceEpoch / 1_000_000
            : (nanosecondsSinceEpoch - 999_999) / 1_000_000
    }

    /// RFC 3339 in UTC with milliseconds, e.g. `2026-11-25T07:13:55.123Z`.
    public var rfc3339: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendRFC3339(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the RFC 3339 form to a byte buffer without allocating.
    public func appendRFC3339(to bytes: inout [UInt8]) {
        let millis = millisecondsSinceEpoch
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        CivilDateTime.append(seconds: seconds, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        CivilDateTime.appendDigits(millis - seconds * 1000, 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }
}
