#!/usr/bin/env bash
# Builds soj-tracker (Release, build/release) and serves ./var/data on http://127.0.0.1:8080.
# An empty data directory is seeded with the demo dataset on first start (--no-demo skips it).
# Arguments are passed to `soj-tracker serve`, e.g. tools/serve.sh --listen 127.0.0.1:9000.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=tools/setup.sh disable=SC1091
source tools/setup.sh

echo "==> Release build in build/release"
soj_build build/release -DCMAKE_BUILD_TYPE=Release -DSOJ_BUILD_TESTS=OFF

echo "==> soj-tracker serve --data ./var/data $*"
mkdir -p ./var
exec build/release/tools/soj-tracker serve --data ./var/data "$@"
