/// An IPv4 or IPv6 address literal as bytes, for comparing the hosts in a
/// `NO_PROXY` list with a URL's host whatever way each is written
/// (`::1` and `0:0:0:0:0:0:0:1` are the same address).
struct ProxyIPAddress: Sendable, Equatable {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    var bytes: [UInt8]

    var isIPv6: Bool { bytes.count == 16 }

    /// Parses a literal without brackets or zone (`10.0.0.1`, `::1`,
    /// `::ffff:10.0.0.1`); `nil` when `text` is not one.
    init?(_ text: some StringProtocol) {
        if let v4 = Self.parseIPv4(Substring(text)) {
            bytes = v4
        } else if let v6 = Self.parseIPv6(Substring(text)) {
            bytes = v6
        } else {
            return nil
        }
    }

    /// Whether the first `bits` bits of both addresses agree (same family
    /// only); `bits` beyond the address length compare all of it.
    func sharesPrefix(with other: ProxyIPAddress, bits: Int) -> Bool {
        guard bytes.count == other.bytes.count else { return false }
        var remaining = min(max(bits, 0), bytes.count * 8)
        for (mine, theirs) in zip(bytes, other.bytes) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if mine & mask != theirs & mask { return false }
            remaining -= 8
        }
        return true
    }

    /// Dotted decimal, four parts of 0–255 without leading zeros (as
    /// `inet_pton` reads them).
    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var result: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit),
                part.count == 1 || part.first != "0", let value = UInt8(part)
            else { return nil }
            result.append(value)
        }
        return result
    }

    /// RFC 4291 text form: up to eight groups of 1–4 hex digits, at most
    /// one `::`, optionally ending in a dotted IPv4 address.
    private static func parseIPv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        let gaps = text.ranges(of: "::")
        guard gaps.count <= 1 else { return nil }
        guard let gap = gaps.first else {
            guard let all = parseGroups(text, mayEndInIPv4: true) else { return nil }
            return all.count == 16 ? all : nil
        }
        guard let head = parseGroups(text[..<gap.lowerBound], mayEndInIPv4: false),
            let tail = parseGroups(text[gap.upperBound...], mayEndInIPv4: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    private static func parseGroups(_ text: Substring, mayEndInIPv4: Bool) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        var result: [UInt8] = []
        for (index, group) in groups.enumerated() {
            if index == groups.count - 1, mayEndInIPv4, group.contains(".") {
                guard let v4 = parseIPv4(group) else { return nil }
                result += v4
                continue
            }
            guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let value = UInt16(group, radix: 16)
            else { return nil }
            result += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return result
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
