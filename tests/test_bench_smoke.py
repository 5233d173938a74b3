"""The benchmark script runs and prints its table: a smoke test, never a timing assertion."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "bench.py"


def test_quick_extraction_prints_a_table_with_a_ratio():
    proc = subprocess.run([sys.executable, str(BENCH), "--quick", "--sections", "extraction"],
                          capture_output=True, text=True, timeout=240, cwd=str(ROOT))
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    # a Markdown table: header, alignment row, one row per measure
    assert "| measure |" in out
    assert re.search(r"^\|---\|(---:\|)+", out, re.M)
    for measure in ("bare `nlp.pipe`", "`RuleExtractor.extract`", "build: extract"):
        assert re.search(r"^\| " + re.escape(measure) + r".*\| [\d,]+ \|", out, re.M), measure
    ratio = re.search(r"build/bare ratio: (\d+\.\d+) wall, (\d+\.\d+) CPU", out)
    assert ratio, out
    assert float(ratio.group(1)) > 0 and float(ratio.group(2)) > 0
