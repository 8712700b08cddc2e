#!/usr/bin/env bash
# Installs the OpenAPI validator (tools/openapi/node_modules) from package-lock.json, exactly as
# pinned, when it is not installed yet or the lock file changed since. Needs Node.js and npm;
# without them it says so and succeeds, since only the openapi_lint test needs the validator.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "tools/openapi: node and npm are not installed; the openapi_lint test will not run" >&2
  exit 0
fi
# npm ci writes node_modules/.package-lock.json; an older copy means the pins moved.
if [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
