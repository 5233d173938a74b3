"""One node per actor across articles: spellings, surnames, aliases and the gazetteer."""
from __future__ import annotations

import pytest
from rdflib import OWL, RDFS, Literal, URIRef

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.records import Article, ArticleResult, Entity, Stance
from stancegraph.graph.rdf import build_dataset, entity_iri
from stancegraph.graph.resolve import load_gazetteer, resolve


def article(aid: str, holders: list[tuple[str, str, str]], target: str = "Tariff Plan") -> ArticleResult:
    """An article result in which each (key, kind, label) holder supports one proposal."""
    entities = {key: Entity(key=key, kind=kind, label=label) for key, kind, label in holders}
    pkey = "proposal/" + target.lower().replace(" ", "-")
    entities[pkey] = Entity(key=pkey, kind="Proposal", label=target)
    stances = [Stance(holder=key, target=pkey, polarity="support", evidence=f"{label} backs it.", start=0,
                      end=10, rule="v.support", confidence=0.9) for key, _, label in holders]
    return ArticleResult(Article(id=aid, text="x" * 20), entities, stances)


def keys(results: list[ArticleResult]) -> set[str]:
    return {s.holder for r in results for s in r.stances}


def test_spellings_of_one_person_are_one_node_with_a_wikidata_link():
    results = [article("a", [("person/volodymyr-zelensky", "Person", "Volodymyr Zelensky")]),
               article("b", [("person/volodymyr-zelenskyy", "Person", "Volodymyr Zelenskyy")]),
               article("c", [("person/zelensky", "Person", "Zelensky")])]
    out, resolutions = resolve(results)
    assert len(keys(out)) == 1
    (key,) = keys(out)
    assert resolutions[key].wikidata == "Q3881040"
    assert set(resolutions[key].merged) == {"person/volodymyr-zelensky", "person/volodymyr-zelenskyy", "person/zelensky"}
    assert all(reason for reason in resolutions[key].merged.values())


def test_a_surname_alone_is_the_one_person_of_that_name_in_the_corpus():
    results = [article("a", [("person/ivana-horakova", "Person", "Ivana Horakova")]),
               article("b", [("person/horakova", "Person", "Horakova")])]
    out, resolutions = resolve(results)
    assert keys(out) == {"person/ivana-horakova"}
    assert "surname" in resolutions["person/ivana-horakova"].merged["person/horakova"]


def test_two_people_sharing_a_surname_are_not_merged():
    results = [article("a", [("person/anna-lindqvist", "Person", "Anna Lindqvist")]),
               article("b", [("person/lars-lindqvist", "Person", "Lars Lindqvist")]),
               article("c", [("person/lindqvist", "Person", "Lindqvist")])]
    out, _ = resolve(results)
    assert keys(out) == {"person/anna-lindqvist", "person/lars-lindqvist", "person/lindqvist"}


def test_aliases_of_a_country_are_one_node():
    results = [article("a", [("place/united-states", "Country", "United States")]),
               article("b", [("place/u-s", "Country", "U.S.")]),
               article("c", [("place/washington", "Country", "Washington")])]
    out, resolutions = resolve(results)
    assert keys(out) == {"place/united-states"}
    assert resolutions["place/united-states"].wikidata == "Q30"


def test_a_capital_speaking_for_its_country_is_the_country():
    """"Vienna was still studying the measures", "Athens rejected the plan": the capital stands for the
    country's government, as the annotation writes it (Austria, Greece)."""
    results = [article("a", [("place/vienna", "Country", "Vienna")]),
               article("b", [("place/austria", "Country", "Austria")]),
               article("c", [("place/athens", "Country", "Athens")])]
    out, resolutions = resolve(results)
    assert keys(out) == {"place/austria", "place/greece"}
    assert resolutions["place/austria"].wikidata == "Q40"
    assert resolutions["place/greece"].wikidata == "Q41"
    # named by its capital in every article, the node is labelled by the country's name
    ds = build_dataset([article("d", [("place/athens", "Country", "Athens")]),
                        article("e", [("place/athens", "Country", "Athens")])])
    assert set(ds.objects(entity_iri("place/greece"), RDFS.label)) == {Literal("Greece")}


def test_the_graph_has_one_labelled_node_linked_to_wikidata():
    results = [article("a", [("person/volodymyr-zelensky", "Person", "Volodymyr Zelensky")]),
               article("b", [("person/zelenskyy", "Person", "Zelenskyy")])]
    ds = build_dataset(results)
    node = entity_iri("person/volodymyr-zelensky")
    assert set(ds.objects(node, OWL.sameAs)) == {URIRef("http://www.wikidata.org/entity/Q3881040")}
    assert len(set(ds.objects(node, RDFS.label))) == 1
    holders = {h for h in ds.subjects(URIRef("https://w3id.org/stancegraph#supports"), None)}
    assert holders == {node}


def test_a_bad_gazetteer_row_names_the_file_and_line(tmp_path):
    bad = tmp_path / "gazetteer.tsv"
    bad.write_text("id\tlabel\tkind\twikidata\taliases\ng.x\tAtlantis\tCountry\tX12\t\n", encoding="utf-8")
    with pytest.raises(StancegraphError, match=r"gazetteer.tsv:2: 'X12' is not a Wikidata item id"):
        load_gazetteer(str(bad))


@pytest.mark.model
def test_explain_shows_the_mentions_merged_into_a_node_and_why(seed_build):
    from typer.testing import CliRunner

    from stancegraph.cli import app

    out, _ = seed_build
    result = CliRunner().invoke(app, ["explain", "zelensk", "--graph", str(out / "graph.ttl")])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Volodymyr Zelensky" in text and "Q3881040" in text
    assert "000_98ceb06b" in text  # the article (its id may be cut to fit the table)
    assert "stands for 'Volodymyr Zelensky'" in text  # the surname, resolved in the article
    assert "Ukrainian president" in text  # the title, resolved to the person named before it
    missing = CliRunner().invoke(app, ["explain", "no such name", "--graph", str(out / "graph.ttl")])
    assert missing.exit_code == 1


def test_a_family_name_first_is_still_the_surname():
    results = [article("a", [("person/ban-ki-moon", "Person", "Ban Ki-moon")]),
               article("b", [("person/ban", "Person", "Ban")])]
    out, _ = resolve(results)
    assert keys(out) == {"person/ban-ki-moon"}


def test_an_authors_plan_named_only_as_a_plan_is_their_named_plan():
    a = article("a", [("person/volodymyr-zelensky", "Person", "Volodymyr Zelensky")], target="Victory Plan")
    a.entities["proposal/victory-plan"].proposed_by.add("person/volodymyr-zelensky")
    b = article("b", [("place/lithuania", "Country", "Lithuania"),
                      ("person/zelensky", "Person", "Zelensky")], target="plan")
    b.entities["proposal/plan"].proposed_by.add("person/zelensky")
    out, resolutions = resolve([a, b])
    assert {s.target for r in out for s in r.stances} == {"proposal/victory-plan"}
    assert "same actor" in resolutions["proposal/victory-plan"].merged["proposal/plan"]
