#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build/fuzz and runs one of them.
# Usage: tools/fuzz.sh TARGET SECONDS [libFuzzer args...]
#        tools/fuzz.sh --build-only
#   TARGET   alert_json | list_query | http_request | import (tests/fuzz/<TARGET>_fuzz.cpp)
#   SECONDS  how long to fuzz; new inputs go to build/fuzz/corpus/TARGET, the seeds in
#            tests/fuzz/corpus/TARGET are read, never written.
# Exits non-zero on any crash, leak, timeout or sanitizer report; the input that caused it is
# saved as build/fuzz/artifacts/TARGET/crash-* (add it to the seeds with a regression test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=tools/setup.sh disable=SC1091
source tools/setup.sh

targets=(alert_json list_query http_request import)
dir=build/fuzz
build() {
  export CCACHE_BASEDIR="$SOJ_ROOT" CCACHE_NOHASHDIR=true
  local args="-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DSOJ_FUZZ=ON -DSOJ_BUILD_TESTS=OFF -DSOJ_WERROR=ON"
  # Line tables only: enough for the sanitizers' reports, and much cheaper to compile.
  local debug_flags="-O1 -gline-tables-only"
  if [[ ! -f "$dir/build.ninja" || "$(cat "$dir/.soj-configure-args" 2>/dev/null)" != "$args $debug_flags" ]]; then
    # shellcheck disable=SC2086
    cmake -S . -B "$dir" -G Ninja $args -DCMAKE_CXX_FLAGS_DEBUG="$debug_flags"
    printf '%s' "$args $debug_flags" >"$dir/.soj-configure-args"
  fi
  cmake --build "$dir" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"
}

if [[ "${1:-}" == "--build-only" ]]; then
  build
  exit 0
fi
if [[ $# -lt 2 ]]; then
  echo "usage: tools/fuzz.sh TARGET SECONDS [libFuzzer args...]  (targets: ${targets[*]})" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
[[ " ${targets[*]} " == *" $target "* ]] || { echo "unknown target $target" >&2; exit 2; }
build
mkdir -p "$dir/corpus/$target" "$dir/artifacts/$target"
dict=()
[[ -f "tests/fuzz/$target.dict" ]] && dict=(-dict="tests/fuzz/$target.dict")
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$dir/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/artifacts/$target/" \
  "${dict[@]}" "$@" "$dir/corpus/$target" "tests/fuzz/corpus/$target"
