#!/usr/bin/env bash
# The README's screenshot: build the seed article and photograph graph.html in headless Chromium (network blocked).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
stancegraph build seeds/ --out "$out" > /dev/null
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$out/profile" --proxy-server=127.0.0.1:9 \
  --virtual-time-budget=15000 --window-size=1200,700 --screenshot=docs/graph.png "file://$out/graph.html" 2> /dev/null
echo "wrote docs/graph.png"
