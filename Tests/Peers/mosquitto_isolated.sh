#!/usr/bin/env bash
# Runs Debian's mosquitto (MQTT 5.0 over WebSocket) and one streamtap command
# inside a network namespace of their own: mosquitto 2.0's WebSocket
# listener ignores its bind address, and in the namespace the only network
# is loopback. Standard input goes to streamtap; mosquitto is killed after
# 30 s at most.
#
# Usage (as root): unshare --net bash mosquitto_isolated.sh STREAMTAP [ARGS...]
# The broker listens at ws://127.0.0.1:9001/ for the command.
set -euo pipefail
streamtap="$1"
shift
# Descriptors the test runner leaked to us would keep its reader waiting
# for as long as the broker holds them: close all but the standard three.
for descriptor in /proc/$$/fd/*; do
    number=${descriptor##*/}
    if ((number > 2)); then eval "exec $number>&-" 2>/dev/null || true; fi
done
ip link set lo up
config=$(mktemp)
# mosquitto 2.0 starts a WebSocket listener only next to a plain one.
printf 'listener 1883 127.0.0.1\nlistener 9001\nprotocol websockets\nallow_anonymous true\n' > "$config"
mosquitto -c "$config" </dev/null >/dev/null 2>&1 &
broker=$!
# SIGKILL: the signals a runner blocked stay blocked in its children, so
# SIGTERM (and timeout(1)'s alarm) may never arrive.
(sleep 30; kill -9 "$broker" 2>/dev/null) </dev/null >/dev/null 2>&1 &
watchdog=$!
for _ in $(seq 100); do
    (exec 3<>/dev/tcp/127.0.0.1/9001) 2>/dev/null && break
    sleep 0.05
done
status=0
"$streamtap" "$@" || status=$?
kill -9 "$broker" "$watchdog" 2>/dev/null || true
rm -f "$config"
exit "$status"
