#!/usr/bin/env python3
"""Runs the StreamTap throughput benchmarks side by side with peer clients.

For each workload it starts a flood server on 127.0.0.1, checks every client
once (message count, exit status; this run also warms caches and is not
timed), then times --runs rounds in which every client runs once, in turn,
with stdout to /dev/null. Wall time is taken around the whole process
(start, connect, stream, exit); peak RSS comes from `/usr/bin/time -v`.
Prints Markdown tables of medians and the targets at the end.

The `ws-echo` workload measures latency instead: Benchmarks/echo_rtt_server.c
sends one 32-byte text frame at a time and times until the client has echoed
it back (sequential round trips); each client runs once per round against a
fresh server, and the table gives the medians over rounds of each run's p50
and p99.

Normally started by Scripts/bench.sh, which builds streamtap first.

    run.py --streamtap .build/release/streamtap --raw-reader PATH --echo-server PATH --raw-echo-client PATH
           [--runs 3] [--only ws-64,sse-16k,ws-echo]
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_TIMEOUT = 180  # seconds, per client run
ECHO_ROUNDS = 5000  # timed round trips per echo run (after 200 untimed ones)
ECHO_SIZE = 32


@dataclass
class Tool:
    name: str
    argv: list  # "{url}" and "{n}" are replaced
    expect: str  # how the verification counts: lines, lines2 (two per event), jsonl, exit
    is_streamtap: bool = False


@dataclass
class Workload:
    key: str
    protocol: str  # ws or sse
    count: int
    size: int
    tools: list = field(default_factory=list)
    socketio: bool = False  # the flood server speaks Socket.IO (sio-64)


def workloads(streamtap: str, python: str, websocat: str, curl: str, raw_reader: str) -> list:
    def py(script):
        return [python, os.path.join(HERE, script)]

    raw_ws = Tool("raw socket (byte count)", [raw_reader, "ws", "{port}", "{n}", "{s}"], "exit")
    raw_sse = Tool("raw socket (byte count)", [raw_reader, "sse", "{port}", "{n}", "{s}"], "exit")
    st_ws = Tool("streamtap cat", [streamtap, "cat", "{url}"], "lines", True)
    st_ws_count = Tool("streamtap cat --count N", [streamtap, "cat", "--count", "{n}", "{url}"], "lines", True)
    st_ws_jsonl = Tool("streamtap cat --jsonl", [streamtap, "cat", "--jsonl", "{url}"], "jsonl", True)
    wsc = Tool("websocat -t -n -U", [websocat, "-t", "-n", "-U", "{url}"], "lines")
    wsp = Tool("python websockets", py("ws_client_websockets.py") + ["{url}"], "lines")
    aio = Tool("python aiohttp", py("ws_client_aiohttp.py") + ["{url}"], "lines")
    st_sse = Tool("streamtap cat --reconnect off", [streamtap, "cat", "--reconnect", "off", "{url}"], "lines2", True)
    st_sse_jsonl = Tool(
        "streamtap cat --jsonl --reconnect off", [streamtap, "cat", "--jsonl", "--reconnect", "off", "{url}"], "jsonl", True
    )
    st_sio = Tool("streamtap cat --lens socket.io", [streamtap, "cat", "--lens", "socket.io", "{url}"], "lines", True)
    # Raw, the open packet and the CONNECT print as two more lines.
    st_sio_raw = Tool("streamtap cat --lens raw", [streamtap, "cat", "--lens", "raw", "{url}"], "lines-2", True)
    crl = Tool("curl -sN", [curl, "-sN", "{url}"], "lines2")
    hxs = Tool("python httpx-sse", py("sse_client_httpx_sse.py") + ["{url}"], "lines2")
    ssc = Tool("python sseclient-py", py("sse_client_sseclient.py") + ["{url}"], "lines2")
    return [
        Workload("ws-64", "ws", 200_000, 64, [raw_ws, st_ws, st_ws_jsonl, st_ws_count, wsc, wsp, aio]),
        Workload("ws-16k", "ws", 20_000, 16384, [raw_ws, st_ws, st_ws_jsonl, st_ws_count, wsc, wsp, aio]),
        Workload("sse-64", "sse", 200_000, 64, [raw_sse, st_sse, st_sse_jsonl, crl, hxs, ssc]),
        Workload("sse-16k", "sse", 20_000, 16384, [raw_sse, st_sse, st_sse_jsonl, crl, hxs, ssc]),
        Workload("sio-64", "ws", 200_000, 64, [st_sio_raw, st_sio], socketio=True),
    ]


def argv_for(tool: Tool, url: str, w: Workload) -> list:
    port = str(urllib.parse.urlsplit(url).port)
    return [
        a.replace("{url}", url).replace("{port}", port).replace("{n}", str(w.count)).replace("{s}", str(w.size))
        for a in tool.argv
    ]


def start_server(w: Workload, python: str) -> tuple:
    script = "ws_flood_server.py" if w.protocol == "ws" else "sse_flood_server.py"
    proc = subprocess.Popen(
        [python, os.path.join(HERE, script), "-n", str(w.count), "-s", str(w.size), "--connections", "1000",
         "--lifetime", "1800"] + (["--socketio"] if w.socketio else []),
        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )
    port = int(proc.stdout.readline())
    scheme = "ws" if w.protocol == "ws" else "http"
    path = "/socket.io/?EIO=4&transport=websocket" if w.socketio else "/"
    return proc, f"{scheme}://127.0.0.1:{port}{path}"


def verify(tool: Tool, argv: list, w: Workload) -> str:
    """Runs the client once, counting what it prints; returns '' or a problem."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = messages = 0
    try:
        for line in proc.stdout:
            lines += 1
            if b'"kind":"message"' in line or b'"kind":"event"' in line:
                messages += 1
        proc.wait(RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        return "timed out"
    err = proc.stderr.read().decode(errors="replace").strip()
    if proc.returncode != 0:
        return f"exit status {proc.returncode}: {err[-300:]}"
    got = {"lines": lines, "lines-2": lines - 2, "lines2": lines // 2, "jsonl": messages, "exit": w.count}[tool.expect]
    if got != w.count:
        return f"received {got} messages, expected {w.count} ({lines} lines)"
    return ""


def timed(argv: list) -> tuple:
    """Wall seconds and peak RSS (KiB) of one run with stdout to /dev/null."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        result = subprocess.run(
            ["/usr/bin/time", "-v", "-o", report.name] + argv,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=RUN_TIMEOUT,
        )
        wall = time.perf_counter() - start
        text = report.read()
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} exited {result.returncode}: {result.stderr.decode(errors='replace')[-300:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return wall, rss


def echo_clients(streamtap: str, websocat: str, raw_echo_client: str) -> list:
    return [
        ("raw socket (echo)", [raw_echo_client, "{port}"]),
        ("streamtap cat --echo", [streamtap, "cat", "--echo", "{url}"]),
        ("websocat -t URL mirror:", [websocat, "-t", "{url}", "mirror:"]),
    ]


def echo_run(server: str, argv: list) -> tuple:
    """One echo run against a fresh timing server: (p50, p99) in µs."""
    proc = subprocess.Popen(
        [server, str(ECHO_ROUNDS), str(ECHO_SIZE), "200"], stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    )
    try:
        port = proc.stdout.readline().strip()
        url = f"ws://127.0.0.1:{port}/"
        client = subprocess.run(
            [a.replace("{url}", url).replace("{port}", port) for a in argv],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=RUN_TIMEOUT,
        )
        line = proc.stdout.readline()
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    found = re.search(r"p50=([\d.]+) p90=[\d.]+ p99=([\d.]+)", line)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"echo server: {line.strip() or proc.returncode}; client: {client.stderr[-300:]!r}")
    return float(found.group(1)), float(found.group(2))


def run_echo(args, runs: int, failures: list) -> None:
    samples = {}
    for run in range(runs):
        for name, argv in echo_clients(args.streamtap, args.websocat, args.raw_echo_client):
            try:
                p50, p99 = echo_run(args.echo_server, argv)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                failures.append(f"ws-echo / {name} run {run + 1}: {error}")
                continue
            samples.setdefault(name, []).append((p50, p99))
            print(f"[ws-echo] run {run + 1} {name}: p50 {p50} µs, p99 {p99} µs", file=sys.stderr)
    print(f"\n### ws-echo: WS round trip, {ECHO_SIZE} B, sequential ({ECHO_ROUNDS:,} per run, median of {runs} runs)\n")
    print("| client | p50 µs | p99 µs | p50 − raw p50 µs |")
    print("| --- | ---: | ---: | ---: |")
    medians = {name: (statistics.median(s[0] for s in v), statistics.median(s[1] for s in v)) for name, v in samples.items()}
    raw = medians.get("raw socket (echo)", (None, None))[0]
    for name, (p50, p99) in medians.items():
        extra = f"{p50 - raw:+.1f}" if raw is not None and not name.startswith("raw") else ""
        print(f"| {name} | {p50:.1f} | {p99:.1f} | {extra} |")
    ours = medians.get("streamtap cat --echo")
    if ours and raw is not None:
        met = "yes" if ours[0] <= raw + 15 else "no"
        print(f"\nTarget: streamtap p50 ≤ raw p50 + 15 µs: {ours[0]:.1f} against {raw + 15:.1f}: {met}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--streamtap", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only", default="", help="comma-separated workload keys (ws-64, ws-16k, sse-64, sse-16k, sio-64, ws-echo)"
    )
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--websocat", default=shutil.which("websocat") or "websocat")
    parser.add_argument("--curl", default=shutil.which("curl") or "curl")
    parser.add_argument("--raw-reader", required=True, help="the compiled Benchmarks/raw_reader.c")
    parser.add_argument("--echo-server", help="the compiled Benchmarks/echo_rtt_server.c (for ws-echo)")
    parser.add_argument("--raw-echo-client", help="the compiled Benchmarks/raw_echo_client.c (for ws-echo)")
    args = parser.parse_args()

    chosen = [k for k in args.only.split(",") if k]
    results = {}
    failures = []
    for w in workloads(args.streamtap, args.python, args.websocat, args.curl, args.raw_reader):
        if chosen and w.key not in chosen:
            continue
        server, url = start_server(w, args.python)
        try:
            usable = []
            for tool in w.tools:
                problem = verify(tool, argv_for(tool, url, w), w)
                if problem:
                    failures.append(f"{w.key} / {tool.name}: {problem}")
                    print(f"[{w.key}] check FAILED {tool.name}: {problem}", file=sys.stderr)
                else:
                    usable.append(tool)
            samples = {tool.name: [] for tool in usable}
            for run in range(args.runs):
                for tool in usable:
                    try:
                        wall, rss = timed(argv_for(tool, url, w))
                    except (RuntimeError, subprocess.TimeoutExpired) as error:
                        failures.append(f"{w.key} / {tool.name} run {run + 1}: {error}")
                        continue
                    samples[tool.name].append((wall, rss))
                    print(f"[{w.key}] run {run + 1} {tool.name}: {wall:.3f} s, {rss} KiB", file=sys.stderr)
            results[w.key] = (w, usable, samples)
        finally:
            server.terminate()
            server.wait(10)

    print_tables(results, args.runs)
    if (not chosen or "ws-echo" in chosen) and args.echo_server and args.raw_echo_client:
        run_echo(args, args.runs, failures)
    if failures:
        print("\nFailures:\n" + "\n".join(f"- {f}" for f in failures))
    return 1 if failures else 0


def print_tables(results: dict, runs: int) -> None:
    medians = {}
    for key, (w, tools, samples) in results.items():
        payload_mb = w.count * w.size / 1e6
        print(f"\n### {key}: {w.protocol.upper()}, {w.count:,} × {w.size} B (median of {runs})\n")
        print("| client | msg/s | MB/s | wall s | peak RSS MiB | streamtap ÷ client |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        rows = {}
        for tool in tools:
            if not samples[tool.name]:
                continue
            wall = statistics.median(s[0] for s in samples[tool.name])
            rss = statistics.median(s[1] for s in samples[tool.name])
            rows[tool.name] = (tool, wall, rss)
        base = next((wall for (tool, wall, _) in rows.values() if tool.is_streamtap), None)
        for name, (tool, wall, rss) in rows.items():
            ratio = f"{wall / base:.2f}×" if base and not tool.is_streamtap else ""
            medians[(key, name)] = w.count / wall
            print(
                f"| {name} | {w.count / wall:,.0f} | {payload_mb / wall:,.1f} | {wall:.3f} | {rss / 1024:.1f} | {ratio} |"
            )
    print_targets(medians)


def print_targets(m: dict) -> None:
    checks = [
        ("WS 64 B: streamtap ≥ 1.5× websocat", ("ws-64", "streamtap cat"), ("ws-64", "websocat -t -n -U"), 1.5),
        ("WS 64 B: streamtap --jsonl ≥ 1,000,000 msg/s", ("ws-64", "streamtap cat --jsonl"), None, 1e6),
        ("WS 16 KiB: streamtap ≥ 4× websocat", ("ws-16k", "streamtap cat"), ("ws-16k", "websocat -t -n -U"), 4),
        ("WS 16 KiB: streamtap ≥ 50 % of raw", ("ws-16k", "streamtap cat"), ("ws-16k", "raw socket (byte count)"), 0.5),
        ("SSE 64 B: streamtap ≥ 5× httpx-sse", ("sse-64", "streamtap cat --reconnect off"), ("sse-64", "python httpx-sse"), 5),
        ("SSE 16 KiB: streamtap ≥ 50 % of curl", ("sse-16k", "streamtap cat --reconnect off"), ("sse-16k", "curl -sN"), 0.5),
        ("Socket.IO 64 B: the lens ≥ 70 % of raw", ("sio-64", "streamtap cat --lens socket.io"), ("sio-64", "streamtap cat --lens raw"), 0.7),
    ]
    print("\n### Targets\n")
    print("| target | measured | met |")
    print("| --- | ---: | :---: |")
    for label, ours, theirs, goal in checks:
        if ours not in m or (theirs and theirs not in m):
            continue
        value = m[ours] / m[theirs] if theirs else m[ours]
        shown = f"{value:.2f}×" if theirs else f"{value:,.0f} msg/s"
        print(f"| {label} | {shown} | {'yes' if value >= goal else 'no'} |")


if __name__ == "__main__":
    sys.exit(main())
