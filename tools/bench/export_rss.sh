#!/usr/bin/env bash
# Measures the server's memory while it streams an export of N alerts (docs/performance.md).
# Usage: tools/bench/export_rss.sh BUILD_DIR [N | DATA_DIR]
#   Writes N synthetic alert documents (NDJSON, as soj-admin export writes them), imports them
#   with soj-admin into a temp data directory (or uses an existing DATA_DIR, such as one made by
#   soj-admin demo), serves it, downloads the whole public CSV and NDJSON exports with curl
#   while sampling the server's VmRSS every 100 ms, and prints the baseline, the peak and the
#   bytes received.
set -euo pipefail
build=${1:?build directory, such as build/release}
alerts=${2:-1000000}
dir=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT

data="$dir/data"
if [[ -d "$alerts" ]]; then
  data=$alerts
else
python3 - "$alerts" >"$dir/alerts.ndjson" <<'PY'
import json, sys
countries = ["BY", "RU", "TR", "FR", "DE", "PL", "UA", "RS", "HU", "GE"]
cats = [["attack"], ["detention", "harassment"], ["chilling"], ["harassment"]]
status = ["draft", "rejected", "resolved"] + ["published"] * 7
out = sys.stdout
for i in range(1, int(sys.argv[1]) + 1):
    s = status[i % 10]
    doc = {"id": i, "title": "Journalist %d detained after covering a protest" % i,
           "description": "Plain text describing alert %d. " % i * 8,
           "country": countries[i % 10],
           "incident_date": "%04d-%02d-%02d" % (2015 + i % 10, 1 + i % 12, 1 + i // 12 % 28),
           "categories": cats[i % 4], "threat_source": ["state", "non_state", "unknown"][i % 3],
           "level": 1 + i % 2, "partners": [["efj"], ["ifj"], ["rsf", "cpj"]][i % 3],
           "victims": [{"name": "Victim %d" % i, "withheld": i % 5 == 0, "kind": "journalist",
                        "outlet": "Outlet %d" % (i % 997),
                        "detentions": [{"from": "2020-01-01", "until": None}] if i % 4 == 1 else []}],
           "sources": ["https://example.org/report/%d" % i],
           "status": s, "submitted_at": "2024-01-01T00:00:00Z",
           "updated_at": "2024-01-03T00:00:00Z", "version": 1}
    if s in ("published", "resolved"):
        doc["published_at"] = "2024-01-02T00:00:00Z"
    if s == "resolved":
        doc["resolution"] = {"date": "2024-06-01", "reason": "Released"}
    out.write(json.dumps(doc, separators=(",", ":")) + "\n")
PY

start=$(date +%s)
"$build/tools/soj-admin" import "$dir/alerts.ndjson" --data "$data" >&2
echo "import: $(( $(date +%s) - start )) s" >&2
rm "$dir/alerts.ndjson"
# Built now: the server would otherwise build it in the background while the export streams,
# and its memory would be counted as the export's.
"$build/tools/soj-admin" reindex --data "$data" >&2
fi

"$build/tools/soj-tracker" serve --data "$data" --listen 127.0.0.1:18477 --no-demo \
  >"$dir/server.out" 2>"$dir/server.log" &
server=$!
until curl -sf http://127.0.0.1:18477/readyz >/dev/null 2>&1; do sleep 0.2; done
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status"; }

for format in csv ndjson; do
  sleep 1
  base=$(rss)
  peak=$base
  start=$(date +%s.%N)
  curl -s "http://127.0.0.1:18477/api/v1/export?format=$format" -o "$dir/export" &
  client=$!
  while kill -0 "$client" 2>/dev/null; do
    now=$(rss)
    ((now > peak)) && peak=$now
    sleep 0.1
  done
  wait "$client"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  printf '%s: %s bytes in %.1f s; VmRSS baseline %d MB, peak %d MB (+%d MB)\n' "$format" \
    "$(stat -c %s "$dir/export")" "$seconds" $((base / 1024)) $((peak / 1024)) \
    $(((peak - base) / 1024))
done
