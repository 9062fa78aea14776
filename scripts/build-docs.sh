#!/usr/bin/env bash
# Builds the documentation site (docfx): docs/*.md as the conceptual pages, the API reference
# from the XML docs of the four packages under src/. Output: artifacts/docs (git-ignored).
#   scripts/build-docs.sh            build, warnings are errors (broken links, bad bookmarks, bad crefs)
#   scripts/build-docs.sh --serve    build, then serve it on http://localhost:8080/
# Missing XML docs on a public member fail the build of the packages themselves (CS1591,
# warnings as errors), which this script runs first.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
for p in H2Sharp H2Sharp.Server H2Sharp.AspNetCore H2Sharp.Http; do
  dotnet build "src/$p/$p.csproj" -c Release -f net10.0 -nologo -v quiet -warnaserror:CS1591
done

rm -rf artifacts/docs api
dotnet docfx metadata docfx.json --warningsAsErrors
dotnet docfx build docfx.json --warningsAsErrors
# The site's front page is docs/index.md (docs/ keeps its repository paths, so that the pages'
# links to ../samples and ../src resolve); the root only points there.
cat > artifacts/docs/index.html <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>H2Sharp</title>
<meta http-equiv="refresh" content="0; url=docs/index.html"></head>
<body><a href="docs/index.html">H2Sharp documentation</a></body></html>
HTML
echo "build-docs: site in artifacts/docs (open artifacts/docs/index.html, or scripts/build-docs.sh --serve)"

if [ "${1:-}" = "--serve" ]; then
  dotnet docfx serve artifacts/docs --port 8080
fi
