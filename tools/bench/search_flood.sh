#!/usr/bin/env bash
# The search-flood benchmark (docs/performance.md): while 64 clients send broad and wildcard
# searches nonstop (tools/bench/wrk/search_flood.lua), are /healthz and a cached case page
# still answered quickly (and an alert the server keeps)? Measures each probe's p99 quiet and then under the flood, in the
# same run, on the same server, and prints one table. Target: p99 under 20 ms under the flood.
#
# Usage: tools/bench/search_flood.sh [--alerts N] [--seconds S] [--build DIR]
#   --alerts N   dataset size (default 1,000,000); the dataset is made once, as run.sh makes it,
#                in $SOJ_BENCH_DIR/data-N (default var/bench), and shared with run.sh
#   --seconds S  length of each measurement (default 10): the whole run takes about 6 x S
#                + 4 s plus the start, and stops by itself
#   --build DIR  a Release build to use as it is (default: build/release, built first)
# The server runs on the first half of the cores, wrk on the rest (tools/bench/cores.sh); the
# probes use 2 connections each, the flood 64. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

alerts=1000000 seconds=10 build=""
while (($#)); do
  case $1 in
  --alerts) alerts=$2 && shift ;;
  --seconds) seconds=$2 && shift ;;
  --build) build=$2 && shift ;;
  *) echo "unknown argument $1" >&2 && exit 2 ;;
  esac
  shift
done
flood_connections=64 probe_connections=2 p99_limit_ms=20

# shellcheck source=tools/bench/cores.sh
source tools/bench/cores.sh
# shellcheck source=tools/setup.sh disable=SC1091
SOJ_EXTRA_PACKAGES="wrk" source tools/setup.sh
if [[ -z "$build" ]]; then
  build=build/release
  soj_build "$build" -DCMAKE_BUILD_TYPE=Release -DSOJ_BUILD_TESTS=OFF >/dev/null
fi
bin=$build/tools
# shellcheck source=tools/bench/workdir.sh
source tools/bench/workdir.sh
bench_prepare flood "$alerts" "$bin"

echo "==> starting soj-tracker on $data (cores $server_cpus; wrk on $client_cpus)" >&2
"${on_server_cores[@]}" "$bin/soj-tracker" serve --data "$data" --listen 127.0.0.1:0 --no-demo \
  --threads "$threads" --rate-limit-ip 0 --rate-limit-token 0 --max-connections-per-ip 0 --max-connections-per-prefix 0 \
  >"$run_dir/server.out" 2>"$run_dir/server.log" &
