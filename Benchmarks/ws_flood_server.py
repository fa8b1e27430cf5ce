#!/usr/bin/env python3
"""WebSocket flood server for the StreamTap benchmarks.

Accepts the opening handshake by hand (Sec-WebSocket-Accept computed here, no
extensions, so no compression), then writes N unmasked text frames of S bytes
each and a close frame with code 1000. The frames are encoded once, grouped
into a chunk of about 1 MiB, and written chunk by chunk, so the server costs
far less than any client it feeds.

Listens on 127.0.0.1 only, on a free port printed on the first line of
stdout. Serves at most --connections connections (one at a time is enough
for the benchmarks) and exits after --lifetime seconds in any case.

    ws_flood_server.py --count 200000 --size 64

With --socketio it speaks as a Socket.IO 4 server would on its WebSocket
transport: the Engine.IO open packet and the namespace's CONNECT first,
then N events `42["tick","…"]` of S bytes each (the Socket.IO lens
benchmark).
"""

import argparse
import asyncio
import base64
import hashlib
import struct

from flood_common import Flood, payload, run, serve

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def frame(opcode: int, data: bytes) -> bytes:
    n = len(data)
    if n < 126:
        header = struct.pack("!BB", 0x80 | opcode, n)
    elif n < 1 << 16:
        header = struct.pack("!BBH", 0x80 | opcode, 126, n)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 127, n)
    return header + data


async def read_until_close(reader: asyncio.StreamReader) -> None:
    """Reads client frames until a close frame (returns) or the end (raises)."""
    while True:
        b0, b1 = await reader.readexactly(2)
        length = b1 & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", await reader.readexactly(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", await reader.readexactly(8))
        await reader.readexactly(length + (4 if b1 & 0x80 else 0))
        if b0 & 0x0F == 0x8:
            return


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", "-n", type=int, required=True, help="messages per connection")
    parser.add_argument("--size", "-s", type=int, required=True, help="payload bytes per message")
    parser.add_argument("--connections", type=int, default=50, help="exit after serving this many")
    parser.add_argument("--lifetime", type=float, default=900, help="exit after this many seconds")
    parser.add_argument("--socketio", action="store_true", help="Socket.IO events after an Engine.IO open")
    args = parser.parse_args()
    preamble = b""
    if args.socketio:
        event_frame = b'42["tick","' + payload(max(0, args.size - 13)) + b'"]'
        flood = Flood(frame(0x1, event_frame), args.count)
        preamble = frame(0x1, b'0{"sid":"bench","upgrades":[],"pingInterval":60000,"pingTimeout":60000}')
        preamble += frame(0x1, b'40{"sid":"bench-socket"}')
    else:
        flood = Flood(frame(0x1, payload(args.size)), args.count)
    close = frame(0x8, struct.pack("!H", 1000))

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        key = None
        for line in request.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"sec-websocket-key":
                key = value.strip()
        if key is None:
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
            return
        accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
        writer.write(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n" + preamble
        )
        await flood.write(writer, after=close)
        # Wait for the client's close frame (or its end), then close first,
        # as a server should. Other client frames are skipped.
        try:
            await asyncio.wait_for(read_until_close(reader), 5)
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            pass

    await serve(handle, args.connections, args.lifetime)


if __name__ == "__main__":
    run(main)
