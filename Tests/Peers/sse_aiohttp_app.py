"""An aiohttp + aiohttp-sse app for the SSE engine's tests.

Listens on 127.0.0.1 (a free port), prints "PORT <n>", then one JSON line
per request (method, path, headers, body) so tests can check what the client
sent, such as Last-Event-ID on a reconnection. Exits by itself after
--lifetime seconds.
"""

import argparse
import asyncio
import json

from aiohttp import web
from aiohttp_sse import sse_response


def record(request, body=""):
    print(json.dumps({"method": request.method, "target": request.path_qs,
                      "headers": [[k, v] for k, v in request.headers.items()], "body": body}), flush=True)


async def ticks(request):
    """Three numbered `tick` events per connection, resuming after
    Last-Event-ID; 204 once six have been sent."""
    record(request)
    last = request.headers.get("Last-Event-ID")
    start = int(last) + 1 if last else 1
    if start > 6:
        return web.Response(status=204)
    async with sse_response(request) as sse:
        for number in range(start, start + 3):
            await sse.send(f"tick {number}", id=str(number), event="tick",
                           retry=100 if number == start else None)
    return sse


async def multiline(request):
    record(request)
    async with sse_response(request) as sse:
        await sse.send("line one\nline two\n\nline four")
        await sse.send("plain")
    return sse


async def chat(request):
    """SSE over POST, as streaming LLM APIs do: a JSON prompt in, tokens out."""
    body = await request.text()
    record(request, body)
    prompt = json.loads(body).get("prompt", "")
    async with sse_response(request, allow_all_methods=True) as sse:
        for word in prompt.split():
            await sse.send(word.upper(), event="token")
        await sse.send("[DONE]", event="done")
    return sse


async def main(lifetime):
    app = web.Application()
    app.router.add_get("/ticks", ticks)
    app.router.add_get("/multiline", multiline)
    app.router.add_post("/chat", chat)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    await asyncio.sleep(lifetime)
    await runner.cleanup()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=60)
    asyncio.run(main(parser.parse_args().lifetime))
