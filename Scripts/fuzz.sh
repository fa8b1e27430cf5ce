#!/usr/bin/env bash
# Runs the libFuzzer targets in Fuzz/ for a bounded time each.
# Usage: Scripts/fuzz.sh [--seconds N] [target...]   (default: 60 s, every target)
#
# Each target is one harness file, Fuzz/<target>.swift, compiled with
# Fuzz/FuzzSupport.swift and every StreamTapCore source (Core has no
# dependencies) under libFuzzer and AddressSanitizer. Corpora live in
# .build/fuzz/<target>/corpus, seeded from Fuzz/Seeds/<target>/. Prints
# executions, exec/s and coverage per target; exits non-zero when a target
# finds a crash, whose input is kept in .build/fuzz/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        -h|--help) sed -n 2,10p "$0"; exit 0 ;;
        *) targets+=("$1"); shift ;;
    esac
done
if [[ ${#targets[@]} -eq 0 ]]; then
    for harness in Fuzz/*.swift; do
        name=$(basename "$harness" .swift)
        [[ "$name" == "FuzzSupport" ]] || targets+=("$name")
    done
fi

mapfile -t core_sources < <(find Sources/StreamTapCore -name '*.swift' | sort)
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
failed=()
summary=()
for target in "${targets[@]}"; do
    harness="Fuzz/$target.swift"
    [[ -f "$harness" ]] || { echo "no harness $harness" >&2; exit 2; }
    work=".build/fuzz/$target"
    mkdir -p "$work/corpus"
    sources=(Fuzz/FuzzSupport.swift "$harness" "${core_sources[@]}")
    if [[ ! -x "$work/fuzzer" || -n "$(find "${sources[@]}" -newer "$work/fuzzer" | head -1)" ]]; then
        echo "==> fuzz $target: build"
        # The linker's "Cannot export local symbol '__asan_...'" notes are noise.
        if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name FuzzTarget \
            -o "$work/fuzzer" "${sources[@]}" >"$work/build.txt" 2>&1; then
            grep -v 'Cannot export local symbol' "$work/build.txt" >&2
            exit 2
        fi
    fi
    seeds=()
    [[ -d "Fuzz/Seeds/$target" ]] && seeds+=("$PWD/Fuzz/Seeds/$target")
    echo "==> fuzz $target: run ${seconds}s"
    status=0
    # Session files are documents: let inputs grow to the size of the HAR
    # seeds; the other targets work on reads and lines.
    max_len=1024
    [[ "$target" == session-files ]] && max_len=8192
    (cd "$work" && ./fuzzer -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 corpus "${seeds[@]}" >log.txt 2>&1) || status=$?
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/log.txt" | tail -1 || true)
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$work/log.txt" | grep -Eo '[0-9]+$' || echo "?")
    rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$work/log.txt" | grep -Eo '[0-9]+$' || echo "?")
    cov=$(grep -Eo 'cov: [0-9]+' <<<"$done_line" | grep -Eo '[0-9]+' || echo "?")
    ft=$(grep -Eo 'ft: [0-9]+' <<<"$done_line" | grep -Eo '[0-9]+' || echo "?")
    corpus=$(find "$work/corpus" -type f | wc -l)
    line="$target: ${runs} executions, ${rate} exec/s, cov ${cov}, ft ${ft}, corpus ${corpus}, ${seconds}s"
    if [[ $status -ne 0 ]]; then
        line="$line — CRASH (exit $status), see $work/log.txt and $work/crash-*"
        grep -E 'fuzz property failed|Fatal error|ERROR: AddressSanitizer|deadly signal' "$work/log.txt" | head -5 || true
        failed+=("$target")
    fi
    summary+=("$line")
done
echo "==> fuzz summary"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz: crashes in ${failed[*]}" >&2
    exit 1
fi
