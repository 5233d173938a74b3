#!/usr/bin/env bash
# Install stancegraph (hash-checked dependencies, the spaCy model included) in .venv and build the seed article into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --require-hashes -r requirements.lock
.venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
.venv/bin/stancegraph build seeds/ --out output/
echo "open output/graph.html in a browser; query with: .venv/bin/stancegraph query output/graph.ttl QUERY"
