#!/usr/bin/env bash
# Installs every Debian package Strike needs to build, test and run. Idempotent: prints
# nothing and changes nothing when all are present. Runs apt as root (directly or via sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libboost-system-dev libssl-dev
  libsimdjson-dev libspdlog-dev libfmt-dev libtomlplusplus-dev
  liboath-dev doctest-dev libsystemd-dev libzstd-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev
  openssl jq python3 procps systemd logrotate curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
