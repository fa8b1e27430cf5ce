#!/usr/bin/env bash
# The memory of the real TUI holding a full event log: `streamtap` in tmux
# (120x40) on the WebSocket flood server (127.0.0.1), which sends COUNT text
# messages of SIZE bytes and closes with 1000. The TUI keeps every frame
# and every message as an event, so COUNT messages are 2 × COUNT events,
# and the log keeps at most 1,000,000 of them. Once the pane shows the close
# it prints the process's resident and peak memory from /proc, and how
# long the flood took to be taken in.
#
# Usage: Benchmarks/tui_retained_memory.sh STREAMTAP PYTHON [COUNT] [SIZE]
#   (default 500,000 messages of 64 bytes: 1,000,000 events)
# Needs: tmux.
set -euo pipefail
streamtap=$1
python=$2
count=${3:-500000}
size=${4:-64}
here="$(cd "$(dirname "$0")" && pwd)"
session="streamtap-memory-bench-$$"
out="$(mktemp)"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null; rm -f "$out"' EXIT

"$python" "$here/ws_flood_server.py" --count "$count" --size "$size" --connections 1 --lifetime 300 > "$out" &
server_pid=$!
for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.05; done
port=$(head -1 "$out")

start=$(date +%s%N)
tmux new-session -d -s "$session" -x 120 -y 40 "TERM=xterm-256color exec env ${STREAMTAP_ENV:-} $streamtap --reconnect off ws://127.0.0.1:$port/"
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
until tmux capture-pane -p -t "$session" | grep -q "closed 1000"; do
    sleep 0.05
    (( $(date +%s%N) - start > 240000000000 )) && { echo "no close within 240 s" >&2; exit 1; }
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
field() { awk -v name="$1" '$1 == name { printf "%.0f", $2 / 1024 }' "/proc/$pid/status"; }
echo "$count messages of $size B ($(( 2 * count )) events) taken in and drawn in $elapsed_ms ms"
echo "pane: $(tmux capture-pane -p -t "$session" | grep -o 'following.*dropped [0-9,]*' | tr -s ' ')"
echo "resident $(field VmRSS:) MiB, peak $(field VmHWM:) MiB"
