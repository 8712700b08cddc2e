#!/usr/bin/env bash
# The performance harness (docs/performance.md): builds Release, makes the dataset with
# soj-admin demo (kept in var/bench/data-N for the next run), and for every scenario runs
# soj-tracker and its baseline in the same run, alternating A/B/A/B, then prints one table.
#
# Usage: tools/bench/run.sh [--alerts N] [--quick] [--runs R] [--seconds S]
#   --alerts N   dataset size (default 1,000,000)
#   --quick      100,000 alerts, 3 runs of 5 s, a 20,000-alert import: a few minutes once the
#                dataset exists
# Baselines: nginx serving, as static files, the exact bytes soj-tracker returned for the same
# requests (captured first), with one worker per core given to soj-tracker and an access log
# like soj-tracker's (one line per request, buffered); and
# soj_raw_ingest writing alert-shaped records straight into RocksDB, with the same durability
# and the same number of writers. Everything listens on 127.0.0.1 and is stopped at the end.
# Under load, soj-tracker and each baseline run on the first half of the cores this script may
# use, the load generator (wrk) on the other half, as if the clients were other machines.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

alerts=1000000 runs=5 seconds=10 import_alerts=0
while (($#)); do
  case $1 in
  --alerts) alerts=$2 && shift ;;
  --quick) alerts=100000 runs=3 seconds=5 import_alerts=20000 ;;
  --runs) runs=$2 && shift ;;
  --seconds) seconds=$2 && shift ;;
  *) echo "unknown argument $1" >&2 && exit 2 ;;
  esac
  shift
done
((import_alerts > 0)) || import_alerts=$alerts
connections=64

# shellcheck source=tools/bench/cores.sh
source tools/bench/cores.sh

# shellcheck source=tools/setup.sh disable=SC1091
SOJ_EXTRA_PACKAGES="wrk nginx" source tools/setup.sh
soj_build build/release -DCMAKE_BUILD_TYPE=Release -DSOJ_BUILD_TESTS=OFF >/dev/null
bin=build/release/tools
# shellcheck source=tools/bench/workdir.sh
source tools/bench/workdir.sh
bench_prepare run "$alerts" "$bin"

