#!/usr/bin/env bash
# Socket benchmark: samples/AspNetCoreServer on H2Sharp and on Kestrel (same app, same handlers),
# driven by h2load over loopback in interleaved rounds. Prints req/s and server CPU per request
# (user+system time of the server process during the run) for each, and the ratios.
#
#   bench/socket/aspnetcore-vs-kestrel.sh [ROUNDS] [REQUESTS] [PATH]
#   defaults: 5 rounds of 200000 requests to /, h2load -c 8 -m 32 (the issue's goal setting)
#
# Both servers run for the whole benchmark (the idle one costs nothing); each round runs H2Sharp
# then Kestrel, after one unmeasured warm-up run each, so machine noise falls on both alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-5}; requests=${2:-200000}; path=${3:-/}
clients=${CLIENTS:-8}; streams=${STREAMS:-32}
h2port=${H2PORT:-18443}; kport=${KPORT:-18444}
command -v h2load >/dev/null || { echo "needs h2load (apt-get install nghttp2-client)"; exit 1; }

dotnet build samples/AspNetCoreServer -c Release -v q -nologo >/dev/null
dll=samples/AspNetCoreServer/bin/Release/net10.0/AspNetCoreServer.dll
export DOTNET_TieredPGO=1 DOTNET_gcServer=0
dotnet "$dll" --h2c "$h2port" >/dev/null 2>&1 & h2pid=$!
dotnet "$dll" --kestrel --h2c "$kport" >/dev/null 2>&1 & kpid=$!
trap 'kill $h2pid $kpid 2>/dev/null || true' EXIT
for port in "$h2port" "$kport"; do
  for _ in $(seq 1 100); do curl -s --http2-prior-knowledge "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
done

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, in clock ticks

# run PID PORT N -> prints "req/s us_cpu_per_request failed"
run() {
  local pid=$1 port=$2 n=$3 before after out
  before=$(cpu "$pid")
  out=$(h2load -n "$n" -c "$clients" -m "$streams" "http://127.0.0.1:$port$path" 2>&1)
  after=$(cpu "$pid")
  local rps failed
  rps=$(echo "$out" | awk '/^finished in/ {print $4}')
  failed=$(echo "$out" | awk '/^requests:/ {print $10}')
  awk -v r="$rps" -v t=$((after - before)) -v hz="$ticks" -v n="$n" -v f="$failed" \
    'BEGIN { printf "%.0f %.2f %s\n", r, t * 1e6 / hz / n, f }'
}

for _ in 1 2; do run $h2pid $h2port "$requests" >/dev/null; run $kpid $kport "$requests" >/dev/null; done   # warm-up (JIT, tiering)
printf '%-6s %-8s %12s %14s %7s\n' round server req/s us-cpu/req failed
h2_rps=(); h2_cpu=(); k_rps=(); k_cpu=()
for r in $(seq 1 "$rounds"); do
  read -r a b c < <(run $h2pid $h2port "$requests"); h2_rps+=("$a"); h2_cpu+=("$b")
  printf '%-6s %-8s %12s %14s %7s\n' "$r" H2Sharp "$a" "$b" "$c"
  read -r a b c < <(run $kpid $kport "$requests"); k_rps+=("$a"); k_cpu+=("$b")
  printf '%-6s %-8s %12s %14s %7s\n' "$r" Kestrel "$a" "$b" "$c"
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
hr=$(median "${h2_rps[@]}"); hc=$(median "${h2_cpu[@]}"); kr=$(median "${k_rps[@]}"); kc=$(median "${k_cpu[@]}")
echo "median  H2Sharp $hr req/s, $hc us CPU/request; Kestrel $kr req/s, $kc us CPU/request"
awk -v hr="$hr" -v kr="$kr" -v hc="$hc" -v kc="$kc" \
  'BEGIN { printf "ratio   H2Sharp/Kestrel req/s %.2fx, CPU/request %.2fx (goal: >= 1.5x req/s at <= 1.0x CPU)\n", hr / kr, hc / kc }'
echo "machine $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), h2load -c $clients -m $streams -n $requests $path, $(dotnet --version) SDK"
