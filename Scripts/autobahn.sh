#!/usr/bin/env bash
# WebSocket conformance: runs the Autobahn|Testsuite fuzzing server on
# 127.0.0.1 and drives `streamtap cat --echo` through every case, then prints
# the verdict counts. Exits non-zero if any case is FAILED or UNIMPLEMENTED.
#
# Usage: Scripts/autobahn.sh [--quick] [--build-path DIR]
#   --quick   only the cases without compression (1.* to 10.*; 301 cases)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
build_path=".build/release"
while (($#)); do
    case "$1" in
        --quick) quick=1 ;;
        --build-path) build_path="$2"; shift ;;
        *) echo "usage: $0 [--quick] [--build-path DIR]" >&2; exit 2 ;;
    esac
    shift
done

peers=".peers/autobahn"
port="${AUTOBAHN_PORT:-9001}"
agent="streamtap"
mkdir -p "$peers"

if [[ ! -x "$peers/py27/bin/wstest" && ! -f "$peers/py27/.ready" ]]; then
    echo "==> installing the Autobahn|Testsuite fuzzing server (Python 2.7)"
    python27="$(pyenv root 2>/dev/null)/versions/2.7.18/bin/python"
    [[ -x "$python27" ]] || python27="$(command -v python2.7 || true)"
    [[ -x "$python27" ]] || { echo "error: Python 2.7 is needed for Autobahn|Testsuite" >&2; exit 1; }
    python3 -m venv "$peers/tools"
    "$peers/tools/bin/pip" install --quiet --disable-pip-version-check 'virtualenv<20.22'
    "$peers/tools/bin/virtualenv" --quiet -p "$python27" "$peers/py27"
    "$peers/py27/bin/pip" install --quiet --disable-pip-version-check -r Tests/Peers/autobahn/requirements-py27.txt
    touch "$peers/py27/.ready"
fi

if [[ "$build_path" == ".build/release" ]]; then
    echo "==> building streamtap (release)"
    swift build -c release --product streamtap 2>&1 | tail -1
fi
streamtap="$build_path/streamtap"

work=$(mktemp -d)
if ((quick)); then exclude='["12.*", "13.*"]'; else exclude='[]'; fi
cat > "$work/spec.json" <<SPEC
{"url": "ws://127.0.0.1:$port", "outdir": "$work/reports", "cases": ["*"], "exclude-cases": $exclude, "exclude-agent-cases": {}}
SPEC

echo "==> starting the fuzzing server on 127.0.0.1:$port"
(cd "$work" && exec "$OLDPWD/$peers/py27/bin/python" "$OLDPWD/Tests/Peers/autobahn/wstest_loopback.py" \
    -m fuzzingserver -s spec.json -u 0 > "$work/server.log" 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    if "$streamtap" cat --count 1 --max-time 2 "ws://127.0.0.1:$port/getCaseCount" > "$work/count" 2>/dev/null; then break; fi
    sleep 0.2
done
cases=$(cat "$work/count")
[[ "$cases" =~ ^[0-9]+$ ]] || { echo "error: the fuzzing server did not start" >&2; cat "$work/server.log" >&2; exit 1; }
echo "==> running $cases cases"
start=$(date +%s)
for ((case = 1; case <= cases; case++)); do
    "$streamtap" cat --echo --max-time 120 --connect-timeout 5 \
        "ws://127.0.0.1:$port/runCase?case=$case&agent=$agent" < /dev/null > /dev/null 2>&1 || true
done
"$streamtap" cat --max-time 30 "ws://127.0.0.1:$port/updateReports?agent=$agent" < /dev/null > /dev/null 2>&1 || true
echo "==> $cases cases in $(( $(date +%s) - start )) s"

python3 - "$work/reports/index.json" "$agent" <<'PY'
import json, sys, collections
report = json.load(open(sys.argv[1]))[sys.argv[2]]
counts = collections.Counter()
bad = []
for case, result in sorted(report.items(), key=lambda kv: [int(p) for p in kv[0].split(".")]):
    counts[result["behavior"]] += 1
    if result["behavior"] in ("FAILED", "UNIMPLEMENTED") or result["behaviorClose"] in ("FAILED", "UNIMPLEMENTED"):
        bad.append((case, result["behavior"], result["behaviorClose"]))
total = sum(counts.values())
order = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"]
print("autobahn: %d cases: " % total + ", ".join("%s %d" % (k, counts.get(k, 0)) for k in order))
for case, behavior, close in bad:
    print("  case %s: %s (close: %s)" % (case, behavior, close))
print("autobahn: %d passed, %d failed" % (total - len(bad), len(bad)))
sys.exit(1 if bad else 0)
PY
