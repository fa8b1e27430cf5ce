import NIOCore
import NIOPosix

/// The built-in demo server: WebSocket and Server-Sent Events routes on
/// one HTTP/1.1 port, made to show how the two protocols differ (see
/// `DemoRouteInfo.all`). Used by `streamtap serve`, `streamtap demo` and
/// the integration tests.
public final class DemoServer: Sendable {
    /// Why the server could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What is wrong, in one sentence.
        public var description: String
    }

    /// The address the server listens on.
    public let host: String
    /// The bound port (the one the system picked when asked for port 0).
    public let port: Int

    private let serverChannel: any Channel
    private let tracker: ConnectionTracker
    private let closeTimeout: TimeAmount

    private init(
        host: String,
        port: Int,
        serverChannel: any Channel,
        tracker: ConnectionTracker,
        closeTimeout: TimeAmount
    ) {
        self.host = host
        self.port = port
        self.serverChannel = serverChannel
        self.tracker = tracker
        self.closeTimeout = closeTimeout
    }

    /// The base URL, e.g. `http://127.0.0.1:8080` (`ws://` for WebSocket routes).
    public var baseURL: String {
        let literal = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(literal):\(port)"
    }

    /// Binds and starts serving.
    public static func start(
        configuration: DemoServerConfiguration,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> DemoServer {
        if let problem = configuration.problem {
            throw StartError(description: "cannot start the demo server: \(problem)")
        }
        let tracker = ConnectionTracker(limit: configuration.maxConnections)
        let pipeline = DemoPipeline(configuration: configuration, tracker: tracker, hub: ChatHub())
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try pipeline.configure(channel) }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw StartError(
                description:
                    "port \(configuration.port) is already in use: choose another with --port, or --port 0 for a free one"
            )
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL {
            throw StartError(description: "\(configuration.host) is not an address of this machine: check --host")
        } catch let error as IOError where error.errnoCode == EACCES {
            throw StartError(description: "port \(configuration.port) needs privileges: use a port above 1023")
        }
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw StartError(description: "the demo server's socket has no port")
        }
        return DemoServer(
            host: configuration.host,
            port: port,
            serverChannel: channel,
            tracker: tracker,
            closeTimeout: .milliseconds(Int64(configuration.closeTimeoutMilliseconds))
        )
    }

    /// Stops accepting, asks every connection to end (WebSocket close 1001,
    /// SSE responses end cleanly), and closes whatever is still open after
    /// the close timeout.
    public func shutdown() async throws {
        try await serverChannel.close().flatMapError { error in
            // Closing twice (a second shutdown) is not a failure.
            if let error = error as? ChannelError, error == .alreadyClosed {
                return self.serverChannel.eventLoop.makeSucceededVoidFuture()
            }
            return self.serverChannel.eventLoop.makeFailedFuture(error)
        }.get()
        let connections = tracker.beginShutdown()
        for channel in connections {
            channel.pipeline.fireUserInboundEventTriggered(DemoServerShutdownEvent())
        }
        let forcedCloses = connections.map { channel in
            channel.eventLoop.scheduleTask(in: closeTimeout) { channel.close(promise: nil) }
        }
        for channel in connections {
            try? await channel.closeFuture.get()
        }
        for forced in forcedCloses {
            forced.cancel()
        }
    }
}
