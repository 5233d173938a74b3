"""A regular (non-editable) install: one import name, data files included, nothing else in site-packages."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True, text=True)
    return next(out.glob("stancegraph-*.whl"))


def test_the_wheel_holds_only_the_stancegraph_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"stancegraph", next(t for t in tops if t.endswith(".dist-info"))}, tops
    for needed in ("stancegraph/__init__.py", "stancegraph/cli.py", "stancegraph/extract/stances.py",
                   "stancegraph/graph/rdf.py", "stancegraph/ontology/stancegraph.ttl",
                   "stancegraph/ontology/lexicons/stance_cues.tsv"):
        assert needed in names, needed
    assert not any(n.startswith(("stancegraph/tests/", "stancegraph/seeds/")) for n in names)


def test_the_installed_package_imports_and_finds_its_data(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    assert not (target / "extract").exists() and not (target / "graph").exists()
    code = ("import stancegraph, stancegraph.extract.lexicon as lx, stancegraph.graph.vocab as v;"
            "print(stancegraph.__file__); print(len(lx.load_lexicon().cues) > 50)")
    env = dict(os.environ, PYTHONPATH=str(target))
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    file, ok = done.stdout.split()
    assert file.startswith(str(target)) and ok == "True"
