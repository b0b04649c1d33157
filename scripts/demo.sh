#!/usr/bin/env bash
# The main job: install what is missing, build, and run the daemon on the default config.
#   scripts/demo.sh [--for DURATION]    (default: until Ctrl-C)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release striked >/dev/null
exec build/release/daemon/striked run --config config.toml "$@"
