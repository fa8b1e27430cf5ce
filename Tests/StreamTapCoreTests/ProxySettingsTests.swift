import Testing

@testable import StreamTapCore

/// Proxy URLs, the environment as curl reads it, and `NO_PROXY` matching.
@Suite struct ProxySettingsTests {
    private func endpoint(_ url: String) throws -> Endpoint { try Endpoint(parsing: url) }

    /// The message of the ``InputError`` `body` throws, if it does.
    private func error(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? InputError)?.description ?? "not an InputError: \(error)"
        }
    }

    // MARK: Proxy URLs

    @Test func aProxyURLWithCredentials() throws {
        let proxy = try ProxyServer(parsing: "http://alice:s%3Acret%40x@proxy.example:3128/")
        #expect(proxy == ProxyServer(host: "proxy.example", port: 3128, username: "alice", password: "s:cret@x"))
        #expect(proxy.authorization == "Basic " + Base64.encode(Array("alice:s:cret@x".utf8)))
        #expect(proxy.description == "http://proxy.example:3128")
        #expect(proxy.address == "proxy.example:3128")
    }

    @Test func aBareHostMeansHTTPOnPort1080AsInCurl() throws {
        let proxy = try ProxyServer(parsing: "  Proxy.Example  ")
        #expect(proxy == ProxyServer(host: "Proxy.Example", port: 1080))
        #expect(proxy.authorization == nil)
        #expect(try ProxyServer(parsing: "HTTP://10.0.0.1:8080").port == 8080)
    }

    @Test func aUserWithoutPasswordSendsAnEmptyPassword() throws {
        let proxy = try ProxyServer(parsing: "http://bob@127.0.0.1:3128")
        #expect(proxy.username == "bob" && proxy.password == nil)
        #expect(proxy.authorization == "Basic " + Base64.encode(Array("bob:".utf8)))
    }

    @Test func anIPv6ProxyIsWrittenInBrackets() throws {
        let proxy = try ProxyServer(parsing: "http://[::1]:3128")
        #expect(proxy.host == "::1" && proxy.port == 3128)
        #expect(proxy.address == "[::1]:3128")
        #expect(error { _ = try ProxyServer(parsing: "http://::1:3128") }?.contains("in brackets") == true)
        #expect(error { _ = try ProxyServer(parsing: "http://[::1") }?.contains("unterminated IPv6") == true)
        #expect(error { _ = try ProxyServer(parsing: "http://[proxy]:80") }?.contains("not an IPv6 address") == true)
    }

    @Test func badProxyURLsSayWhatToWrite() {
        let cases: [(String, String)] = [
            ("", "the proxy URL is empty"),
            ("https://p:443", "HTTPS proxies (TLS to the proxy itself) are not supported"),
            ("socks5://p:1080", "SOCKS proxies are not supported"),
            ("ftp://p:21", "unsupported proxy scheme 'ftp'"),
            ("http://p:0", "invalid port '0' in the proxy URL 'http://p:0': use a number from 1 to 65535"),
            ("http://p:http", "invalid port 'http'"),
            ("http://p:", "invalid port ''"),
            ("http://:3128", "no host in the proxy URL"),
            ("http://p:3128/path", "without a path"),
            ("http://pro xy:3128", "'pro xy' is not a valid proxy host name"),
            ("http://u:%zz@p:1", "a '%' in the proxy credentials must start an escape like %40"),
            ("http://u:%ff@p:1", "not UTF-8 once decoded"),
        ]
        for (text, expected) in cases {
            let message = error { _ = try ProxyServer(parsing: text) }
            #expect(message?.contains(expected) == true, "\(text): \(message ?? "no error")")
        }
    }

    @Test func errorsNeverRepeatThePassword() {
        let message = error { _ = try ProxyServer(parsing: "http://alice:hunter2@proxy:99999") }
        #expect(
            message
                == "invalid port '99999' in the proxy URL 'http://alice:****@proxy:99999': use a number from 1 to 65535"
        )
        #expect(ProxyServer.redacting("alice:hunter2@proxy:1") == "alice:****@proxy:1")
        #expect(ProxyServer.redacting("http://proxy:1/a@b") == "http://proxy:1/a@b")
    }

    // MARK: The environment

    @Test func lowerCaseWinsAndEachSchemeHasItsVariable() throws {
        let settings = try #require(
            try ProxySettings.resolve(
                proxy: nil,
                noProxy: nil,
                environment: [
                    "https_proxy": "http://lower-secure:1", "HTTPS_PROXY": "http://upper-secure:2",
                    "HTTP_PROXY": "http://upper-plain:3", "ALL_PROXY": "http://all:4",
                ]
            )
        )
        #expect(settings.proxy(for: try endpoint("wss://h/"))?.host == "lower-secure")
        #expect(settings.proxy(for: try endpoint("https://h/"))?.host == "lower-secure")
        #expect(settings.proxy(for: try endpoint("ws://h/"))?.host == "upper-plain")
        #expect(settings.proxy(for: try endpoint("http://h/"))?.host == "upper-plain")
    }

    @Test func allProxyServesWhatHasNoVariableOfItsOwn() throws {
        let settings = try #require(
            try ProxySettings.resolve(
                proxy: nil,
                noProxy: nil,
                environment: ["all_proxy": "http://all-lower:1", "ALL_PROXY": "http://all-upper:2", "http_proxy": ""]
            )
        )
        #expect(settings.httpProxy?.host == "all-lower" && settings.httpsProxy?.host == "all-lower")
        let onlySecure = try ProxySettings.resolve(
            proxy: nil,
            noProxy: nil,
            environment: ["HTTPS_PROXY": "secure:3128"]
        )
        #expect(onlySecure?.proxy(for: try endpoint("ws://h/")) == nil)
        #expect(onlySecure?.proxy(for: try endpoint("wss://h/")) == ProxyServer(host: "secure", port: 3128))
    }

    @Test func noVariablesMeanNoProxy() throws {
        #expect(try ProxySettings.resolve(proxy: nil, noProxy: "*", environment: ["PATH": "/bin"]) == nil)
        #expect(try ProxySettings.resolve(proxy: nil, noProxy: nil, environment: ["http_proxy": "  "]) == nil)
    }

    @Test func theOptionsWinOverTheEnvironment() throws {
        let environment = ["https_proxy": "http://env:1", "no_proxy": "a.example", "NO_PROXY": "b.example"]
        let fromOption = try #require(
            try ProxySettings.resolve(proxy: "http://cli:2", noProxy: "c.example", environment: environment)
        )
        #expect(fromOption.proxy(for: try endpoint("ws://h/"))?.host == "cli")
        #expect(fromOption.proxy(for: try endpoint("wss://a.example/")) != nil)
        #expect(fromOption.proxy(for: try endpoint("wss://c.example/")) == nil)
        let fromEnvironment = try #require(
            try ProxySettings.resolve(proxy: nil, noProxy: nil, environment: environment)
        )
        #expect(fromEnvironment.proxy(for: try endpoint("wss://a.example/")) == nil)
        #expect(fromEnvironment.proxy(for: try endpoint("wss://b.example/")) != nil)
        #expect(try ProxySettings.resolve(proxy: "", noProxy: nil, environment: environment) == nil)
    }

    @Test func aBadVariableIsNamedInTheError() {
        let message = error {
            _ = try ProxySettings.resolve(proxy: nil, noProxy: nil, environment: ["HTTPS_PROXY": "socks5://p:1"])
        }
        #expect(message?.hasPrefix("the environment variable HTTPS_PROXY: SOCKS proxies are not supported") == true)
        let option = error { _ = try ProxySettings.resolve(proxy: "http://p:x", noProxy: nil, environment: [:]) }
        #expect(option?.hasPrefix("--proxy: invalid port 'x'") == true)
    }

    @Test func loopbackIsProxiedUnlessTheListSaysOtherwise() throws {
        let settings = ProxySettings(proxy: ProxyServer(host: "p", port: 1))
        #expect(settings.proxy(for: try endpoint("ws://127.0.0.1:8080/")) != nil)
        #expect(settings.proxy(for: try endpoint("ws://localhost:8080/")) != nil)
        var bypassing = settings
        bypassing.bypass = ProxyBypassList(parsing: "localhost,127.0.0.1,::1")
        #expect(bypassing.proxy(for: try endpoint("ws://127.0.0.1:8080/")) == nil)
        #expect(bypassing.proxy(for: try endpoint("ws://localhost:8080/")) == nil)
        #expect(bypassing.proxy(for: try endpoint("ws://[::1]:8080/")) == nil)
    }

    // MARK: NO_PROXY

    @Test func namesMatchThemselvesAndTheirSubdomains() {
        for list in ["example.com", ".example.com", "*.example.com", "EXAMPLE.COM.", " other.org , example.com "] {
            let bypass = ProxyBypassList(parsing: list)
            #expect(bypass.contains(host: "example.com", port: 443), "\(list)")
            #expect(bypass.contains(host: "www.Example.com.", port: 443), "\(list)")
            #expect(bypass.contains(host: "a.b.example.com", port: 80), "\(list)")
            #expect(!bypass.contains(host: "notexample.com", port: 443), "\(list)")
            #expect(!bypass.contains(host: "example.com.evil", port: 443), "\(list)")
        }
    }

    @Test func anAsteriskMatchesEverything() {
        #expect(ProxyBypassList(parsing: "*").contains(host: "anything.example", port: 1))
        #expect(ProxyBypassList(parsing: "a.example, *").contains(host: "10.1.2.3", port: 1))
        #expect(!ProxyBypassList(parsing: "").contains(host: "anything.example", port: 1))
        #expect(ProxyBypassList(parsing: " , ,").isEmpty)
    }

    @Test func portsLimitAnEntry() {
        let bypass = ProxyBypassList(parsing: "api.example:8443, 10.0.0.1:80, [::1]:9000")
        #expect(bypass.contains(host: "api.example", port: 8443))
        #expect(!bypass.contains(host: "api.example", port: 443))
        #expect(bypass.contains(host: "v2.api.example", port: 8443))
        #expect(bypass.contains(host: "10.0.0.1", port: 80) && !bypass.contains(host: "10.0.0.1", port: 81))
        #expect(bypass.contains(host: "::1", port: 9000) && !bypass.contains(host: "::1", port: 9001))
    }

    @Test func addressesMatchHoweverTheyAreWritten() {
        let bypass = ProxyBypassList(parsing: "0:0:0:0:0:0:0:1, 192.168.1.10, [2001:db8::5]")
        #expect(bypass.contains(host: "::1", port: 1))
        #expect(bypass.contains(host: "[::1]", port: 1))
        #expect(bypass.contains(host: "2001:db8:0:0::5", port: 1))
        #expect(bypass.contains(host: "192.168.1.10", port: 1))
        #expect(!bypass.contains(host: "192.168.1.11", port: 1))
        #expect(!ProxyBypassList(parsing: "localhost").contains(host: "127.0.0.1", port: 1))
        #expect(!ProxyBypassList(parsing: "127.0.0.1").contains(host: "localhost", port: 1))
        #expect(!ProxyBypassList(parsing: "0.0.1").contains(host: "10.0.0.1", port: 1))
    }

    @Test func rangesMatchByPrefix() {
        let bypass = ProxyBypassList(parsing: "10.0.0.0/8, 192.168.0.0/23, fe80::/10")
        #expect(bypass.contains(host: "10.200.3.4", port: 1))
        #expect(!bypass.contains(host: "11.0.0.1", port: 1))
        #expect(bypass.contains(host: "192.168.1.255", port: 1) && !bypass.contains(host: "192.168.2.0", port: 1))
        #expect(bypass.contains(host: "fe80::1", port: 1) && bypass.contains(host: "febf::1", port: 1))
        #expect(!bypass.contains(host: "fec0::1", port: 1))
        #expect(!bypass.contains(host: "example.com", port: 1))
    }

    @Test func meaninglessEntriesAreReportedAndNeverMatch() {
        let bypass = ProxyBypassList(parsing: "good.example, bad:port, 10.0.0.0/33, a b, host:0, [::1")
        #expect(bypass.invalidEntries == ["bad:port", "10.0.0.0/33", "a b", "host:0", "[::1"])
        #expect(bypass.contains(host: "good.example", port: 1))
        #expect(!bypass.contains(host: "bad", port: 1))
    }

    @Test func ipLiteralsParseAsInetPtonDoes() {
        #expect(ProxyIPAddress("1.2.3.4")?.bytes == [1, 2, 3, 4])
        #expect(ProxyIPAddress("::ffff:1.2.3.4")?.bytes == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 1, 2, 3, 4])
        #expect(ProxyIPAddress("::")?.bytes == [UInt8](repeating: 0, count: 16))
        for bad in ["1.2.3", "1.2.3.256", "01.2.3.4", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", ":::"] {
            #expect(ProxyIPAddress(bad) == nil, "\(bad)")
        }
    }
}
