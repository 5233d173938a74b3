#!/usr/bin/env bash
# Install stancegraph (its pinned, hash-checked dependencies, the spaCy model and the stance model included)
# in .venv and build the seed article into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements.lock
.venv/bin/stancegraph build seeds/ --out output/
echo "open output/graph.html in a browser; query with: .venv/bin/stancegraph query output/graph.ttl QUERY"
