"""`build --jobs N`: worker processes that each run the whole extractor give the same graph."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from stancegraph.cli import app

from conftest import CORPUS, SEEDS

pytestmark = pytest.mark.model


def test_two_jobs_build_the_same_graph_files_as_one(tmp_path):
    inputs = [str(SEEDS), *sorted(str(p) for p in CORPUS.glob("0[01]*.txt"))]
    runner = CliRunner()
    one = runner.invoke(app, ["build", *inputs, "--out", str(tmp_path / "one")])
    assert one.exit_code == 0, one.output
    two = runner.invoke(app, ["build", *inputs, "--out", str(tmp_path / "two"), "--jobs", "2"])
    assert two.exit_code == 0, two.output
    for name in ("graph.ttl", "graph.trig"):
        first = (tmp_path / "one" / name).read_bytes()
        assert len(first) > 10_000
        assert first == (tmp_path / "two" / name).read_bytes()
