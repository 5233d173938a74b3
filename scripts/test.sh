#!/usr/bin/env bash
# Install stancegraph with its pinned, hash-checked test dependencies in .venv, then run every test,
# all markers included. Tests marked `browser` need Chromium, some export tests need raptor's `rapper`:
# where they are missing they are installed (as root with apt-get), or their tests are skipped with
# one line saying why and how to get them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh requirements-dev.lock

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} with apt-get for the browser and Turtle-parser tests ..."
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"; } >/dev/null || true
fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=("the browser tests: no chromium on PATH (sudo apt-get install chromium)")
command -v rapper >/dev/null 2>&1 || missing+=("the rapper cross-checks: no rapper on PATH (sudo apt-get install raptor2-utils)")
if [ ${#missing[@]} -gt 0 ]; then
  if [ -n "${CI:-}" ]; then printf 'CI needs %s\n' "${missing[@]}" >&2; exit 1; fi
  printf 'SKIPPING %s\n' "${missing[@]}"
  export STANCEGRAPH_SKIP_MISSING_TOOLS=1
fi

set +e
.venv/bin/python -m pytest "$@"
code=$?
set -e
# pytest exits 5 when it collected no test: that is a failure, not a pass.
if [ "$code" -eq 5 ]; then echo "no tests were collected" >&2; exit 1; fi
exit "$code"
