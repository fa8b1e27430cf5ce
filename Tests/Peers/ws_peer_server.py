"""A WebSocket server built on the Python `websockets` package, used by the
integration tests as a real third-party peer. It listens on 127.0.0.1 on a
free port, prints the port on its first line, and stops by itself.

Usage: python ws_peer_server.py LIFETIME_SECONDS [CERT_PEM KEY_PEM]
"""
import asyncio
import json
import ssl
import sys
from urllib.parse import parse_qs, urlparse

from websockets.asyncio.server import serve
from websockets.exceptions import ConnectionClosed


def query(path):
    return {key: values[0] for key, values in parse_qs(urlparse(path).query).items()}


async def handler(ws):
    path = ws.request.path
    params = query(path)
    if path.startswith("/echo"):
        async for message in ws:
            await ws.send(message)
    elif path.startswith("/headers"):
        await ws.send(json.dumps([[name, value] for name, value in ws.request.headers.raw_items()]))
        await ws.close()
    elif path.startswith("/close"):
        await ws.close(int(params.get("code", "1000")), params.get("reason", ""))
    elif path.startswith("/fragments"):
        await ws.send(["frag", "mented", " message"])
        await ws.send([b"\x00\x01", b"\x02"])
        async for _ in ws:
            pass
    elif path.startswith("/pings"):
        # A ping every round (50 ms apart, so a session lasts long enough to
        # switch things on the client); says whether the pong came within 300 ms.
        for round in range(int(params.get("rounds", "40"))):
            waiter = await ws.ping(f"round {round}".encode())
            try:
                await asyncio.wait_for(asyncio.shield(waiter), 0.3)
                await ws.send("pong")
            except asyncio.TimeoutError:
                await ws.send("no pong")
            await asyncio.sleep(0.05)
        await ws.close()
    elif path.startswith("/ping"):
        waiter = await ws.ping(b"are you there")
        await asyncio.wait_for(waiter, 5)
        await ws.send("pong received")
        async for _ in ws:
            pass
    elif path.startswith("/drop"):
        await ws.send("about to drop")
        await asyncio.sleep(0.05)  # let the message leave before the reset
        ws.transport.abort()
    elif path.startswith("/ticker"):
        # "tick N" every `interval` milliseconds until the client goes.
        interval = float(params.get("interval", "200")) / 1000
        count = 0
        try:
            while True:
                count += 1
                await ws.send(f"tick {count}")
                await asyncio.sleep(interval)
        except ConnectionClosed:
            pass
    elif path.startswith("/subprotocol"):
        await ws.send(ws.subprotocol or "none")
        await ws.close()
    elif path.startswith("/jsonrpc"):
        # JSON-RPC 2.0: "echo" answers its params, "fail" a server error,
        # "silent" never answers, anything else is "method not found".
        async for message in ws:
            request = json.loads(message)
            if "id" not in request or request.get("method") == "silent":
                continue
            if request.get("method") == "echo":
                answer = {"jsonrpc": "2.0", "id": request["id"], "result": request.get("params")}
            elif request.get("method") == "fail":
                answer = {"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32000, "message": "it failed"}}
            else:
                answer = {"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32601, "message": "Method not found"}}
            await ws.send(json.dumps(answer))


def select_subprotocol(connection, offered):
    for name in offered:
        if name in ("chat.v2", "chat.v1", "jsonrpc"):
            return name
    return None


def process_request(connection, request):
    if request.path.startswith("/refuse"):
        response = connection.respond(401, "no token, no stream\n")
        response.headers["WWW-Authenticate"] = 'Bearer realm="peer"'
        return response
    return None


async def main():
    lifetime = float(sys.argv[1])
    context = None
    if len(sys.argv) >= 4:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
    async with serve(
        handler,
        "127.0.0.1",
        0,
        process_request=process_request,
        ssl=context,
        select_subprotocol=select_subprotocol,
        max_size=None,
    ) as server:
        print(server.sockets[0].getsockname()[1], flush=True)
        await asyncio.sleep(lifetime)


asyncio.run(main())
