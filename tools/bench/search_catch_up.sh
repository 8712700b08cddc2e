#!/usr/bin/env bash
# Measures what a burst of submissions costs the search index (docs/performance.md): posts
# BODY over 32 connections for SECONDS into a fresh store, then prints the alerts answered,
# the changes the index still had to apply when the load stopped, the CPU its thread
# (soj-search) spent during the load and afterwards, and how long it took to catch up.
# Usage: tools/bench/search_catch_up.sh BUILD_DIR BODY.json [SECONDS]
#   BODY.json: an alert as a partner submits it (run.sh posts the captured alert of median
#   size). Needs wrk; listens on 127.0.0.1 only. The server runs on the first half of the
#   cores, wrk on the rest, as in run.sh.
set -euo pipefail
build=${1:?build directory, such as build/release}
body=$(realpath "${2:?an alert to post, as JSON}")
seconds=${3:-5}
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
bin=$build/tools
dir=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT
# shellcheck source=tools/bench/cores.sh
source tools/bench/cores.sh
# shellcheck source=tools/bench/search_lag.sh
source tools/bench/search_lag.sh

token=$("$bin/soj-admin" token create --data "$dir/data" --role partner --partner efj \
  --name bench 2>/dev/null | tail -1)
"${on_server_cores[@]}" "$bin/soj-tracker" serve --data "$dir/data" --listen 127.0.0.1:0 \
  --no-demo --threads "$threads" \
  --rate-limit-ip 0 --rate-limit-token 0 --max-connections-per-ip 0 --max-connections-per-prefix 0 \
  >"$dir/server.out" 2>"$dir/server.log" &
server=$!
port=""
for _ in $(seq 1 600); do
  port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$dir/server.out" | head -1)
  [[ -n "$port" ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.05
done
[[ -n "$port" ]] || { echo "the server did not start: $(tail -3 "$dir/server.log")" >&2 && exit 1; }

search_task=""
for task in /proc/"$server"/task/*; do
  [[ $(cat "$task/comm") == soj-search ]] && search_task=$task
done
[[ -n "$search_task" ]] || { echo "no soj-search thread" >&2 && exit 1; }
ticks=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$ticks" '{ print int(($14 + $15) * 1000 / t) }' "$search_task/stat"; }

before=$(cpu_ms)
SOJ_BODY="$body" SOJ_TOKEN="$token" "${on_client_cores[@]}" wrk -t"$client_threads" -c32 \
  -d"${seconds}s" -s tools/bench/wrk/post_alert.lua "http://127.0.0.1:$port/api/v1/alerts" \
  >"$dir/wrk.txt"
during=$(($(cpu_ms) - before))
left=$(search_pending "$port")
caught_up=$(search_catch_up_seconds "$port")
after=$(($(cpu_ms) - before - during))
alerts=$(awk '/requests in/ { print $1 }' "$dir/wrk.txt")
errors=$(awk '/Non-2xx or 3xx/ { print $NF }' "$dir/wrk.txt")
((${errors:-0} == 0)) || { echo "$errors submissions were refused: $(tail -2 "$dir/server.log")" >&2 && exit 1; }
printf 'alerts answered %d in %d s; index behind by %d changes when the load stopped\n' \
  "$alerts" "$seconds" "$left"
printf 'soj-search CPU: %d ms during the load, %d ms after it (caught up in %.2f s); %d us per alert\n' \
  "$during" "$after" "$caught_up" $(((during + after) * 1000 / alerts))
