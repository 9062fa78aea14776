#!/usr/bin/env bash
# Records the public API of src/* packages in PublicAPI.Unshipped.txt (Microsoft.CodeAnalysis.PublicApiAnalyzers).
#
#   scripts/update-public-api.sh                      # every project under src/
#   scripts/update-public-api.sh src/H2Sharp.Server   # one or more project folders
#
# For each project it creates PublicAPI.Shipped.txt if missing (which turns the analyzer on,
# see src/Directory.Build.props), empties PublicAPI.Unshipped.txt, builds, and writes every
# symbol the analyzer reports as undeclared (RS0016) into Unshipped; a Shipped symbol that is
# gone (RS0017) is recorded as *REMOVED*. It then builds again and fails if anything is left.
# Review the diff: it is the API change. At a release, move Unshipped's lines to Shipped.
set -euo pipefail
cd "$(dirname "$0")/.."

dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  for p in src/*/*.csproj; do dirs+=("$(dirname "$p")"); done
fi

for dir in "${dirs[@]}"; do
  dir=${dir%/}
  proj=$(ls "$dir"/*.csproj 2>/dev/null | head -1 || true)
  [ -n "$proj" ] || { echo "update-public-api: no .csproj in $dir" >&2; exit 2; }
  shipped="$dir/PublicAPI.Shipped.txt"; unshipped="$dir/PublicAPI.Unshipped.txt"
  [ -f "$shipped" ] || printf '#nullable enable\n' > "$shipped"
  printf '#nullable enable\n' > "$unshipped"

  log=$(mktemp)
  dotnet build "$proj" -c Release --no-incremental -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
  {
    printf '#nullable enable\n'
    { grep -o "RS0016: Symbol '.*' is not part of the declared public API" "$log" || true; } \
      | sed -e "s/^RS0016: Symbol '//" -e "s/' is not part of the declared public API\$//" \
      | sort -u
    { grep -o "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" "$log" || true; } \
      | sed -e "s/^RS0017: Symbol '//" -e "s/' is part of the declared API.*\$//" \
      | sort -u | sed 's/^/*REMOVED*/'
  } > "$unshipped.new"
  mv "$unshipped.new" "$unshipped"
  rm -f "$log"

  if ! dotnet build "$proj" -c Release > "$log" 2>&1; then
    { grep -E "error" "$log" || true; } | sort -u | head -20 >&2
    echo "update-public-api: $proj still does not build (see above)" >&2
    rm -f "$log"; exit 1
  fi
  rm -f "$log"
  echo "update-public-api: $dir: $(($(wc -l < "$unshipped") - 1)) unshipped, $(($(wc -l < "$shipped") - 1)) shipped"
done
