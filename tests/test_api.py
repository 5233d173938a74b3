"""The Python API's docstring examples run as tests (they need the trained model)."""
from __future__ import annotations

import doctest

import pytest

import stancegraph
import stancegraph.api


def test_the_package_docstring_examples_run():
    assert doctest.testmod(stancegraph, raise_on_error=False).failed == 0


@pytest.mark.model
def test_the_api_docstring_examples_run():
    result = doctest.testmod(stancegraph.api, raise_on_error=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5 and result.failed == 0


@pytest.mark.model
def test_from_files_writes_the_graph_and_names_what_it_skipped(tmp_path):
    from conftest import SEED

    (tmp_path / "empty.txt").write_text("")
    graph = stancegraph.from_files([SEED, tmp_path / "empty.txt"])
    assert ("Volodymyr Zelensky", "support", "Victory Plan") in graph.stances()
    assert [str(s.path.name) for s in graph.skipped] == ["empty.txt"]
    paths = graph.write(tmp_path / "out")
    assert [p.name for p in paths] == ["graph.ttl", "graph.trig", "graph.html"]
    assert len(graph.rdflib) > 50
