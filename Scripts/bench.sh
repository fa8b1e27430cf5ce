#!/usr/bin/env bash
# Throughput benchmarks: `streamtap cat` (release build, Swift runtime
# linked statically) against peer clients on flood servers
# (127.0.0.1 only). Builds streamtap in release, prepares the peers (a Python
# venv in .build/bench-venv with websocat, websockets, aiohttp, httpx-sse and
# sseclient-py), then runs Benchmarks/run.py and prints Markdown tables of
# medians. See BENCHMARKS.md.
#
# Usage: Scripts/bench.sh [--runs N] [--only ws-64,ws-16k,sse-64,sse-16k,sio-64,ws-echo]
# Needs: Swift 6, python3 with venv, a C compiler (cc), curl, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in python3 curl cc; do
    command -v "$tool" > /dev/null || { echo "bench: $tool is needed" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; }

venv=".build/bench-venv"
requirements="Benchmarks/requirements.txt"
stamp="$venv/.requirements.sha"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    echo "==> preparing benchmark peers in $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" > "$stamp"
fi

# The standalone binary the README installs: the Swift runtime linked in,
# which saves the dynamic linking of libswiftCore and Foundation at start.
echo "==> swift build -c release --static-swift-stdlib --product streamtap" >&2
swift build -c release --static-swift-stdlib --product streamtap >&2
bin="$(swift build -c release --show-bin-path)/streamtap"
mkdir -p .build/bench
cc -O2 -o .build/bench/raw_reader Benchmarks/raw_reader.c
cc -O2 -o .build/bench/echo_rtt_server Benchmarks/echo_rtt_server.c
cc -O2 -o .build/bench/raw_echo_client Benchmarks/raw_echo_client.c

echo "## Machine"
echo
echo "- $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(uname -sr); $(swift --version 2>&1 | head -1)"
echo "- websocat $("$venv/bin/websocat" --version | cut -d' ' -f2), $(curl --version | head -1 | cut -d' ' -f1-2), Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())')"
"$venv/bin/python" Benchmarks/run.py --streamtap "$bin" --python "$venv/bin/python" \
    --websocat "$venv/bin/websocat" --curl "$(command -v curl)" --raw-reader .build/bench/raw_reader \
    --echo-server .build/bench/echo_rtt_server --raw-echo-client .build/bench/raw_echo_client "$@"
