import NIOCore
import NIOHTTP1

/// One `text/event-stream` response in progress: writes the head, then
/// events on a timer or as chat messages arrive, then ends it the way the
/// plan says. Confined to the connection's event loop.
final class SSEStream {
    /// How the response ended, for the HTTP handler.
    enum Outcome {
        /// The terminating chunk was sent; the connection may be reused.
        case finished
        /// The connection was closed mid-response.
        case dropped
    }

    /// A comment sent on quiet chat streams so proxies keep them open.
    private static let chatKeepAliveMilliseconds = 15_000

    private let context: ChannelHandlerContext
    private let source: SSEStreamSource
    private let hub: ChatHub
    private let onEnd: (Outcome) -> Void
    private let version: HTTPVersion
    private var timer: LoopTimer?
    private var subscription: ChatHub.Subscription?
    private var sequence = 0
    private var sent = 0
    private var ended = false

    init(
        context: ChannelHandlerContext,
        version: HTTPVersion,
        source: SSEStreamSource,
        hub: ChatHub,
        onEnd: @escaping (Outcome) -> Void
    ) {
        self.version = version
        self.context = context
        self.source = source
        self.hub = hub
        self.onEnd = onEnd
    }

    /// Sends the response head and starts the events.
    func start() {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/event-stream")
        headers.add(name: "Cache-Control", value: "no-cache")
        context.write(
            NIOAny(HTTPServerResponsePart.head(.init(version: version, status: .ok, headers: headers))),
            promise: nil
        )
        switch source {
        case .ticks(let ticks):
            startTicks(ticks)
        case .chat:
            startChat()
        }
    }

    /// Ends the response cleanly because the server is shutting down.
    func shutdown() {
        finish()
    }

    /// Stops timers and subscriptions; the connection is gone.
    func cancel() {
        ended = true
        stopSources()
    }

    private func startTicks(_ ticks: SSETickPlan) {
        sequence = ticks.firstSequence
        if ticks.preamble.isEmpty {
            context.flush()
        } else {
            write(ticks.preamble)
        }
        if ticks.limit == 0 {
            end(ticks.ending, after: context.eventLoop.makeSucceededVoidFuture())
            return
        }
        let timer = LoopTimer(eventLoop: context.eventLoop, intervalMilliseconds: ticks.interval)
        self.timer = timer
        timer.start(immediately: true) { [weak self] in
            self?.tick(ticks)
        }
    }

    private func tick(_ ticks: SSETickPlan) {
        guard !ended, context.channel.isWritable else { return }
        var text = ""
        if sent > 0, let comment = ticks.commentBetweenTicks {
            text += SSEWireFormat.comment(comment) + "\n"
        }
        text += SSEWireFormat.event(
            type: ticks.eventType,
            id: String(sequence),
            data: TickPayload.json(sequence: sequence)
        )
        let written = write(text)
        sequence += 1
        sent += 1
        if sent == ticks.limit {
            timer?.cancel()
            end(ticks.ending, after: written)
        }
    }

    private func startChat() {
        let eventLoop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        subscription = hub.subscribe { message in
            eventLoop.execute { bound.value.deliverChat(message) }
        }
        write(SSEWireFormat.comment("joined the chat: messages from /ws/chat and POST /sse/chat follow") + "\n")
        let timer = LoopTimer(eventLoop: eventLoop, intervalMilliseconds: Self.chatKeepAliveMilliseconds)
        self.timer = timer
        timer.start { [weak self] in
            self?.write(SSEWireFormat.comment("keep-alive") + "\n")
        }
    }

    private func deliverChat(_ message: String) {
        guard !ended else { return }
        guard context.channel.isWritable else {
            // A subscriber that does not read would make the server buffer
            // without bound: it loses its stream instead.
            end(.drop, after: context.eventLoop.makeSucceededVoidFuture())
            return
        }
        write(SSEWireFormat.event(data: message))
    }

    @discardableResult
    private func write(_ text: String) -> EventLoopFuture<Void> {
        let buffer = context.channel.allocator.buffer(string: text)
        return context.writeAndFlush(NIOAny(HTTPServerResponsePart.body(.byteBuffer(buffer))))
    }

    private func end(_ ending: SSETickPlan.Ending, after written: EventLoopFuture<Void>) {
        switch ending {
        case .finish:
            finish()
        case .drop:
            ended = true
            stopSources()
            written.assumeIsolated().whenComplete { [context] _ in
                context.close(promise: nil)
            }
            onEnd(.dropped)
        }
    }

    private func finish() {
        guard !ended else { return }
        ended = true
        stopSources()
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
        onEnd(.finished)
    }

    private func stopSources() {
        timer?.cancel()
        timer = nil
        if let subscription {
            hub.unsubscribe(subscription)
        }
        subscription = nil
    }
}

@available(*, unavailable)
extension SSEStream: Sendable {}
