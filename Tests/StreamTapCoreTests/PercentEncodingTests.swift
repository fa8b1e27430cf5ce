import StreamTapCore
import Testing

@Suite struct PercentEncodingTests {
    @Test func escapesAndPlusSigns() {
        #expect(PercentEncoding.decode("user%40example.com%3a%2F") == .success("user@example.com:/"))
        #expect(PercentEncoding.decode("a+b%2Bc") == .success("a+b+c"))
        #expect(PercentEncoding.decode("a+b%2Bc", plusAsSpace: true) == .success("a b+c"))
        #expect(PercentEncoding.decode("caf%C3%A9") == .success("café"))
    }

    @Test func brokenEscapesAndBytesThatAreNotText() {
        #expect(PercentEncoding.decode("100%") == .failure(.incompleteEscape))
        #expect(PercentEncoding.decode("%4") == .failure(.incompleteEscape))
        #expect(PercentEncoding.decode("%zz") == .failure(.incompleteEscape))
        #expect(PercentEncoding.decode("%C3") == .failure(.notUTF8))
        #expect(PercentEncoding.decode("%FF%FE") == .failure(.notUTF8))
    }
}
