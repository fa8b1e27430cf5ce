"""Serves an ASGI app under uvicorn on a free port of 127.0.0.1, as the
peers built on ASGI frameworks (socketio_server.py, graphql_server.py) do:
prints the port on its first line, and stops by itself after LIFETIME
seconds."""
import asyncio
import socket

import uvicorn


async def _serve(app, lifetime):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="websockets-sansio")
    server = uvicorn.Server(config)
    serving = asyncio.ensure_future(server.serve(sockets=[listener]))
    await asyncio.sleep(lifetime)
    server.should_exit = True
    await asyncio.wait_for(serving, 5)


def serve(app, lifetime):
    asyncio.run(_serve(app, lifetime))
