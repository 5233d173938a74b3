"""The ontology (ontology/stancegraph.ttl) and the SG namespace (graph/vocab.py) agree.

No spaCy model needed: this only parses the Turtle file.
"""
from __future__ import annotations

from importlib.resources import files

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from stancegraph.graph.vocab import SG, SG_NS

ONTOLOGY_IRI = URIRef("https://w3id.org/stancegraph")
DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)


def _ttl_path():
    return files("stancegraph.ontology") / "stancegraph.ttl"


@pytest.fixture(scope="module")
def ttl_bytes() -> bytes:
    return _ttl_path().read_bytes()


@pytest.fixture(scope="module")
def onto(ttl_bytes: bytes) -> Graph:
    g = Graph()
    g.parse(data=ttl_bytes.decode("utf-8"), format="turtle")
    return g


def _declared_sg_terms(g: Graph) -> set[URIRef]:
    return {
        s
        for t in DECLARING_TYPES
        for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(SG_NS)
    }


def _vocab_terms() -> set[URIRef]:
    return {URIRef(SG_NS + name) for name in SG.__annotations__ if not name.startswith("_")}


def test_ttl_is_packaged():
    assert _ttl_path().is_file()


def test_declared_terms_equal_vocab(onto: Graph):
    declared = _declared_sg_terms(onto)
    vocab = _vocab_terms()
    assert vocab, "SG lists no terms"
    assert declared - vocab == set(), f"declared in TTL but not in SG: {sorted(declared - vocab)}"
    assert vocab - declared == set(), f"in SG but not declared in TTL: {sorted(vocab - declared)}"


def test_no_other_sg_terms_used(onto: Graph):
    """No sg: IRI appears anywhere in the ontology that SG does not list."""
    vocab = _vocab_terms()
    used = {
        term
        for triple in onto
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(SG_NS)
    }
    assert used - vocab == set()


def test_vocab_attributes_resolve_to_namespace():
    for name in SG.__annotations__:
        if name.startswith("_"):
            continue
        assert getattr(SG, name) == URIRef(SG_NS + name)


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment], ids=["label", "comment"])
def test_every_term_has_english_text(onto: Graph, prop: URIRef):
    missing = []
    for term in sorted(_declared_sg_terms(onto)):
        values = [o for o in onto.objects(term, prop) if isinstance(o, Literal)]
        if not any(v.language == "en" and str(v).strip() for v in values):
            missing.append(term)
    assert missing == [], f"no English {prop.n3()} on: {missing}"


def test_every_term_is_defined_by_ontology(onto: Graph):
    missing = [t for t in _declared_sg_terms(onto) if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in onto]
    assert missing == []


def test_ontology_header(onto: Graph):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert (ONTOLOGY_IRI, OWL.versionInfo, Literal("0.1.0")) in onto


def test_actor_kinds_are_actors(onto: Graph):
    for kind in (SG.Person, SG.Organisation, SG.Country, SG.Government, SG.Group):
        assert (kind, RDFS.subClassOf, SG.Actor) in onto


def test_polarity_individuals(onto: Graph):
    for ind in (SG.Support, SG.Oppose, SG.Neutral):
        assert (ind, RDF.type, SG.Polarity) in onto
        assert (ind, RDF.type, OWL.NamedIndividual) in onto


def test_pyoxigraph_parses_same_triples(onto: Graph, ttl_bytes: bytes):
    quads = list(pyoxigraph.parse(ttl_bytes, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(onto)


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        SG.holdr  # noqa: B018
