"""A misbehaving HTTP/WebSocket server for fault-injection tests.

Listens on 127.0.0.1 and, when the machine has it, ::1 (the same free
port), prints the port on its first output line, and exits by itself after
--lifetime seconds. Each request's path picks a misbehaviour:

  /ws/hello             a correct WebSocket: sends "hello", then closes 1000
  /ws/reset-mid-frame   sends "kept", then half a frame, then a TCP reset
  /ws/half-open         sends "kept", then neither reads nor writes again
  /ws/huge-frame        announces a 100 MB frame and streams it
  /ws/huge-fragmented   streams a 100 MB message as 1 MB fragments
  /ws/deflate-bomb      permessage-deflate message inflating to 200 MB
  /sse/reset-mid-event  sends one event, then half an event, then a reset
  /sse/gzip-bomb        gzip body inflating to 200 MB of comment lines
  /no-answer            reads the request, never answers
  /slowloris            answers one byte per second, forever
  /endless-headers      sends header lines without end
"""

import argparse
import asyncio
import base64
import hashlib
import socket
import struct
import sys
import zlib

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MB = 1 << 20


async def read_head(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    target = lines[0].split(" ")[1]
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return target, headers


def frame(opcode, payload, fin=True, rsv1=False):
    first = (0x80 if fin else 0) | (0x40 if rsv1 else 0) | opcode
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", first, length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", first, 126, length)
    else:
        header = struct.pack("!BBQ", first, 127, length)
    return header + payload


async def upgrade(writer, headers, deflate=False):
    accept = base64.b64encode(hashlib.sha1(headers["sec-websocket-key"].encode() + GUID).digest())
    lines = [
        b"HTTP/1.1 101 Switching Protocols",
        b"Upgrade: websocket",
        b"Connection: Upgrade",
        b"Sec-WebSocket-Accept: " + accept,
    ]
    if deflate:
        lines.append(b"Sec-WebSocket-Extensions: permessage-deflate")
    writer.write(b"\r\n".join(lines) + b"\r\n\r\n")
    await writer.drain()


def reset(writer):
    """Closes with RST instead of FIN (SO_LINGER with a zero timeout)."""
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def stream(writer, chunk, total):
    sent = 0
    while sent < total:
        writer.write(chunk)
        await writer.drain()
        sent += len(chunk)


async def sse_head(writer, extra=b""):
    writer.write(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n" + extra + b"\r\n"
    )
    await writer.drain()


async def serve(reader, writer):
    try:
        target, headers = await read_head(reader)
        path = target.split("?")[0]
        if path == "/ws/hello":
            await upgrade(writer, headers)
            writer.write(frame(0x1, b"hello") + frame(0x8, struct.pack("!H", 1000)))
            await writer.drain()
            await reader.read(1024)
        elif path == "/ws/reset-mid-frame":
            await upgrade(writer, headers)
            writer.write(frame(0x1, b"kept") + frame(0x1, b"never complete")[:6])
            await writer.drain()
            await asyncio.sleep(0.2)
            reset(writer)
            return
        elif path == "/ws/half-open":
            await upgrade(writer, headers)
            writer.write(frame(0x1, b"kept"))
            await writer.drain()
            await asyncio.sleep(3600)
        elif path == "/ws/huge-frame":
            await upgrade(writer, headers)
            writer.write(struct.pack("!BBQ", 0x82, 127, 100 * MB))
            await stream(writer, bytes(64 * 1024), 100 * MB)
        elif path == "/ws/huge-fragmented":
            await upgrade(writer, headers)
            writer.write(frame(0x2, bytes(MB), fin=False))
            for _ in range(99):
                writer.write(frame(0x0, bytes(MB), fin=False))
                await writer.drain()
            writer.write(frame(0x0, b""))
            await writer.drain()
        elif path == "/ws/deflate-bomb":
            offered = "permessage-deflate" in headers.get("sec-websocket-extensions", "")
            await upgrade(writer, headers, deflate=offered)
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            payload = b"".join(compressor.compress(bytes(MB)) for _ in range(200))
            payload += compressor.flush(zlib.Z_SYNC_FLUSH)
            writer.write(frame(0x1, payload[:-4], rsv1=offered))
            await writer.drain()
            await reader.read(1024)
        elif path == "/sse/reset-mid-event":
            await sse_head(writer)
            writer.write(b"data: kept\n\ndata: never dispatched")
            await writer.drain()
            await asyncio.sleep(0.2)
            reset(writer)
            return
        elif path == "/sse/gzip-bomb":
            compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
            body = b"".join(compressor.compress(b":" + bytes(b"x" * (MB - 2)) + b"\n") for _ in range(200))
            body += compressor.flush()
            await sse_head(writer, b"Content-Encoding: gzip\r\nContent-Length: %d\r\n" % len(body))
            writer.write(body)
            await writer.drain()
            await reader.read(1024)
        elif path == "/no-answer":
            await asyncio.sleep(3600)
        elif path == "/slowloris":
            for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: slow\n\n" * 100:
                writer.write(bytes([byte]))
                await writer.drain()
                await asyncio.sleep(1)
        elif path == "/endless-headers":
            writer.write(b"HTTP/1.1 200 OK\r\n")
            number = 0
            while True:
                number += 1
                writer.write(b"X-Filler-%d: %s\r\n" % (number, b"a" * 100))
                await writer.drain()
        else:
            writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, OSError):
        pass
    finally:
        writer.transport.abort()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=60)
    arguments = parser.parse_args()
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    servers = [server]
    try:
        servers.append(await asyncio.start_server(serve, "::1", port))
    except OSError:
        pass
    print(port, flush=True)
    await asyncio.sleep(arguments.lifetime)
    for each in servers:
        each.close()


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
