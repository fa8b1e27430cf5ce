"""A Model Context Protocol server (the official `mcp` Python SDK 2.x, its
MCPServer, ASGI under uvicorn) for the MCP lens tests. Listens on 127.0.0.1,
prints its port first, and stops by itself.

Usage: python mcp_server.py LIFETIME_SECONDS MODE

MODE picks the transport:
  streamable-sse   Streamable HTTP at /mcp, stateful (Mcp-Session-Id), each
                   request POST answered with an SSE stream; an in-memory
                   event store makes every stream resumable (SSE ids "1",
                   "2", ... in one sequence for the whole server; GET with
                   Last-Event-ID replays what followed that id on its stream).
  streamable-json  Streamable HTTP at /mcp, stateful, each request POST
                   answered with one application/json body.
  stateless        Streamable HTTP at /mcp, no session, JSON bodies.
  sse              The older HTTP+SSE transport: GET /sse opens the stream
                   (first event "endpoint" with the POST URL), POST
                   /messages/?session_id=... answers 202 and the response
                   comes on the stream.
The Streamable modes also answer the SDK's 2026-07-28 requests (one POST,
no session, a _meta envelope): any MCP-Protocol-Version header that is not
an initialize-handshake version is routed there.

Server "streamtap-test" offers: tool echo(text) returns text; tool
slow_count(n) sends n notifications/progress 100 ms apart (to a request
whose params._meta carries a progressToken), then returns "counted n"; tool
fail() returns a tool error result (isError true); tool ask_roots(standalone)
sends roots/list to the client (on the calling POST's stream, or with
standalone true on the session's GET stream), waits up to 10 s, and
returns the client's answer or the error's text; tool announce() sends
notifications/tools/list_changed on the session's GET stream; resource
note://hello reads "hello from a resource"; prompt greet(name).

uvicorn runs here rather than through asgi_peer.serve: the Streamable HTTP
app starts its session manager in its ASGI lifespan, which asgi_peer turns
off.
"""
import asyncio
import json
import socket
import sys

import mcp_types as types
import uvicorn
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.streamable_http import EventCallback, EventId, EventMessage, EventStore, StreamId
from mcp.shared.message import ServerMessageMetadata

lifetime = float(sys.argv[1]) if len(sys.argv) > 1 else 30
mode = sys.argv[2] if len(sys.argv) > 2 else "streamable-sse"


class MemoryEventStore(EventStore):
    """Every message written to any stream of any session, in one list; an
    event's id is its position there, counted from 1. A message of None is
    a stream's priming event (empty data), kept so its id can be resumed
    from but never replayed.

    The SDK names a POST's stream by the request's JSON-RPC id and every
    GET stream "_GET_stream", without the session, so sessions share stream
    names: replaying a POST's stream stops at its response, but a GET
    stream's replay also carries other sessions' GET-stream messages."""

    def __init__(self):
        self.events: list[tuple[StreamId, types.JSONRPCMessage | None]] = []

    async def store_event(self, stream_id: StreamId, message: types.JSONRPCMessage | None) -> EventId:
        self.events.append((stream_id, message))
        return str(len(self.events))

    async def replay_events_after(self, last_event_id: EventId, send_callback: EventCallback) -> StreamId | None:
        if not last_event_id.isdigit() or not 1 <= int(last_event_id) <= len(self.events):
            return None
        position = int(last_event_id)
        stream_id = self.events[position - 1][0]
        for index, (stream, message) in enumerate(self.events[position:], start=position + 1):
            if stream != stream_id or message is None:
                continue
            await send_callback(EventMessage(message, str(index)))
            if isinstance(message, types.JSONRPCResponse | types.JSONRPCError) and str(message.id) == stream_id:
                break
        return stream_id


mcp = MCPServer("streamtap-test", version="1.0.0", log_level="WARNING")


@mcp.tool()
def echo(text: str) -> str:
    """Returns its text."""
    return text


@mcp.tool()
async def slow_count(n: int, ctx: Context) -> str:
    """Reports progress 1..n of n, 100 ms apart, then returns "counted n"."""
    for step in range(1, n + 1):
        if step > 1:
            await asyncio.sleep(0.1)
        await ctx.report_progress(step, n, f"step {step}")
    return f"counted {n}"


@mcp.tool()
def fail() -> str:
    """Always fails: a tool error result, not a JSON-RPC error."""
    raise ToolError("fail always fails")


@mcp.tool()
async def ask_roots(ctx: Context, standalone: bool = False) -> str:
    """Sends roots/list to the client and returns its result as JSON, or
    "error: ..." when the client answers with an error or cannot be asked."""
    # Request-scoped (related to this call) rides this POST's SSE stream;
    # otherwise it takes the session's standalone GET stream.
    related = None if standalone else ServerMessageMetadata(related_request_id=ctx.request_context.request_id)
    try:
        result = await ctx.session.send_request(
            types.ListRootsRequest(), types.ListRootsResult, request_read_timeout_seconds=10, metadata=related
        )
    except Exception as error:
        return f"error: {type(error).__name__}: {error}"
    return json.dumps(result.model_dump(mode="json", by_alias=True, exclude_none=True))


@mcp.tool()
async def announce(ctx: Context) -> str:
    """Sends notifications/tools/list_changed on the session's GET stream."""
    await ctx.session.send_tool_list_changed()
    return "announced"


@mcp.resource("note://hello")
def hello_note() -> str:
    """A fixed text resource."""
    return "hello from a resource"


@mcp.prompt()
def greet(name: str) -> str:
    """One user message greeting name."""
    return f"Please greet {name} warmly."


def quiet_after_response(app):
    """Drops what an app sends after its response is complete. The SDK's
    GET /sse endpoint sends an empty response once its stream has ended,
    which uvicorn refuses with a traceback when the server ended the stream
    (when the lifetime runs out with a client still attached)."""

    async def quiet_app(scope, receive, send):
        complete = False

        async def guarded_send(message):
            nonlocal complete
            if complete:
                return
            complete = message["type"] == "http.response.body" and not message.get("more_body", False)
            await send(message)

        await app(scope, receive, guarded_send)

    return quiet_app


def make_app():
    if mode == "streamable-sse":
        return mcp.streamable_http_app(event_store=MemoryEventStore())
    if mode == "streamable-json":
        return mcp.streamable_http_app(json_response=True)
    if mode == "stateless":
        return mcp.streamable_http_app(stateless_http=True, json_response=True)
    if mode == "sse":
        return quiet_after_response(mcp.sse_app())
    sys.exit(f"unknown MODE {mode!r}: streamable-sse, streamable-json, stateless or sse")


async def serve(app):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    # Listening before the port is printed: a client that connects while
    # uvicorn is still starting waits in the backlog instead of being refused.
    listener.listen()
    print(listener.getsockname()[1], flush=True)
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    serving = asyncio.ensure_future(server.serve(sockets=[listener]))
    await asyncio.sleep(lifetime)
    server.should_exit = True
    await asyncio.wait_for(serving, 5)


asyncio.run(serve(make_app()))
