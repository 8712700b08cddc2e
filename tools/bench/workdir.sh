# shellcheck shell=bash
# Sourced by run.sh and search_flood.sh: where a benchmark works, the dataset it measures and
# what wrk measured.
#
# bench_prepare NAME ALERTS BIN: sets `work` ($SOJ_BENCH_DIR, default var/bench), `run_dir` (a
# fresh NAME.XXXXXX in it, removed at exit) and `data` (work/data-ALERTS, made once with BIN's
# soj-admin demo and kept for the next run), and empties `pids`: every process the caller
# appends there is killed at exit.
bench_prepare() {
  local name=$1 alerts=$2 bin=$3
  work=$(realpath -m "${SOJ_BENCH_DIR:-var/bench}")
  mkdir -p "$work"
  run_dir=$(mktemp -d "$work/$name.XXXXXX")
  pids=()
  trap bench_cleanup EXIT
  data="$work/data-$alerts"
  if [[ ! -f "$data/.complete" ]]; then
    echo "==> dataset: soj-admin demo --alerts $alerts (once; kept in $data)" >&2
    rm -rf "$data"
    "$bin/soj-admin" demo --alerts "$alerts" --data "$data" >&2
    touch "$data/.complete"
  fi
}

bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$run_dir"
}

# bench_wrk_summary FILE [P99_FORMAT]: "<req/s> <p99 in ms> <non-2xx/3xx answers>" from the
# output of `wrk --latency` in FILE; P99_FORMAT is printf's (default %s, as wrk wrote it).
bench_wrk_summary() {
  awk -v p99_format="${2:-%s}" '
    /Requests\/sec/ { rps = $2 }
    /Non-2xx or 3xx/ { bad = $NF }
    $1 == "99%" {
      v = $2; unit = v; gsub(/[0-9.]/, "", unit); sub(/[a-z]+$/, "", v)
      p99 = unit == "us" ? v / 1000 : unit == "s" ? v * 1000 : v
    }
    END { printf "%s " p99_format " %d\n", rps, p99, bad + 0 }' "$1"
}
