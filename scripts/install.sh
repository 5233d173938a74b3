#!/usr/bin/env bash
# Install stancegraph into .venv from a lock file, exactly as pinned:
#   bash scripts/install.sh [requirements.lock | requirements-dev.lock]
# --no-deps: pip installs the lock's own pins and never resolves a dependency against the
# index, so a new release of anything cannot change what is installed; `pip check` then
# proves the pinned set is complete and consistent.
set -euo pipefail
cd "$(dirname "$0")/.."
lock="${1:-requirements.lock}"
[ -x .venv/bin/python ] || python3 -m venv .venv
echo "installing the pinned packages of $lock into .venv (hash-checked) ..."
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r "$lock"
.venv/bin/python -m pip check --disable-pip-version-check >/dev/null || {
  .venv/bin/python -m pip check --disable-pip-version-check; echo "$lock is incomplete: see above" >&2; exit 1; }
# stancegraph itself, editable, built with the setuptools the lock pins (no build download).
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>&1 \
  | grep -v -e '^\s*$' -e 'SetuptoolsDeprecationWarning' || true
echo "installed stancegraph into .venv"
