#!/usr/bin/env bash
# Builds soj-tracker (Release, build/release) and serves ./var/data.
# Until the HTTP server exists, loads the demo dataset into ./var/data with soj-admin instead.
# Arguments are passed to `soj-tracker serve`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=tools/setup.sh disable=SC1091
source tools/setup.sh

echo "==> Release build in build/release"
soj_build build/release -DCMAKE_BUILD_TYPE=Release -DSOJ_BUILD_TESTS=OFF

data=./var/data
if [[ -x build/release/tools/soj-tracker ]]; then
  exec build/release/tools/soj-tracker serve --data "$data" "$@"
fi

echo
echo "The HTTP server (soj-tracker serve) is not built yet: it arrives with the HTTP API issue."
if [[ ! -f "$data/CURRENT" ]]; then
  echo "Loading the demo dataset into $data with soj-admin..."
  mkdir -p "$(dirname "$data")"
  build/release/tools/soj-admin demo --data "$data"
  echo "Loaded the demo dataset into $data; inspect it with build/release/tools/soj-admin."
else
  echo "Data already exists in $data (delete it to regenerate the demo); verifying it."
  build/release/tools/soj-admin verify --data "$data"
fi
