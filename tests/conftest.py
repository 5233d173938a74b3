"""Shared fixtures: the seed article, the shared corpus, and one loaded spaCy pipeline per session."""
from __future__ import annotations

import os
import shutil
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


# scripts/test.sh sets this where Chromium or rapper is missing and could not be installed: their tests are then
# skipped with the reason, instead of failing. CI never sets it, so there they fail loudly.
SKIP_MISSING_TOOLS = os.environ.get("STANCEGRAPH_SKIP_MISSING_TOOLS") == "1"


def require_tool(name: str, package: str) -> str:
    """The path of a command the test needs; fails (or, under scripts/test.sh's skip mode, skips) when it is missing."""
    exe = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if exe is None:
        message = f"no `{name}` on PATH: install Debian's {package} package (apt-get install {package})"
        if SKIP_MISSING_TOOLS:
            pytest.skip(message)
        pytest.fail(message)
    return exe


def pytest_collection_modifyitems(config, items):
    if SKIP_MISSING_TOOLS and shutil.which("chromium") is None:
        skip = pytest.mark.skip(reason="no chromium on PATH: install Debian's chromium package")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)
