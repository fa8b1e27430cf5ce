/// A peer server a test runs on loopback: what every per-peer wrapper
/// shares, its process.
public protocol LoopbackPeer: Sendable {
    /// The running peer.
    var process: PeerProcess { get }
}

extension LoopbackPeer {
    /// The loopback port it listens on.
    public var port: Int { process.port }

    /// Ends it at once.
    public func stop() { process.stop() }
}
