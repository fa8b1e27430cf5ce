import ArgumentParser
import Foundation
import StreamTapCore

/// `streamtap export FILE`: a session as HAR or JSONL, or a connection as
/// the command line of another tool.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Convert a recorded session to HAR or JSONL, or print a connection as a websocat, wscat or curl command.",
        discussion: """
            FILE is a JSONL recording or a HAR file (told apart by content). \
            --har writes HAR 1.2 as Chrome DevTools does (one entry per \
            connection, WebSocket messages in _webSocketMessages, Server-Sent \
            Events in _eventSourceMessages); --jsonl writes the JSONL event \
            contract; use - for stdout. --command prints the command line that \
            opens a connection (the first, or --connection N) with another tool.

            Secrets are redacted unless --include-secrets is given: the values of \
            Authorization, Proxy-Authorization, Cookie and Set-Cookie headers (and \
            X-Api-Key, X-Auth-Token), of query parameters such as token, \
            access_token and api_key, and a URL's password.

            Examples:
              streamtap export session.jsonl --har session.har
              streamtap export chrome.har --jsonl - | jq .
              streamtap export session.jsonl --command websocat
            """
    )

    @Argument(help: "A JSONL recording or a HAR file.")
    var file: String

    @Option(help: ArgumentHelp("Write the session as HAR to this file (- for stdout).", valueName: "file"))
    var har: String?

    @Option(help: ArgumentHelp("Write the session as JSONL to this file (- for stdout).", valueName: "file"))
    var jsonl: String?

    @Option(help: ArgumentHelp("Print the command line that opens the connection with this tool.", valueName: "tool"))
    var command: CommandLineEquivalent.Tool?

    @Option(help: ArgumentHelp("With --command: the connection's number (its conn field).", valueName: "n"))
    var connection: Int?

    @Flag(help: "Keep credentials (headers, query tokens, passwords) instead of redacting them.")
    var includeSecrets = false

    func validate() throws {
        let chosen = [har != nil, jsonl != nil, command != nil].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose one of --har, --jsonl or --command") }
        if connection != nil && command == nil { throw ValidationError("--connection goes with --command") }
    }

    func run() throws {
        var standardError = StandardError()
        let loaded: (format: SessionFile.Format, result: SessionReadResult)
        do {
            loaded = try SessionFileLoader.load(file)
        } catch {
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode.failure
        }
        if let notice = SessionFileLoader.partialNotice(file, loaded.result, use: "exported") {
            print("streamtap: warning: " + notice, to: &standardError)
        }
        let events = includeSecrets ? loaded.result.events : loaded.result.events.map(Redaction.redact)
        do {
            if let har {
                try write(HARWriter.write(events, creatorVersion: StreamTap.version), to: har)
            } else if let jsonl {
                var encoder = JSONLEncoder()
                var bytes: [UInt8] = []
                for event in events { encoder.encode(event, into: &bytes) }
                try write(bytes, to: jsonl)
            } else if let command {
                print(try commandLine(for: events, tool: command))
            }
        } catch {
            print("streamtap: \(error)", to: &standardError)
            throw ExitCode.failure
        }
    }

    private func commandLine(for events: [StreamEvent], tool: CommandLineEquivalent.Tool) throws -> String {
        let connections = ConnectionHistory.group(events)
        let chosen = connection.map { id in connections.first { $0.id == id } } ?? connections.first
        guard let chosen else {
            let known = connections.map { String($0.id) }.joined(separator: ", ")
            throw SessionFileLoader.Failure(
                description: "\(file) has no connection \(connection ?? 0); its connections are \(known)"
            )
        }
        return try CommandLineEquivalent.command(for: chosen, tool: tool)
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw SessionFileLoader.Failure(
                description: "cannot write \(path); check the folder exists and is writable"
            )
        }
    }
}

extension CommandLineEquivalent.Tool: ExpressibleByArgument {}
