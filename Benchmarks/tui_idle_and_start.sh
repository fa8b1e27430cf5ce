#!/usr/bin/env bash
# TUI figures in a real terminal (tmux, 120x40), against an idle WebSocket
# peer on 127.0.0.1 (Tests/Peers/ws_peer_server.py, /echo: it sends nothing
# unless spoken to):
#   - start → first frame: from launching `streamtap URL` in a fresh tmux
#     window until the pane shows the stream's URL (polled every 2 ms, so
#     the figure includes tmux's own delay);
#   - idle CPU: user + system ticks of the streamtap process from
#     /proc/PID/stat over 10 s, connected, no traffic.
#
# Usage: Benchmarks/tui_idle_and_start.sh STREAMTAP PYTHON [RUNS]
# Needs: tmux; PYTHON with the `websockets` package.
set -euo pipefail
streamtap=$1
python=$2
runs=${3:-5}
here="$(cd "$(dirname "$0")" && pwd)"
peer="$here/../Tests/Peers/ws_peer_server.py"
session="streamtap-tui-bench-$$"
out="$(mktemp)"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; [[ -n "${peer_pid:-}" ]] && kill "$peer_pid" 2>/dev/null; rm -f "$out"' EXIT

"$python" "$peer" 120 > "$out" &
peer_pid=$!
for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.05; done
port=$(head -1 "$out")
url="ws://127.0.0.1:$port/echo"

tmux new-session -d -s "$session" -x 120 -y 40 "sleep 600"
starts=()
for run in $(seq "$runs"); do
    start=$(date +%s%N)
    tmux respawn-pane -k -t "$session" "$streamtap $url"
    while ! tmux capture-pane -p -t "$session" | grep -q "127.0.0.1:$port"; do
        sleep 0.002
        (( $(date +%s%N) - start > 10000000000 )) && { echo "no frame within 10 s" >&2; exit 1; }
    done
    starts+=("$(( ($(date +%s%N) - start) / 1000000 ))")
done
echo "start → first frame (ms, $runs runs): ${starts[*]}"

# The last run stays connected: measure it idle.
sleep 1
pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep 10
after=$(ticks)
echo "idle CPU over 10 s: $(( after - before )) ticks of 1/$hz s = $(awk -v t=$(( after - before )) -v hz="$hz" 'BEGIN { printf "%.2f", t / hz / 10 * 100 }') %"
