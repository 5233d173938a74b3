"""The persistent store: articles added, replaced, removed; one label per node throughout."""
from __future__ import annotations

import pytest

from stancegraph.graph.store import StanceStore, StoreError

from test_resolve import article


def labels_per_node(store: StanceStore) -> dict[str, int]:
    rows = store.store.query("SELECT ?x (COUNT(DISTINCT ?l) AS ?n) WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l } GROUP BY ?x",
                             use_default_graph_as_union=True)
    return {r["x"].value: int(r["n"].value) for r in rows}


def test_adding_the_same_article_twice_changes_nothing(tmp_path):
    store = StanceStore(tmp_path / "store")
    store.add([article("a", [("place/norway", "Country", "Norway")])])
    before = len(store)
    store.add([article("a", [("place/norway", "Country", "Norway")])])
    assert len(store) == before
    assert store.article_ids() == ["a"]


def test_a_rebuilt_article_replaces_its_contribution(tmp_path):
    store = StanceStore(tmp_path / "store")
    store.add([article("a", [("place/norway", "Country", "Norway")])])
    store.add([article("a", [("place/chile", "Country", "Chile")])])
    holders = {r["h"].value for r in store.store.query(
        "SELECT ?h WHERE { ?s <https://w3id.org/stancegraph#holder> ?h }", use_default_graph_as_union=True)}
    assert holders == {"https://w3id.org/stancegraph/id/actor/place/chile"}


def test_removing_an_article_restores_the_store_as_before(tmp_path):
    store = StanceStore(tmp_path / "store")
    store.add([article("a", [("place/norway", "Country", "Norway")])])
    before = len(store)
    store.add([article("b", [("place/chile", "Country", "Chile")])])
    assert len(store) > before
    assert store.remove("b") is True
    assert len(store) == before
    assert store.remove("b") is False


def test_every_node_keeps_one_label_as_articles_come_and_go(tmp_path):
    store = StanceStore(tmp_path / "store")
    store.add([article("a", [("person/volodymyr-zelensky", "Person", "Volodymyr Zelensky")])])
    store.add([article("b", [("person/zelenskyy", "Person", "Zelenskyy")])])
    counts = labels_per_node(store)
    assert counts and set(counts.values()) == {1}
    # the later surname-only mention joined the node already in the store
    assert "https://w3id.org/stancegraph/id/actor/person/zelenskyy" not in counts
    store.remove("a")
    assert set(labels_per_node(store).values()) == {1}


def test_the_store_persists_on_disk(tmp_path):
    path = tmp_path / "store"
    store = StanceStore(path)
    store.add([article("a", [("place/norway", "Country", "Norway")])])
    n = len(store)
    store.flush()
    del store
    again = StanceStore(path, read_only=True)
    assert len(again) == n and again.article_ids() == ["a"]


def test_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        StanceStore(tmp_path / "nope", read_only=True)


@pytest.mark.model
def test_the_corpus_in_one_store_rebuilt_and_removed(tmp_path, extractor):
    from conftest import CORPUS, SEEDS
    from stancegraph.extract.readers import iter_articles

    articles = [a for a in iter_articles([SEEDS, CORPUS]) if hasattr(a, "text")]
    results = list(extractor.extract(articles))
    store = StanceStore(tmp_path / "store")
    store.add(results)
    full = len(store)
    assert len(store.article_ids()) == len(articles)
    store.add(results[:1])
    assert len(store) == full
    store.remove(results[0].article.id)
    store.add(results[:1])
    assert len(store) == full
    assert set(labels_per_node(store).values()) == {1}


@pytest.mark.model
def test_no_person_appears_twice_under_another_spelling_in_the_corpus(tmp_path, extractor):
    """The check of the 'one graph' issue: in the answers over the whole corpus, a person named
    by a surname alone, or by part of a name, is the same node as the full name."""
    from conftest import CORPUS, SEEDS
    from stancegraph.extract.readers import iter_articles
    from stancegraph.graph.named import run_named
    from stancegraph.graph.resolve import norm

    articles = [a for a in iter_articles([SEEDS, CORPUS]) if hasattr(a, "text")]
    with StanceStore(tmp_path / "store") as store:
        store.add(list(extractor.extract(articles)))
        _, rows = run_named(store.store, "stances", {})
        people = {r["p"].value: r["l"].value for r in store.store.query(
            "SELECT ?p ?l WHERE { ?p a <https://w3id.org/stancegraph#Person> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }", use_default_graph_as_union=True)}
    assert rows
    names = {norm(label) for label in people.values()}
    for name in names:
        words = name.split()
        for other in names - {name}:
            # no label is a run of another's words (a surname, or a name cut short)
            assert not (len(other.split()) < len(words) and f" {other} " in f" {name} "), (other, name)
