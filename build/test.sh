#!/usr/bin/env bash
# Runs every test in the solution (unit, analyzer, task, CLI, reliability and end-to-end tests that pack the real
# package and build temporary repositories with it). Prints a final "N passed, N failed" line.
# --fast: the inner loop. The test projects in build/fast-tests.slnf (every one but the end-to-end tests) without the
# reliability tests marked [Trait("Category", "Long")] (many processes, killed writers, 50 MB files).
set -uo pipefail
target=Governance.Analyzers.sln
filter=()
case "${1:-}" in
  "") ;;
  --fast) target=build/fast-tests.slnf; filter=(--filter "Category!=Long") ;;
  *) echo "usage: bash build/test.sh [--fast]" >&2; exit 2 ;;
esac
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet test "$target" -c Release "${filter[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 29, Skipped: 0, Total: 29 ...").
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | python3 -c '
import re, sys
p = f = s = 0
for line in sys.stdin:
    m = re.search(r"Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)", line)
    if m:
        f += int(m.group(1)); p += int(m.group(2)); s += int(m.group(3))
print(p, f, s)')
echo
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then
  exit 1
fi
