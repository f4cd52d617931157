#!/usr/bin/env bash
# Measures GET /wiki/api/v2/pages/{id} throughput against a running simulator (see docs/simulator.md).
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:5099}
HERE=$(cd "$(dirname "$0")" && pwd)
TOKEN=$(curl -s -X POST "$BASE/_sim/tokens" -H 'content-type: application/json' -d '{"email":"alice@example.com"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
CLOUD=$(curl -s "$BASE/_sim/state" | python3 -c 'import json,sys;print(json.load(sys.stdin)["sites"][0]["cloudId"])')
PREFIX="/api/ex/confluence/$CLOUD"
IDS=$(mktemp)
URL="$BASE$PREFIX/wiki/api/v2/pages?limit=250"
while [ -n "$URL" ]; do
  PAGE=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL")
  echo "$PAGE" | python3 -c 'import json,sys;[print(p["id"]) for p in json.load(sys.stdin)["results"]]' >> "$IDS"
  NEXT=$(echo "$PAGE" | python3 -c 'import json,sys;print(json.load(sys.stdin)["_links"].get("next",""))')
  URL=${NEXT:+$BASE$PREFIX$NEXT}
done
echo "pages: $(wc -l < "$IDS")"
PREFIX=$PREFIX IDS=$IDS wrk -t2 -c64 -d${DURATION:-20s} --latency -s "$HERE/pages.lua" -H "Authorization: Bearer $TOKEN" "$BASE"
rm -f "$IDS"
