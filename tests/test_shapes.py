"""SHACL shapes (ontology/shapes.ttl), their validator (graph/validate.py) and the JSON-LD context.

Built graphs (the seed article, the whole shared corpus) must conform; hand-made broken
graphs must give the expected violations, with messages a person can act on.
"""
from __future__ import annotations

import json
import re
import time
from importlib.resources import files

import pyshacl
import pytest
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS
from typer.testing import CliRunner

from stancegraph.graph.validate import (
    SH,
    SGSH,
    Report,
    ValidationError,
    Violation,
    ontology_graph,
    shapes_graph,
    validate,
    validate_command,
)
from stancegraph.graph.vocab import ID, NIF, SCHEMA, SG, SG_NS

from conftest import CORPUS, SHARED

# rdflib's own TriG and N-Quads serializers call the deprecated Dataset.contexts
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")

# ---------------------------------------------------------------------------------------------
# A small graph that follows graph/CONTRACT.md in every detail, written by hand
# ---------------------------------------------------------------------------------------------

SENTENCE_TEXT = 'Zelensky said: "We back the Victory Plan."'
QUOTE_TEXT = "We back the Victory Plan."
Q_START = SENTENCE_TEXT.index(QUOTE_TEXT)
Q_END = Q_START + len(QUOTE_TEXT)

GOOD_TTL = f"""
@base <https://w3id.org/stancegraph/id/> .
@prefix sg: <https://w3id.org/stancegraph#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix schema: <https://schema.org/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

<article/a1> a sg:Article , schema:NewsArticle ;
    dcterms:identifier "a1" ; dcterms:title "Zelensky backs the plan" ; schema:publisher "Wikinews" ;
    dcterms:date "2024-10-17"^^xsd:date ; schema:url "https://example.org/a1"^^xsd:anyURI ;
    dcterms:source "seeds/a1.txt" .

<article/a1/char/0-{len(SENTENCE_TEXT)}> a sg:Sentence ; dcterms:isPartOf <article/a1> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "{len(SENTENCE_TEXT)}"^^xsd:nonNegativeInteger ;
    nif:anchorOf {json.dumps(SENTENCE_TEXT)} .

<article/a1/quote/{Q_START}-{Q_END}> a sg:Quote ; dcterms:isPartOf <article/a1> ;
    nif:beginIndex "{Q_START}"^^xsd:nonNegativeInteger ; nif:endIndex "{Q_END}"^^xsd:nonNegativeInteger ;
    nif:anchorOf {json.dumps(QUOTE_TEXT)} ; sg:speaker <actor/person/volodymyr-zelensky> .

<actor/person/volodymyr-zelensky> a sg:Person ; rdfs:label "Volodymyr Zelensky" ; skos:altLabel "Zelensky" ;
    sg:mentionedIn <article/a1> ; owl:sameAs <http://www.wikidata.org/entity/Q3874799> ;
    sg:supports <proposal/victory-plan> .
<actor/org/wikinews> a sg:Organisation ; rdfs:label "Wikinews" ; sg:mentionedIn <article/a1> .

<proposal/victory-plan> a sg:Proposal ; rdfs:label "Victory Plan" ; skos:altLabel "the plan" ;
    sg:proposedBy <actor/person/volodymyr-zelensky> ; sg:hasPart <proposal/point-one> ; sg:mentionedIn <article/a1> .
<proposal/point-one> a sg:Proposal ; rdfs:label "point one" ; sg:partOf <proposal/victory-plan> ;
    sg:mentionedIn <article/a1> .

<stance/s1> a sg:Stance ;
    sg:holder <actor/person/volodymyr-zelensky> ; sg:target <proposal/victory-plan> ; sg:polarity sg:Support ;
    sg:evidence {json.dumps(SENTENCE_TEXT)} ; prov:wasDerivedFrom <article/a1/char/0-{len(SENTENCE_TEXT)}> ;
    sg:confidence 0.85 ; sg:rule "v.back" ; prov:wasGeneratedBy <extraction/stancegraph-0.1.0> ;
    sg:speaker <actor/person/volodymyr-zelensky> ; sg:reportedBy <actor/org/wikinews> ;
    sg:condition "only after the war" ; sg:quote <article/a1/quote/{Q_START}-{Q_END}> ;
    dcterms:date "2024-10-17"^^xsd:date .

<extraction/stancegraph-0.1.0> a prov:Activity , sg:Extraction ; sg:softwareVersion "0.1.0" .
"""

