/// The subject and issuer of an X.509 certificate as people read them
/// (`CN=example.org, O=Example`), read from its DER encoding.
///
/// Only the few fields the UI shows are decoded; anything malformed throws
/// instead of guessing.
public struct CertificateSummary: Sendable, Equatable {
    public var subject: String
    public var issuer: String

    /// A certificate that could not be read.
    public struct Malformed: Error, Sendable, Equatable {}

    public init(der: [UInt8]) throws(Malformed) {
        var outer = DERReader(bytes: der[...])
        var certificate = DERReader(bytes: try outer.readElement(tag: 0x30).contents)
        var tbs = DERReader(bytes: try certificate.readElement(tag: 0x30).contents)
        if tbs.peekTag == 0xA0 { _ = try tbs.readElement(tag: 0xA0) }
        _ = try tbs.readElement(tag: 0x02)  // serial number
        _ = try tbs.readElement(tag: 0x30)  // signature algorithm
        issuer = try Self.describeName(tbs.readElement(tag: 0x30).contents)
        _ = try tbs.readElement(tag: 0x30)  // validity
        subject = try Self.describeName(tbs.readElement(tag: 0x30).contents)
    }

    private static let attributeNames: [[UInt8]: String] = [
        [0x55, 0x04, 0x03]: "CN", [0x55, 0x04, 0x06]: "C", [0x55, 0x04, 0x07]: "L",
        [0x55, 0x04, 0x08]: "ST", [0x55, 0x04, 0x0A]: "O", [0x55, 0x04, 0x0B]: "OU",
    ]

    private static func describeName(_ name: ArraySlice<UInt8>) throws(Malformed) -> String {
        var sets = DERReader(bytes: name)
        var parts: [String] = []
        while !sets.isAtEnd {
            var attributes = DERReader(bytes: try sets.readElement(tag: 0x31).contents)
            while !attributes.isAtEnd {
                var pair = DERReader(bytes: try attributes.readElement(tag: 0x30).contents)
                let oid = Array(try pair.readElement(tag: 0x06).contents)
                let value = try pair.readAnyElement().contents
                guard let label = attributeNames[oid] else { continue }
                parts.append("\(label)=\(String(decoding: value, as: UTF8.self))")
            }
        }
        return parts.joined(separator: ", ")
    }
}

/// Reads DER tag-length-value elements one after another.
struct DERReader {
    private var bytes: ArraySlice<UInt8>

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { bytes.isEmpty }
    var peekTag: UInt8? { bytes.first }

    mutating func readElement(
        tag: UInt8
    ) throws(CertificateSummary.Malformed) -> (tag: UInt8, contents: ArraySlice<UInt8>) {
        guard bytes.first == tag else { throw CertificateSummary.Malformed() }
        return try readAnyElement()
    }

    mutating func readAnyElement() throws(CertificateSummary.Malformed) -> (tag: UInt8, contents: ArraySlice<UInt8>) {
        guard let tag = bytes.popFirst(), let first = bytes.popFirst() else { throw CertificateSummary.Malformed() }
        var length = Int(first)
        if first & 0x80 != 0 {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 4, bytes.count >= count else { throw CertificateSummary.Malformed() }
            length = 0
            for _ in 0..<count {
                guard let byte = bytes.popFirst() else { throw CertificateSummary.Malformed() }
                length = length << 8 | Int(byte)
            }
        }
        guard length <= bytes.count else { throw CertificateSummary.Malformed() }
        let contents = bytes.prefix(length)
        bytes = bytes.dropFirst(length)
        return (tag, contents)
    }
}
