#!/usr/bin/env bash
# Checks that the Debian packages soj-tracker builds with are installed, and defines soj_build.
#
# The other scripts source this file; it can also be run on its own. As root it installs what
# is missing; otherwise it prints the one command to run and fails. Silent when all is there.
set -euo pipefail

SOJ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

SOJ_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config clang-format
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  librocksdb-dev libssl-dev libgtest-dev libgmock-dev libxapian-dev
  libcli11-dev libspdlog-dev zlib1g-dev libgoogle-perftools-dev gcovr python3-feedparser libbenchmark-dev
  clang libclang-rt-14-dev
  chromium
  nginx
  ${SOJ_EXTRA_PACKAGES:-}
)

# Prints the packages from SOJ_PACKAGES that are not installed, space-separated.
soj_missing_packages() {
  local pkg status missing=()
  for pkg in "${SOJ_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
      missing+=("$pkg")
    fi
  done
  # Node.js runs the front-end tooling; any node >= 18 will do (Debian's, or one already there).
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    missing+=(nodejs npm)
  fi
  echo "${missing[*]}"
}

# Installs missing packages when root; otherwise prints the install command and returns 1.
soj_check_packages() {
  local missing
  missing=$(soj_missing_packages)
  [[ -z "$missing" ]] && return 0
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "sudo apt-get install -y $missing"
    return 1
  fi
  local -a pkgs
  read -r -a pkgs <<<"$missing"
  apt-get update &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}"
}

# soj_build <build-dir> <cmake args...>
# Configures <build-dir> with Ninja (again only when the arguments changed; Ninja re-runs CMake
# itself when a CMakeLists.txt changes) and builds every target with one job per core.
# ccache is picked up by CMakeLists.txt when it is installed.
soj_build() {
  local dir=$1
  shift
  # Paths relative to the checkout in ccache's keys: another clone of the same sources (CI
  # builds in a fresh one) reuses the compiled objects.
  export CCACHE_BASEDIR="$SOJ_ROOT" CCACHE_NOHASHDIR=true
  local stamp="$dir/.soj-configure-args"
  local args="$*"
  if [[ ! -f "$dir/build.ninja" || ! -f "$stamp" || "$(cat "$stamp")" != "$args" ]]; then
    cmake -S "$SOJ_ROOT" -B "$dir" -G Ninja "$@"
    printf '%s' "$args" >"$stamp"
  fi
  cmake --build "$dir" --parallel "$(nproc)"
}

# npm packages, pinned by their lock files (installed before CMake looks for them).
soj_install_npm_packages() {
  "$SOJ_ROOT/tools/openapi/install.sh"
  "$SOJ_ROOT/dashboards/install.sh"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  soj_check_packages
  soj_install_npm_packages
else
  soj_check_packages || return 1
  soj_install_npm_packages || return 1
fi
