import StreamTapConfig
import Testing

@Suite struct XDGDirectoriesTests {
    @Test func followsTheXDGVariables() throws {
        let directories = try #require(
            XDGDirectories(environment: ["HOME": "/home/ada", "XDG_CONFIG_HOME": "/cfg", "XDG_STATE_HOME": "/st"])
        )
        #expect(directories.endpointsFile == "/cfg/streamtap/endpoints.yaml")
        #expect(directories.configurationFile == "/cfg/streamtap/config.yaml")
        #expect(directories.historyFolder == "/st/streamtap/history")
    }

    @Test func fallsBackToHomeAndIgnoresRelativePaths() throws {
        let directories = try #require(XDGDirectories(environment: ["HOME": "/home/ada", "XDG_CONFIG_HOME": "rel"]))
        #expect(directories.configuration == "/home/ada/.config/streamtap")
        #expect(directories.state == "/home/ada/.local/state/streamtap")
        #expect(XDGDirectories(environment: [:]) == nil)
    }
}
