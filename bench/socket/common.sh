#!/usr/bin/env bash
# Shared by the socket benchmarks (sourced, not run): h2load runs against a server process,
# the server's CPU per request from /proc/<pid>/stat, interleaved rounds, medians and ratios.
#
# Settings (environment): CLIENTS (h2load -c, default 8), STREAMS (-m, default 32).
clients=${CLIENTS:-8}; streams=${STREAMS:-32}
command -v h2load >/dev/null || { echo "needs h2load (apt-get install nghttp2-client)"; exit 1; }
ticks=$(getconf CLK_TCK)

# cpu PID -> utime + stime of the process, in clock ticks (all its threads).
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wait_for URL: up to 10 s for the server to answer (prior knowledge).
wait_for() {
  for _ in $(seq 1 100); do curl -s --http2-prior-knowledge "$1" -o /dev/null && return 0; sleep 0.1; done
  echo "no answer from $1"; exit 1
}

# run PID URL N -> prints "req/s us_cpu_per_request failed"
run() {
  local pid=$1 url=$2 n=$3 before after out rps failed
  before=$(cpu "$pid")
  out=$(h2load -n "$n" -c "$clients" -m "$streams" "$url" 2>&1)
  after=$(cpu "$pid")
  rps=$(echo "$out" | awk '/^finished in/ {print $4}')
  failed=$(echo "$out" | awk '/^requests:/ {print $10}')
  awk -v r="$rps" -v t=$((after - before)) -v hz="$ticks" -v n="$n" -v f="$failed" \
    'BEGIN { printf "%.0f %.2f %s\n", r, t * 1e6 / hz / n, f }'
}

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# compare ROUNDS N GOAL NAME_A PID_A URL_A NAME_B PID_B URL_B
# Two unmeasured warm-up runs each, then ROUNDS rounds of A then B (B then A on even rounds, so
# neither always runs first); prints each run, the medians and the ratios A/B.
compare() {
  local rounds=$1 n=$2 goal=$3 na=$4 pa=$5 ua=$6 nb=$7 pb=$8 ub=$9 r a b c
  for _ in 1 2; do run "$pa" "$ua" "$n" >/dev/null; run "$pb" "$ub" "$n" >/dev/null; done
  printf '%-6s %-10s %12s %14s %7s\n' round server req/s us-cpu/req failed
  local ar=() ac=() br=() bc=()
  for r in $(seq 1 "$rounds"); do
    for side in $([ $((r % 2)) -eq 1 ] && echo A B || echo B A); do
      if [ "$side" = A ]; then
        read -r a b c < <(run "$pa" "$ua" "$n"); ar+=("$a"); ac+=("$b")
        printf '%-6s %-10s %12s %14s %7s\n' "$r" "$na" "$a" "$b" "$c"
      else
        read -r a b c < <(run "$pb" "$ub" "$n"); br+=("$a"); bc+=("$b")
        printf '%-6s %-10s %12s %14s %7s\n' "$r" "$nb" "$a" "$b" "$c"
      fi
    done
  done
  local mar mac mbr mbc
  mar=$(median "${ar[@]}"); mac=$(median "${ac[@]}"); mbr=$(median "${br[@]}"); mbc=$(median "${bc[@]}")
  echo "median  $na $mar req/s, $mac us CPU/request; $nb $mbr req/s, $mbc us CPU/request"
  awk -v ar="$mar" -v br="$mbr" -v ac="$mac" -v bc="$mbc" -v na="$na" -v nb="$nb" -v goal="$goal" \
    'BEGIN { printf "ratio   %s/%s req/s %.2fx, CPU/request %.2fx (goal: %s)\n", na, nb, ar / br, ac / bc, goal }'
  # Allocation per request, one more run each, for the sides that are .NET (ALLOC_A/ALLOC_B=1).
  if [ "${ALLOC_A:-0}" = 1 ] || [ "${ALLOC_B:-0}" = 1 ]; then
    local aa=n/a ab=n/a
    [ "${ALLOC_A:-0}" = 1 ] && aa=$(alloc "$pa" "$ua" "$n")
    [ "${ALLOC_B:-0}" = 1 ] && ab=$(alloc "$pb" "$ub" "$n")
    echo "alloc   $na $aa bytes/request; $nb $ab bytes/request (dotnet.gc.heap.total_allocated over one run)"
  fi
  echo "machine $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "h2load -c $clients -m $streams -n $n, $(date -u '+%Y-%m-%d %H:%M UTC'), .NET SDK $(dotnet --version)"
}

# alloc PID URL N -> bytes the .NET server allocated per request over one h2load run, from the
# runtime's dotnet.gc.heap.total_allocated counter (prints n/a without dotnet-counters: dotnet tool
# install -g dotnet-counters). The counter session runs ALLOC_SECONDS (default 25) and the run
# starts 5 s into it; the session's own idle rate (its lowest interval) is taken off every interval.
alloc() {
  local pid=$1 url=$2 n=$3 secs=${ALLOC_SECONDS:-25} csv start took
  command -v dotnet-counters >/dev/null || { echo n/a; return; }
  csv=$(mktemp -u /tmp/socketbench.XXXXXX).csv
  dotnet-counters collect -p "$pid" --counters 'System.Runtime[dotnet.gc.heap.total_allocated]' \
    --refresh-interval 1 --format csv -o "$csv" --duration "00:00:00:$secs" </dev/null >/dev/null 2>&1 & local cpid=$!
  sleep 5
  start=$(date +%s)
  h2load -n "$n" -c "$clients" -m "$streams" "$url" >/dev/null 2>&1
  took=$(( $(date +%s) - start ))
  wait "$cpid" 2>/dev/null || true
  if [ "$took" -gt $((secs - 7)) ] || [ ! -f "$csv" ]; then echo "n/a (raise ALLOC_SECONDS)"; rm -f "$csv"; return; fi
  awk -F, -v n="$n" '/total_allocated/ {v[++c] = $5; if (c == 1 || $5 < low) low = $5}
    END {for (i = 1; i <= c; i++) s += v[i] - low; printf "%.0f\n", s / n}' "$csv"
  rm -f "$csv"
}
