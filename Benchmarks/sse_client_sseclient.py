#!/usr/bin/env python3
"""Peer client: receives a Server-Sent Events stream with `sseclient-py`
(fed by an `httpx` streaming response) and writes each event's data and a
blank line to stdout, as `streamtap cat` does. The event count goes to stderr.

    sse_client_sseclient.py http://127.0.0.1:PORT/
"""

import sys

import httpx
import sseclient


def main(url: str) -> int:
    out = sys.stdout
    count = 0
    with httpx.Client(timeout=None) as client:
        with client.stream("GET", url, headers={"Accept": "text/event-stream"}) as response:
            for event in sseclient.SSEClient(response.iter_bytes()).events():
                out.write(event.data)
                out.write("\n\n")
                count += 1
    out.flush()
    print(f"events={count}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
