#!/usr/bin/env bash
# Installs the pages' npm packages (dashboards/node_modules) from package-lock.json, exactly as
# pinned, when they are not installed yet or the lock file changed since: Chart.js, d3-geo,
# topojson-client and world-atlas (embedded into the binary at build time) and playwright-core
# (the browser tests). Needs Node.js and npm; without them it says so and succeeds, since the
# pages work without the libraries (tables only) and only the browser tests need playwright.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "dashboards: node and npm are not installed; pages will have no charts or map" >&2
  exit 0
fi
# npm ci writes node_modules/.package-lock.json; an older copy means the pins moved.
if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
