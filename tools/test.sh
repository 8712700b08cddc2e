#!/usr/bin/env bash
# Builds the tests and runs them with ctest. Default: ASan+UBSan build in build/asan.
# Then, in the sanitizer build, every libFuzzer target runs for SOJ_FUZZ_SECONDS (default 20;
# 0 skips them) in build/fuzz (tools/fuzz.sh): any crash, leak or sanitizer report fails.
# Usage: tools/test.sh [--no-sanitize] [--no-fuzz] [ctest args...]
#   --no-sanitize   plain Debug build in build/debug (faster local runs), no fuzzing
#   --no-fuzz       skip the fuzz targets
#   ctest args      passed on, e.g. -R AlertStore or -L unit
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=tools/setup.sh disable=SC1091
source tools/setup.sh

sanitize=1
fuzz_seconds=${SOJ_FUZZ_SECONDS:-20}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-sanitize) sanitize=0 fuzz_seconds=0 ;;
    --no-fuzz) fuzz_seconds=0 ;;
    *) break ;;
  esac
  shift
done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

if ((sanitize)); then
  dir=build/asan
  echo "==> Sanitizer build (ASan+UBSan, Debug, -Werror) in $dir"
  # -g1: line tables for the sanitizers' stack traces, not full debug info, which costs much
  # of the compile time of the Boost-heavy files (build/debug keeps -g for gdb).
  soj_build "$dir" -DCMAKE_BUILD_TYPE=Debug -DSOJ_SANITIZE=ON -DSOJ_WERROR=ON \
    -DCMAKE_CXX_FLAGS_DEBUG=-g1
else
  dir=build/debug
  echo "==> Debug build (no sanitizers, -Werror) in $dir"
  soj_build "$dir" -DCMAKE_BUILD_TYPE=Debug -DSOJ_WERROR=ON
fi

ctest --test-dir "$dir" --output-on-failure -j2 --timeout 600 "$@"

if ((fuzz_seconds > 0)); then
  echo "==> Fuzzing each target for ${fuzz_seconds}s (clang, ASan+UBSan) in build/fuzz"
  tools/fuzz.sh --build-only
  for target in alert_json list_query http_request import; do
    log="build/fuzz/$target.log"
    if ! tools/fuzz.sh "$target" "$fuzz_seconds" >"$log" 2>&1; then
      tail -n 80 "$log"
      echo "fuzz target $target failed: see $log and build/fuzz/artifacts/$target/" >&2
      exit 1
    fi
    grep -E "^(Done|#[0-9]+ +DONE)" "$log" | tail -n 1 | sed "s/^/$target: /"
  done
fi
