/// Hides secrets before a session leaves the machine (HAR and JSONL
/// exports, copied command lines): the values of credential headers, of
/// token-like query parameters, and a URL's password.
///
/// `Sec-WebSocket-Key` and `Sec-WebSocket-Accept` are not secrets (they
/// only prove the handshake) and are kept.
public enum Redaction {
    /// What a hidden value becomes.
    public static let placeholder = "REDACTED"

    /// Header names (lower-case) whose values are credentials.
    public static let secretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token",
    ]

    /// Query parameter names (lower-case) whose values are credentials.
    public static let secretQueryParameters: Set<String> = [
        "token", "access_token", "refresh_token", "id_token", "api_key", "apikey", "key", "auth",
        "password", "secret", "client_secret", "signature", "sig",
    ]

    public static func isSecretHeader(_ name: String) -> Bool {
        secretHeaders.contains(name.lowercased())
    }

    public static func isSecretQueryParameter(_ name: String) -> Bool {
        secretQueryParameters.contains(name.lowercased())
    }

    /// `headers` with every credential's value replaced.
    public static func redact(_ headers: HeaderFields) -> HeaderFields {
        HeaderFields(headers.fields.map { (name: $0.name, value: isSecretHeader($0.name) ? placeholder : $0.value) })
    }

    /// A URL or request target with secret query values and the password
    /// of `user:password@` replaced; everything else is left as written.
    public static func redact(url: String) -> String {
        var text = url
        if let schemeEnd = text.firstRange(of: "://") {
            let authorityEnd = text[schemeEnd.upperBound...].firstIndex { "/?#".contains($0) } ?? text.endIndex
            let authority = text[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: placeholder)
            }
        }
        guard let question = text.firstIndex(of: "?") else { return text }
        let fragmentStart = text[question...].firstIndex(of: "#") ?? text.endIndex
        let query = text[text.index(after: question)..<fragmentStart]
        let redacted = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "="), isSecretQueryParameter(String(pair[..<equals])) else {
                return String(pair)
            }
            return String(pair[pair.startIndex...equals]) + placeholder
        }
        let prefix = String(text[text.startIndex...question])
        return prefix + redacted.joined(separator: "&") + String(text[fragmentStart..<text.endIndex])
    }

    /// Free text (an error message, a reconnection's reason) with every
    /// URL-like word in it redacted as ``redact(url:)`` does.
    public static func redact(text: String) -> String {
        guard text.contains("?") || text.contains("@") else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false)
            .map { redact(url: String($0)) }
            .joined(separator: " ")
    }

    /// The event with secrets hidden in every URL and header it carries.
    public static func redact(_ event: StreamEvent) -> StreamEvent {
        var event = event
        switch event.kind {
        case .connecting(let url, let attempt):
            event.kind = .connecting(url: redact(url: url), attempt: attempt)
        case .open(var handshake):
            handshake.url = redact(url: handshake.url)
            handshake.request.target = redact(url: handshake.request.target)
            handshake.request.headers = redact(handshake.request.headers)
            handshake.response.headers = redact(handshake.response.headers)
            event.kind = .open(handshake)
        case .reconnect(let attempt, let delay, let reason):
            event.kind = .reconnect(attempt: attempt, delayMilliseconds: delay, reason: redact(text: reason))
        case .error(var error):
            error.message = redact(text: error.message)
            if let headers = error.response?.headers { error.response?.headers = redact(headers) }
            event.kind = .error(error)
        default:
            break
        }
        return event
    }
}
