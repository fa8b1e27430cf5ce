#!/usr/bin/env bash
# A bounded soak: the TUI (or `cat`) on the demo server's fast ticker (one
# message per millisecond) or on a flood (64 B WebSocket messages as fast as
# the client takes them, from Benchmarks/ws_flood_server.py) for N minutes,
# printing the client's resident memory every 10 s. Memory should level off
# once the event log is full.
# Usage: Scripts/soak.sh [--minutes N] [--mode tui|cat] [--source ticker|flood]
#                        [--build-path DIR]
#   (default 2 minutes, at most 120, on the ticker; tui needs tmux; the
#   binary is built in debug unless --build-path names a folder that already
#   has it)
set -euo pipefail
cd "$(dirname "$0")/.."

minutes=2
mode=tui
source=ticker
build_path=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --mode) mode="$2"; shift 2 ;;
        --source) source="$2"; shift 2 ;;
        --build-path) build_path="$2"; shift 2 ;;
        -h|--help) sed -n 2,11p "$0"; exit 0 ;;
        *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ "$minutes" =~ ^[0-9]+$ && "$minutes" -ge 1 && "$minutes" -le 120 ]] ||
    { echo "--minutes must be a whole number from 1 to 120" >&2; exit 2; }
[[ "$mode" == tui || "$mode" == cat ]] || { echo "--mode must be tui or cat" >&2; exit 2; }
[[ "$source" == ticker || "$source" == flood ]] || { echo "--source must be ticker or flood" >&2; exit 2; }
if [[ -z "$build_path" ]]; then
    swift build --product streamtap >/dev/null
    build_path=$(swift build --show-bin-path)
fi
binary="$build_path/streamtap"
[[ -x "$binary" ]] || { echo "no streamtap in $build_path" >&2; exit 2; }

work=$(mktemp -d)
session="streamtap-soak-$$"
server_pid=""
cleanup() {
    [[ "$mode" == tui ]] && tmux kill-session -t "$session" 2>/dev/null || true
    [[ -n "${client_pid:-}" ]] && kill "$client_pid" 2>/dev/null || true
    [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [[ "$source" == ticker ]]; then
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$binary" serve --port "$port" >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 50); do grep -q "demo server on" "$work/server.log" 2>/dev/null && break; sleep 0.2; done
    url="ws://127.0.0.1:$port/ws/ticker?interval=1"
else
    python3 Benchmarks/ws_flood_server.py --count 100000000000 --size 64 --connections 1 \
        --lifetime $((minutes * 60 + 60)) >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 50); do [[ -s "$work/server.log" ]] && break; sleep 0.2; done
    url="ws://127.0.0.1:$(head -1 "$work/server.log")/"
fi

if [[ "$mode" == tui ]]; then
    tmux new-session -d -s "$session" -x 120 -y 40 "TERM=xterm-256color exec '$binary' '$url'"
    client_pid=$(tmux list-panes -t "$session" -F '#{pane_pid}')
else
    "$binary" cat --jsonl "$url" >/dev/null 2>"$work/cat.err" &
    client_pid=$!
fi

echo "soak: $mode on $url for $minutes min (client pid $client_pid)"
echo "elapsed_s rss_mib"
end=$((SECONDS + minutes * 60))
first=""
last=""
while [[ $SECONDS -le $end ]]; do
    rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$client_pid/status" 2>/dev/null || true)
    if [[ -z "$rss_kib" ]]; then
        echo "soak: the client exited early" >&2
        [[ -f "$work/cat.err" ]] && cat "$work/cat.err" >&2
        exit 1
    fi
    mib=$(awk -v k="$rss_kib" 'BEGIN { printf "%.1f", k / 1024 }')
    printf '%9d %7s\n' $((SECONDS - end + minutes * 60)) "$mib"
    [[ -z "$first" ]] && first=$mib
    last=$mib
    [[ $SECONDS -ge $end ]] && break
    sleep 10
done
echo "soak: RSS ${first} MiB at start, ${last} MiB at the end"
