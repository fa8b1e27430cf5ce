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

from flood_common import Flood, payload, run, serve

HEADER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
    b"Connection: close\r\n\r\n"
)


def event(size: int) -> bytes:
    return b"data: " + payload(size) + b"\n\n"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", "-n", type=int, required=True, help="events per connection")
    parser.add_argument("--size", "-s", type=int, required=True, help="data bytes per event")
    parser.add_argument("--connections", type=int, default=50, help="exit after serving this many")
    parser.add_argument("--lifetime", type=float, default=900, help="exit after this many seconds")
    args = parser.parse_args()
    flood = Flood(event(args.size), args.count)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        writer.write(HEADER)
        await flood.write(writer)

    await serve(handle, args.connections, args.lifetime)


if __name__ == "__main__":
    run(main)
