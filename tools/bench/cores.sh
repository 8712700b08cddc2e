# shellcheck shell=bash
# Sourced by the benchmarks: splits the cores this shell may use between the server under
# test and its baselines (the first half) and the load generator (the rest), as if the
# clients were other machines. Sharing cores, wrk's threads took the server's turns on the CPU
# and every p99 measured the scheduler as much as the server (docs/performance.md, session 13).
# Sets threads and server_cpus (the server's), client_threads and client_cpus (wrk's), and the
# command prefixes on_server_cores and on_client_cores: arrays, not functions, since a
# function started with & runs in a subshell and $! would not be the server's pid.
mapfile -t cpus < <(awk '/^Cpus_allowed_list/ {
  n = split($2, ranges, ",")
  for (i = 1; i <= n; i++) { m = split(ranges[i], b, "-"); for (c = b[1]; c <= b[m]; c++) print c }
}' /proc/self/status)
((${#cpus[@]} > 0)) || { echo "cannot read the usable cores from /proc/self/status" >&2 && exit 1; }
if ((${#cpus[@]} >= 2)); then
  threads=$((${#cpus[@]} / 2)) client_threads=$((${#cpus[@]} - ${#cpus[@]} / 2))
  server_cpus=$(IFS=, && echo "${cpus[*]:0:threads}")
  client_cpus=$(IFS=, && echo "${cpus[*]:threads}")
else
  echo "note: a single core; the load generator shares it with the server" >&2
  threads=1 client_threads=1 server_cpus=${cpus[0]} client_cpus=${cpus[0]}
fi
on_server_cores=(taskset -c "$server_cpus") on_client_cores=(taskset -c "$client_cpus")
