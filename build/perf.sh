#!/usr/bin/env bash
# The performance harness of issue 5 (not part of the test suite; see tests/Governance.Performance/README.md).
# Packs the package, generates synthetic repositories under artifacts/perf/, builds them with and without the
# package and with BannedApiAnalyzers, prints one Markdown table and writes it to artifacts/perf/results.md.
# Usage: bash build/perf.sh [--runs N] [--shapes single,multi,check]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
perf="$repo/artifacts/perf"
mkdir -p "$perf"

dotnet pack src/Governance.Analyzers.Package -c Release -o "$perf/packages" -nologo -v:q
# A private cache, and never a stale copy of the package just packed.
rm -rf "$perf/nuget/governance.analyzers"
dotnet build tests/Governance.Performance -c Release -nologo -v:q
dotnet build src/Governance.Cli -c Release -nologo -v:q
dotnet tests/Governance.Performance/bin/Release/net10.0/Governance.Performance.dll \
  --package-folder "$perf/packages" --nuget-cache "$perf/nuget" --work "$perf/work" --output "$perf/results.md" \
  --cli "$repo/src/Governance.Cli/bin/Release/net10.0/Governance.Cli.dll" "$@"
