"""Byte-exact HTTP/1.1 server for the SSE engine's edge cases.

Listens on 127.0.0.1 (a free port), prints "PORT <n>", then one JSON line
per request it received: method, target, headers, body (latin-1 text).
Each path is a scenario; a path answered differently the second time says
so. Every connection is closed after its response. The server exits by
itself after --lifetime seconds.
"""

import argparse
import gzip
import json
import socket
import sys
import threading
import time
import zlib

lock = threading.Lock()
visits = {}


def visit(path):
    with lock:
        visits[path] = visits.get(path, 0) + 1
        return visits[path]


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = [line.split(":", 1) for line in lines[1:]]
    headers = [[name, value.strip()] for name, value in headers]
    length = next((int(v) for n, v in headers if n.lower() == "content-length"), 0)
    while len(rest) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return method, target, headers, rest[:length]


def head(status, headers):
    lines = [f"HTTP/1.1 {status}"] + [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def chunk(data):
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


STREAM = [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")]
CHUNKED = STREAM + [("Transfer-Encoding", "chunked")]


def send_pieces(conn, pieces, chunked=True, pause=0.02):
    for piece in pieces:
        conn.sendall(chunk(piece) if chunked else piece)
        time.sleep(pause)
    if chunked:
        conn.sendall(b"0\r\n\r\n")


def gzip_pieces(events):
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    out = [compressor.compress(event) + compressor.flush(zlib.Z_SYNC_FLUSH) for event in events]
    out.append(compressor.flush(zlib.Z_FINISH))
    return out


def serve(conn, port):
    request = read_request(conn)
    if request is None:
        return
    method, target, headers, body = request
    print(json.dumps({"method": method, "target": target, "headers": headers,
                      "body": body.decode("latin-1")}), flush=True)
    path = target.split("?", 1)[0]
    count = visit(path)
    if path == "/chunked":
        conn.sendall(head("200 OK", CHUNKED))
        send_pieces(conn, [b"id: 1\ndata: one\n\n", b"data: two\r", b"\n\r\n", b"data: thr", b"ee\n\n"])
    elif path == "/close-delimited":
        conn.sendall(head("200 OK", [("Content-Type", "text/event-stream; charset=utf-8"), ("Connection", "close")]))
        send_pieces(conn, [b"data: a\n\n", b"data: b\n\n"], chunked=False)
    elif path == "/bursts":
        conn.sendall(head("200 OK", [("Content-Type", "text/event-stream"), ("Connection", "close")]))
        time.sleep(0.15)
        send_pieces(conn, [b"data: a\n\ndata: bb\n\ndata: ccc\n\n", b"data: dddd\n\n", b": wait\ndata: e", b"\n\n"],
                    chunked=False, pause=0.1)
    elif path == "/crlf":
        conn.sendall(head("200 OK", [("Content-Type", "Text/Event-Stream"), ("Connection", "close")]))
        send_pieces(conn, [b"data: x\r", b"\ndata: y\r", b"\n\r", b"\n: comment\r\n\r\n"], chunked=False)
    elif path == "/no-content":
        conn.sendall(head("204 No Content", []))
    elif path == "/error":
        conn.sendall(head("500 Internal Server Error",
                          [("Content-Type", "text/plain"), ("X-Trace", "abc123"), ("Content-Length", "17")]))
        conn.sendall(b"database is down\n")
    elif path == "/big-error":
        body = b"x" * (100 * 1024)
        conn.sendall(head("502 Bad Gateway", [("Content-Length", str(len(body)))]) + body)
    elif path == "/wrong-type":
        conn.sendall(head("200 OK", [("Content-Type", "text/html"), ("Content-Length", "11")]) + b"<h1>hi</h1>")
    elif path == "/redirect/a":
        conn.sendall(head("301 Moved Permanently", [("Location", "b"), ("Content-Length", "0")]))
    elif path == "/redirect/b":
        conn.sendall(head("307 Temporary Redirect",
                          [("Location", f"//127.0.0.1:{port}/redirect/c?from=b"), ("Content-Length", "0")]))
    elif path == "/redirect/c":
        conn.sendall(head("308 Permanent Redirect",
                          [("Location", f"http://127.0.0.1:{port}/post"), ("Content-Length", "0")]))
    elif path == "/see-other":
        conn.sendall(head("303 See Other", [("Location", "/post"), ("Content-Length", "0")]))
    elif path == "/loop":
        conn.sendall(head("302 Found", [("Location", "/loop"), ("Content-Length", "0")]))
    elif path == "/retry":
        if count == 1:
            conn.sendall(head("200 OK", CHUNKED))
            send_pieces(conn, [b"retry: 150\nid: 7\ndata: first\n\n"])
        else:
            conn.sendall(head("204 No Content", []))
    elif path == "/drop":
        if count == 1:
            conn.sendall(head("200 OK", CHUNKED))
            conn.sendall(chunk(b"id: 5\ndata: before\n\ndata: unfinished"))
            time.sleep(0.05)
            conn.shutdown(socket.SHUT_RDWR)
        else:
            conn.sendall(head("204 No Content", []))
    elif path == "/gzip":
        conn.sendall(head("200 OK", CHUNKED + [("Content-Encoding", "gzip")]))
        send_pieces(conn, gzip_pieces([b"data: zipped one\n\n", b"data: zipped two\n\n"]))
    elif path == "/bomb":
        body = gzip.compress(b"\n" * (64 << 20), 9)
        conn.sendall(head("200 OK", STREAM + [("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))]))
        conn.sendall(body)
    elif path == "/post":
        conn.sendall(head("200 OK", CHUNKED))
        lines = b"".join(b"data: " + line + b"\n" for line in body.split(b"\n"))
        send_pieces(conn, [b"event: echo\n" + f"data: {method}\n".encode() + lines + b"\n"])
    elif path == "/hang":
        conn.sendall(head("200 OK", CHUNKED))
        conn.sendall(chunk(b"id: h1\ndata: hello\n\n"))
        conn.settimeout(10)
        try:
            while conn.recv(1024):
                pass
        except OSError:
            pass
    elif path == "/silent":
        time.sleep(5)
    elif path == "/seeded":
        # An event without an id, then an empty id field, which clears the
        # last event ID; 204 the second time.
        if count == 1:
            conn.sendall(head("200 OK", CHUNKED))
            send_pieces(conn, [b"data: one\n\n", b"id:\ndata: two\n\n", b"retry: 50\n\n"])
        else:
            conn.sendall(head("204 No Content", []))
    elif path == "/answer":
        # A JSON-RPC answer to a POST, as a Streamable HTTP server may give.
        reply = b'{"jsonrpc":"2.0","id":1,"result":{"ok":true}}'
        conn.sendall(head("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(reply)))]))
        conn.sendall(reply)
    elif path == "/accepted":
        conn.sendall(head("202 Accepted", [("Content-Length", "0")]))
    elif path == "/ticking":
        # An event every 50 ms, resuming after Last-Event-ID, for as long as
        # the client stays (at most 200).
        last = next((v for n, v in headers if n.lower() == "last-event-id"), "0")
        start = int(last) + 1 if last.isdigit() else 1
        conn.sendall(head("200 OK", CHUNKED))
        for number in range(start, start + 200):
            conn.sendall(chunk(f"id: {number}\ndata: tick {number}\n\n".encode()))
            time.sleep(0.05)
    else:
        conn.sendall(head("404 Not Found", [("Content-Length", "0")]))


def handle(conn, port):
    try:
        serve(conn, port)
    except OSError:
        pass
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lifetime", type=float, default=60)
    args = parser.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    print(f"PORT {port}", flush=True)
    deadline = time.monotonic() + args.lifetime
    listener.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=handle, args=(conn, port), daemon=True).start()
    sys.exit(0)


if __name__ == "__main__":
    main()