ART = ID["article/a1"]
SENT = ID[f"article/a1/char/0-{len(SENTENCE_TEXT)}"]
QUOTE = ID[f"article/a1/quote/{Q_START}-{Q_END}"]
ZEL = ID["actor/person/volodymyr-zelensky"]
WIKINEWS = ID["actor/org/wikinews"]
PLAN = ID["proposal/victory-plan"]
POINT = ID["proposal/point-one"]
S1 = ID["stance/s1"]
EXTRACTION = ID["extraction/stancegraph-0.1.0"]


def good_graph() -> Graph:
    return Graph().parse(data=GOOD_TTL, format="turtle")


def where(report: Report) -> set[tuple]:
    """(focus, path) of every violation."""
    return {(v.focus, v.path) for v in report.violations}


def lines(report: Report) -> str:
    return report.format(0)


# ---------------------------------------------------------------------------------------------
# The hand-made graph, whole and broken
# ---------------------------------------------------------------------------------------------


def test_hand_made_contract_graph_conforms():
    report = validate(good_graph())
    assert report.conforms, lines(report)
    assert report.violations == []
    assert report.triples == len(good_graph())


def test_every_class_and_property_of_the_contract_graph_has_a_shape():
    _assert_shapes_cover(good_graph())


def _assert_shapes_cover(g: Graph) -> None:
    """Every predicate the graph uses is a sh:path (or target) of some shape; every class it uses
    is a sh:targetClass, a subclass of one (in the ontology), or an external class it co-types."""
    shapes, onto = shapes_graph(), ontology_graph()
    paths = set(shapes.objects(None, SH.path)) | set(shapes.objects(None, SH.targetSubjectsOf))
    missing = {p for p in g.predicates() if p != RDF.type} - paths
    assert missing == set(), f"properties without a shape: {sorted(missing)}"
    targets = set(shapes.objects(None, SH.targetClass))
    covered = targets | {c for c in onto.subjects(RDFS.subClassOf, None) if set(onto.objects(c, RDFS.subClassOf)) & targets}
    external = {SCHEMA.NewsArticle, PROV.Activity}  # always beside sg:Article / sg:Extraction
    missing = set(g.objects(None, RDF.type)) - covered - external
    assert missing == set(), f"classes without a shape: {sorted(missing)}"


def _set(g: Graph, s, p, o) -> None:
    g.set((s, p, o))


