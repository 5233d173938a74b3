"""graph.html from an Oxigraph store (`build --store`): queried in place, and a big graph drawn in part."""
from __future__ import annotations

import re

import pyoxigraph as ox

from stancegraph.graph import html as sg_html
from stancegraph.graph.html import write_html

from test_html import build_large_graph


def as_store(graph) -> ox.Store:
    store = ox.Store()
    name = ox.NamedNode("https://w3id.org/stancegraph/id/graph/big")
    store.extend(ox.Quad(t.subject, t.predicate, t.object, name)
                 for t in ox.parse(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES))
    return store


def test_a_store_small_enough_is_drawn_whole_as_from_rdflib(tmp_path):
    graph = build_large_graph(n_actors=70, n_proposals=30, n_stances=190, n_parts=10)
    from_rdflib = write_html(graph, tmp_path / "a.html", title="t")
    from_store = write_html(as_store(graph), tmp_path / "b.html", title="t")
    assert from_rdflib == from_store
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert 'id="sg-note"' not in (tmp_path / "b.html").read_text(encoding="utf-8")


def test_a_big_store_draws_its_best_attested_proposals_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(sg_html, "STORE_MAX_NODES", 300)
    counts = write_html(as_store(build_large_graph()), tmp_path / "big.html", title="big")
    page = (tmp_path / "big.html").read_text(encoding="utf-8")
    assert 0 < counts["nodes"] <= 300
    note = re.search(r'<span id="sg-note"[^>]*>([^<]*)</span>', page)
    assert note and "1,000 nodes" in note.group(1) and "(of 300)" in note.group(1), note
    # the proposal most actors hold a stance on is drawn (targets are skewed to the first proposals)
    assert '"Proposal 0"' in page
