#!/usr/bin/env bash
# Times soj-tracker from exec to a 200 on /readyz, over an existing data directory, and reports
# the server's resident memory once ready. Every run starts the server, waits for it (at most
# 60 s), stops it with SIGTERM and waits for it to exit; nothing is left running.
#
# Usage: tools/bench/startup.sh <build-dir> <data-dir> [runs]
#   e.g. build/release/tools/soj-admin demo --alerts 1000000 --data /tmp/soj-1m
#        tools/bench/startup.sh build/release /tmp/soj-1m 5
set -euo pipefail

build=${1:?build directory}
data=${2:?data directory}
runs=${3:-5}
server="$build/tools/soj-tracker"
[[ -x "$server" ]] || { echo "no $server: build the soj-tracker target first" >&2; exit 2; }
[[ -d "$data" ]] || { echo "no data directory $data" >&2; exit 2; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for ((run = 1; run <= runs; run++)); do
  start=$(date +%s%N)
  "$server" serve --data "$data" --listen 127.0.0.1:0 --no-demo >"$log" 2>/dev/null &
  pid=$!
  port=""
  ready=""
  for ((i = 0; i < 6000; i++)); do
    if [[ -z "$port" ]]; then
      port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$log" | head -1)
    fi
    if [[ -n "$port" ]] &&
      [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" == 200 ]]; then
      ready=$(date +%s%N)
      break
    fi
    sleep 0.01
  done
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  if [[ -z "$ready" ]]; then
    echo "run $run: not ready within 60 s" >&2
    exit 1
  fi
  echo "run $run: ready after $(((ready - start) / 1000000)) ms, RSS $((rss_kb / 1024)) MiB"
done
