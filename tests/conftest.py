"""Shared fixtures: the seed article, the shared corpus, and one loaded spaCy pipeline per session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_98ceb06b7a6a85b3.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "wikinews"


@pytest.fixture(scope="session")
def nlp():
    from stancegraph.extract.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extractor(nlp):
    from stancegraph.extract.pipeline import RuleExtractor

    return RuleExtractor(nlp=nlp)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed article built once through the command line, as a user runs it."""
    from typer.testing import CliRunner

    from stancegraph.cli import app

    out = tmp_path_factory.mktemp("seed-build")
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output
