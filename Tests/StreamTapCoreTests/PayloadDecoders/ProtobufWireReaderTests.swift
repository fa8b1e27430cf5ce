import Testing

@testable import StreamTapCore

/// The schema-less protobuf reader on messages serialized by the
/// `protobuf` Python package (descriptor-built proto2 messages), each
/// compared with what `protoc --decode_raw` (libprotoc 3.21) prints for the
/// same bytes, and on hostile bytes.
@Suite struct ProtobufWireReaderTests {
    private func decode(_ hex: String) throws -> JSONValue {
        try PayloadFormat.protobuf.decode(try #require(Hex.decode(hex)))
    }

    /// The error's sentence, or `nil` when the bytes decode.
    private func failure(_ bytes: [UInt8]) -> String? {
        do {
            _ = try PayloadFormat.protobuf.decode(bytes)
            return nil
        } catch {
            return error.description
        }
    }

    /// message Inner { optional string label = 1; optional uint32 count = 2; }
    /// message Outer {
    ///   optional int32 id = 1; optional string name = 2; optional bytes blob = 3;
    ///   optional Inner inner = 4; repeated string tags = 5; optional fixed32 f32 = 6;
    ///   optional fixed64 f64 = 7; optional float ratio = 8; optional uint64 big = 9;
    ///   repeated int32 nums = 10; optional string empty = 11; optional bool big_field = 536870911;
    /// }
    /// with id = -1, name = "héllo\tworld", blob = 00 01 fe ff, inner = {"nested", 300},
    /// tags = [a, b, c], f32 = 0xdeadbeef, f64 = 2^64 - 2, ratio = 1.5, big = 2^53 + 1,
    /// nums = [1, -2], empty = "", big_field = true.
    ///
    /// protoc --decode_raw prints:
    ///
    ///     1: 18446744073709551615
    ///     2: "h\303\251llo\tworld"
    ///     3: "\000\001\376\377"
    ///     4 {
    ///       1: "nested"
    ///       2: 300
    ///     }
    ///     5: "a"
    ///     5: "b"
    ///     5: "c"
    ///     6: 0xdeadbeef
    ///     7: 0xfffffffffffffffe
    ///     8: 0x3fc00000
    ///     9: 9007199254740993
    ///     10: 1
    ///     10: 18446744073709551614
    ///     11: ""
    ///     536870911: 1
    @Test func aMessageFromARealEncoderReadsAsProtocGuessesIt() throws {
        let value = try decode(
            "08ffffffffffffffffff01120c68c3a96c6c6f09776f726c641a040001feff220b0a066e657374656410ac022a01612a"
                + "01622a016335efbeadde39feffffffffffffff450000c03f488180808080808010500150feffffffffffffffff015a00"
                + "f8ffffff0f01"
        )
        #expect(
            value.compactText
                == #"{"1":"18446744073709551615","2":"héllo\tworld","3":{"base64":"AAH+/w=="},"#
                + #""4":{"1":"nested","2":300},"5":["a","b","c"],"6":3735928559,"7":"18446744073709551614","#
                + #""8":1069547520,"9":"9007199254740993","10":[1,"18446744073709551614"],"11":"","536870911":1}"#
        )
    }

