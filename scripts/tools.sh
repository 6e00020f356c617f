#!/usr/bin/env bash
# Installs the pinned lint/build tools (sam, cfn-lint, asl-validator) under a cache directory and
# puts them on PATH. Idempotent: once installed, a run only compares the stamps.
#   . scripts/tools.sh      install if needed, and put the tools on this shell's PATH
#   scripts/tools.sh        install only
# Pins: Python tools in scripts/requirements-tools.txt, asl-validator below.

ASL_VALIDATOR_VERSION=4.0.0
MESHCANARY_CACHE="${MESHCANARY_CACHE:-$HOME/.cache/meshcanary}"
tools_venv="$MESHCANARY_CACHE/tools-venv"
tools_npm="$MESHCANARY_CACHE/tools-npm"

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    # Sourced: install in a child process, where strict mode holds (bash ignores `set -e` inside
    # anything whose status the caller tests) and does not leak into the caller's shell.
    bash "${BASH_SOURCE[0]}" || { echo "tools.sh: tool installation failed" >&2; return 1; }
    export PATH="$tools_venv/bin:$tools_npm/node_modules/.bin:$PATH"
    export SAM_CLI_TELEMETRY=0
    return 0
fi

set -euo pipefail
requirements="$(cd "$(dirname "$0")" && pwd)/requirements-tools.txt"

# The stamp records what the venv was built from; another pin list or Python rebuilds it.
want="$(sha256sum "$requirements" | cut -d' ' -f1) $(python3 --version 2>&1)"
if [ "$(cat "$tools_venv/.meshcanary-stamp" 2>/dev/null)" != "$want" ]; then
    echo "tools.sh: installing $(grep -v '^#' "$requirements" | xargs) into $tools_venv"
    rm -rf "$tools_venv"
    python3 -m venv "$tools_venv"
    "$tools_venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    echo "$want" > "$tools_venv/.meshcanary-stamp"
fi

installed="$(sed -n 's/^ *"version": "\(.*\)",*$/\1/p' "$tools_npm/node_modules/asl-validator/package.json" \
    2>/dev/null || true)"
if [ "$installed" != "$ASL_VALIDATOR_VERSION" ]; then
    echo "tools.sh: installing asl-validator@$ASL_VALIDATOR_VERSION into $tools_npm"
    npm install --prefix "$tools_npm" --no-save --no-audit --no-fund --loglevel=error \
        "asl-validator@$ASL_VALIDATOR_VERSION"
fi
