import Testing

@testable import StreamTapCore

/// The CBOR reader on the examples of RFC 8949 Appendix A, on bytes from
/// the `cbor2` Python package (6.x) and on hostile bytes.
@Suite struct CBORReaderTests {
    private func decode(_ hex: String) throws -> JSONValue {
        try PayloadFormat.cbor.decode(try #require(Hex.decode(hex)))
    }

    /// The error's sentence, or `nil` when the bytes decode.
    private func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try PayloadFormat.cbor.decode(bytes)
            return nil
        } catch {
            return error.description
        }
    }

    /// RFC 8949 Appendix A, Table 6: the encoding and, as JSON text, what
    /// it reads as here (its diagnostic notation in the comments where the
    /// JSON form differs).
    @Test(arguments: [
        ("00", "0"), ("01", "1"), ("0a", "10"), ("17", "23"), ("1818", "24"), ("1819", "25"), ("1864", "100"),
        ("1903e8", "1000"), ("1a000f4240", "1000000"), ("1b000000e8d4a51000", "1000000000000"),
        ("1bffffffffffffffff", #""18446744073709551615""#),
        ("c249010000000000000000", #""18446744073709551616""#),  // 2(h'010000000000000000')
        ("3bffffffffffffffff", #""-18446744073709551616""#),
        ("c349010000000000000000", #""-18446744073709551617""#),  // 3(h'010000000000000000')
        ("20", "-1"), ("29", "-10"), ("3863", "-100"), ("3903e7", "-1000"),
        ("f90000", "0"), ("f93c00", "1"), ("fb3ff199999999999a", "1.1"), ("f93e00", "1.5"),
        ("f97bff", "65504"), ("fa47c35000", "100000"), ("fa7f7fffff", "3.4028234663852886e+38"),
        ("fb7e37e43c8800759c", "1e+300"), ("f90001", "5.960464477539063e-8"), ("f90400", "0.00006103515625"),
        ("f9c400", "-4"), ("fbc010666666666666", "-4.1"),
        ("f97c00", #""Infinity""#), ("f97e00", #""NaN""#), ("f9fc00", #""-Infinity""#),
        ("fa7f800000", #""Infinity""#), ("fa7fc00000", #""NaN""#), ("faff800000", #""-Infinity""#),
        ("fb7ff0000000000000", #""Infinity""#), ("fb7ff8000000000000", #""NaN""#),
        ("fbfff0000000000000", #""-Infinity""#),
        ("f4", "false"), ("f5", "true"), ("f6", "null"), ("f7", "null"),  // undefined
        ("f0", #"{"simple":16}"#), ("f8ff", #"{"simple":255}"#),
        ("c074323031332d30332d32315432303a30343a30305a", #""2013-03-21T20:04:00Z""#),
        ("c11a514b67b0", #""2013-03-21T20:04:00Z""#),  // 1(1363896240)
        ("c1fb41d452d9ec200000", #""2013-03-21T20:04:00.5Z""#),  // 1(1363896240.5)
        ("d74401020304", #"{"tag":23,"value":{"base64":"AQIDBA=="}}"#),
        ("d818456449455446", #"{"tag":24,"value":{"base64":"ZElFVEY="}}"#),
        ("d82076687474703a2f2f7777772e6578616d706c652e636f6d", #"{"tag":32,"value":"http://www.example.com"}"#),
        ("40", #"{"base64":""}"#), ("4401020304", #"{"base64":"AQIDBA=="}"#),
        ("60", #""""#), ("6161", #""a""#), ("6449455446", #""IETF""#), ("62225c", #""\"\\""#),
        ("62c3bc", #""\u00fc""#), ("63e6b0b4", #""\u6c34""#), ("64f0908591", #""\ud800\udd51""#),
        ("80", "[]"), ("83010203", "[1,2,3]"), ("8301820203820405", "[1,[2,3],[4,5]]"),
        (
            "98190102030405060708090a0b0c0d0e0f101112131415161718181819",
            "[\((1...25).map(String.init).joined(separator: ","))]"
        ),
        ("a0", "{}"), ("a201020304", #"{"1":2,"3":4}"#), ("a26161016162820203", #"{"a":1,"b":[2,3]}"#),
        ("826161a161626163", #"["a",{"b":"c"}]"#),
        ("a56161614161626142616361436164614461656145", #"{"a":"A","b":"B","c":"C","d":"D","e":"E"}"#),
        ("5f42010243030405ff", #"{"base64":"AQIDBAU="}"#),  // (_ h'0102', h'030405')
        ("7f657374726561646d696e67ff", #""streaming""#),  // (_ "strea", "ming")
        ("9fff", "[]"), ("9f018202039f0405ffff", "[1,[2,3],[4,5]]"), ("9f01820203820405ff", "[1,[2,3],[4,5]]"),
        ("83018202039f0405ff", "[1,[2,3],[4,5]]"), ("83019f0203ff820405", "[1,[2,3],[4,5]]"),
        (
            "9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff",
            "[\((1...25).map(String.init).joined(separator: ","))]"
        ),
        ("bf61610161629f0203ffff", #"{"a":1,"b":[2,3]}"#), ("826161bf61626163ff", #"["a",{"b":"c"}]"#),
        ("bf6346756ef563416d7421ff", #"{"Fun":true,"Amt":-2}"#),
    ])
    func theRFCsExamples(_ hex: String, _ json: String) throws {
        #expect(try decode(hex) == JSONParser.parse(json))
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try #require(try decode("f98000").doubleValue)
        #expect(value == 0 && value.sign == .minus)
    }

    @Test func aDocumentFromARealEncoder() throws {
        // cbor2.dumps({"id": 7, "name": "streamtap", "tags": ["a", "b"], "ok": True, "none": None,
        //              "ratio": 0.5, "neg": -33, "raw": b"\x00\xff", 1: "int key"})
        let value = try decode(
            "a962696407646e616d656973747265616d74617064746167738261616162626f6bf5646e6f6e65f665726174696f"
                + "fb3fe0000000000000636e65673820637261774200ff0167696e74206b6579"
        )
        #expect(
            value.compactText
                == #"{"id":7,"name":"streamtap","tags":["a","b"],"ok":true,"none":null,"ratio":0.5,"neg":-33,"#
                + #""raw":{"base64":"AP8="},"1":"int key"}"#
        )
    }

    @Test(arguments: [
        // cbor2.dumps(2**128 - 1), -(2**128), 2**128, -(2**128) - 1.
        ("c250ffffffffffffffffffffffffffffffff", #""340282366920938463463374607431768211455""#),
        ("c350ffffffffffffffffffffffffffffffff", #""-340282366920938463463374607431768211456""#),
        ("c2510100000000000000000000000000000000", #"{"tag":2,"base64":"AQAAAAAAAAAAAAAAAAAAAAA="}"#),
        ("c3510100000000000000000000000000000000", #"{"tag":3,"base64":"AQAAAAAAAAAAAAAAAAAAAAA="}"#),
        // Leading zeros, empty magnitudes and an indefinite-length magnitude.
        ("c243000001", #""1""#), ("c240", #""0""#), ("c340", #""-1""#), ("c34200ff", #""-256""#),
        ("c25f41014100ff", #""256""#),
        ("c253000000000000000000000000000000000001ff", #""511""#),
        // A bignum tag around something else is a plain tag.
        ("c26161", #"{"tag":2,"value":"a"}"#),
    ])
    func bignums(_ hex: String, _ json: String) throws {
        #expect(try decode(hex) == JSONParser.parse(json))
    }

    @Test(arguments: [
        ("3b7fffffffffffffff", JSONValue.string("-9223372036854775808")),
        ("3b001fffffffffffff", .number(-9_007_199_254_740_992)),
        ("3b0020000000000000", .string("-9007199254740993")),
        ("1b0020000000000000", .number(9_007_199_254_740_992)),
        ("1b0020000000000001", .string("9007199254740993")),
    ])
    func integersAroundTwoToThe53(_ hex: String, _ expected: JSONValue) throws {
        #expect(try decode(hex) == expected)
    }

    @Test(arguments: [
        // cbor2.dumps(datetime(2024, 2, 29, 12, 0, 0, 250000, utc)) and with datetime_as_timestamp.
        ("c0781b323032342d30322d32395431323a30303a30302e3235303030305a", #""2024-02-29T12:00:00.250000Z""#),
        ("c1fb41d9781c70100000", #""2024-02-29T12:00:00.25Z""#),
        // datetime(1960, 1, 1, utc) as a timestamp: a negative integer.
        ("c13a12cff77f", #""1960-01-01T00:00:00Z""#),
        ("c1f93c00", #""1970-01-01T00:00:01Z""#),
        // Times RFC 3339 cannot write, and content of another kind, stay tags.
        ("c11b7fffffffffffffff", #"{"tag":1,"value":"9223372036854775807"}"#),
        ("c11b0000003afff44180", #"{"tag":1,"value":253402300800}"#),
        ("c1fb7ff8000000000000", #"{"tag":1,"value":"NaN"}"#),
        ("c16161", #"{"tag":1,"value":"a"}"#),
        ("c001", #"{"tag":0,"value":1}"#),
    ])
    func timeTags(_ hex: String, _ json: String) throws {
        #expect(try decode(hex) == JSONParser.parse(json))
    }

    @Test func otherTagsAndSimpleValues() throws {
        // cbor2.dumps(CBORTag(1234567, [1, "x"])) and CBORSimpleValue(99).
        #expect(try decode("da0012d68782016178").compactText == #"{"tag":1234567,"value":[1,"x"]}"#)
        #expect(try decode("f863").compactText == #"{"simple":99}"#)
        #expect(try decode("dbffffffffffffffff00").compactText == #"{"tag":"18446744073709551615","value":0}"#)
        #expect(try decode("d9d9f7f6").compactText == #"{"tag":55799,"value":null}"#)
    }

    @Test func keysThatAreNotStringsAreTheirJSONText() throws {
        #expect(try decode("a1820102f5").compactText == #"{"[1,2]":true}"#)
        #expect(try decode("a14100f6").compactText == #"{"{\"base64\":\"AA==\"}":null}"#)
        #expect(try decode("a2f601f93e0002").compactText == #"{"null":1,"1.5":2}"#)
        #expect(try decode("a1a1010203").compactText == #"{"{\"1\":2}":3}"#)
    }

    @Test(arguments: [
        ("", "the input ends where a value should be at byte 0"),
        ("ff", "a break (0xff) outside an indefinite-length item at byte 0"),
        ("8201ff", "a break (0xff) outside an indefinite-length item at byte 2"),
        ("0102", "1 stray byte follows the value at byte 1"),
        ("1c", "the additional information 28 is reserved at byte 0"),
        ("5d", "the additional information 29 is reserved at byte 0"),
        ("fe", "the additional information 30 is reserved at byte 0"),
        ("1f", "an unsigned integer cannot have an indefinite length at byte 0"),
        ("3f", "a negative integer cannot have an indefinite length at byte 0"),
        ("df00", "a tag cannot have an indefinite length at byte 0"),
        ("f810", "the simple value 16 is not well-formed in two bytes at byte 0"),
        ("f8", "a simple value runs past the end at byte 0"),
        ("1901", "an unsigned integer runs past the end at byte 0"),
        ("fa0000", "a single-precision float runs past the end at byte 0"),
        ("f900", "a half-precision float runs past the end at byte 0"),
        ("6261", "a text string of 2 bytes runs past the end at byte 0"),
        ("62c328", "a text string of 2 bytes is not valid UTF-8 at byte 0"),
        ("7f616162c328ff", "a text string of 2 bytes is not valid UTF-8 at byte 3"),
        ("7f61c361bcff", "a text string of 1 byte is not valid UTF-8 at byte 1"),
        ("5f6161ff", "a chunk of an indefinite-length byte string is not a definite-length byte string at byte 1"),
        ("7f7fffff", "a chunk of an indefinite-length text string is not a definite-length text string at byte 1"),
        ("5f41", "a byte string of 1 byte runs past the end at byte 1"),
        ("5f", "an indefinite-length byte string has no break at byte 0"),
        ("9f01", "an indefinite-length array has no break at byte 0"),
        ("bf6161", "the input ends where a value should be at byte 3"),
        ("bf6161ff", "a break where the value of a map's last key should be at byte 3"),
        ("9bffffffffffffffff", "an array of 18446744073709551615 items runs past the end at byte 0"),
        ("bbffffffffffffffff", "a map of 18446744073709551615 pairs runs past the end at byte 0"),
        ("bb8000000000000000", "a map of 9223372036854775808 pairs runs past the end at byte 0"),
        ("5bffffffffffffffff", "a byte string of 18446744073709551615 bytes runs past the end at byte 0"),
        ("a201020304", nil),
        ("a3010203", "a map of 3 pairs runs past the end at byte 0"),
    ])
    func brokenInputSaysWhatAndWhere(_ hex: String, _ message: String?) throws {
        #expect(failure(try #require(Hex.decode(hex))) == message.map { "not CBOR: " + $0 })
    }

    /// Found by the `payload-decoders` fuzz target (a timeout): maps as
    /// keys of maps as keys, 20 levels deep. Each level's key text was
    /// escaped once more, doubling in size; such a key is now refused.
    @Test func mapsKeyedByMapsInsideKeysAreRefusedNotExponential() throws {
        let found = try #require(
            Hex.decode(
                "a2a2a282a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a1a1a1a1a1a1a1a1a1a1a1e4e4e4e4e4e4e4e4e4e4e400000000"
                    + "0012a1a1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e100000049a1a1"
                    + "a1a1000049a1a1a1a1a1002c2b"
            )
        )
        // The simple value 4 at byte 32 (`{"simple":4}`) keys a map deep inside other keys.
        #expect(
            failure(found) == "not CBOR: a key inside a map key is not a string, number, boolean or null at byte 32"
        )
        let doubling = [UInt8](repeating: 0xA1, count: 40) + [0x60] + [UInt8](repeating: 0x00, count: 40)
        #expect(
            failure(doubling) == "not CBOR: a key inside a map key is not a string, number, boolean or null at byte 39"
        )
        // One level of container key is fine, and so are string and scalar keys inside it.
        #expect(try decode("a1a2622261f5f40203").compactText == #"{"{\"\\\"a\":true,\"false\":2}":3}"#)
    }

    @Test func nestingIsLimited() throws {
        let limit = PayloadFormat.cbor.maximumDepth
        #expect(limit == 64)
        let deepest = [UInt8](repeating: 0x81, count: limit - 1) + [0xC6, 0x00]
        let text = try PayloadFormat.cbor.decode(deepest).compactText
        let brackets = limit - 1
        #expect(
            text == String(repeating: "[", count: brackets) + #"{"tag":6,"value":0}"#
                + String(repeating: "]", count: brackets)
        )
        let tooDeep = "not CBOR: arrays, maps and tags are nested more than 64 levels deep at byte 64"
        #expect(failure([UInt8](repeating: 0x81, count: 100_000)) == tooDeep)
        #expect(failure([UInt8](repeating: 0x9F, count: 100_000)) == tooDeep)
        #expect(failure([UInt8](repeating: 0xC6, count: 100_000)) == tooDeep)
        #expect(failure([UInt8](repeating: 0xBF, count: 100_000)) == tooDeep)
    }
}