# start_server DATA_DIR [flags...]: starts soj-tracker on a free port; sets $port and $server.
start_server() {
  local dir=$1
  shift
  # Every load comes from 127.0.0.1: the per-address and per-token limits (which would answer
  # most of it with 429) are off, so the run measures what the server can serve.
  "${on_server_cores[@]}" "$bin/soj-tracker" serve --data "$dir" --listen 127.0.0.1:0 --no-demo \
    --threads "$threads" \
    --rate-limit-ip 0 --rate-limit-token 0 --max-connections-per-ip 0 --max-connections-per-prefix 0 \
    "$@" >"$run_dir/server.out" 2>"$run_dir/server.log" &
  server=$!
  pids+=("$server")
  port="" ready=no
  for _ in $(seq 1 3000); do
    port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$run_dir/server.out" | head -1)
    [[ -n "$port" ]] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && ready=yes && break
    sleep 0.01
  done
  [[ $ready == yes ]] || { echo "soj-tracker did not start: $(tail -3 "$run_dir/server.log")" >&2 && exit 1; }
  # A search index made by another version is rebuilt in the background (503 to searches
  # meanwhile): measuring during the build would measure the build.
  local waited=0
  until [[ $(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$port/api/v1/alerts?q=journalist&limit=1") == 200 ]]; do
    ((waited++ == 0)) && echo "    (waiting for the search index to be rebuilt)" >&2
    ((waited < 3600)) || { echo "search still unavailable after an hour" >&2 && exit 1; }
    sleep 1
  done
}
stop_server() {
  kill "$server" && wait "$server" 2>/dev/null || true
}
rss_mb() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

# wrk_run URL [wrk args...]: prints "requests_per_second p99_ms non_2xx_3xx".
wrk_run() {
  local url=$1
  shift
  "${on_client_cores[@]}" wrk -t"$client_threads" -c"$connections" -d"${seconds}s" --latency \
    "$@" "$url" >"$run_dir/wrk.txt"
  bench_wrk_summary "$run_dir/wrk.txt"
}
# shellcheck source=tools/bench/search_lag.sh
source tools/bench/search_lag.sh
median() { sort -g | awk '{ v[NR] = $1 } END { print ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

table="$run_dir/table.txt"
: >"$table"
# row SCENARIO SOJ BASELINE RATIO TARGET PASS
row() { printf '%s|%s|%s|%s|%s|%s\n' "$@" >>"$table"; }

# --- Capture: what soj-tracker answers, as files nginx serves byte for byte. -------------------
echo "==> capturing responses" >&2
start_server "$data"
idle_rss=$(rss_mb "$server")
www="$run_dir/www"
mkdir -p "$www/api/v1/alerts" "$www/api/v1/stats" "$www/feeds" "$www/lists"
paths="$run_dir/alert_paths.txt"
: >"$paths"
for _ in $(seq 1 400); do
  id=$((RANDOM * 32768 + RANDOM))
  id=$((id % alerts + 1))
  if curl -sf -o "$www/api/v1/alerts/$id" "http://127.0.0.1:$port/api/v1/alerts/$id"; then
    echo "/api/v1/alerts/$id" >>"$paths"
  fi
  (($(wc -l <"$paths") >= 200)) && break
done
stats_path="/api/v1/stats/detentions?as_of=2023-12-31"
list_path="/api/v1/alerts?country=BY&limit=50"
curl -sf -o "$www/api/v1/stats/detentions" "http://127.0.0.1:$port$stats_path"
curl -sf -o "$www/lists/by.json" "http://127.0.0.1:$port$list_path"
curl -sf -D "$run_dir/atom.headers" -o "$www/feeds/alerts.atom" "http://127.0.0.1:$port/feeds/alerts.atom"
soj_etag=$(awk 'tolower($1) == "etag:" { sub(/\r$/, ""); print $2 }' "$run_dir/atom.headers")

nginx_port=$((port + 1))
cat >"$run_dir/nginx.conf" <<EOF
worker_processes $threads;
daemon off;
pid $run_dir/nginx.pid;
error_log $run_dir/nginx.error.log;
events { worker_connections 16384; }
http {
  # One JSON line per request, buffered and flushed every 100 ms, as soj-tracker logs.
  log_format soj escape=json '{"time":"\$time_iso8601","method":"\$request_method",'
                             '"route":"static","status":\$status,'
                             '"duration_ms":\$request_time,"bytes":\$bytes_sent}';
  access_log $run_dir/nginx.access.log soj buffer=64k flush=100ms;
  keepalive_requests 1000000;
  sendfile on;  # as Debian's nginx.conf has it
  tcp_nopush on;
  default_type application/json;
  types { application/atom+xml atom; }
  server {
    listen 127.0.0.1:$nginx_port;
    root $www;
    location = /api/v1/alerts { try_files /lists/by.json =404; }
    location / { try_files \$uri =404; }
  }
}
EOF
# nginx's workers run as nobody: they must be able to read what they serve (mktemp made the
# run directory for root alone, and every baseline answer was a 403 until this was checked).
chmod -R a+rX "$run_dir"
"${on_server_cores[@]}" nginx -c "$run_dir/nginx.conf" -p "$run_dir" &
nginx_pid=$!
pids+=("$nginx_pid")
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/feeds/alerts.atom" && break; sleep 0.01; done
# The baseline must answer the very bytes soj-tracker answered, or the comparison means nothing.
same_bytes() { # same_bytes PATH FILE
  curl -sf "http://127.0.0.1:$nginx_port$1" | cmp -s - "$2" ||
    { echo "nginx does not serve the captured bytes for $1 (see $run_dir/nginx.error.log)" >&2 && exit 1; }
}
same_bytes "$(head -1 "$paths")" "$www$(head -1 "$paths")"
same_bytes "$stats_path" "$www/api/v1/stats/detentions"
same_bytes "$list_path" "$www/lists/by.json"
same_bytes /feeds/alerts.atom "$www/feeds/alerts.atom"
nginx_etag=$(curl -sI "http://127.0.0.1:$nginx_port/feeds/alerts.atom" |
  awk 'tolower($1) == "etag:" { sub(/\r$/, ""); print $2 }')

# --- Reads: A/B/A/B ----------------------------------------------------------------------------
# read_scenario NAME PATH TARGET_RATIO [P99_LIMIT_MS] [wrk args for soj] -- [wrk args for nginx]
peak_rss=$idle_rss
read_scenario() {
  local name=$1 path=$2 target=$3 p99_limit=$4
  shift 4
  local -a soj_args=() nginx_args=()
  while (($#)) && [[ $1 != -- ]]; do soj_args+=("$1") && shift; done
  (($#)) && shift
  nginx_args=("$@")
  local a=() b=() p99s=() base_p99s=() bad=0 base_bad=0
  for ((r = 1; r <= runs; r++)); do
    read -r rps p99 non_ok < <(wrk_run "http://127.0.0.1:$port$path" "${soj_args[@]}")
    a+=("$rps") p99s+=("$p99") bad=$((bad + non_ok))
    local now
    now=$(rss_mb "$server")
    ((now > peak_rss)) && peak_rss=$now
    read -r rps p99 non_ok < <(wrk_run "http://127.0.0.1:$nginx_port$path" "${nginx_args[@]}")
    b+=("$rps") base_p99s+=("$p99") base_bad=$((base_bad + non_ok))
  done
  # A baseline answering errors is fast for the wrong reason: no verdict then.
  ((base_bad == 0)) || { echo "nginx answered $base_bad errors for $path" >&2 && exit 1; }
  local ma mb ratio p99 base_p99 verdict
  ma=$(printf '%s\n' "${a[@]}" | median)
  mb=$(printf '%s\n' "${b[@]}" | median)
  p99=$(printf '%s\n' "${p99s[@]}" | median)
  base_p99=$(printf '%s\n' "${base_p99s[@]}" | median)
  ratio=$(awk -v a="$ma" -v b="$mb" 'BEGIN { printf "%.2f", a / b }')
  verdict=$(awk -v r="$ratio" -v t="$target" -v p="$p99" -v l="$p99_limit" -v bad="$bad" \
    'BEGIN { print ((r >= t && (l == "" || p < l) && bad == 0) ? "pass" : "FAIL") }')
  local goal=">= $target x nginx"
  [[ -n "$p99_limit" ]] && goal="$goal, p99 < $p99_limit ms"
  row "$name" "$(printf '%.0f req/s, p99 %s ms' "$ma" "$p99")" \
    "$(printf '%.0f req/s, p99 %s ms' "$mb" "$base_p99")" \
    "$ratio" "$goal" "$verdict$( ((bad > 0)) && echo " ($bad errors)")"
}

echo "==> reads: $runs runs of ${seconds}s each side, $connections connections; server on cores" \
  "$server_cpus, wrk ($client_threads threads) on $client_cpus" >&2
SOJ_PATHS="$paths" read_scenario "GET /api/v1/alerts/{random id}" / 0.8 "" \
  -s tools/bench/wrk/random_path.lua -- -s tools/bench/wrk/random_path.lua
read_scenario "GET $stats_path" "$stats_path" 0.8 5
read_scenario "GET $list_path" "$list_path" 0.5 ""
read_scenario "GET /feeds/alerts.atom" /feeds/alerts.atom 0.8 ""
SOJ_ETAG="$soj_etag" read_scenario "GET /feeds/alerts.atom, If-None-Match (304)" \
  /feeds/alerts.atom 0.8 "" -s tools/bench/wrk/conditional.lua -- \
  -s tools/bench/wrk/conditional.lua -H "If-None-Match: $nginx_etag"

row "resident memory, idle / peak under the read load" "$idle_rss MB / $peak_rss MB" "" "" \
  "< 512 MB" "$( ((peak_rss < 512)) && echo pass || echo FAIL)"

# --- Idle keep-alive connections ----------------------------------------------------------------
stop_server
start_server "$data" --max-connections 12000
before=$(rss_mb "$server")
"${on_client_cores[@]}" python3 tools/bench/idle_connections.py "$port" 10000 3 \
  >"$run_dir/idle.txt" &
idle_client=$!
sleep 2
for _ in $(seq 1 60); do grep -q "^open" "$run_dir/idle.txt" && break; sleep 0.5; done
sleep 1
held=$(rss_mb "$server")
wait "$idle_client" || true
answered=$(awk '/^open/ { print $4 }' "$run_dir/idle.txt")
fresh=$(awk '/^fresh/ { print $4 }' "$run_dir/idle.txt")
extra=$((held - before))
row "10,000 idle keep-alive connections" "${answered:-0} answered, +$extra MB, fresh client: ${fresh:-no}" \
  "" "" "served, < 100 MB extra" \
  "$([[ "${answered:-0}" == 10000 && "$fresh" == yes ]] && ((extra < 100)) && echo pass || echo FAIL)"
stop_server
kill "$nginx_pid" 2>/dev/null || true

# --- Start to ready ----------------------------------------------------------------------------
# Start-up and the import run with no load generator: they, and their baselines, have every core.
echo "==> start to ready" >&2
tools/bench/startup.sh build/release "$data" "$runs" >"$run_dir/startup.txt"
ready_ms=$(awk '/ready after/ { print $5 }' "$run_dir/startup.txt" | median)
row "start to ready at $alerts alerts" "$ready_ms ms (median of $runs)" "" "" "< 3000 ms" \
  "$(awk -v m="$ready_ms" 'BEGIN { print ((m < 3000) ? "pass" : "FAIL") }')"

# --- Writes: POST over HTTP against raw RocksDB with as many writers, both durable --------------
echo "==> durable writes: 32 connections against 32 raw writers" >&2
ingest="$run_dir/ingest"
token=$("$bin/soj-admin" token create --data "$ingest" --role partner --partner efj \
  --name bench 2>/dev/null | tail -1)
# The body: the content of a captured alert, as its partner would submit it; of the captured
# alerts, the one of median size, so that every run (and every session) posts a typical alert
# rather than whichever came first (one with a translation costs the search index twice as much).
python3 - "$www" "$paths" >"$run_dir/alert.json" <<'PY'
import json, sys
keep = ["title", "description", "country", "incident_date", "categories", "threat_source",
        "level", "sources", "translations"]
bodies = []
for path in open(sys.argv[2]).read().split():
    alert = json.load(open(sys.argv[1] + path))
    body = {k: alert[k] for k in keep if alert.get(k) is not None}
    body["partners"] = ["efj"]
    body["victims"] = [{k: v for k, v in victim.items() if v is not None}
                       for victim in alert.get("victims", []) if victim.get("name")]
    bodies.append(json.dumps(body))
bodies.sort(key=len)
print(bodies[len(bodies) // 2])
PY
start_server "$ingest"
a=() b=()
for ((r = 1; r <= runs; r++)); do
  read -r rps _ bad < <(SOJ_BODY="$run_dir/alert.json" SOJ_TOKEN="$token" connections=32 \
    wrk_run "http://127.0.0.1:$port/api/v1/alerts" -s tools/bench/wrk/post_alert.lua)
  ((bad == 0)) || { echo "POST answered $bad errors: $(tail -2 "$run_dir/server.log")" >&2; }
  # Counted: writes answered, durable. The search index follows on its own thread and, while
  # writes outrun it, takes only an eighth of the server's cores: how long after the load it
  # has applied every write is printed (and the rate of writes both answered and searchable).
  behind=$(search_catch_up_seconds "$port")
  searchable=$(awk -v r="$rps" -v s="$seconds" -v b="$behind" 'BEGIN { printf "%.0f", r * s / (s + b) }')
  a+=("$rps")
  rm -rf "$run_dir/raw"
  count=$(awk -v r="$rps" -v s="$seconds" 'BEGIN { printf "%d", r * s + 1000 }')
  # The same records: the sizes of what the posted alert wrote into the server's store, read
  # once, after the first run.
  if ((r == 1)); then
    read -ra shape < <("$bin/soj_raw_ingest" --shape-of "$ingest")
    ((${#shape[@]} > 0)) || { echo "cannot read the posted alert's records" >&2 && exit 1; }
    echo "    raw records shaped as the posted alert's: ${shape[*]}" >&2
  fi
  b+=("$("${on_server_cores[@]}" "$bin/soj_raw_ingest" "$run_dir/raw" --writers 32 \
    --alerts "$count" --sync \
    "${shape[@]}" | awk '{ print $6 }')")
  echo "    run $r: $rps alerts/s answered, raw ${b[-1]} alerts/s; search caught up $behind s" \
    "after the load ($searchable alerts/s answered and searchable)" >&2
done
stop_server
ma=$(printf '%s\n' "${a[@]}" | median)
mb=$(printf '%s\n' "${b[@]}" | median)
ratio=$(awk -v a="$ma" -v b="$mb" 'BEGIN { printf "%.2f", a / b }')
row "POST /api/v1/alerts, 32 connections, durable" "$(printf '%.0f alerts/s' "$ma")" \
  "$(printf '%.0f alerts/s' "$mb")" "$ratio" ">= 0.7 x raw RocksDB, 32 writers" \
  "$(awk -v r="$ratio" 'BEGIN { print ((r >= 0.7) ? "pass" : "FAIL") }')"

# --- Import: soj-admin import against a raw bulk load of as many records ---------------------------
echo "==> import of $import_alerts alerts" >&2
# (head stops reading early: the export's broken pipe is expected)
("$bin/soj-admin" export --data "$data" --format ndjson 2>/dev/null || true) |
  head -n "$import_alerts" >"$run_dir/import.ndjson"
start=$(date +%s.%N)
"$bin/soj-admin" import "$run_dir/import.ndjson" --data "$run_dir/imported" \
  >"$run_dir/import.out" 2>"$run_dir/import.err"
import_s=$(echo "$(date +%s.%N) - $start" | bc)
# The import leaves the full-text index to the server, which builds it in the background when
# it starts (raw RocksDB builds none); timed apart, as soj-admin reindex, for the record.
start=$(date +%s.%N)
"$bin/soj-admin" reindex --data "$run_dir/imported" >/dev/null 2>&1
index_s=$(echo "$(date +%s.%N) - $start" | bc)
rm -rf "$run_dir/raw"
raw_line=$("$bin/soj_raw_ingest" "$run_dir/raw" --bulk --alerts "$import_alerts")
raw_s=$(awk '{ print $4 }' <<<"$raw_line")
ratio=$(awk -v a="$import_s" -v b="$raw_s" 'BEGIN { printf "%.2f", a / b }')
row "soj-admin import of $import_alerts alerts (NDJSON)" \
  "$(printf '%.1f s (then the search index, in the background: %.1f s)' "$import_s" "$index_s")" \
  "$(printf '%.1f s' "$raw_s")" "$ratio" "<= 2 x raw bulk load" \
  "$(awk -v r="$ratio" 'BEGIN { print ((r <= 2) ? "pass" : "FAIL") }')"

# --- The table ---------------------------------------------------------------------------------
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dataset: $alerts alerts; $runs runs of ${seconds}s per side"
echo "cores: soj-tracker --threads $threads, nginx $threads workers and the raw writers on" \
  "$server_cpus; wrk -t$client_threads on $client_cpus; start-up and import on every core"
echo
echo "| scenario | soj-tracker (median) | baseline (median) | ratio | target | result |"
echo "| --- | --- | --- | --- | --- | --- |"
awk -F'|' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }' "$table"
