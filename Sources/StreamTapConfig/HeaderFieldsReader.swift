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
                guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                    throw source.error(at: node, "each header in the list must read 'Name: value', not '\(line)'")
                }
                let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
                try append(name: String(line[..<colon]), value: String(value), to: &headers, at: node, source: source)
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
        guard HTTPToken.isToken(name) else {
            throw source.error(at: node, "'\(name)' is not a valid header name")
        }
        guard !value.contains("\r") && !value.contains("\n") else {
            throw source.error(at: node, "the value of the header '\(name)' cannot contain a line break")
        }
        headers.append(name: name, value: value)
    }

}
