"""The stances a reader sees in the seed article, read through the built graph with SPARQL."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

STANCES = """
PREFIX sg: <https://w3id.org/stancegraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?holder ?polarity ?target WHERE {
  ?s a sg:Stance ; sg:holder ?h ; sg:target ?t ; sg:polarity ?p .
  ?h rdfs:label ?holder . ?t rdfs:label ?target .
  BIND(STRAFTER(STR(?p), "#") AS ?polarity)
}
"""


@pytest.fixture(scope="module")
def stances(seed_build):
    from stancegraph.graph.query import load_store, select

    out, _ = seed_build
    _, rows = select(load_store(out / "graph.ttl"), STANCES)
    return {(h.lower(), p, t.lower()) for h, p, t in rows}


def has(stances, holder: str, polarity: str, *target_words: str) -> bool:
    return any(holder in h and p == polarity and all(w in t for w in target_words) for h, p, t in stances)


def test_zelensky_supports_the_victory_plan(stances):
    assert has(stances, "zelensky", "Support", "victory plan"), stances


def test_zelensky_supports_a_nato_invitation(stances):
    assert has(stances, "zelensky", "Support", "invitation"), stances


def test_baltic_nations_support_a_nato_invitation(stances):
    assert has(stances, "baltic nations", "Support", "invitation"), stances


def test_rutte_is_neutral_on_the_victory_plan(stances):
    assert has(stances, "rutte", "Neutral", "victory plan"), stances
    assert not has(stances, "rutte", "Support", "victory plan"), stances


def test_rutte_supports_ukraine_joining_nato(stances):
    assert any("rutte" in h and p == "Support" and ("join" in t or "member" in t) for h, p, t in stances), stances


def test_the_invitation_is_one_node(stances):
    invitations = {t for _, _, t in stances if "invit" in t}
    assert len(invitations) == 1, invitations
