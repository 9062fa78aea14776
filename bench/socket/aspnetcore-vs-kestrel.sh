#!/usr/bin/env bash
# Socket benchmark: samples/AspNetCoreServer on H2Sharp and on Kestrel (same app, same handlers),
# driven by h2load over loopback in interleaved rounds. Prints req/s and server CPU per request
# (user+system time of the server process during the run) for each, and the ratios.
#
#   bench/socket/aspnetcore-vs-kestrel.sh [ROUNDS] [REQUESTS] [PATH]
#   defaults: 5 rounds of 200000 requests to /, h2load -c 8 -m 32 (the issue's goal setting)
#
# Both servers run for the whole benchmark (the idle one costs nothing); after two unmeasured
# warm-up runs each, the rounds alternate which goes first, so machine noise falls on both alike.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/socket/common.sh
rounds=${1:-5}; requests=${2:-200000}; path=${3:-/}
h2port=${H2PORT:-18443}; kport=${KPORT:-18444}

dotnet build samples/AspNetCoreServer -c Release -v q -nologo >/dev/null
dll=samples/AspNetCoreServer/bin/Release/net10.0/AspNetCoreServer.dll
export DOTNET_TieredPGO=1 DOTNET_gcServer=0
dotnet "$dll" --h2c "$h2port" >/dev/null 2>&1 & h2pid=$!
dotnet "$dll" --kestrel --h2c "$kport" >/dev/null 2>&1 & kpid=$!
trap 'kill $h2pid $kpid 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:$h2port/"; wait_for "http://127.0.0.1:$kport/"

ALLOC_A=1 ALLOC_B=1 compare "$rounds" "$requests" ">= 1.5x req/s at <= 1.0x CPU" \
  H2Sharp "$h2pid" "http://127.0.0.1:$h2port$path" Kestrel "$kpid" "http://127.0.0.1:$kport$path"
