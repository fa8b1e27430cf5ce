#!/usr/bin/env bash
# The test command: prepares the third-party test peers (a Python venv on
# this machine), then runs every Swift test. Usage: Scripts/test.sh [swift test args]
#
# Tests that need a peer find it through STREAMTAP_PEER_PYTHON. Under CI=true
# a missing peer fails the test instead of skipping it.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=".venv"
requirements="Tests/Peers/requirements.txt"
stamp="$venv/.requirements.sha"
wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    echo "==> preparing test peers in $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" > "$stamp"
fi
export STREAMTAP_PEER_PYTHON="$PWD/$venv/bin/python"

# The MQTT broker (amqtt) pins an older websockets: a venv of its own.
mqtt_venv=".venv-mqtt"
mqtt_requirements="Tests/Peers/requirements-mqtt.txt"
mqtt_wanted=$(sha256sum "$mqtt_requirements" | cut -d' ' -f1)
if [[ ! -x "$mqtt_venv/bin/python" || "$(cat "$mqtt_venv/.requirements.sha" 2>/dev/null)" != "$mqtt_wanted" ]]; then
    echo "==> preparing the MQTT broker in $mqtt_venv"
    python3 -m venv "$mqtt_venv"
    "$mqtt_venv/bin/pip" install --quiet --disable-pip-version-check -r "$mqtt_requirements"
    echo "$mqtt_wanted" > "$mqtt_venv/.requirements.sha"
fi
export STREAMTAP_MQTT_PYTHON="$PWD/$mqtt_venv/bin/python"

# Conformance: the Autobahn|Testsuite fuzzing server drives `streamtap cat
# --echo`. STREAMTAP_AUTOBAHN=full (default under CI: all 517 cases), quick
# (default elsewhere: the 301 cases without compression) or off.
autobahn="${STREAMTAP_AUTOBAHN:-$([[ "${CI:-}" == "true" ]] && echo full || echo quick)}"
if [[ "$autobahn" != "off" ]]; then
    echo "==> build"
    swift build --build-tests
    echo "==> Autobahn|Testsuite ($autobahn)"
    flags=(--build-path .build/debug)
    [[ "$autobahn" == "quick" ]] && flags+=(--quick)
    Scripts/autobahn.sh "${flags[@]}"
fi

# Fuzzing: a short run of every libFuzzer target in Fuzz/ (Scripts/fuzz.sh),
# by default under CI only; STREAMTAP_FUZZ=off skips it, =on runs it anywhere.
fuzz="${STREAMTAP_FUZZ:-$([[ "${CI:-}" == "true" ]] && echo on || echo off)}"
if [[ "$fuzz" != "off" ]]; then
    echo "==> fuzz (${STREAMTAP_FUZZ_SECONDS:-20} s per target)"
    Scripts/fuzz.sh --seconds "${STREAMTAP_FUZZ_SECONDS:-20}"
fi

# Serially: the network tests each drive real connections whose work runs on
# the shared concurrency pool, which has one thread per core; in parallel on
# a 2-core machine, tests that wait on terminals or processes can starve it.
echo "==> swift test"
swift test --no-parallel "$@"
