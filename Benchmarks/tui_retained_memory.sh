#!/usr/bin/env bash
# The memory of the real TUI holding a full event log: `streamtap` in tmux
# (120x40) on a flood server (127.0.0.1) that sends COUNT messages of SIZE
# bytes and closes: WebSocket text frames (then close 1000), or SSE events
# (then the end of the body). Over WebSocket the TUI keeps every frame and
# every message as an event, so COUNT messages are 2 × COUNT events; over
# SSE each event is one (plus one per socket read). The log keeps at most
# 1,000,000. Once the pane shows the close it prints the process's resident
# and peak memory from /proc, and how long the flood took to be taken in.
#
# Usage: Benchmarks/tui_retained_memory.sh STREAMTAP PYTHON [COUNT] [SIZE] [ws|sse]
#   (default 500,000 WebSocket messages of 64 bytes: 1,000,000 events)
# Needs: tmux.
set -euo pipefail
streamtap=$1
python=$2
count=${3:-500000}
size=${4:-64}
protocol=${5:-ws}
here="$(cd "$(dirname "$0")" && pwd)"
session="streamtap-memory-bench-$$"
out="$(mktemp)"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null; rm -f "$out"' EXIT

case "$protocol" in
    ws) server="$here/ws_flood_server.py"; scheme=ws; events=$(( 2 * count )) ;;
    sse) server="$here/sse_flood_server.py"; scheme=http; events=$count ;;
    *) echo "the protocol is ws or sse" >&2; exit 2 ;;
esac
"$python" "$server" --count "$count" --size "$size" --connections 1 --lifetime 300 > "$out" &
server_pid=$!
for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.05; done
port=$(head -1 "$out")

start=$(date +%s%N)
tmux new-session -d -s "$session" -x 120 -y 40 "TERM=xterm-256color exec env ${STREAMTAP_ENV:-} $streamtap --reconnect off $scheme://127.0.0.1:$port/"
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
until tmux capture-pane -p -t "$session" | grep -q "closed 1000"; do
    sleep 0.05
    (( $(date +%s%N) - start > 240000000000 )) && { echo "no close within 240 s" >&2; exit 1; }
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
field() { awk -v name="$1" '$1 == name { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
echo "$count $protocol messages of $size B (about $events events) taken in and drawn in $elapsed_ms ms"
echo "pane: $(tmux capture-pane -p -t "$session" | grep -o 'following.*dropped [0-9,]*' | tr -s ' ')"
echo "resident $(field VmRSS:) MiB, peak $(field VmHWM:) MiB"
