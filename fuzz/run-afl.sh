#!/usr/bin/env bash
# Runs AFL++ on one H2Sharp fuzz target for a given time.
#   fuzz/run-afl.sh <target> [seconds=300] [extra afl-fuzz args...]
# Installs afl++ (Debian) and the SharpFuzz instrumenter (dotnet tool) when missing, publishes
# the harness, instruments H2Sharp.dll, seeds from fuzz/corpus/<corpus of target>/ and fuzzes.
# Findings land in fuzz/out/<target>/findings; crashes are replayed at the end.
set -euo pipefail
target=${1:?usage: fuzz/run-afl.sh <target> [seconds] [afl args...]}
seconds=${2:-300}
shift $(( $# >= 2 ? 2 : 1 ))
root=$(cd "$(dirname "$0")/.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v afl-fuzz >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq afl++
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null 2>&1; then
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
fi

out="$root/fuzz/out/$target"
bin="$out/bin"
mkdir -p "$out"
dotnet publish "$root/fuzz/H2Sharp.Fuzz" -c Release -o "$bin" --nologo -v quiet
# Instrument the library only: coverage of H2Sharp's branches is what guides AFL.
sharpfuzz "$bin/H2Sharp.dll"

corpus=$(dotnet "$bin/H2Sharp.Fuzz.dll" corpus-of "$target")
seeds="$out/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
find "$root/fuzz/corpus/$corpus" -type f -size -64k -exec cp {} "$seeds/" \;

# .NET binaries are not AFL-compiled and the runtime forks threads: tell AFL so.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_AUTORESUME=1
afl-fuzz -i "$seeds" -o "$out/findings" -t 10000 -m none -V "$seconds" "$@" \
  -- dotnet "$bin/H2Sharp.Fuzz.dll" afl "$target" || true

crashes=$(find "$out/findings" -path '*crashes/id*' -type f 2>/dev/null | sort)
if [ -n "$crashes" ]; then
  echo "== crashes of $target, replayed:"
  # shellcheck disable=SC2086
  dotnet "$bin/H2Sharp.Fuzz.dll" "$target" $crashes || true
else
  echo "== $target: no crashes"
fi
grep -E 'execs_done|corpus_count|saved_crashes|saved_hangs|bitmap_cvg' "$out"/findings/*/fuzzer_stats 2>/dev/null || true
