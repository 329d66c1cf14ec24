#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of the hot paths (issue 5; not part of the test suite): module-pattern matching by
# plan size, plan parsing, receipt hashing. Results: artifacts/bench/results/*.md. Extra arguments go to
# BenchmarkDotNet, for example: bash build/bench.sh --filter '*PatternMatching*'
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
filter=("--filter" "*")
for argument in "$@"; do
  if [ "$argument" = "--filter" ]; then filter=(); fi
done
dotnet run --project tests/Governance.Benchmarks -c Release -- --artifacts "$repo/artifacts/bench" "${filter[@]}" "$@"
