import StreamTapCore
import Yams

/// Reads request headers written either as a mapping (`Authorization:
/// Bearer x`, a list value repeating the header) or as a list of
/// `"Name: value"` lines, checking names and values as the command line does.
enum HeaderFieldsReader {
    static func read(_ node: Node, source: YAMLSource) throws(ConfigurationError) -> HeaderFields {
        var headers = HeaderFields()
        if node.sequence != nil {
            for line in try source.strings(node, field: "headers") {
                do {
                    let (name, value) = try HeaderLine.parse(line)
                    headers.append(name: name, value: value)
                } catch {
                    throw source.error(at: node, error.description)
                }
            }
            return headers
        }
        guard let mapping = node.mapping else {
            throw source.error(at: node, "'headers' must map names to values (Authorization: Bearer ...)")
        }
        for (nameNode, valueNode) in mapping {
            let name = try source.string(nameNode, field: "headers")
            for value in try source.strings(valueNode, field: name) {
                try append(name: name, value: value, to: &headers, at: nameNode, source: source)
            }
        }
        return headers
    }

    private static func append(
        name: String,
        value: String,
        to headers: inout HeaderFields,
        at node: Node,
        source: YAMLSource
    ) throws(ConfigurationError) {
        if let problem = HeaderLine.problem(name: name, value: value) { throw source.error(at: node, problem) }
        headers.append(name: name, value: value)
    }
}
