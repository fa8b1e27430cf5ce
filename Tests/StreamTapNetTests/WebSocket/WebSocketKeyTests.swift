import StreamTapCore
import Testing

@testable import StreamTapNet

@Suite struct WebSocketKeyTests {
    @Test func isSixteenRandomBytesInBase64() {
        let keys = (0..<50).map { _ in WebSocketKey.generate() }
        #expect(keys.allSatisfy { $0.count == 24 && Base64.decode($0)?.count == 16 })
        #expect(Set(keys).count == keys.count)
    }
}
