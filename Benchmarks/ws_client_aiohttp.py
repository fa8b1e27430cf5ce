#!/usr/bin/env python3
"""Peer client: receives a WebSocket stream with `aiohttp` (no compression,
no size limit) and writes each message and a newline to stdout, as
`streamtap cat` does. The message count goes to stderr.

    ws_client_aiohttp.py ws://127.0.0.1:PORT/
"""

import asyncio
import sys

import aiohttp


async def main(url: str) -> int:
    out = sys.stdout.buffer
    count = 0
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url, compress=0, max_msg_size=0, autoping=True) as ws:
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    out.write(msg.data.encode())
                elif msg.type == aiohttp.WSMsgType.BINARY:
                    out.write(msg.data)
                else:
                    break
                out.write(b"\n")
                count += 1
    out.flush()
    print(f"messages={count}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
