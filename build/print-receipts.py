"""Prints ledger lines (NDJSON receipts) from stdin as a short human summary."""
import json
import sys

for line in sys.stdin:
    r = json.loads(line)
    commit = (r.get("commit") or "-")[:12]
    print(f"  {r['project']} [{r['targetFramework']}] verdict={r['verdict']} dispatchIds={r['dispatchIds']} "
          f"commit={commit} hash={r['hash'][:16]}... previousHash={r['previousHash'][:16]}...")
    for e in r["evidence"]:
        print(f"    evidence {e['check']}: {e['result']} ({e['detail']})")
    for v in r["violations"]:
        print(f"    {v['id']} {v['file']}({v['line']},{v['column']}): {v['message'][:160]}")
