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


def test_their_in_the_holders_own_phrase_is_the_holder(stances):
    # "Baltic nations, staunch allies of Ukraine gripped by their own fears ..., voiced strong support":
    # "their" is the nations', so Ukraine is no holder of that support
    assert not has(stances, "ukraine", "Support", "invitation"), stances


def test_rutte_is_neutral_on_the_victory_plan(stances):
    # the model finds the stance, the rules' reading of it ("can't say I support the whole plan") says neutral
    assert has(stances, "rutte", "Neutral", "victory plan"), stances
    assert not has(stances, "rutte", "Support", "victory plan"), stances


@pytest.mark.xfail(reason="'he was confident Ukraine would one day join the alliance' was read by the cue row "
                          "a.confident, which fit this article alone (no stance in the 283 silver train and dev "
                          "articles) and was removed as issue #11 asks; the learned reading does not find it",
                   strict=False)
def test_rutte_supports_ukraine_joining_nato(stances):
    assert any("rutte" in h and p == "Support" and ("join" in t or "member" in t) for h, p, t in stances), stances


def test_the_invitation_is_one_node(stances):
    invitations = {t for _, _, t in stances if "invit" in t}
    assert len(invitations) == 1, invitations


PARTS = """
PREFIX sg: <https://w3id.org/stancegraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?part ?whole WHERE { ?p sg:partOf ?w . ?w sg:hasPart ?p . ?p rdfs:label ?part . ?w rdfs:label ?whole }
"""

PROPOSERS = """
PREFIX sg: <https://w3id.org/stancegraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?proposal ?actor WHERE { ?p sg:proposedBy ?a . ?p rdfs:label ?proposal . ?a rdfs:label ?actor }
"""


def _rows(seed_build, query):
    from stancegraph.graph.query import load_store, select

    return select(load_store(seed_build[0] / "graph.ttl"), query)[1]


def test_the_nato_invitation_is_a_part_of_the_victory_plan(seed_build):
    rows = _rows(seed_build, PARTS)
    assert any("invit" in part.lower() and "victory plan" in whole.lower() for part, whole in rows), rows


def test_the_victory_plan_is_proposed_by_zelensky(seed_build):
    rows = _rows(seed_build, PROPOSERS)
    assert any("victory plan" in p.lower() and "zelensky" in a.lower() for p, a in rows), rows


def test_every_stance_carries_offsets_that_slice_its_evidence_out_of_the_article(extractor):
    from stancegraph.extract.readers import read_article

    from conftest import SEED

    article = read_article(SEED)
    result = extractor.extract_one(article)
    assert result.stances
    for st in result.stances:
        assert article.text[st.start:st.end].strip() == st.evidence
        assert 0 < st.confidence <= 1 and st.rule


def test_rutte_speaks_the_neutral_stance_and_trump_is_reported_by_zelensky(extractor):
    from stancegraph.extract.readers import read_article

    from conftest import SEED

    result = extractor.extract_one(read_article(SEED))
    label = {k: e.label for k, e in result.entities.items()}
    by = {(label[s.holder], s.polarity, label[s.target]): s for s in result.stances}
    rutte = next(s for (h, p, t), s in by.items() if "Rutte" in h and p == "neutral")
    assert rutte.quote is not None and rutte.speaker == rutte.holder
    trump = next(s for (h, p, t), s in by.items() if "Trump" in h)
    assert trump.polarity == "support" and "Zelensky" in label[trump.reported_by]
