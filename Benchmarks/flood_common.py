"""What the benchmark flood servers share: encoding a flood once into ~1 MiB
chunks, writing it, and serving a bounded number of connections on 127.0.0.1
for a bounded time."""

import asyncio
import sys
from typing import Awaitable, Callable, Tuple

CHUNK_TARGET = 1 << 20


def payload(size: int) -> bytes:
    alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return (alphabet * (size // len(alphabet) + 1))[:size]


class Flood:
    """`count` copies of `one`, grouped into chunks of about 1 MiB."""

    def __init__(self, one: bytes, count: int) -> None:
        per_chunk = max(1, CHUNK_TARGET // len(one))
        self.chunk = one * per_chunk
        self.full_chunks, rest = divmod(count, per_chunk)
        self.tail = one * rest

    async def write(self, writer: asyncio.StreamWriter, after: bytes = b"") -> None:
        for _ in range(self.full_chunks):
            writer.write(self.chunk)
            await writer.drain()
        writer.write(self.tail + after)
        await writer.drain()


Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
EXPECTED_ENDINGS: Tuple[type, ...] = (
    asyncio.IncompleteReadError,
    asyncio.LimitOverrunError,
    asyncio.TimeoutError,
    ConnectionError,
)


async def serve(handle: Handler, connections: int, lifetime: float) -> None:
    """Serves `handle` on a free port of 127.0.0.1 (printed first on stdout)
    until `connections` were served or `lifetime` seconds passed."""
    served = 0
    done = asyncio.Event()

    async def counted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal served
        try:
            await handle(reader, writer)
        except EXPECTED_ENDINGS:
            pass
        finally:
            writer.close()
            served += 1
            if served >= connections:
                done.set()

    server = await asyncio.start_server(counted, "127.0.0.1", 0, reuse_address=True)
    print(server.sockets[0].getsockname()[1], flush=True)
    try:
        await asyncio.wait_for(done.wait(), lifetime)
    except asyncio.TimeoutError:
        pass
    server.close()


def run(main: Callable[[], Awaitable[None]]) -> None:
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
