#!/usr/bin/env bash
# Builds with gcov instrumentation in build/coverage, runs the tests and reports line coverage
# of tracker/ and storage/. Fails if either directory is below 85%.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=tools/setup.sh disable=SC1091
source tools/setup.sh

readonly min_line=85
dir=build/coverage

echo "==> Coverage build (Debug, gcov) in $dir"
soj_build "$dir" -DCMAKE_BUILD_TYPE=Debug -DSOJ_COVERAGE=ON
# Counters from earlier runs would add up with this one.
find "$dir" -name '*.gcda' -delete
ctest --test-dir "$dir" --output-on-failure -j2 --timeout 600

echo "==> Line coverage: tracker/ and storage/"
gcovr -r . -j "$(nproc)" --gcov-ignore-parse-errors --filter tracker/ --filter storage/ --print-summary

failed=0
for module in tracker storage; do
  echo "==> Line coverage: $module/ (minimum $min_line%)"
  # --txt /dev/null: the per-file table is printed above; here only the summary.
  if ! gcovr -r . -j "$(nproc)" --gcov-ignore-parse-errors --filter "$module/" --txt /dev/null --print-summary \
    --fail-under-line "$min_line"; then
    echo "FAIL: $module/ line coverage is below $min_line% (or gcovr failed, see above)" >&2
    failed=1
  fi
done
exit "$failed"
