import StreamTapCore

/// The message composer of a WebSocket pane: a multi-line editor, what to
/// send the text as, and the history of what was sent.
public struct Composer: Sendable, Equatable {
    /// What the editor's text is sent as.
    public enum Mode: Int, Sendable, CaseIterable, Equatable {
        case text
        /// A text message that must be valid JSON.
        case json
        /// A binary message written as hex digits.
        case hex
        /// A binary message written as Base64.
        case base64
        /// A ping whose payload is the text.
        case ping
        /// A close frame: a code, then an optional reason (`1000 bye`).
        case close

        public var name: String {
            switch self {
            case .text: "text"
            case .json: "json"
            case .hex: "hex"
            case .base64: "base64"
            case .ping: "ping"
            case .close: "close"
            }
        }

        /// What to type, shown when the editor is empty.
        public var placeholder: String {
            switch self {
            case .text: "a text message"
            case .json: "a JSON value, e.g. {\"subscribe\": \"ticks\"}"
            case .hex: "bytes in hex, e.g. de ad be ef"
            case .base64: "bytes in Base64, e.g. 3q2+7w=="
            case .ping: "the ping payload (up to 125 bytes)"
            case .close: "a close code and a reason, e.g. 1000 bye"
            }
        }

        /// The next mode, for the key that cycles them.
        public var next: Mode {
            Mode(rawValue: (rawValue + 1) % Mode.allCases.count) ?? .text
        }
    }

    public var mode: Mode = .text
    /// The connection's protocol lens, once it read a message: text mode
    /// then speaks it (an emit, a GraphQL document, an MQTT command…).
    public var lens: LensName?
    public var editor = TextEditor(multiline: true)
    /// What was sent, oldest first (at most `historyLimit`).
    public private(set) var history: [History] = []
    /// Which history entry the editor shows while browsing with Up/Down.
    public private(set) var historyPosition: Int?
    /// The last problem with the text, shown under the editor.
    public var problem: String?

    /// A sent entry: its text and mode.
    public struct History: Sendable, Equatable {
        public var text: String
        public var mode: Mode

        public init(text: String, mode: Mode) {
            self.text = text
            self.mode = mode
        }
    }

    static let historyLimit = 100

    public init() {}

    /// The command the text stands for in the current mode, or why it
    /// cannot be sent.
    public func command() -> Result<ConnectionCommand, ComposerProblem> {
        if mode == .text, let lens {
            do {
                try lens.validate(editor.text)
            } catch {
                return .failure(ComposerProblem(error.message))
            }
        }
        return Self.command(for: editor.text, mode: mode)
    }

    /// The name the composer shows for `mode`: the lens's verb for text.
    public func name(of shown: Mode) -> String {
        shown == .text ? lens?.inputVerb ?? shown.name : shown.name
    }

    /// What to type in the current mode, shown when the editor is empty.
    public var placeholder: String {
        mode == .text ? lens?.inputHint ?? mode.placeholder : mode.placeholder
    }

    /// The command `text` stands for in `mode`, or why it cannot be sent.
    public static func command(for text: String, mode: Mode) -> Result<ConnectionCommand, ComposerProblem> {
        switch mode {
        case .text:
            // Said in the connection's lens when one is on (an emit, a
            // GraphQL document), as a text message otherwise.
            return .success(.sendLine(text))
        case .json:
            if let error = JSONPrettyPrinter.validate(text) {
                return .failure(ComposerProblem("invalid JSON at \(error)"))
            }
            return .success(.sendLine(text))
        case .hex:
            guard let bytes = Hex.decode(text) else {
                return .failure(ComposerProblem("not hex: use pairs of 0-9 a-f, optionally separated by spaces"))
            }
            return .success(.sendBinary(bytes))
        case .base64:
            guard let bytes = Base64.decode(text) else {
                return .failure(ComposerProblem("not Base64: use A-Z a-z 0-9 + / and = padding"))
            }
            return .success(.sendBinary(bytes))
        case .ping:
            let payload = Array(text.utf8)
            guard payload.count <= 125 else {
                return .failure(ComposerProblem("a ping payload is at most 125 bytes (this is \(payload.count))"))
            }
            return .success(.webSocket(.ping(payload)))
        case .close:
            return closeCommand(text)
        }
    }

    private static func closeCommand(_ text: String) -> Result<ConnectionCommand, ComposerProblem> {
        let trimmed = text.drop { $0 == " " || $0 == "\n" }
        if trimmed.isEmpty {
            return .success(.close(code: CloseCode.normal, reason: ""))
        }
        let codeText = trimmed.prefix { $0.isNumber }
        guard !codeText.isEmpty, let code = Int(codeText) else {
            return .failure(ComposerProblem("start with a close code, e.g. 1000 or 4000"))
        }
        guard CloseCode.isValidOnTheWire(code) else {
            return .failure(
                ComposerProblem("\(code) cannot be sent: use 1000-1003, 1007-1011 or 3000-4999")
            )
        }
        let reason = String(trimmed.dropFirst(codeText.count).drop { $0 == " " })
        guard reason.utf8.count <= 123 else {
            return .failure(ComposerProblem("a close reason is at most 123 bytes (this is \(reason.utf8.count))"))
        }
        return .success(.close(code: code, reason: reason))
    }

    /// Records the editor's text as sent and empties the editor.
    /// Puts `entries` (oldest first, e.g. from an earlier run) before
    /// what this run has sent.
    public mutating func restoreHistory(_ entries: [History]) {
        history = Array((entries + history).suffix(Self.historyLimit))
        historyPosition = nil
    }

    public mutating func didSend() {
        let entry = History(text: editor.text, mode: mode)
        if history.last != entry {
            history.append(entry)
            if history.count > Self.historyLimit { history.removeFirst() }
        }
        historyPosition = nil
        editor = TextEditor(multiline: true)
        problem = nil
    }

    /// Shows the previous history entry; `false` when there is none.
    @discardableResult
    public mutating func showPreviousHistory() -> Bool {
        let position = (historyPosition ?? history.count) - 1
        guard position >= 0, position < history.count else { return false }
        show(position)
        return true
    }

    /// Shows the next history entry, or an empty editor after the last.
    @discardableResult
    public mutating func showNextHistory() -> Bool {
        guard let current = historyPosition else { return false }
        if current + 1 < history.count {
            show(current + 1)
        } else {
            historyPosition = nil
            editor = TextEditor(multiline: true)
        }
        return true
    }

    private mutating func show(_ position: Int) {
        historyPosition = position
        editor = TextEditor(history[position].text, multiline: true)
        mode = history[position].mode
        problem = nil
    }
}

/// Why the composer's text cannot be sent.
public struct ComposerProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
