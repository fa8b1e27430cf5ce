import NIOHTTP1

extension HTTPParserError {
    /// Why a server's answer is not valid HTTP, in words a user can act on.
    var explanation: String {
        switch self {
        case .headerOverflow:
            "its headers go past the size limit without ending; the server is misbehaving (check the URL and the server)"
        default:
            "\(self)"
        }
    }
}
