import ArgumentParser
import Foundation
import StreamTapConfig
import StreamTapCore

extension ConnectionOptionGroup {
    /// These options with a saved endpoint's values, then the user's
    /// defaults, filled in wherever the command line said nothing.
    ///
    /// Lists add up (saved headers and on-connect messages first); a
    /// header given on the command line replaces the saved or default
    /// header of the same name.
    func filling(from saved: SavedEndpoint?, defaults: UserConfiguration.ConnectionDefaults) -> ConnectionOptionGroup {
        var options = self
        var given = Set(header.compactMap { $0.split(separator: ":").first.map { $0.lowercased() } })
        var inherited: [String] = []
        if let saved {
            inherited += lines(saved.headers, except: given)
            given.formUnion(saved.headers.fields.map { $0.name.lowercased() })
            if subprotocol.isEmpty { options.subprotocol = saved.subprotocols }
            options.origin = origin ?? saved.origin
            options.onConnect = saved.onConnect + onConnect
            options.reconnect = reconnect ?? saved.reconnect
            options.method = method ?? saved.method
            if data == nil && dataFile == nil { options.data = saved.body }
            options.keepalive = keepalive ?? saved.keepaliveSeconds
            options.readTimeout = readTimeout ?? saved.readTimeoutMilliseconds
            options.insecure = insecure || saved.tls.insecure
            options.cacert = cacert ?? saved.tls.caFile
            options.cert = cert ?? saved.tls.certificateFile
            options.key = key ?? saved.tls.privateKeyFile
            options.protocol = self.protocol ?? saved.protocolOverride?.rawValue
            options.lens.lens = lens.lens ?? saved.lens
        }
        options.header = lines(defaults.headers, except: given) + inherited + header
        options.userAgent = userAgent ?? defaults.userAgent
        options.connectTimeout = connectTimeout ?? defaults.connectTimeoutSeconds
        options.keepalive = options.keepalive ?? defaults.keepaliveSeconds
        options.maxMessageSize = maxMessageSize ?? defaults.maxMessageSize
        return options
    }

    private func lines(_ headers: HeaderFields, except names: Set<String>) -> [String] {
        headers.fields.filter { !names.contains($0.name.lowercased()) }.map { "\($0.name): \($0.value)" }
    }
}

extension ConnectionOptionGroup {
    /// These options as a saved endpoint called `name` for `url`, as
    /// `streamtap endpoints add` writes it.
    func savedEndpoint(name: String, url: String) throws -> SavedEndpoint {
        var body = data
        if let dataFile {
            guard let contents = FileManager.default.contents(atPath: dataFile),
                let text = String(data: contents, encoding: .utf8)
            else {
                throw ValidationError("cannot read --data-file '\(dataFile)' as UTF-8 text")
            }
            body = text
        }
        return SavedEndpoint(
            name: name,
            url: url,
            protocolOverride: try protocolOverride(),
            headers: try parsedHeaders(),
            subprotocols: subprotocol,
            origin: origin,
            onConnect: onConnect,
            reconnect: reconnect,
            method: method,
            body: body,
            keepaliveSeconds: keepalive,
            readTimeoutMilliseconds: readTimeout,
            tls: TLSOptions(
                insecure: insecure,
                caFile: cacert,
                certificateFile: cert,
                privateKeyFile: key
            ),
            lens: lens.lens
        )
    }
}
