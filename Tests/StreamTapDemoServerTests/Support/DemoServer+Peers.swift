import Foundation
import StreamTapDemoServer
import StreamTapTestSupport

extension DemoServer {
    /// Runs a Python peer against this server and decodes the JSON value
    /// on the last line it prints. The script starts with `prelude` in
    /// scope; `ADDRESS` is this server's `host:port`.
    func python<Value: Decodable>(_ script: String, as type: Value.Type = Value.self) async throws -> Value {
        try Self.lastLine(of: await startPython(script).finished(), as: type)
    }

    /// Starts a Python peer against this server (see `python(_:as:)`).
    func startPython(_ script: String) throws -> Program {
        try Program.start(Prerequisite.peerPython.require(), ["-c", Self.prelude + script, address])
    }

    /// The JSON value on the last line a peer printed, once it succeeded.
    static func lastLine<Value: Decodable>(of output: ProgramOutput, as type: Value.Type) throws -> Value {
        guard output.status == 0, !output.timedOut, let line = output.stdout.split(separator: "\n").last else {
            throw PeerFailure(
                description: "peer failed (exit \(output.status), timed out: \(output.timedOut)):\n"
                    + output.stdout + output.stderr
            )
        }
        return try JSONDecoder().decode(Value.self, from: Data(line.utf8))
    }

    /// Runs `curl` with `arguments` against `path` on this server.
    func curl(_ path: String, _ arguments: [String] = []) async throws -> ProgramOutput {
        try await Program.start(
            Prerequisite.curl.require(),
            ["-sN", "--max-time", "10"] + arguments + ["http://\(address)\(path)"]
        ).finished()
    }

    /// Helpers every Python peer script can use.
    private static let prelude = #"""
        import asyncio, base64, json, socket, sys, zlib
        from websockets.asyncio.client import connect
        from websockets.exceptions import ConnectionClosed, InvalidStatus
        ADDRESS = sys.argv[1]
        def emit(value):
            print(json.dumps(value), flush=True)
        def close_of(error):
            if error.rcvd is None:
                return None
            return {"code": error.rcvd.code, "reason": error.rcvd.reason}
        async def receive_all(ws):
            messages = []
            try:
                while True:
                    messages.append(await ws.recv())
            except ConnectionClosed as error:
                return messages, error
        def run(main):
            asyncio.run(asyncio.wait_for(main(), 15))
        def raw_connect(path, extensions=None):
            # A hand-made WebSocket handshake: returns the socket and the response head.
            host, port = ADDRESS.rsplit(":", 1)
            sock = socket.create_connection((host, int(port)), timeout=10)
            key = base64.b64encode(bytes(range(16))).decode()
            request = (f"GET {path} HTTP/1.1\r\nHost: {ADDRESS}\r\nUpgrade: websocket\r\n"
                       f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n")
            if extensions:
                request += f"Sec-WebSocket-Extensions: {extensions}\r\n"
            sock.sendall((request + "\r\n").encode())
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                head += sock.recv(1)
            return sock, head.decode()
        def raw_frame(opcode, payload, fin=True, rsv=0, mask=b"\x01\x02\x03\x04"):
            # One frame as a client would send it (masked unless mask is None).
            first = (0x80 if fin else 0) | rsv | opcode
            length = len(payload)
            if length < 126:
                header = bytes([first, (0x80 if mask else 0) | length])
            else:
                header = bytes([first, (0x80 if mask else 0) | 126]) + length.to_bytes(2, "big")
            if mask is None:
                return header + payload
            return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        def raw_read(sock):
            # Reads one unmasked server frame: (first byte, payload).
            def exactly(count):
                data = b""
                while len(data) < count:
                    chunk = sock.recv(count - len(data))
                    if not chunk:
                        raise EOFError("connection closed")
                    data += chunk
                return data
            first, second = exactly(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(exactly(2), "big")
            elif length == 127:
                length = int.from_bytes(exactly(8), "big")
            return first, exactly(length)
        def raw_close(sock):
            # Reads frames until a close frame; returns its code and reason.
            while True:
                first, payload = raw_read(sock)
                if first & 0x0F == 0x8:
                    return int.from_bytes(payload[:2], "big"), payload[2:].decode()
        def raw_close_code(sock):
            return raw_close(sock)[0]
        def deflated(data):
            # A message's payload as permessage-deflate sends it (no 00 00 ff ff).
            compressor = zlib.compressobj(wbits=-15)
            return (compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH))[:-4]

        """#
}
