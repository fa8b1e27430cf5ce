import StreamTapCore
import StreamTapTerminal

@testable import StreamTapUI

/// Fixed data for UI tests: a clock, handshakes and event streams.
enum Fixtures {
    /// 2026-11-25T12:00:00.000Z.
    static let start = Timestamp(nanosecondsSinceEpoch: 1_795_608_000_000_000_000)

    /// `start` plus `milliseconds`.
    static func at(_ milliseconds: Int) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + Int64(milliseconds) * 1_000_000)
    }

    static let colorTheme = Theme(policy: ColorPolicy(enabled: true))
    static let plainTheme = Theme(policy: ColorPolicy(enabled: false))

    static func state(size: TerminalSize, colors: Bool = false, canConnect: Bool = false) -> AppState {
        AppState(
            size: size,
            theme: colors ? colorTheme : plainTheme,
            now: at(10_000),
            utcOffsetSeconds: 0,
            canConnect: canConnect
        )
    }

    static let webSocketHandshake = Handshake(
        url: "ws://127.0.0.1:8080/echo",
        protocolKind: .websocket,
        request: RequestHead(
            method: "GET",
            target: "/echo",
            headers: [
                ("Host", "127.0.0.1:8080"), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), ("Sec-WebSocket-Version", "13"),
                ("Sec-WebSocket-Protocol", "chat.v2, chat.v1"),
            ]
        ),
        response: ResponseHead(
            status: 101,
            reason: "Switching Protocols",
            headers: [
                ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                ("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), ("Sec-WebSocket-Protocol", "chat.v2"),
            ]
        ),
        subprotocol: "chat.v2",
        timings: ConnectionTimings(dnsMilliseconds: 0.4, connectMilliseconds: 1.2, handshakeMilliseconds: 3.5)
    )

    static let sseHandshake = Handshake(
        url: "http://127.0.0.1:8080/events",
        protocolKind: .sse,
        request: RequestHead(
            method: "GET",
            target: "/events",
            headers: [("Host", "127.0.0.1:8080"), ("Accept", "text/event-stream"), ("Last-Event-ID", "41")]
        ),
        response: ResponseHead(
            status: 200,
            reason: "OK",
            headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")]
        ),
        timings: ConnectionTimings(dnsMilliseconds: 0.3, connectMilliseconds: 0.9, handshakeMilliseconds: 2.1)
    )

    static func event(_ id: Int, _ milliseconds: Int, _ kind: StreamEvent.Kind) -> StreamEvent {
        StreamEvent(timestamp: at(milliseconds), connectionID: id, kind: kind)
    }

    static func text(_ id: Int, _ milliseconds: Int, _ direction: Direction, _ text: String) -> StreamEvent {
        event(id, milliseconds, .message(Message(direction: direction, opcode: .text, payload: Array(text.utf8))))
    }

    /// A WebSocket session: connect, open, a few messages both ways (with
    /// their frames), a ping and pong, a binary message.
    static func webSocketEvents(id: Int = 1) -> [StreamEvent] {
        let json = #"{"type":"tick","seq":7,"price":101.25,"ok":true,"tags":["a","b"],"meta":null}"#
        return [
            event(id, 0, .connecting(url: "ws://127.0.0.1:8080/echo", attempt: 1)),
            event(id, 5, .open(webSocketHandshake)),
            event(
                id,
                100,
                .frame(
                    FrameInfo(
                        direction: .outgoing,
                        opcode: .text,
                        maskingKey: [1, 2, 3, 4],
                        payload: Array("hello".utf8)
                    )
                )
            ),
            text(id, 100, .outgoing, "hello"),
            event(id, 102, .frame(FrameInfo(direction: .incoming, opcode: .text, payload: Array("hello".utf8)))),
            text(id, 102, .incoming, "hello"),
            text(id, 250, .incoming, json),
            event(
                id,
                300,
                .frame(FrameInfo(direction: .incoming, opcode: .ping, payload: Array("are you there".utf8)))
            ),
            event(
                id,
                301,
                .frame(
                    FrameInfo(
                        direction: .outgoing,
                        opcode: .pong,
                        maskingKey: [9, 9, 9, 9],
                        payload: Array("are you there".utf8)
                    )
                )
            ),
            event(
                id,
                400,
                .message(
                    Message(
                        direction: .incoming,
                        opcode: .binary,
                        payload: [0, 1, 2, 0xFF, 0x68, 0x69, 0x0A, 0x7F] + Array(0..<24)
                    )
                )
            ),
        ]
    }

    /// An SSE session with a drop and a reconnection.
    static func sseEvents(id: Int = 2) -> [StreamEvent] {
        [
            event(id, 0, .connecting(url: "http://127.0.0.1:8080/events", attempt: 1)),
            event(id, 4, .open(sseHandshake)),
            event(id, 50, .retry(milliseconds: 2000)),
            event(id, 120, .event(SSEEvent(type: "tick", data: #"{"n":1}"#, lastEventID: "42"))),
            event(id, 220, .event(SSEEvent(type: "message", data: "line one\nline two", lastEventID: "43"))),
            event(id, 900, .close(CloseInfo(code: 1006, reason: "", initiator: .server))),
            event(id, 901, .reconnect(attempt: 2, delayMilliseconds: 2000, reason: "the connection dropped")),
            event(id, 2901, .connecting(url: "http://127.0.0.1:8080/events", attempt: 2)),
            event(id, 2905, .open(sseHandshake)),
            event(id, 3000, .event(SSEEvent(type: "tick", data: #"{"n":2}"#, lastEventID: "44"))),
        ]
    }

    static func addWebSocketPane(to state: inout AppState, id: Int = 1) {
        Reducer.reduce(
            &state,
            .addPane(
                PaneSpecification(
                    id: id,
                    title: "127.0.0.1:8080/echo",
                    url: "ws://127.0.0.1:8080/echo",
                    protocolKind: .websocket,
                    isConnected: true,
                    capabilities: .webSocket
                )
            )
        )
    }

    static func addSSEPane(to state: inout AppState, id: Int = 2) {
        Reducer.reduce(
            &state,
            .addPane(
                PaneSpecification(
                    id: id,
                    title: "127.0.0.1:8080/events",
                    url: "http://127.0.0.1:8080/events",
                    protocolKind: .sse,
                    isConnected: true,
                    capabilities: .eventStream
                )
            )
        )
    }

    /// A WebSocket pane and an SSE pane with their sessions, focus on the
    /// first.
    static func twoPaneState(size: TerminalSize, colors: Bool = false) -> AppState {
        var state = state(size: size, colors: colors)
        addWebSocketPane(to: &state)
        addSSEPane(to: &state)
        Reducer.reduce(&state, .events(webSocketEvents() + sseEvents()))
        state.focus = 0
        return state
    }

    /// Keys, one action each.
    static func press(_ keys: Key..., into state: inout AppState) {
        for key in keys {
            Reducer.reduce(&state, .key(key))
        }
    }
}
