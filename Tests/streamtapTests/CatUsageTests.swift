import StreamTapTestSupport
import Testing

/// `streamtap cat` refuses option values it cannot honour with a usage
/// error (status 2) instead of crashing on them.
@Suite(.requires(.streamtap)) struct CatUsageTests {
    @Test(arguments: [
        (["--max-time", "inf"], "--max-time must be more than 0"),
        (["--max-time", "1e300"], "--max-time must be more than 0"),
        (["--connect-timeout", "nan"], "--connect-timeout must be more than 0"),
        (["--keepalive", "1e20"], "--keepalive must be more than 0"),
        (["--retry-ms", "99999999999"], "--retry-ms must be from 0"),
        (["--reconnect", "sometimes"], "invalid reconnect policy"),
        (["-H", "no colon"], "a header must read 'Name: value'"),
        (["--chunks"], "--chunks goes with --jsonl"),
        (["--jsonl", "--chunks"], "--chunks is for Server-Sent Events"),
    ])
    func outOfRangeValuesAreUsageErrors(arguments: [String], message: String) async throws {
        let result = try await StreamtapCommand.run(["cat"] + arguments + ["ws://127.0.0.1:9/"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(message))
    }

    @Test func aURLWithoutSchemeIsExplained() async throws {
        let result = try await StreamtapCommand.run(["cat", "example.org/socket"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("it needs a scheme such as ws://"))
    }

    @Test func aHeaderValueCannotSmuggleAnotherHeader() async throws {
        for value in ["X-A: a\r\nEvil: 1", "X-A: a\nEvil: 1", "X-A: a\rb"] {
            let result = try await StreamtapCommand.run(["cat", "-H", value, "ws://127.0.0.1:9/"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("the value of the header 'X-A' cannot contain a line break or NUL"))
        }
    }
}
