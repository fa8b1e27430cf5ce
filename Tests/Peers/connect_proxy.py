"""A tiny HTTP CONNECT proxy for the integration tests, on asyncio alone.

It listens on 127.0.0.1 on a free port and prints the port on its first
line, then one JSON line per request it received: method, target,
authorization (the Proxy-Authorization value or null), headers, and the
status it answered. It tunnels only to loopback addresses, answers 502 when
the target cannot be reached, and stops by itself after --lifetime seconds.

Usage: python connect_proxy.py [--lifetime S] [--credentials USER:PASSWORD]
                               [--resolve NAME=ADDRESS ...]

--credentials makes it answer 407 unless the request carries those
credentials as Basic; --resolve lets it reach a made-up host name (which the
client therefore cannot have resolved itself).
"""

import argparse
import asyncio
import base64
import json
import sys

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def record(method, target, headers, status):
    authorization = next((v for n, v in headers if n.lower() == "proxy-authorization"), None)
    line = {"method": method, "target": target, "authorization": authorization,
            "headers": headers, "status": status}
    print(json.dumps(line), flush=True)


def split_target(target):
    if target.startswith("["):
        host, _, port = target[1:].partition("]:")
    else:
        host, _, port = target.rpartition(":")
    return host, int(port)


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def answer(writer, status, reason, extra=""):
    writer.write(f"HTTP/1.1 {status} {reason}\r\n{extra}Content-Length: 0\r\n\r\n".encode())
    await writer.drain()
    writer.close()


async def handle(reader, writer, options):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        writer.close()
        return
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = (lines[0].split(" ", 2) + ["", ""])[:3]
    headers = [[name, value.strip()] for name, _, value in (line.partition(":") for line in lines[1:] if line)]
    if method != "CONNECT":
        record(method, target, headers, 405)
        await answer(writer, 405, "Method Not Allowed")
        return
    if options.credentials:
        wanted = "Basic " + base64.b64encode(options.credentials.encode()).decode()
        given = next((v for n, v in headers if n.lower() == "proxy-authorization"), None)
        if given != wanted:
            record(method, target, headers, 407)
            await answer(writer, 407, "Proxy Authentication Required",
                         'Proxy-Authenticate: Basic realm="streamtap-test"\r\n')
            return
    try:
        host, port = split_target(target)
    except ValueError:
        record(method, target, headers, 400)
        await answer(writer, 400, "Bad Request")
        return
    host = options.resolve.get(host, host)
    if host not in LOOPBACK:
        record(method, target, headers, 403)
        await answer(writer, 403, "Forbidden")
        return
    try:
        upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
    except OSError:
        record(method, target, headers, 502)
        await answer(writer, 502, "Bad Gateway")
        return
    record(method, target, headers, 200)
    writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
    await writer.drain()
    await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=30)
    parser.add_argument("--credentials")
    parser.add_argument("--resolve", action="append", default=[])
    options = parser.parse_args()
    options.resolve = dict(entry.split("=", 1) for entry in options.resolve)
    server = await asyncio.start_server(lambda r, w: handle(r, w, options), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    try:
        await asyncio.wait_for(server.serve_forever(), options.lifetime)
    except asyncio.TimeoutError:
        pass
    server.close()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