BROKEN = {
    # name: (mutation, {(focus, path) expected}, substrings of the lines)
    "two polarities": (
        lambda g: g.add((S1, SG.polarity, SG.Oppose)),
        {(S1, SG.polarity)},
        ["id:stance/s1 sg:polarity: 2 values (sg:Oppose, sg:Support), at most 1 allowed — a stance has exactly one polarity",
         "id:stance/s1 sg:polarity: the direct triple id:actor/person/volodymyr-zelensky sg:opposes id:proposal/victory-plan"],
    ),
    "holder is a proposal": (
        lambda g: _set(g, S1, SG.holder, POINT),
        {(S1, SG.holder), (S1, SG.polarity), (ZEL, SG.supports)},
        ["id:stance/s1 sg:holder: id:proposal/point-one is not an actor (it is a sg:Proposal) — a stance has exactly one holder, an actor",
         "id:actor/person/volodymyr-zelensky sg:supports: no sg:Stance with this holder, target id:proposal/victory-plan and polarity sg:Support"],
    ),
    "actor without rdfs:label": (
        lambda g: g.remove((ZEL, RDFS.label, None)),
        {(ZEL, RDFS.label)},
        ["id:actor/person/volodymyr-zelensky rdfs:label: missing — an actor has exactly one rdfs:label, a non-empty xsd:string"],
    ),
    "sentence begins after it ends": (
        lambda g: (_set(g, SENT, NIF.beginIndex, Literal(42, datatype=XSD.nonNegativeInteger)),
                   _set(g, SENT, NIF.endIndex, Literal(12, datatype=XSD.nonNegativeInteger))),
        {(SENT, NIF.beginIndex)},
        [f"id:article/a1/char/0-{len(SENTENCE_TEXT)} nif:beginIndex: nif:beginIndex 42 is not before nif:endIndex 12"],
    ),
    "confidence 1.5": (
        lambda g: _set(g, S1, SG.confidence, Literal("1.5", datatype=XSD.decimal)),
        {(S1, SG.confidence)},
        ["id:stance/s1 sg:confidence: 1.5 is above the maximum 1 — a stance has exactly one confidence, an xsd:decimal from 0 to 1"],
    ),
    # more of the contract
    "target is an actor": (
        lambda g: _set(g, S1, SG.target, WIKINEWS),
        # sg:target has rdfs:range sg:Proposal: the actor is inferred a proposal, and that is said too
        {(S1, SG.target), (S1, SG.polarity), (ZEL, SG.supports), (WIKINEWS, None)},
        ["id:stance/s1 sg:target: id:actor/org/wikinews is not a proposal (it is a sg:Organisation)",
         "id:actor/org/wikinews: a proposal cannot also be an actor"],
    ),
    "no holder": (
        lambda g: g.remove((S1, SG.holder, None)),
        {(S1, SG.holder), (ZEL, SG.supports)},
        ["id:stance/s1 sg:holder: missing — a stance has exactly one holder"],
    ),
    "polarity outside the three": (
        lambda g: _set(g, S1, SG.polarity, URIRef(SG_NS + "Maybe")),
        {(S1, SG.polarity), (ZEL, SG.supports)},
        ["id:stance/s1 sg:polarity: sg:Maybe is not one of sg:Support, sg:Oppose, sg:Neutral"],
    ),
    "confidence as text": (
        lambda g: _set(g, S1, SG.confidence, Literal("high")),
        {(S1, SG.confidence)},
        ['id:stance/s1 sg:confidence: "high" is not an xsd:decimal'],
    ),
    "empty evidence": (
        lambda g: _set(g, S1, SG.evidence, Literal("")),
        {(S1, SG.evidence)},
        ['id:stance/s1 sg:evidence: "" is empty', "is not the nif:anchorOf text of the sentence"],
    ),
    "derived from the article, not a sentence": (
        lambda g: _set(g, S1, PROV.wasDerivedFrom, ART),
        {(S1, PROV.wasDerivedFrom)},
        ["id:stance/s1 prov:wasDerivedFrom: id:article/a1 is not a sg:Sentence (it is a schema:NewsArticle, sg:Article)"],
    ),
    "no direct triple": (
        lambda g: g.remove((ZEL, SG.supports, PLAN)),
        {(S1, SG.polarity)},
        ["the direct triple id:actor/person/volodymyr-zelensky sg:supports id:proposal/victory-plan that goes beside this stance is missing"],
    ),
    "two labels": (
        lambda g: g.add((ZEL, RDFS.label, Literal("Zelenskyy"))),
        {(ZEL, RDFS.label)},
        ['2 values ("Volodymyr Zelensky", "Zelenskyy"), at most 1 allowed'],
    ),
    "label with a language tag": (
        lambda g: _set(g, PLAN, RDFS.label, Literal("Victory Plan", lang="en")),
        {(PLAN, RDFS.label)},
        ['id:proposal/victory-plan rdfs:label: "Victory Plan"@en is not an xsd:string'],
    ),
    "blank label": (
        lambda g: _set(g, PLAN, RDFS.label, Literal("  ")),
        {(PLAN, RDFS.label)},
        ['"  " is empty or blank'],
    ),
    "proposal that is also a person": (
        lambda g: g.add((POINT, RDF.type, SG.Person)),
        {(POINT, None), (PLAN, SG.hasPart)},
        ["id:proposal/point-one: a proposal cannot also be an actor",
         "id:proposal/victory-plan sg:hasPart: id:proposal/point-one is not a proposal (it is a sg:Person, sg:Proposal)"],
    ),
    "actor of two kinds": (
        lambda g: g.add((WIKINEWS, RDF.type, SG.Group)),
        {(WIKINEWS, RDF.type)},
        ["an actor has one kind, but this one is typed both sg:Group and sg:Organisation"],
    ),
    "part without its whole": (
        lambda g: g.remove((POINT, SG.partOf, PLAN)),
        {(PLAN, SG.hasPart)},
        ["id:proposal/victory-plan sg:hasPart: id:proposal/point-one lacks the inverse triple"],
    ),
    "speaker nobody describes": (
        lambda g: _set(g, S1, SG.speaker, ID["actor/person/kevin-bergner"]),
        {(S1, SG.speaker), (ID["actor/person/kevin-bergner"], RDFS.label), (ID["actor/person/kevin-bergner"], SG.mentionedIn)},
        ["id:stance/s1 sg:speaker: id:actor/person/kevin-bergner is not an actor (nothing is said about it in the graph"],
    ),
    "article without identifier": (
        lambda g: g.remove((ART, DCTERMS.identifier, None)),
        {(ART, DCTERMS.identifier)},
        ["id:article/a1 dcterms:identifier: missing"],
    ),
    "date as plain text": (
        lambda g: _set(g, ART, DCTERMS.date, Literal("17 October 2024")),
        {(ART, DCTERMS.date)},
        ['id:article/a1 dcterms:date: "17 October 2024" is not an xsd:date'],
    ),
    "url as plain text": (
        lambda g: _set(g, ART, SCHEMA.url, Literal("https://example.org/a1")),
        {(ART, SCHEMA.url)},
        ["is not an xsd:anyURI"],
    ),
    "quote without its article": (
        lambda g: g.remove((QUOTE, DCTERMS.isPartOf, None)),
        {(QUOTE, DCTERMS.isPartOf)},
        [f"id:article/a1/quote/{Q_START}-{Q_END} dcterms:isPartOf: missing — a sentence or quote is dcterms:isPartOf exactly one sg:Article"],
    ),
    "anchor shorter than its offsets": (
        lambda g: _set(g, QUOTE, NIF.anchorOf, Literal("We back")),
        {(QUOTE, NIF.anchorOf)},
        [f"nif:anchorOf has 7 characters, but the offsets {Q_START}-{Q_END} span {Q_END - Q_START}"],
    ),
    "negative offset": (
        lambda g: _set(g, QUOTE, NIF.beginIndex, Literal(-1)),
        {(QUOTE, NIF.beginIndex), (QUOTE, NIF.anchorOf)},
        [f"id:article/a1/quote/{Q_START}-{Q_END} nif:beginIndex: -1 is below the minimum 0",
         f"id:article/a1/quote/{Q_START}-{Q_END} nif:beginIndex: -1 is below the minimum 0"],
    ),
    "extraction without version": (
        lambda g: g.remove((EXTRACTION, SG.softwareVersion, None)),
        {(EXTRACTION, SG.softwareVersion)},
        ["id:extraction/stancegraph-0.1.0 sg:softwareVersion: missing"],
    ),
    "same-as outside Wikidata": (
        lambda g: g.add((ZEL, OWL.sameAs, URIRef("http://dbpedia.org/resource/Volodymyr_Zelenskyy"))),
        {(ZEL, OWL.sameAs)},
        ["does not match"],
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_broken_graph_gives_the_expected_violations(name):
    mutate, expected, texts = BROKEN[name]
    g = good_graph()
    mutate(g)
    report = validate(g)
    assert not report.conforms
    assert where(report) == expected, lines(report)
    text = lines(report)
    for part in texts:
        assert part in text, f"{part!r} not in:\n{text}"
    for v in report.violations:
        assert v.severity == "Violation"
        assert "Less than" not in v.message and "does not conform to one or more shapes" not in v.message, v.message
        assert len(v.line()) < 400


def test_violation_fields():
    g = good_graph()
    g.set((S1, SG.confidence, Literal("1.5", datatype=XSD.decimal)))
    (v,) = validate(g).violations
    assert isinstance(v, Violation)
    assert (v.focus, v.path, v.value, v.severity) == (S1, SG.confidence, Literal("1.5", datatype=XSD.decimal), "Violation")
    assert v.shape == SGSH["Stance-confidence"]
    assert v.component == SH.MaxInclusiveConstraintComponent
    assert v.line() == ("id:stance/s1 sg:confidence: 1.5 is above the maximum 1 — "
                        "a stance has exactly one confidence, an xsd:decimal from 0 to 1.")


def test_records_through_rdf_writer_conform_and_a_missing_speaker_entity_is_caught():
    """graph/rdf.py output from hand-made records conforms; a stance whose speaker is not among
    the article's entities (the extractor once dropped speakers and reporters) is reported."""
    from stancegraph.extract.records import Article, ArticleResult, Entity, Stance
    from stancegraph.graph.rdf import build_dataset

    text = "Kyiv backs the Victory Plan. " + SENTENCE_TEXT
    start = text.index(SENTENCE_TEXT)
    art = Article(id="a1", text=text, source="a1.txt", title="Zelensky backs the plan", date="2024-10-17",
                  url="https://example.org/a1", publisher="Wikinews")
    zel = Entity(key="person/volodymyr-zelensky", kind="Person", label="Volodymyr Zelensky", alt_labels={"Zelensky"})
    plan = Entity(key="proposal/victory-plan", kind="Proposal", label="Victory Plan", proposed_by={zel.key})
    point = Entity(key="proposal/point-one", kind="Proposal", label="point one", part_of={plan.key})
    stance = Stance(holder=zel.key, target=plan.key, polarity="support", evidence=SENTENCE_TEXT, start=start,
                    end=start + len(SENTENCE_TEXT), rule="v.back", confidence=0.85, speaker=zel.key,
                    condition="only after the war", quote=(start + Q_START, start + Q_END))
    entities = {e.key: e for e in (zel, plan, point)}
    report = validate(build_dataset([ArticleResult(article=art, entities=entities, stances=[stance])]))
    assert report.conforms, lines(report)

    reporter = "person/kevin-bergner"
    dangling = ArticleResult(article=art, entities=entities, stances=[
        Stance(**{**stance.__dict__, "speaker": reporter, "reported_by": reporter})])
    report = validate(build_dataset([dangling]))
    assert not report.conforms
    text = lines(report)
    assert "sg:speaker: id:actor/person/kevin-bergner is not an actor (nothing is said about it in the graph" in text
    assert "sg:reportedBy: id:actor/person/kevin-bergner is not an actor" in text


# ---------------------------------------------------------------------------------------------
# RDFS reasoning: what it gives and what it would hide
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [SG.Person, SG.Organisation, SG.Country, SG.Government, SG.Group])
def test_target_class_actor_reaches_every_kind_through_subclass(kind):
    g = Graph()
    node = ID["actor/x"]
    g.add((node, RDF.type, kind))
    report = validate(g)
    assert where(report) == {(node, RDFS.label), (node, SG.mentionedIn)}, lines(report)
    assert {v.shape for v in report.violations} == {SGSH["Actor-label"], SGSH["Actor-mentionedIn"]}


def _mini_shapes(path: URIRef) -> Graph:
    return Graph().parse(format="turtle", data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix sg: <https://w3id.org/stancegraph#> .
        <urn:s> a sh:NodeShape ; sh:targetClass sg:Stance ; sh:property [ sh:path <{path}> ; sh:class sg:Actor ] .""")


def _pyshacl_conforms(data: Graph, shapes: Graph) -> bool:
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology_graph(), inference="rdfs")
    return conforms


def test_sh_class_actor_works_through_subclass_and_why_the_shapes_ask_for_a_kind():
    """sh:class sg:Actor accepts an sg:Person through rdfs:subClassOf. But on sg:holder, whose
    rdfs:range is sg:Actor, RDFS inference makes *any* value an sg:Actor, so sh:class sg:Actor
    cannot fail there; that is why the shapes ask for one of the five kinds (sgsh:ActorKind)."""
    s, person, plan = ID["stance/x"], ID["actor/p"], ID["proposal/p"]
    attributed = PROV.wasAttributedTo  # a property without rdfs:range in the ontology
    data = Graph()
    data.add((s, RDF.type, SG.Stance))
    data.add((person, RDF.type, SG.Person))
    data.add((plan, RDF.type, SG.Proposal))

    g = Graph() + data
    g.add((s, attributed, person))
    assert _pyshacl_conforms(g, _mini_shapes(attributed))  # subclass reasoning
    g = Graph() + data
    g.add((s, attributed, plan))
    assert not _pyshacl_conforms(g, _mini_shapes(attributed))

    g = Graph() + data
    g.add((s, SG.holder, plan))
    assert _pyshacl_conforms(g, _mini_shapes(SG.holder))  # range inference: the proposal "is" an actor
    assert (s, SG.holder) in where(validate(g))  # ... and our shapes still catch it


# ---------------------------------------------------------------------------------------------
# The shapes file itself
# ---------------------------------------------------------------------------------------------


def test_shapes_are_packaged_and_parse():
    assert (files("stancegraph.ontology") / "shapes.ttl").is_file()
    shapes = shapes_graph()
    assert len(set(shapes.subjects(RDF.type, SH.NodeShape))) >= 10


def test_every_sg_term_in_the_shapes_is_declared_in_the_ontology():
    onto = ontology_graph()
    declared = {
        s
        for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
        for s in onto.subjects(RDF.type, t)
    }
    shapes = shapes_graph()
    used = {term for triple in shapes for term in triple if isinstance(term, URIRef) and str(term).startswith(SG_NS)}
    # and the sg: names inside the SPARQL constraints
    for query in shapes.objects(None, SH.select):
        used |= {URIRef(SG_NS + name) for name in re.findall(r"\bsg:([A-Za-z_][\w-]*)", str(query))}
    assert used, "no sg: terms found in the shapes"
    assert used - declared == set(), f"used in shapes.ttl but not declared in stancegraph.ttl: {sorted(used - declared)}"
    # the SG namespace raises on misspelt names: every term used is one of its attributes
    for term in used:
        getattr(SG, str(term)[len(SG_NS):])


def test_every_shape_reference_is_defined_and_described():
    shapes = shapes_graph()
    for p in (SH.property, SH.node, SH["not"]):
        for ref in shapes.objects(None, p):
            assert (ref, RDF.type, None) in shapes, f"{ref} is referenced with {p} but not defined"
    for prop_shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert shapes.value(prop_shape, SH.path) is not None, prop_shape
        for p in (SH.name, SH.description):
            assert str(shapes.value(prop_shape, p) or "").strip(), f"{prop_shape} has no {p}"
    for sparql in shapes.subjects(RDF.type, SH.SPARQLConstraint):
        assert str(shapes.value(sparql, SH.message) or "").strip(), f"{sparql} has no sh:message"


def test_every_sg_term_that_shapes_data_is_checked():
    """Every property and class of the vocabulary that the graph carries is a path or target of a shape."""
    shapes = shapes_graph()
    paths = set(shapes.objects(None, SH.path)) | set(shapes.objects(None, SH.targetSubjectsOf))
    targets = set(shapes.objects(None, SH.targetClass))
    vocab = {URIRef(SG_NS + n) for n in SG.__annotations__ if not n.startswith("_")}
    properties = {t for t in vocab if t.split("#")[1][:1].islower()}
    assert properties - paths == set()
    classes = {SG.Actor, SG.Proposal, SG.Stance, SG.Article, SG.Sentence, SG.Quote, SG.Extraction}
    assert classes - targets == set()


# ---------------------------------------------------------------------------------------------
# Reading files, the report, the command
# ---------------------------------------------------------------------------------------------


def _broken() -> Graph:
    g = good_graph()
    g.set((S1, SG.confidence, Literal("1.5", datatype=XSD.decimal)))
    return g


def _as_dataset(g: Graph) -> Dataset:
    """The triples split over two named graphs: the stance node in one, the rest in the other."""
    ds = Dataset()
    stance, rest = ds.graph(ID["graph/stances"]), ds.graph(ID["graph/a1"])
    for s, p, o in g:
        (stance if s == S1 else rest).add((s, p, o))
    return ds


@pytest.mark.parametrize("suffix,fmt", [(".ttl", "turtle"), (".nt", "nt"), (".trig", "trig"), (".nq", "nquads")])
def test_reads_graph_files_and_validates_the_union_of_named_graphs(tmp_path, suffix, fmt):
    for name, g, conforms in (("good", good_graph(), True), ("broken", _broken(), False)):
        path = tmp_path / f"{name}{suffix}"
        (_as_dataset(g) if fmt in ("trig", "nquads") else g).serialize(destination=str(path), format=fmt, encoding="utf-8")
        report = validate(path)
        assert report.conforms is conforms, lines(report)
        assert report.triples == len(g)
        assert lines(report) == lines(validate(g))
        assert validate(str(path)).conforms is conforms


def test_validates_a_dataset_object_as_its_union():
    assert validate(_as_dataset(good_graph())).conforms


@pytest.mark.parametrize("name,content,needle", [
    ("graph.csv", "a,b", "unknown RDF file type '.csv'"),
    ("missing.ttl", None, "no such graph file"),
    ("bad.ttl", "<a> <b> .", "not valid ttl"),
    ("bad.trig", "{ <a> <b> }", "not valid trig"),
])
def test_unreadable_graph_is_one_clear_error(tmp_path, name, content, needle):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        validate(path)
    message = str(err.value)
    assert str(path) in message and needle in message
    assert "\n" not in message


def test_format_is_sorted_and_capped():
    g = good_graph()
    for i in range(7):
        g.add((ID[f"actor/person/p{i}"], RDF.type, SG.Person))  # no label, not mentioned anywhere
    report = validate(g)
    assert len(report.violations) == 14
    full = report.format(0).splitlines()
    assert len(full) == 14 and full == sorted(full)
    capped = report.format(5).splitlines()
    assert capped == full[:5] + ["... and 9 more"]
    assert report.format(14).splitlines() == full
    assert validate(good_graph()).format() == f"conforms ({len(good_graph())} triples)"


def test_validate_command_prints_ok_or_the_violations(tmp_path, capsys):
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.trig"
    good_graph().serialize(destination=str(good), format="turtle")
    _as_dataset(_broken()).serialize(destination=str(bad), format="trig")

    assert validate_command(good, 20) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and f"({len(good_graph())} triples" in out and len(out.splitlines()) == 1

    assert validate_command(bad, 20) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{bad}: 1 violation of the stancegraph shapes on 1 node ({len(_broken())} triples)"
    assert out[1].startswith("id:stance/s1 sg:confidence: 1.5 is above the maximum 1")


# ---------------------------------------------------------------------------------------------
# Built graphs conform
# ---------------------------------------------------------------------------------------------


@pytest.mark.model
def test_seed_graph_conforms(seed_build):
    out, _ = seed_build
    for name in ("graph.ttl", "graph.trig"):
        report = validate(out / name)
        assert report.conforms, f"{name}:\n{report.format(60)}"
        assert report.triples > 50
    _assert_shapes_cover(Graph().parse(out / "graph.ttl"))


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """The seed article and the whole shared Wikinews corpus, built through the command line."""
    from stancegraph.cli import app

    out = tmp_path_factory.mktemp("corpus-build")
    result = CliRunner().invoke(app, ["build", str(SHARED / "seeds"), str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.model
def test_corpus_graph_conforms(corpus_build):
    started = time.perf_counter()
    report = validate(corpus_build / "graph.trig")
    seconds = time.perf_counter() - started
    assert report.conforms, report.format(60)
    assert report.triples > 1000
    assert seconds < 30, f"validating {report.triples} triples took {seconds:.1f} s"
    _assert_shapes_cover(Graph().parse(corpus_build / "graph.ttl"))


# ---------------------------------------------------------------------------------------------
# JSON-LD context
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def context() -> dict:
    path = files("stancegraph.ontology") / "context.jsonld"
    assert path.is_file()
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def test_context_has_the_prefixes_and_a_short_name_for_every_sg_term(context):
    prefixes = {"sg": SG_NS, "id": str(ID), "prov": str(PROV), "dcterms": str(DCTERMS), "skos": str(SKOS),
                "schema": str(SCHEMA), "nif": str(NIF), "rdfs": str(RDFS), "xsd": str(XSD)}
    for prefix, ns in prefixes.items():
        assert context[prefix] == ns
    named = {}
    for term, definition in context.items():
        iri = definition if isinstance(definition, str) else definition.get("@id")
        named[iri] = definition
    for name in SG.__annotations__:
        if not name.startswith("_"):
            assert f"sg:{name}" in named, f"no short name for sg:{name}"
    # object properties take IRIs, typed literals their datatype
    for iri in ("sg:holder", "sg:target", "sg:speaker", "sg:mentionedIn", "prov:wasDerivedFrom", "dcterms:isPartOf"):
        assert named[iri]["@type"] == "@id", iri
    assert named["sg:confidence"]["@type"] == "xsd:decimal"
    assert named["dcterms:date"]["@type"] == "xsd:date"
    assert named["nif:beginIndex"]["@type"] == "xsd:nonNegativeInteger"


def _round_trip(g: Graph, context: dict) -> tuple[Graph, dict]:
    text = g.serialize(format="json-ld", context=context)
    back = Graph().parse(data=text, format="json-ld")
    return back, json.loads(text)


def test_json_ld_round_trip_of_the_contract_graph(context):
    g = good_graph()
    back, doc = _round_trip(g, context)
    assert isomorphic(g, back)
    stance = next(n for n in doc["@graph"] if n.get("@type") == "Stance")
    assert stance["polarity"] == "Support"
    assert stance["confidence"] == "0.85"
    assert stance["holder"] == str(ZEL)
    assert {"evidence", "derivedFrom", "generatedBy", "rule", "quote", "speaker", "reportedBy"} <= set(stance)


@pytest.mark.model
def test_json_ld_round_trip_of_the_seed_graph(seed_build, context):
    out, _ = seed_build
    g = Graph().parse(out / "graph.ttl")
    back, doc = _round_trip(g, context)
    assert len(back) == len(g)
    assert isomorphic(g, back)
    types = {t for n in doc["@graph"] for t in ([n["@type"]] if isinstance(n.get("@type"), str) else n.get("@type", []))}
    assert {"Stance", "Article", "Sentence", "Proposal"} <= types
