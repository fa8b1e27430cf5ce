import NIOCore

/// An open stream sent nothing for longer than `--read-timeout` allows.
struct ReadTimeout: Error, CustomStringConvertible {
    var milliseconds: Int

    var description: String {
        "the server sent nothing for \(Double(milliseconds) / 1000) s (--read-timeout), so the connection counts as lost"
    }
}

/// Fails the channel with ``ReadTimeout`` when no byte arrives for the
/// given time: a half-open TCP connection (a server gone without a FIN, a
/// NAT that forgot the flow) otherwise looks open for hours. Placed first
/// in the pipeline, so any byte counts, TLS records included.
final class ReadTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias InboundOut = NIOAny

    private let milliseconds: Int
    private var lastRead = NIODeadline.now()
    private var check: Scheduled<Void>?

    init(milliseconds: Int) {
        self.milliseconds = milliseconds
    }

    func handlerAdded(context: ChannelHandlerContext) {
        lastRead = .now()
        schedule(context: context, in: .milliseconds(Int64(milliseconds)))
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastRead = .now()
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        context.fireChannelInactive()
    }

    /// Checks when the time could be up; a read meanwhile moves the check
    /// on (one timer per period, not one per read).
    private func schedule(context: ChannelHandlerContext, in delay: TimeAmount) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        check = context.eventLoop.scheduleTask(in: delay) {
            let (handler, context) = bound.value
            let deadline = handler.lastRead + .milliseconds(Int64(handler.milliseconds))
            let now = NIODeadline.now()
            guard now >= deadline else {
                handler.schedule(context: context, in: deadline - now)
                return
            }
            context.fireErrorCaught(ReadTimeout(milliseconds: handler.milliseconds))
        }
    }
}

@available(*, unavailable)
extension ReadTimeoutHandler: Sendable {}
