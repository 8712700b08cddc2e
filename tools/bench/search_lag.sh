# shellcheck shell=bash
# Sourced by the benchmarks: how far the server's search index is behind its writes, read from
# its /metrics (soj_search_pending_changes).

# search_pending PORT: the changes the index has not applied yet.
search_pending() {
  curl -s "http://127.0.0.1:$1/metrics" | awk '/^soj_search_pending_changes / { print $2 }'
}

# search_catch_up_seconds PORT: waits until the index has applied every write (10 minutes at
# most, then fails) and prints how many seconds that took.
search_catch_up_seconds() {
  local start pending=""
  start=$(date +%s.%N)
  for _ in $(seq 1 12000); do
    pending=$(search_pending "$1")
    [[ $pending == 0 ]] && break
    sleep 0.05
  done
  [[ $pending == 0 ]] || { echo "the search index did not catch up in 10 minutes" >&2 && exit 1; }
  echo "$(date +%s.%N) - $start" | bc | awk '{ printf "%.2f", $1 }'
}
