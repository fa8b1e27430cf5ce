import StreamTapConfig
import StreamTapTestSupport
import Testing

@Suite struct SentHistoryStoreTests {
    @Test func keepsMessagesPerURLAcrossRuns() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = "ws://127.0.0.1:8080/ws/echo"
        let store = SentHistoryStore(folder: folder.path + "/history")
        let entries = [
            SentHistoryStore.Entry(mode: "json", text: "{\n  \"a\": \"back\\\\slash\"\n}"),
            SentHistoryStore.Entry(mode: "text", text: "tab\there\r\nend"),
        ]
        for entry in entries {
            #expect(store.append(entry, for: url) == nil)
        }
        #expect(SentHistoryStore(folder: folder.path + "/history").entries(for: url) == entries)
        #expect(store.entries(for: "ws://127.0.0.1:8080/ws/chat").isEmpty)
        #expect(store.file(for: url) != store.file(for: "ws://127.0.0.1:8080/ws/echo?x"))
    }

    @Test func keepsOnlyTheNewestEntriesAndSkipsDamagedLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = SentHistoryStore(folder: folder.path, limit: 3)
        let url = "http://127.0.0.1/sse"
        for number in 1...10 {
            store.append(.init(mode: "text", text: "message \(number)"), for: url)
        }
        #expect(store.entries(for: url).map(\.text) == ["message 8", "message 9", "message 10"])
        let path = store.file(for: url)
        try folder.write(
            "garbage without a tab\ntext\tok\ntext\tbad escape \\q\n",
            to: String(path.split(separator: "/").last ?? "")
        )
        #expect(store.entries(for: url) == [.init(mode: "text", text: "ok")])
    }
}
