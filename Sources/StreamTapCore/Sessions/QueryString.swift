/// The query parameters of a URL as written (not percent-decoded), in order.
enum QueryString {
    static func parameters(of url: String) -> [(String, String)] {
        guard let question = url.firstIndex(of: "?") else { return [] }
        let end = url[question...].firstIndex(of: "#") ?? url.endIndex
        return url[url.index(after: question)..<end].split(separator: "&").map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (String(pair), "") }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
    }
}
