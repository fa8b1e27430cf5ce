/// Follows a redirect the way fetch does for `EventSource`: resolves the
/// `Location` against the current URL, turns `POST` into `GET` (without a
/// body) after 301, 302 and 303, keeps method and body after 307 and 308,
/// and drops credentials when the redirect leaves the origin.
public enum HTTPRedirect {
    /// Headers not carried to another origin.
    private static let credentialHeaders: Set<String> = ["authorization", "cookie", "proxy-authorization"]

    /// The request to send after a `status` redirect to `location`.
    public static func follow(
        status: Int,
        location: String,
        from current: HTTPRequestTarget
    ) throws(InputError) -> HTTPRequestTarget {
        let endpoint = try resolve(location, against: current.endpoint)
        var next = HTTPRequestTarget(
            endpoint: endpoint,
            method: current.method,
            body: current.body,
            headers: current.headers
        )
        let method = current.method.uppercased()
        if (status == 303 && method != "HEAD") || ((status == 301 || status == 302) && method == "POST") {
            next.method = "GET"
            next.body = nil
            next.headers.fields.removeAll { $0.name.lowercased() == "content-type" }
        }
        let sameOrigin =
            endpoint.scheme == current.endpoint.scheme
            && endpoint.host.lowercased() == current.endpoint.host.lowercased()
            && endpoint.port == current.endpoint.port
        if !sameOrigin {
            next.headers.fields.removeAll { credentialHeaders.contains($0.name.lowercased()) }
        }
        return next
    }

    /// Resolves a `Location` value (absolute, scheme-relative, absolute-path
    /// or relative-path) against the URL it answered.
    public static func resolve(_ location: String, against base: Endpoint) throws(InputError) -> Endpoint {
        let absolute: String
        if location.contains("://") {
            absolute = location
        } else if location.hasPrefix("//") {
            absolute = base.scheme + ":" + location
        } else {
            let withoutFragment = String(location.prefix { $0 != "#" })
            absolute = "\(base.scheme)://\(base.hostHeader)\(resolvePath(withoutFragment, against: base.target))"
        }
        let endpoint = try Endpoint(parsing: absolute, protocolOverride: .sse)
        guard endpoint.scheme == "http" || endpoint.scheme == "https" else {
            throw InputError(description: "the server redirected to '\(location)', which is not an http(s) URL")
        }
        return endpoint
    }

    /// The target a relative reference names, with `.` and `..` segments
    /// removed (RFC 3986 §5.2).
    private static func resolvePath(_ reference: String, against baseTarget: String) -> String {
        let basePath = baseTarget.prefix { $0 != "?" }
        if reference.isEmpty { return baseTarget }
        if reference.hasPrefix("?") { return basePath + reference }
        let query = reference.firstIndex(of: "?").map { String(reference[$0...]) } ?? ""
        let referencePath = reference.prefix { $0 != "?" }
        let merged: Substring
        if referencePath.hasPrefix("/") {
            merged = referencePath
        } else {
            let directory = basePath.lastIndex(of: "/").map { basePath[...$0] } ?? "/"
            merged = Substring(directory + referencePath)
        }
        var output: [Substring] = []
        let segments = merged.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/") + query
    }
}