server=$!
pids+=("$server")
port=""
for _ in $(seq 1 3000); do
  port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$run_dir/server.out" | head -1)
  [[ -n "$port" ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
  port="" && sleep 0.01
done
[[ -n "$port" ]] || { echo "soj-tracker did not start: $(tail -3 "$run_dir/server.log")" >&2 && exit 1; }
for ((waited = 0; ; waited++)); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/alerts?q=journalist&limit=1")
  [[ $code == 200 ]] && break
  ((waited == 0)) && echo "    (waiting for the search index)" >&2
  ((waited < 3600)) || { echo "search still unavailable after an hour" >&2 && exit 1; }
  sleep 1
done

# The case page of a published alert. The issue calls it cached: caches in front may keep it
# (public, max-age), but the server renders it on its network thread every time, so it shows
# what a flood costs every other page.
id=$(curl -sf "http://127.0.0.1:$port/api/v1/alerts?limit=1" | sed -n 's/^{"items":\[{"id":\([0-9]*\).*/\1/p')
[[ -n "$id" ]] || { echo "no published alert to probe" >&2 && exit 1; }
case_path="/alerts/$id"
alert_path="/api/v1/alerts/$id"  # kept by the server after the first read (public view)
curl -sf -o /dev/null "http://127.0.0.1:$port$case_path"
curl -sf -o /dev/null "http://127.0.0.1:$port$alert_path"

# probe PATH: prints "requests_per_second p99_ms non_2xx" for `seconds` of a closed loop on
# 2 connections.
probe() {
  timeout $((seconds + 30)) "${on_client_cores[@]}" wrk -t1 -c"$probe_connections" \
    -d"${seconds}s" --latency "http://127.0.0.1:$port$1" >"$run_dir/probe.txt"
  bench_wrk_summary "$run_dir/probe.txt" %.2f
}

echo "==> quiet: /healthz, $case_path and $alert_path, ${seconds} s each" >&2
read -r quiet_health_rps quiet_health_p99 quiet_health_bad < <(probe /healthz)
read -r quiet_case_rps quiet_case_p99 quiet_case_bad < <(probe "$case_path")
read -r quiet_alert_rps quiet_alert_p99 quiet_alert_bad < <(probe "$alert_path")

echo "==> flood: $flood_connections clients searching; the same probes meanwhile" >&2
flood_seconds=$((3 * seconds + 4))
timeout $((flood_seconds + 30)) "${on_client_cores[@]}" wrk -t"$client_threads" \
  -c"$flood_connections" -d"${flood_seconds}s" --latency -s tools/bench/wrk/search_flood.lua \
  "http://127.0.0.1:$port" >"$run_dir/flood.txt" &
flood=$!
pids+=("$flood")
sleep 2  # the flood under way: every search worker busy, the queue full
read -r flood_health_rps flood_health_p99 flood_health_bad < <(probe /healthz)
read -r flood_case_rps flood_case_p99 flood_case_bad < <(probe "$case_path")
read -r flood_alert_rps flood_alert_p99 flood_alert_bad < <(probe "$alert_path")
wait "$flood" || true

# What the flood got: searches answered (200), refused while the queue was full (503).
log_counts=$(awk '
  /"route":"listAlerts"/ {
    if (/"status":200/) ok++; else if (/"status":503/) busy++; else other++
  }
  END { printf "%d %d %d", ok, busy, other }' "$run_dir/server.log")
read -r searched refused other <<<"$log_counts"
flood_rps=$(awk '/Requests\/sec/ { print $2 }' "$run_dir/flood.txt")

verdict() { awk -v p="$1" -v l="$p99_limit_ms" 'BEGIN { print (p < l ? "yes" : "NO") }'; }
echo
echo "search flood at $alerts alerts: $flood_connections clients, ${flood_seconds} s; server on cores $server_cpus, wrk on $client_cpus"
printf '%-32s | %12s | %16s | %8s | %s\n' "probe (2 connections)" "quiet p99 ms" "under flood p99" "target" "pass"
printf '%-32s | %12s | %16s | %8s | %s\n' "/healthz" "$quiet_health_p99" "$flood_health_p99" \
  "< $p99_limit_ms" "$(verdict "$flood_health_p99")"
printf '%-32s | %12s | %16s | %8s | %s\n' "case page /alerts/{id}" "$quiet_case_p99" "$flood_case_p99" \
  "< $p99_limit_ms" "$(verdict "$flood_case_p99")"
printf '%-32s | %12s | %16s | %8s | %s\n' "kept alert /api/v1/alerts/{id}" "$quiet_alert_p99" \
  "$flood_alert_p99" "< $p99_limit_ms" "$(verdict "$flood_alert_p99")"
printf 'probe req/s quiet -> flood: /healthz %s -> %s, case page %s -> %s, alert %s -> %s\n' \
  "$quiet_health_rps" "$flood_health_rps" "$quiet_case_rps" "$flood_case_rps" \
  "$quiet_alert_rps" "$flood_alert_rps"
printf 'probe errors (non-2xx): %d\n' $((quiet_health_bad + quiet_case_bad + quiet_alert_bad + \
  flood_health_bad + flood_case_bad + flood_alert_bad))
printf 'flood: %s req/s; searches answered %d, refused 503 (queue full) %d, other %d\n' \
  "$flood_rps" "$searched" "$refused" "$other"
