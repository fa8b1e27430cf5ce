#!/usr/bin/env python3
"""Server-Sent Events flood server for the StreamTap benchmarks.

Answers any request with `HTTP/1.1 200 OK`, `Content-Type: text/event-stream`
and a close-delimited body (no Content-Length, no chunked encoding) of N
events `data: <S bytes>\\n\\n`, then closes the connection. The events are
encoded once, grouped into a chunk of about 1 MiB, and written chunk by chunk.

Listens on 127.0.0.1 only, on a free port printed on the first line of
stdout. Serves at most --connections connections and exits after --lifetime
seconds in any case.

    sse_flood_server.py --count 200000 --size 64
"""

import argparse
import asyncio
import sys

CHUNK_TARGET = 1 << 20
HEADER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
    b"Connection: close\r\n\r\n"
)


def payload(size: int) -> bytes:
    alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return (alphabet * (size // len(alphabet) + 1))[:size]


def event(size: int) -> bytes:
    return b"data: " + payload(size) + b"\n\n"


def wire_size(count: int, size: int) -> int:
    """Bytes of the body."""
    return count * len(event(size))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", "-n", type=int, required=True, help="events per connection")
    parser.add_argument("--size", "-s", type=int, required=True, help="data bytes per event")
    parser.add_argument("--connections", type=int, default=50, help="exit after serving this many")
    parser.add_argument("--lifetime", type=float, default=900, help="exit after this many seconds")
    args = parser.parse_args()

    one = event(args.size)
    per_chunk = max(1, CHUNK_TARGET // len(one))
    chunk = one * per_chunk
    full_chunks, rest = divmod(args.count, per_chunk)
    tail = one * rest

    served = 0
    done = asyncio.Event()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal served
        try:
            await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            writer.write(HEADER)
            for _ in range(full_chunks):
                writer.write(chunk)
                await writer.drain()
            writer.write(tail)
            await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()
            served += 1
            if served >= args.connections:
                done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, reuse_address=True)
    print(server.sockets[0].getsockname()[1], flush=True)
    try:
        await asyncio.wait_for(done.wait(), args.lifetime)
    except asyncio.TimeoutError:
        pass
    server.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
