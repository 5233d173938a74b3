#!/usr/bin/env bash
# Install stancegraph with its hash-checked test dependencies in .venv, then run every test, all markers included.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --require-hashes -r requirements-dev.lock
.venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
# pytest exits 5 when it collected no test: that is a failure, not a pass.
if [ "$code" -eq 5 ]; then echo "no tests were collected" >&2; exit 1; fi
exit "$code"
