"""A python-socketio server (ASGI, under uvicorn) for the Socket.IO lens
tests: a short ping interval, two namespaces, acknowledgements, binary
events and an auth check. Listens on 127.0.0.1, prints its port first, and
stops by itself.

Usage: python socketio_server.py LIFETIME_SECONDS [PING_INTERVAL_S PING_TIMEOUT_S [TRANSPORTS]]
(whole seconds: Engine.IO announces them in milliseconds, python-engineio
rounds them down); TRANSPORTS is "polling" for a server that allows only
HTTP long-polling.

Namespace "/": on connect emits "welcome" {"sid": SID}; "echo" emits
"echo" with the same arguments; "ask" acknowledges with its arguments
reversed; "binary" emits "bytes" with b"\x00\x01\x02" and a label; "bye"
disconnects the client from the namespace; "flood" emits N "tick" events.
Namespace "/admin" refuses a CONNECT whose auth lacks {"token": "secret"}.
"""
import sys

import socketio

import asgi_peer

lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 30
ping_interval = int(sys.argv[2]) if len(sys.argv) > 2 else 1
ping_timeout = int(sys.argv[3]) if len(sys.argv) > 3 else 1
transports = sys.argv[4].split(",") if len(sys.argv) > 4 else ["polling", "websocket"]

sio = socketio.AsyncServer(
    async_mode="asgi",
    ping_interval=ping_interval,
    ping_timeout=ping_timeout,
    cors_allowed_origins="*",
    transports=transports,
)
app = socketio.ASGIApp(sio)


@sio.event
async def connect(sid, environ, auth):
    await sio.emit("welcome", {"sid": sid}, to=sid)


@sio.event
async def echo(sid, *args):
    await sio.emit("echo", list(args) if len(args) != 1 else args[0], to=sid)


@sio.event
async def ask(sid, *args):
    return tuple(reversed(args))


@sio.event
async def binary(sid, *args):
    await sio.emit("bytes", (b"\x00\x01\x02", "three bytes"), to=sid)


@sio.event
async def bye(sid, *args):
    await sio.disconnect(sid)


@sio.event
async def flood(sid, count):
    for index in range(int(count)):
        await sio.emit("tick", index, to=sid)


@sio.on("connect", namespace="/admin")
async def admin_connect(sid, environ, auth):
    if not isinstance(auth, dict) or auth.get("token") != "secret":
        raise socketio.exceptions.ConnectionRefusedError("Not authorized")
    await sio.emit("welcome", {"admin": True}, to=sid, namespace="/admin")


asgi_peer.serve(app, lifetime)