    /// The FileDescriptorProto of the schema above, as the `protobuf`
    /// package serializes it. protoc --decode_raw prints the field named
    /// "empty" (`0a05656d707479`) as a message `1 { 12: 0x7974706d }`: the
    /// text happens to parse as one, and the guess follows protoc's.
    @Test func aFileDescriptorProto() throws {
        let hex = [
            "0a097665632e70726f746f120376656322250a05496e6e6572120d0a056c6162656c180120012809120d0a05636f756e",
            "7418022001280d22c2010a054f75746572120a0a026964180120012805120c0a046e616d65180220012809120c0a0462",
            "6c6f6218032001280c12190a05696e6e657218042001280b320a2e7665632e496e6e6572120c0a047461677318052003",
            "2809120b0a03663332180620012807120b0a03663634180720012806120d0a05726174696f180820012802120b0a0362",
            "6967180920012804120c0a046e756d73180a20032805120d0a05656d707479180b2001280912150a096269675f666965",
            "6c6418ffffffff0120012808620670726f746f32",
        ]
        let value = try decode(hex.joined())
        #expect(value["1"] == .string("vec.proto"))
        #expect(value["2"] == .string("vec"))
        #expect(value["12"] == .string("proto2"))
        let messages = try #require(value["4"]?.arrayValue)
        #expect(messages.count == 2)
        #expect(
            messages[0].compactText == #"{"1":"Inner","2":[{"1":"label","3":1,"4":1,"5":9},"#
                + #"{"1":"count","3":2,"4":1,"5":13}]}"#
        )
        let fields = try #require(messages[1]["2"]?.arrayValue)
        #expect(fields.count == 12)
        #expect(fields[3].compactText == #"{"1":"inner","3":4,"4":1,"5":11,"6":".vec.Inner"}"#)
        #expect(fields[10].compactText == #"{"1":{"12":2037674093},"3":11,"4":1,"5":9}"#)
        #expect(fields[11].compactText == #"{"1":"big_field","3":536870911,"4":1,"5":8}"#)
        #expect(value.compactText.hasPrefix(#"{"1":"vec.proto","2":"vec","4":[{"1":"Inner""#))
    }

    /// message M { repeated group Result = 1 { optional string url = 2; optional sfixed64 score = 3; }
    ///             optional sint32 after = 4; }
    /// with two results, {url: "a", score: -2} and {}, and after = -3. protoc --decode_raw:
    /// `1 { 2: "a" 3: 0xfffffffffffffffe } 1 { } 4: 5` (sint32 stays zigzag).
    @Test func groupsAreNestedObjects() throws {
        #expect(
            try decode("0b12016119feffffffffffffff0c0b0c2005").compactText
                == #"{"1":[{"2":"a","3":"18446744073709551614"},{}],"4":5}"#
        )
    }

    /// protoc --decode_raw: `1 { 1: 1 } 2: "hello" 3: "a\001b" 4: ""`.
    @Test func lengthDelimitedBytesAreGuessedAsProtocDoes() throws {
        #expect(
            try decode("0a020801120568656c6c6f1a036101622200").compactText
                == #"{"1":{"1":1},"2":"hello","3":{"base64":"YQFi"},"4":""}"#
        )
    }

    @Test(arguments: [
        ("0a0a6c696e65310a09746162", JSONValue.string("line1\n\ttab")),
        ("0a0361c3a9", .string("aé")),
        ("0a03617f62", .bytes([0x61, 0x7F, 0x62])),
        ("0a0361c285", .bytes([0x61, 0xC2, 0x85])),
        ("0a02610d", .bytes([0x61, 0x0D])),
        ("0a0261c3", .bytes([0x61, 0xC3])),
        ("0a02ffff", .bytes([0xFF, 0xFF])),
    ])
    func textIsUTF8WithoutControlCharactersOtherThanTabAndNewline(_ hex: String, _ expected: JSONValue) throws {
        #expect(try decode(hex)["1"] == expected)
    }

    @Test func emptyInputIsTheEmptyMessage() throws {
        #expect(try PayloadFormat.protobuf.decode([UInt8]()) == .object([]))
    }

    @Test(arguments: [
        ("00", "field number 0 is not allowed at byte 0"),
        ("0800", nil),
        ("0e00", "the wire type 6 of field 1 does not exist at byte 0"),
        ("0800 17".replacing(" ", with: ""), "the wire type 7 of field 2 does not exist at byte 2"),
        ("88", "a field key runs past the end at byte 0"),
        ("08", "the varint of field 1 runs past the end at byte 0"),
        ("08ffffffffffffffffff02", "the varint of field 1 is longer than 64 bits at byte 0"),
        ("08ffffffffffffffffffff01", "the varint of field 1 is longer than 64 bits at byte 0"),
        ("0a", "the length of field 1 runs past the end at byte 0"),
        ("0a0501", "field 1 (5 bytes) runs past the end at byte 0"),
        ("0a01", "field 1 (1 byte) runs past the end at byte 0"),
        ("0affffffffffffffff7f", "field 1 (9223372036854775807 bytes) runs past the end at byte 0"),
        ("090102", "the fixed64 of field 1 runs past the end at byte 0"),
        ("0d01", "the fixed32 of field 1 runs past the end at byte 0"),
        ("0c", "an end-group of field 1 outside any group at byte 0"),
        ("0b14", "an end-group of field 2 inside the group of field 1 at byte 1"),
        ("0b0801", "the group of field 1 has no end-group at byte 0"),
        ("808080801000", "the field number 536870912 is beyond the largest (536870911) at byte 0"),
        ("f8ffffff0f01", nil),
    ])
    func brokenInputSaysWhatAndWhere(_ hex: String, _ message: String?) throws {
        #expect(failure(try #require(Hex.decode(hex))) == message.map { "not protobuf: " + $0 })
    }

    @Test func groupNestingIsLimited() throws {
        let limit = PayloadFormat.protobuf.maximumDepth
        #expect(limit == 32)
        let deepest = [UInt8](repeating: 0x0B, count: limit - 1) + [UInt8](repeating: 0x0C, count: limit - 1)
        #expect(try PayloadFormat.protobuf.decode(deepest).compactText.contains(#"{"1":{}}"#))
        #expect(
            failure([UInt8](repeating: 0x0B, count: 100_000))
                == "not protobuf: messages and groups are nested more than 32 levels deep at byte 31"
        )
    }

    /// Bytes nested deeper than the limit are not guessed as a message (and
    /// so the JSON stays within what `JSONParser` reads back).
    @Test func nestedMessagesBeyondTheLimitStayBytes() throws {
        var bytes: [UInt8] = [0x08, 0x01]
        for _ in 0..<40 {
            bytes = [0x0A, UInt8(bytes.count)] + bytes
        }
        let value = try PayloadFormat.protobuf.decode(bytes)
        var message = value
        for _ in 1..<PayloadFormat.protobuf.maximumDepth {
            message = try #require(message["1"])
            #expect(message.isObject && message["base64"] == nil)
        }
        let innermost = try #require(message["1"]?["base64"]?.stringValue)
        #expect(Base64.decode(innermost) == Array(bytes.suffix(2 + 2 * 8)))
        #expect(try JSONParser.parse(value.compactText) == value)
    }

    /// Field 1 holding `bytes` (its length as a varint of one or two bytes).
    private func field1(_ bytes: [UInt8]) -> [UInt8] {
        let length =
            bytes.count < 0x80 ? [UInt8(bytes.count)] : [UInt8(bytes.count & 0x7F | 0x80), UInt8(bytes.count >> 7)]
        return [0x0A] + length + bytes
    }

    /// Field 1 repeated at every level, 40 levels deep: the deepest JSON
    /// the reader makes (an object and an array per level), which
    /// `JSONParser` still reads back.
    @Test func repeatedFieldsAtEveryLevelStayWithinTheParsersDepth() throws {
        var bytes: [UInt8] = [0x08, 0x01]
        for _ in 0..<40 {
            bytes = field1(bytes) + field1([])
        }
        let value = try PayloadFormat.protobuf.decode(bytes)
        var message = value
        for _ in 1..<PayloadFormat.protobuf.maximumDepth {
            let values = try #require(message["1"]?.arrayValue)
            #expect(values.count == 2 && values[1] == .string(""))
            message = values[0]
        }
        #expect(message["1"]?.arrayValue?.first?["base64"] != nil)
        #expect(try JSONParser.parse(value.compactText) == value)
    }
}
