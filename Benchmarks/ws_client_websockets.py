#!/usr/bin/env python3
"""Peer client: receives a WebSocket stream with the `websockets` library
(asyncio implementation, no compression, no size limit) and writes each
message and a newline to stdout, as `streamtap cat` does. The message count
goes to stderr.

    ws_client_websockets.py ws://127.0.0.1:PORT/
"""

import asyncio
import sys

from websockets.asyncio.client import connect


async def main(url: str) -> int:
    out = sys.stdout.buffer
    count = 0
    async with connect(url, compression=None, max_size=None, ping_interval=None) as ws:
        async for message in ws:
            out.write(message.encode() if isinstance(message, str) else message)
            out.write(b"\n")
            count += 1
    out.flush()
    print(f"messages={count}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
