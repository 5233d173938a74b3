"""`build --store` streams: results wait on disk, the store holds the graph. What a user sees:
the same graph as the in-memory build, people already in the store still found, no spill
left behind, and a store that holds whole articles only after a failed or killed build."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from stancegraph.cli import app
from stancegraph.graph.spill import PREFIX, Spill
from stancegraph.graph.store import StanceStore

from conftest import CORPUS, SEED

runner = CliRunner()
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


def corpus_folder(tmp_path: Path, n: int) -> Path:
    """The seed and the first n-1 corpus articles, copied into one folder."""
    if not CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder)
    for path in sorted(CORPUS.iterdir())[: n - 1]:
        shutil.copy(path, folder)
    return folder


def build(*args: str, code: int = 0):
    result = runner.invoke(app, ["build", *map(str, args)])
    assert result.exit_code == code, result.output
    return result


def quads(path: Path) -> set[str]:
    """The graph of a TriG file as a store holds it (literals in canonical form), as N-Quads lines."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return {str(q) for q in store}


def spills(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(PREFIX)] if folder.is_dir() else []


@pytest.fixture
def own_nlp(monkeypatch, nlp):
    from stancegraph.extract import pipeline

    monkeypatch.setattr(pipeline, "load_nlp", lambda model=None: nlp)


@pytest.mark.model
def test_the_streamed_store_build_gives_the_same_graph_as_the_in_memory_build(tmp_path, own_nlp):
    folder = corpus_folder(tmp_path, 6)
    memory = build(folder, "--out", tmp_path / "memory")
    streamed = build(folder, "--store", tmp_path / "store", "--out", tmp_path / "streamed")
    assert quads(tmp_path / "memory" / "graph.trig") == quads(tmp_path / "streamed" / "graph.trig")
    # and the same summary: actors, proposals, stances, triples
    rows = [line for line in memory.output.splitlines() if any(k in line for k in ("actors", "proposals", "stances", "triples"))]
    assert len(rows) == 6 and all(row in streamed.output for row in rows), (memory.output, streamed.output)
    assert spills(tmp_path / "streamed") == []


@pytest.mark.model
def test_an_incremental_build_resolves_to_people_already_in_the_store(tmp_path, own_nlp):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "a.txt").write_text("Ukrainian President Volodymyr Zelensky supports the peace plan.\n", encoding="utf-8")
    (tmp_path / "b" / "b.txt").write_text("Zelensky opposes the tax bill.\n", encoding="utf-8")
    build(tmp_path / "a", "--store", tmp_path / "store", "--out", tmp_path / "out")
    build(tmp_path / "b", "--store", tmp_path / "store", "--out", tmp_path / "out")
    with StanceStore(tmp_path / "store", read_only=True) as store:
        assert store.article_ids() == ["a", "b"]
        holders = {r["h"].value for r in store.store.query(
            "SELECT DISTINCT ?h WHERE { GRAPH ?g { ?s <https://w3id.org/stancegraph#holder> ?h } }")}
        people = store.people()
    assert len(holders) == 1, holders  # Zelensky of article b is Volodymyr Zelensky of article a
    assert [label for _, label in people] == ["Volodymyr Zelensky"]


@pytest.mark.model
def test_no_spill_is_left_after_a_build_that_fails(tmp_path, own_nlp, monkeypatch):
    from stancegraph.graph import store as store_module

    folder = corpus_folder(tmp_path, 3)
    real_nt = store_module._nt
    monkeypatch.setattr(store_module, "_nt", lambda t: '"x"^^<bad iri>' if "Romania" in real_nt(t) else real_nt(t))
    result = build(folder, "--store", tmp_path / "store", "--out", tmp_path / "out", code=1)
    assert "error:" in result.output and "Traceback" not in result.output
    assert spills(tmp_path / "out") == []


def test_a_spill_reads_back_in_order_and_a_killed_builds_spill_is_removed(tmp_path):
    from stancegraph.extract.records import Article, ArticleResult

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = tmp_path / f"{PREFIX}{int(dead.stdout)}.abc"  # a killed build's spill: its process is gone
    left.mkdir()
    (left / "000000.pickle").write_bytes(b"x")
    results = [ArticleResult(Article(f"a{i}", "text"), {}, []) for i in range(7)]
    with Spill(tmp_path, batch=3) as spill:
        for res in results:
            spill.append(res)
        assert [r.article.id for r in spill] == [r.article.id for r in results]
        assert list(spill) == results and len(spill) == 7  # and again
        assert spills(tmp_path) == [spill.dir.name]
    assert spills(tmp_path) == []


@pytest.mark.model
def test_a_build_killed_while_writing_the_store_leaves_whole_articles_only(tmp_path):
    """The build is killed (SIGKILL, from a thread) while it writes its third batch of two articles;
    every article graph in the store is then exactly that article's graph from a complete build."""
    folder = corpus_folder(tmp_path, 8)
    env = {**os.environ, "COLUMNS": "80"}
    cmd = [sys.executable, "-m", "stancegraph", "build", str(folder), "--out", str(tmp_path / "out")]
    done = subprocess.run(cmd + ["--store", str(tmp_path / "whole")], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    killer = textwrap.dedent("""
        import os, signal, sys, threading, runpy
        from stancegraph.graph import store
        batches = []
        store.StanceStore.add_resolved.__defaults__ = (2,)
        real = store.StanceStore._write

        def write(self, graphs):
            batches.append(graphs)
            if len(batches) == 3:
                threading.Timer(0.0005, os.kill, (os.getpid(), signal.SIGKILL)).start()
            return real(self, graphs)

        store.StanceStore._write = write
        sys.argv[0] = "stancegraph"
        runpy.run_module("stancegraph", run_name="__main__", alter_sys=True)
    """)
    killed = subprocess.run([sys.executable, "-c", killer, *cmd[3:], "--store", str(tmp_path / "killed")],
                            capture_output=True, text=True, env=env, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    def graphs(path: Path) -> dict[str, set[str]]:
        with StanceStore(path, read_only=True) as st:
            out: dict[str, set[str]] = {}
            for q in st.store.quads_for_pattern(None, None, None, None):
                if "/graph/entities" not in str(q.graph_name):
                    out.setdefault(str(q.graph_name), set()).add(str(q.triple))
            return out

    whole, killed_graphs = graphs(tmp_path / "whole"), graphs(tmp_path / "killed")
    assert 4 <= len(killed_graphs) <= 6 and len(whole) == 8, (len(killed_graphs), len(whole))
    for name, triples in killed_graphs.items():
        assert triples == whole[name], f"{name} is not whole"
    # the next build into that store completes it
    again = subprocess.run(cmd + ["--store", str(tmp_path / "killed")], capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert graphs(tmp_path / "killed") == whole
    assert spills(tmp_path / "out") == []
