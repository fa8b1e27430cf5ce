import Testing

@testable import StreamTapCore

/// The MessagePack reader on bytes from the `msgpack` Python package
/// (1.x, `use_bin_type=True`) and on bytes derived by hand from the spec,
/// hostile ones included.
@Suite struct MessagePackReaderTests {
    private func decode(_ hex: String) throws -> JSONValue {
        try PayloadFormat.messagePack.decode(try #require(Hex.decode(hex)))
    }

    /// The error's sentence, or `nil` when the bytes decode.
    private func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try PayloadFormat.messagePack.decode(bytes)
            return nil
        } catch {
            return error.description
        }
    }

    private func failure(_ hex: String) throws -> String? {
        failure(try #require(Hex.decode(hex)))
    }

    @Test func aDocumentFromARealEncoder() throws {
        // msgpack.packb({"id": 7, "name": "streamtap", "tags": ["a", "b"], "ok": True,
        //                "none": None, "ratio": 0.5, "neg": -33})
        let value = try decode(
            "87a2696407a46e616d65a973747265616d746170a47461677392a161a162a26f6bc3a46e6f6e65c0"
                + "a5726174696fcb3fe0000000000000a36e6567d0df"
        )
        #expect(
            value.compactText
                == #"{"id":7,"name":"streamtap","tags":["a","b"],"ok":true,"none":null,"ratio":0.5,"neg":-33}"#
        )
    }

    @Test(arguments: [
        ("00", "0"), ("7f", "127"), ("ff", "-1"), ("e0", "-32"),
        ("ccc8", "200"), ("cdea60", "60000"), ("ceee6b2800", "4000000000"),
        ("cf0020000000000000", "9007199254740992"),
        ("d09c", "-100"), ("d1fc18", "-1000"), ("d2fffe7960", "-100000"),
        ("d3ffffffffffffffff", "-1"), ("d3ffe0000000000000", "-9007199254740992"),
    ])
    func integersOfEveryWidth(_ hex: String, _ json: String) throws {
        #expect(try decode(hex) == JSONParser.parse(json))
    }

    @Test(arguments: [
        ("cfffffffffffffffff", "18446744073709551615"),
        ("cf0020000000000001", "9007199254740993"),
        ("d38000000000000000", "-9223372036854775808"),
        ("d3ffdfffffffffffff", "-9007199254740993"),
    ])
    func integersBeyondTwoToThe53AreDecimalStrings(_ hex: String, _ digits: String) throws {
        #expect(try decode(hex) == .string(digits))
    }

    @Test(arguments: [
        ("ca3fc00000", JSONValue.number(1.5)),
        ("cb400921fb54442d18", .number(3.141592653589793)),
        ("ca3dcccccd", .number(Double(Float(0.1)))),
        ("cb7ff8000000000000", .string("NaN")),
        ("caff800000", .string("-Infinity")),
        ("cb7ff0000000000000", .string("Infinity")),
    ])
    func floats(_ hex: String, _ expected: JSONValue) throws {
        #expect(try decode(hex) == expected)
    }

    @Test func stringsOfEveryWidth() throws {
        #expect(try decode("a0") == .string(""))
        #expect(try decode("a3c3a96c") == .string("él"))
        // msgpack.packb("x" * 40) and "y" * 300: str8 and str16.
        #expect(try decode("d928" + String(repeating: "78", count: 40)) == .string(String(repeating: "x", count: 40)))
        #expect(
            try decode("da012c" + String(repeating: "79", count: 300)) == .string(String(repeating: "y", count: 300))
        )
        #expect(try decode("db00000003616263") == .string("abc"))
    }

    @Test func binaryIsBase64() throws {
        // msgpack.packb(b"\x00\x01\xfe\xff", use_bin_type=True)
        #expect(try decode("c4040001feff").compactText == #"{"base64":"AAH+/w=="}"#)
        #expect(try decode("c50002abcd").compactText == #"{"base64":"q80="}"#)
        #expect(try decode("c600000000").compactText == #"{"base64":""}"#)
    }

    @Test func arraysAndMapsOfEveryWidth() throws {
        // msgpack.packb(list(range(16))) is an array16.
        #expect(try decode("dc0010000102030405060708090a0b0c0d0e0f") == .array((0..<16).map { .number(Double($0)) }))
        #expect(try decode("dd00000002c0c3") == .array([.null, .bool(true)]))
        #expect(try decode("90") == .array([]))
        #expect(try decode("80") == .object([]))
        #expect(try decode("de0001a16101").compactText == #"{"a":1}"#)
        #expect(try decode("df00000001a161c2").compactText == #"{"a":false}"#)
    }

    @Test func keysThatAreNotStringsAreTheirJSONText() throws {
        // msgpack.packb({1: "one", 2: [1, 2]})
        #expect(try decode("8201a36f6e6502920102").compactText == #"{"1":"one","2":[1,2]}"#)
        #expect(try decode("8192010201").compactText == #"{"[1,2]":1}"#)
        #expect(try decode("81c40100c0").compactText == #"{"{\"base64\":\"AA==\"}":null}"#)
        #expect(try decode("82c0c3c2c0").compactText == #"{"null":true,"false":null}"#)
    }

    /// Key text inside key text is escaped again at every level and would
    /// double each time (the `payload-decoders` fuzz target found this in
    /// CBOR, which shares the rule).
    @Test func keysInsideKeysMustBeScalars() throws {
        #expect(try decode("8181020304").compactText == #"{"{\"2\":3}":4}"#)
        #expect(
            try failure("8181c401020304")
                == "not MessagePack: a key inside a map key is not a string, number, boolean or null at byte 2"
        )
        let doubling = [UInt8](repeating: 0x81, count: 40) + [0xA0] + [UInt8](repeating: 0x00, count: 40)
        #expect(
            failure(doubling)
                == "not MessagePack: a key inside a map key is not a string, number, boolean or null at byte 39"
        )
    }

    @Test func extensionsKeepTheirTypeAndBytes() throws {
        // msgpack.ExtType(5, b"\x01\x02\x03"), ExtType(9, b"\x07"), ExtType(1, bytes(range(16))).
        #expect(try decode("c70305010203").compactText == #"{"ext":5,"base64":"AQID"}"#)
        #expect(try decode("d40907").compactText == #"{"ext":9,"base64":"Bw=="}"#)
        #expect(
            try decode("d801000102030405060708090a0b0c0d0e0f").compactText
                == #"{"ext":1,"base64":"AAECAwQFBgcICQoLDA0ODw=="}"#
        )
        #expect(try decode("d5fe0102").compactText == #"{"ext":-2,"base64":"AQI="}"#)
        #expect(try decode("c80001 7faa".replacing(" ", with: "")).compactText == #"{"ext":127,"base64":"qg=="}"#)
        #expect(try decode("c90000000080").compactText == #"{"ext":-128,"base64":""}"#)
    }

    @Test(arguments: [
        // msgpack.Timestamp(1614834367, 0): 32-bit form.
        ("d6ff60406abf", "2021-03-04T05:06:07.000000000Z"),
        // Timestamp(1614834367, 123): 64-bit form.
        ("d7ff000001ec60406abf", "2021-03-04T05:06:07.000000123Z"),
        // Timestamp(-1, 500000000): 96-bit form, before the epoch.
        ("c70cff1dcd6500ffffffffffffffff", "1969-12-31T23:59:59.500000000Z"),
        // Timestamp(2**34, 1): 96-bit form.
        ("c70cff000000010000000400000000", "2514-05-30T01:53:04.000000001Z"),
        // Timestamp(-62167219200, 0): the first instant RFC 3339 can write.
        ("c70cff00000000fffffff1868b8400", "0000-01-01T00:00:00.000000000Z"),
    ])
    func timestampsAreRFC3339WithNanoseconds(_ hex: String, _ text: String) throws {
        #expect(try decode(hex) == .string(text))
    }

    @Test func aTimestampBeyondTheYear9999KeepsItsSeconds() throws {
        // msgpack.Timestamp(253402300800, 0): 10000-01-01.
        #expect(
            try decode("c70cff000000000000003afff44180").compactText
                == #"{"ext":-1,"seconds":253402300800,"nanoseconds":0}"#
        )
    }

    @Test(arguments: [
        ("", "the input ends where a value should be at byte 0"),
        ("930102d92861", "a str8 of 40 bytes runs past the end at byte 3"),
        ("c1", "the byte 0xc1 is never used at byte 0"),
        ("010203", "2 stray bytes follow the value at byte 1"),
        ("c0c0", "1 stray byte follows the value at byte 1"),
        ("cf0001", "a uint64 runs past the end at byte 0"),
        ("d1ff", "an int16 runs past the end at byte 0"),
        ("cb3ff0", "a float64 runs past the end at byte 0"),
        ("da00", "a str16 runs past the end at byte 0"),
        ("a2c328", "a fixstr of 2 bytes is not valid UTF-8 at byte 0"),
        ("a1", "a fixstr of 1 byte runs past the end at byte 0"),
        ("c6ffffffff00", "a bin32 of 4294967295 bytes runs past the end at byte 0"),
        ("ddffffffff", "an array32 of 4294967295 elements runs past the end at byte 0"),
        ("dfffffffffc0", "a map32 of 4294967295 pairs runs past the end at byte 0"),
        ("9201", "a fixarray of 2 elements runs past the end at byte 0"),
        ("81a161", "the input ends where a value should be at byte 3"),
        ("c70501 0102".replacing(" ", with: ""), "an ext8 of 5 bytes runs past the end at byte 0"),
        ("d4", "a fixext 1 runs past the end at byte 0"),
        ("d5ff0000", "a timestamp of 2 bytes (4, 8 or 12 expected) at byte 0"),
        ("d7ffee6b280000000005", "a timestamp of 1000000000 nanoseconds (at most 999999999) at byte 0"),
    ])
    func brokenInputSaysWhatAndWhere(_ hex: String, _ message: String) throws {
        #expect(try failure(hex) == "not MessagePack: " + message)
    }

    @Test func nestingIsLimited() throws {
        let limit = PayloadFormat.messagePack.maximumDepth
        #expect(limit == 64)
        let deepest = [UInt8](repeating: 0x91, count: limit) + [0xC0]
        var value = try PayloadFormat.messagePack.decode(deepest)
        for _ in 0..<limit {
            value = try #require(value.arrayValue?.first)
        }
        #expect(value == .null)
        #expect(
            failure([UInt8](repeating: 0x91, count: 100_000))
                == "not MessagePack: arrays and maps are nested more than 64 levels deep at byte 64"
        )
        #expect(
            failure([UInt8](repeating: 0x81, count: 1000))
                == "not MessagePack: arrays and maps are nested more than 64 levels deep at byte 64"
        )
    }

    @Test func anySliceOfBytesDecodes() throws {
        let bytes: [UInt8] = [0x00, 0x92, 0x01, 0xA1, 0x61, 0x00]
        #expect(try PayloadFormat.messagePack.decode(bytes[1..<5]).compactText == #"[1,"a"]"#)
    }
}
