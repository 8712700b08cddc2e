#!/usr/bin/env bash
# Builds the tests and runs them with ctest. Default: ASan+UBSan build in build/asan.
# Usage: tools/test.sh [--no-sanitize] [ctest args...]
#   --no-sanitize   plain Debug build in build/debug (faster local runs)
#   ctest args      passed on, e.g. -R AlertStore or -L unit
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=tools/setup.sh disable=SC1091
source tools/setup.sh

sanitize=1
if [[ "${1:-}" == "--no-sanitize" ]]; then
  sanitize=0
  shift
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

if ((sanitize)); then
  dir=build/asan
  echo "==> Sanitizer build (ASan+UBSan, Debug, -Werror) in $dir"
  soj_build "$dir" -DCMAKE_BUILD_TYPE=Debug -DSOJ_SANITIZE=ON -DSOJ_WERROR=ON
else
  dir=build/debug
  echo "==> Debug build (no sanitizers, -Werror) in $dir"
  soj_build "$dir" -DCMAKE_BUILD_TYPE=Debug -DSOJ_WERROR=ON
fi

ctest --test-dir "$dir" --output-on-failure -j2 --timeout 600 "$@"
