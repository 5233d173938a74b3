#!/usr/bin/env python3
"""Measure which sentence tests the packaged stance model fails, and write tests/data/known_misses.txt.

    python scripts/known_misses.py

Runs tests/test_learned.py with --runxfail (every test as if none were expected to fail) and
lists the failing ones; test_learned.py marks those xfail, so a better model shows as XPASS.
Run it after `stancegraph train`, and commit the list with the model.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    run = subprocess.run([sys.executable, "-m", "pytest", "tests/test_learned.py", "--runxfail", "-q", "-rf",
                          "-p", "no:cacheprovider", "-k", "not training"],
                         cwd=ROOT, capture_output=True, text=True)
    failed = sorted(set(re.findall(r"^FAILED tests/test_learned\.py::(\S+)", run.stdout, re.M)))
    names = [f.split("[", 1)[1].rstrip("]") if "[" in f else f for f in failed]
    passed = re.search(r"(\d+) passed", run.stdout)
    meta = json.loads((ROOT / "extract" / "model" / "stance-linear.json").read_text(encoding="utf-8"))
    lines = ["# Sentence tests the packaged model fails, measured by scripts/known_misses.py",
             f"# model stance-linear@{meta['version']}: {len(names)} failed, "
             f"{passed.group(1) if passed else 0} passed", *names]
    (ROOT / "tests" / "data" / "known_misses.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
