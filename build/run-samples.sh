#!/usr/bin/env bash
# The main job: packs Governance.Analyzers, then builds the bundled sample against it as a real PackageReference from
# a local folder, three times — unchanged, with an agent change inside the approved plan, with one outside it — and
# prints the diagnostics and the receipts; after each build `dotnet governance check --base main` judges the build's
# output against the approvals of the base commit. Exits 0 only when the build and the check both say approve,
# approve, hold.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "==> Packing Governance.Analyzers"
rm -f artifacts/packages/Governance.Analyzers.*.nupkg
dotnet pack src/Governance.Analyzers.Package -c Release -nologo -v:q
ls artifacts/packages/Governance.Analyzers.*.nupkg
dotnet build src/Governance.Cli -c Release -nologo -v:q
governance() { dotnet "$repo/src/Governance.Cli/bin/Release/net10.0/Governance.Cli.dll" "$@"; }

# A private package cache, so a re-packed 1.0.0 is never served stale from ~/.nuget/packages.
export NUGET_PACKAGES="$repo/artifacts/sample-packages"
rm -rf "$NUGET_PACKAGES/governance.analyzers"

work="$(mktemp -d "${TMPDIR:-/tmp}/governance-sample.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -R samples/Contoso.Payments/. "$work/"
rm -rf "$work/overlays"
sed -i "s#../../artifacts/packages#$repo/artifacts/packages#" "$work/nuget.config"
git -C "$work" init -q -b main
git -C "$work" -c user.name=sample -c user.email=sample@example.com add -A
git -C "$work" -c user.name=sample -c user.email=sample@example.com commit -qm "sample baseline"
ledger="$work/.governance/ledger/receipts.ndjson"

print_receipts() {
  local from="$1"
  echo "--- receipts appended (.governance/ledger/receipts.ndjson):"
  tail -n +"$from" "$ledger" | python3 "$repo/build/print-receipts.py" 2>/dev/null || tail -n +"$from" "$ledger"
}

verdicts=()
step() {
  local title="$1" expect="$2"
  echo
  echo "==> $title (expected: $expect)"
  local before=1
  [ -f "$ledger" ] && before=$(( $(wc -l < "$ledger") + 1 ))
  set +e
  dotnet build "$work/Contoso.Payments.sln" -nologo -clp:NoSummary -v:m 2>&1 | grep -E "GOV[0-9]{3}|error|Build succeeded|FAILED|->" | sed "s#$work/##g" | sort -u
  set -e
  print_receipts "$before"
  local got
  got=$(tail -n +"$before" "$ledger" | python3 -c 'import json,sys; v=[json.loads(l)["verdict"] for l in sys.stdin]; print("hold" if "hold" in v else ("approve_with_followup" if "approve_with_followup" in v else "approve"))')
  echo "--- verdict: $got"
  verdicts+=("$title: expected $expect, got $got")
  local ok=0
  [ "$got" = "$expect" ] || ok=1

  # The decision CI makes: the trusted check, from the build's output, against the approvals of main.
  git -C "$work" -c user.name=sample -c user.email=sample@example.com add -A
  git -C "$work" -c user.name=sample -c user.email=sample@example.com commit -qm "$title" --allow-empty
  echo "--- dotnet governance check --base main (after the build CI runs: Audit, so every project compiles):"
  set +e
  dotnet build "$work/Contoso.Payments.sln" -nologo -v:q -p:GovernanceMode=Audit > /dev/null 2>&1
  governance check --base main --repo "$work" --no-receipt | sed "s#$work/##g"
  local code=${PIPESTATUS[0]}
  set -e
  local checked=approve
  [ "$code" -eq 2 ] && checked=hold
  [ "$code" -ne 0 ] && [ "$code" -ne 2 ] && checked="could not check (exit $code)"
  verdicts+=("$title (check): expected $expect, got $checked")
  [ "$checked" = "$expect" ] || ok=1
  return $ok
}

status=0
step "1. The repository as approved (baseline)" approve || status=1
git -C "$work" checkout -q -b agent
cp -R samples/Contoso.Payments/overlays/inside-plan/. "$work/"
step "2. Agent change inside plan d-2471 (RetryPolicy, RetryOptions)" approve || status=1
cp -R samples/Contoso.Payments/overlays/outside-plan/. "$work/"
step "3. Agent change outside the plan (new helper module + Newtonsoft.Json)" hold || status=1

echo
echo "==> Summary"
printf '  %s\n' "${verdicts[@]}"
exit $status
