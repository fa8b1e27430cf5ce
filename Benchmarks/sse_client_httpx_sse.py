#!/usr/bin/env python3
"""Peer client: receives a Server-Sent Events stream with `httpx` and
`httpx-sse` and writes each event's data and a blank line to stdout, as
`streamtap cat` does. The event count goes to stderr.

    sse_client_httpx_sse.py http://127.0.0.1:PORT/
"""

import sys

import httpx
from httpx_sse import connect_sse


def main(url: str) -> int:
    out = sys.stdout
    count = 0
    with httpx.Client(timeout=None) as client:
        with connect_sse(client, "GET", url) as source:
            for event in source.iter_sse():
                out.write(event.data)
                out.write("\n\n")
                count += 1
    out.flush()
    print(f"events={count}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
