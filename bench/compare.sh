#!/usr/bin/env bash
# Every ratio of H2Sharp against nghttp2 in one interleaved run (docs/performance.md).
# Builds the runner and bench/anchors/nghttp2_bench, then runs ROUNDS rounds; each round
# runs every workload on both stacks back to back (the order flips every round), and prints
# H2Sharp / nghttp2 of the cpu-time medians. The last table gives each ratio's median over
# the rounds. Needs libnghttp2-dev and libcjson-dev (apt).
#
#   bench/compare.sh                 # W1 W2 W3 W4 W4K1 W5, 3 rounds
#   ROUNDS=5 bench/compare.sh W1 W5  # some workloads (W4K1 = W4 with W4_BATCHES=1)
#
# Knobs: ROUNDS=3, BENCH_RUNS=3, BENCH_MIN_S=1.0, BENCH_WARMUP_S=0.5 (exported to both
# harnesses), HPACK_DIR, NO_BUILD=1 to skip the builds. Output is also kept in $OUT_DIR
# (default a fresh temp dir). A failed check in either harness stops the run (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
ROUNDS=${ROUNDS:-3}
export BENCH_RUNS=${BENCH_RUNS:-3} BENCH_MIN_S=${BENCH_MIN_S:-1.0} BENCH_WARMUP_S=${BENCH_WARMUP_S:-0.5}
export HPACK_DIR=${HPACK_DIR:-$root/../shared/testdata/hpack-test-case/raw-data}
[ -d "$HPACK_DIR" ] || HPACK_DIR=/work/shared/testdata/hpack-test-case/raw-data
export DOTNET_gcServer=0 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(W1 W2 W3 W4 W4K1 W5)
OUT_DIR=${OUT_DIR:-$(mktemp -d /tmp/h2sharp-compare.XXXXXX)}
mkdir -p "$OUT_DIR"

if [ "${NO_BUILD:-0}" != 1 ]; then
  make -s -C bench/anchors >/dev/null
  dotnet build bench/H2Sharp.Benchmarks -c Release -v q -nologo >/dev/null
fi
runner="dotnet $root/bench/H2Sharp.Benchmarks/bin/Release/net10.0/H2Sharp.Benchmarks.dll"
anchor="$root/bench/anchors/nghttp2_bench"

run() { # stack workload round
  local stack=$1 w=$2 r=$3 name=$2 env=()
  if [ "$w" = W4K1 ]; then name=W4; env=(W4_BATCHES=1); fi
  local out="$OUT_DIR/r$r-$w-$stack.txt"
  if [ "$stack" = nghttp2 ]; then
    env "${env[@]}" "$anchor" "$name" >"$out" 2>/dev/null || { echo "FAIL: nghttp2 $w"; cat "$out"; exit 1; }
  else
    env "${env[@]}" $runner "$name" >"$out" 2>/dev/null || { echo "FAIL: H2Sharp $w"; cat "$out"; exit 1; }
  fi
}

echo "compare: ${workloads[*]}, $ROUNDS rounds, BENCH_RUNS=$BENCH_RUNS BENCH_MIN_S=$BENCH_MIN_S; $(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg); output in $OUT_DIR"
for r in $(seq 1 "$ROUNDS"); do
  for w in "${workloads[@]}"; do
    if [ $((r % 2)) -eq 1 ]; then run nghttp2 "$w" "$r"; run h2sharp "$w" "$r"; else run h2sharp "$w" "$r"; run nghttp2 "$w" "$r"; fi
  done
  echo "round $r done $(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg)"
done

python3 - "$OUT_DIR" "$ROUNDS" "${workloads[@]}" <<'PY'
import re, sys, statistics
out, rounds, workloads = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pat = re.compile(r'((?:W\d )?[A-Za-z0-9 ]+?/s): ([0-9.]+) \[[^\]]*cpu-time median ([0-9.]+)\]')
def read(path, w):
    figures = {}
    for line in open(path):
        for label, wall, cpu in pat.findall(line):
            label = label.strip()
            if label.startswith('decode'):
                label = 'W3 ' + label
            if w == 'W4K1':
                label = label.replace('W4 MiB/s', 'W4 MiB/s (K=1)')
            figures[label] = float(cpu)
    return figures
rows = {}
for w in workloads:
    for r in range(1, rounds + 1):
        a = read(f'{out}/r{r}-{w}-h2sharp.txt', w)
        b = read(f'{out}/r{r}-{w}-nghttp2.txt', w)
        for label in a:
            if label in b:
                rows.setdefault(label, []).append((a[label], b[label]))
print()
print('| workload (cpu-time) | H2Sharp median | nghttp2 median | ratio per round | median ratio |')
print('| --- | --- | --- | --- | --- |')
for label, pairs in rows.items():
    ratios = [x / y for x, y in pairs]
    print(f'| {label} | {statistics.median(x for x, _ in pairs):,.0f} | {statistics.median(y for _, y in pairs):,.0f} | '
          + ' '.join(f'{q:.2f}' for q in ratios) + f' | **{statistics.median(ratios):.2f}** |')
for w in workloads:
    for line in open(f'{out}/r{rounds}-{w}-h2sharp.txt'):
        if 'allocated' in line:
            print('H2Sharp', w, ':', line.strip())
PY
