#!/usr/bin/env bash
# Runs every H2Sharp test on a fresh machine with the .NET SDK.
# First installs the real HTTP/2 peers the interop tests talk to (if missing),
# then runs every test project, and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v curl    >/dev/null 2>&1 || need+=(curl)
command -v nghttp  >/dev/null 2>&1 || need+=(nghttp2-client)
command -v nghttpd >/dev/null 2>&1 || need+=(nghttp2-server)
command -v h2load  >/dev/null 2>&1 || need+=(nghttp2-client)
{ python3 -c 'import h2' || /usr/bin/python3 -c 'import h2'; } >/dev/null 2>&1 || need+=(python3-h2)
command -v node    >/dev/null 2>&1 || need+=(nodejs)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v go      >/dev/null 2>&1 || need+=(golang-go)
[ -x /usr/bin/kill ] || [ -x /bin/kill ] || need+=(procps)   # kill -INT, for the samples' graceful-stop tests
[ -d /usr/share/gocode/src/golang.org/x/net/http2 ] || need+=(golang-golang-x-net-dev)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  # One package at a time, so that one that cannot be installed does not keep the others out;
  # the test that needs a missing peer fails naming its package.
  for pkg in $(printf '%s\n' "${need[@]}" | sort -u); do
    $SUDO apt-get install -y -qq "$pkg" >/dev/null 2>&1 || echo "test.sh: warning: could not install $pkg"
  done
fi
# Debian's python3-h2 lives in the system interpreter; make sure tests find it.
if ! python3 -c 'import h2' >/dev/null 2>&1 && [ -x /usr/bin/python3 ]; then
  export H2SHARP_PYTHON=/usr/bin/python3
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
dotnet test H2Sharp.slnx -c Release --logger "console;verbosity=minimal" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
passed=${passed:-0}; failed=${failed:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # build error or crashed test host
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$rc" -eq 0 ] && [ "$failed" -eq 0 ]
