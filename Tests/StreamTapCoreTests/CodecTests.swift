import Testing

@testable import StreamTapCore

@Suite struct Base64Tests {
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func rfc4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func roundTripsEveryByte() {
        let bytes = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }

    @Test func rejectsGarbage() {
        #expect(Base64.decode("ab$d") == nil)
        #expect(Base64.decode("Zg==Zg") == nil)
        #expect(Base64.decode("Z") == nil)
    }
}

@Suite struct HexTests {
    @Test func encodesLowerCase() {
        #expect(Hex.encode([0, 0xAB, 0xFF, 0x10]) == "00abff10")
    }

    @Test(arguments: ["deadbeef", "de ad be ef", "DE:AD:BE:EF", "0xdeadbeef"])
    func decodesWithSeparators(text: String) {
        #expect(Hex.decode(text) == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test(arguments: ["abc", "zz", "a b", "12 3"])
    func rejectsOddOrInvalid(text: String) {
        #expect(Hex.decode(text) == nil)
    }
}

@Suite struct UTF8ValidatorTests {
    @Test(arguments: [
        [UInt8](), Array("hello".utf8), Array("κόσμε".utf8), Array("😀".utf8), [0xEF, 0xBF, 0xBF],
        [0xF4, 0x8F, 0xBF, 0xBF],
    ])
    func acceptsValid(bytes: [UInt8]) {
        #expect(UTF8Validator.isValid(bytes))
    }

    @Test(arguments: [
        [UInt8]([0x80]), [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF],
        [0xCE, 0xBA, 0xE1], [0xF0, 0x9F, 0x98],
    ])
    func rejectsInvalidOrTruncated(bytes: [UInt8]) {
        #expect(!UTF8Validator.isValid(bytes))
    }

    @Test func failsFastAtTheFirstBadByteAcrossChunks() {
        var validator = UTF8Validator()
        let results = [
            validator.feed([0xCE, 0xBA, 0xE1]), validator.isComplete, validator.feed([0xBD]), validator.feed([0xC0]),
        ]
        #expect(results == [true, false, true, false])
        #expect(validator.failed)
        let afterFailure = validator.feed(Array("ok".utf8))
        #expect(!afterFailure)
    }

    @Test func characterSplitAtEveryPointIsAccepted() {
        let text = Array("aé😀€z".utf8)
        for split in 0...text.count {
            var validator = UTF8Validator()
            let first = validator.feed(text[..<split])
            let second = validator.feed(text[split...])
            #expect(first && second && validator.isComplete)
        }
    }
}

@Suite struct WebSocketHandshakeRulesTests {
    @Test func rfc6455Example() {
        #expect(
            WebSocketHandshakeRules.expectedAccept(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        )
    }

    @Test func sha1KnownVectors() {
        #expect(Hex.encode(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Hex.encode(SHA1.digest([UInt8]())) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(Hex.encode(SHA1.digest(long)) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }
}

@Suite struct CloseCodeTests {
    /// RFC 6455 §7.4 and the IANA registry: a server restarting (1012) or
    /// overloaded (1013) closes cleanly rather than as a protocol error.
    @Test func validityFollowsRFC6455AndTheIANARegistry() {
        let valid = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999]
        let invalid = [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535]
        #expect(valid.allSatisfy(CloseCode.isValidOnTheWire))
        #expect(!invalid.contains(where: CloseCode.isValidOnTheWire))
    }

    @Test func meaningsAreWords() {
        #expect(CloseCode.meaning(of: 1006) == "connection lost without a close frame")
        #expect(CloseCode.meaning(of: 4001) == "private use by the application")
    }
}

@Suite struct HeaderLineTests {
    @Test func splitsAndChecksAHeaderLine() throws {
        #expect(try HeaderLine.parse("Authorization:   Bearer x") == ("Authorization", "Bearer x"))
        #expect(try HeaderLine.parse("X-Empty:") == ("X-Empty", ""))
        for bad in ["no colon", ": value", "Bad Name: x", "X: a\r\nEvil: 1", "X: a\nb", "X: a\u{0}b"] {
            #expect(throws: InputError.self, "\(bad)") { try HeaderLine.parse(bad) }
        }
    }
}
