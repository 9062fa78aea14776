#!/usr/bin/env bash
# Socket benchmark: samples/AsyncServer --h2c (H2Sharp.Server) and nghttpd --no-tls serving the
# same small static file from the same folder, driven by h2load over loopback in interleaved
# rounds. Prints req/s and server CPU per request for each, and the ratios.
#
#   bench/socket/asyncserver-vs-nghttpd.sh [ROUNDS] [REQUESTS] [FILE]
#   defaults: 5 rounds of 200000 requests to /hello.txt (15 bytes), h2load -c 8 -m 32
#
# nghttpd runs with its default of one worker thread (NGHTTPD_WORKERS to change it); AsyncServer
# runs on the thread pool as shipped. Both get the same two cores as h2load.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/socket/common.sh
rounds=${1:-5}; requests=${2:-200000}; file=${3:-/hello.txt}
aport=${APORT:-18445}; tlsport=${TLSPORT:-18446}; nport=${NPORT:-18447}
command -v nghttpd >/dev/null || { echo "needs nghttpd (apt-get install nghttp2-server)"; exit 1; }

dotnet build samples/AsyncServer -c Release -v q -nologo >/dev/null
root=samples/AsyncServer/wwwroot
export DOTNET_TieredPGO=1 DOTNET_gcServer=0
dotnet samples/AsyncServer/bin/Release/net10.0/AsyncServer.dll --h2c "$aport" --port "$tlsport" --root "$root" >/dev/null 2>&1 & apid=$!
nghttpd --no-tls -n "${NGHTTPD_WORKERS:-1}" -d "$root" "$nport" >/dev/null 2>&1 & npid=$!
trap 'kill $apid $npid 2>/dev/null || true' EXIT
wait_for "http://127.0.0.1:$aport$file"; wait_for "http://127.0.0.1:$nport$file"

ALLOC_A=1 compare "$rounds" "$requests" ">= 1.0x req/s" \
  AsyncServer "$apid" "http://127.0.0.1:$aport$file" nghttpd "$npid" "http://127.0.0.1:$nport$file"
