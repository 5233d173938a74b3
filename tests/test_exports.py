"""Every export format, from a small graph made by hand (graph/CONTRACT.md) and from the seed build.

RDF files are read back by rdflib and by pyoxigraph and must be isomorphic to
the source; Turtle and N-Triples are also checked by an independent parser,
raptor's `rapper` (Debian raptor2-utils; CI installs it). GraphML and GEXF are
read back with networkx; the Neo4j CSV files are loaded into kuzu, an embedded
Cypher database, and queried.
"""
from __future__ import annotations

import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import kuzu
import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph.convert import EXPORT_FORMATS, export_command
from stancegraph.graph.export import RDF_FORMATS, export_rdf
from stancegraph.graph.propertygraph import neo4j_tables, to_networkx, write_gexf, write_graphml, write_neo4j
from stancegraph.graph.vocab import ID, NIF, SCHEMA, SG

from conftest import CORPUS, ROOT, require_tool

EXT = "https://w3id.org/stancegraph/id/extraction/stancegraph-0.1.0"


# ------------------------------------------------------------------ the hand-made graph

def _stance(g, aid, date, n, holder, polarity, target, evidence, confidence, rule, start):
    art = ID[f"article/{aid}"]
    sent = ID[f"article/{aid}/char/{start}-{start + len(evidence)}"]
    g.add((sent, RDF.type, SG.Sentence))
    g.add((sent, DCTERMS.isPartOf, art))
    g.add((sent, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((sent, NIF.endIndex, Literal(start + len(evidence), datatype=XSD.nonNegativeInteger)))
    g.add((sent, NIF.anchorOf, Literal(evidence)))
    s = ID[f"stance/{aid}-{n}"]
    g.add((s, RDF.type, SG.Stance))
    g.add((s, SG.holder, ID[holder]))
    g.add((s, SG.target, ID[target]))
    g.add((s, SG.polarity, {"support": SG.Support, "oppose": SG.Oppose, "neutral": SG.Neutral}[polarity]))
    g.add((s, SG.evidence, Literal(evidence)))
    g.add((s, PROV.wasDerivedFrom, sent))
    g.add((s, SG.confidence, Literal(confidence, datatype=XSD.decimal)))
    g.add((s, SG.rule, Literal(rule)))
    g.add((s, PROV.wasGeneratedBy, rdflib.URIRef(EXT)))
    g.add((s, DCTERMS.date, Literal(date, datatype=XSD.date)))
    g.add((ID[holder], {"support": SG.supports, "oppose": SG.opposes, "neutral": SG.neutralOn}[polarity], ID[target]))


def _entity(g, key, kind, label, aid, alts=()):
    node = ID[key]
    g.add((node, RDF.type, getattr(SG, kind)))
    g.add((node, RDFS.label, Literal(label)))
    for alt in alts:
        g.add((node, SKOS.altLabel, Literal(alt)))
    g.add((node, SG.mentionedIn, ID[f"article/{aid}"]))


def hand_dataset() -> Dataset:
    """Two articles: Zelensky supports the Victory Plan in both; NATO is neutral on the invitation
    (part of the plan); Hungary opposes it in one article and supports it in the other."""
    ds = Dataset()
    for aid, date, title in (("a1", "2024-10-17", "Zelensky presents \"Victory Plan\""),
                             ("a2", "2024-11-02", "Orbán, NATO and the plan")):
        g = ds.graph(ID[f"graph/{aid}"])
        art = ID[f"article/{aid}"]
        g.add((art, RDF.type, SG.Article))
        g.add((art, RDF.type, SCHEMA.NewsArticle))
        g.add((art, DCTERMS.identifier, Literal(aid)))
        g.add((art, DCTERMS.title, Literal(title)))
        g.add((art, DCTERMS.date, Literal(date, datatype=XSD.date)))
        g.add((rdflib.URIRef(EXT), RDF.type, PROV.Activity))
        g.add((rdflib.URIRef(EXT), RDF.type, SG.Extraction))
        g.add((rdflib.URIRef(EXT), SG.softwareVersion, Literal("0.1.0")))
        _entity(g, "actor/person/volodymyr-zelensky", "Person", "Volodymyr Zelensky", aid, ["Zelensky", "the Ukrainian president"])
        _entity(g, "proposal/victory-plan", "Proposal", "Victory Plan", aid, ["the plan"])
        _entity(g, "proposal/invitation", "Proposal", "invitation to join NATO", aid)
        g.add((ID["proposal/victory-plan"], SG.proposedBy, ID["actor/person/volodymyr-zelensky"]))
        g.add((ID["proposal/victory-plan"], SG.hasPart, ID["proposal/invitation"]))
        g.add((ID["proposal/invitation"], SG.partOf, ID["proposal/victory-plan"]))
    a1, a2 = ds.graph(ID["graph/a1"]), ds.graph(ID["graph/a2"])
    _entity(a1, "actor/org/nato", "Organisation", "NATO", "a1", ["the alliance"])
    _entity(a1, "actor/country/hungary", "Country", "Hungary", "a1")
    _entity(a2, "actor/country/hungary", "Country", "Hungary", "a2", ["Orbán's government"])
    _stance(a1, "a1", "2024-10-17", 1, "actor/person/volodymyr-zelensky", "support", "proposal/victory-plan",
            "Zelensky urged allies to back his Victory Plan.", "0.80", "cue.support.verb", 0)
    _stance(a1, "a1", "2024-10-17", 2, "actor/org/nato", "neutral", "proposal/invitation",
            "NATO said it would not yet decide on the invitation.", "0.60", "cue.neutral.verb", 60)
    _stance(a1, "a1", "2024-10-17", 3, "actor/country/hungary", "oppose", "proposal/invitation",
            'Hungary, "for now", rejects the invitation;\nit said so twice.', "0.70", "cue.oppose.verb", 120)
    _stance(a2, "a2", "2024-11-02", 1, "actor/person/volodymyr-zelensky", "support", "proposal/victory-plan",
            "Zelensky again called for the Victory Plan.", "0.90", "cue.support.particle", 0)
    _stance(a2, "a2", "2024-11-02", 2, "actor/country/hungary", "support", "proposal/invitation",
            "Orbán's government said it supports the invitation.", "0.85", "cue.support.verb", 50)
    return ds


def union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def named(ds: Dataset) -> dict[str, Graph]:
    """Non-empty named graphs (and the default graph under "") as plain Graphs, by name."""
    out: dict[str, Graph] = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = "" if c is None or str(c) == "urn:x-rdflib:default" else str(c)
        out.setdefault(name, Graph()).add((s, p, o))
    return out


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """The hand-made graph written as TriG and as Turtle (with rdflib, as the build does)."""
    folder = tmp_path_factory.mktemp("hand")
    ds = hand_dataset()
    with warnings.catch_warnings():  # rdflib 7.6's TriG writer uses its own deprecated Dataset.contexts
        warnings.simplefilter("ignore", DeprecationWarning)
        ds.serialize(destination=str(folder / "source.trig"), format="trig")
    union(ds).serialize(destination=str(folder / "source.ttl"), format="turtle")
    return folder, ds


# ------------------------------------------------------------------ RDF checks

def rapper_check(path: Path, syntax: str) -> int:
    """Parse `path` with raptor's rapper; fails the test (never skips) if rapper is missing. Returns the triple count."""
    rapper = require_tool("rapper", "raptor2-utils")
    run = subprocess.run([rapper, "-i", syntax, "-c", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, f"rapper rejects {path.name}:\n{run.stderr}"
    found = re.search(r"returned (\d+) (?:triple|statement)", run.stderr)
    assert found, run.stderr
    return int(found.group(1))


RDFLIB_FORMAT = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}


def check_rdf_files(written: dict[str, Path], source: Dataset) -> None:
    """Every file parses in rdflib and pyoxigraph to a graph isomorphic to `source`."""
    want_union = union(source)
    want_named = named(source)
    for name, path in written.items():
        assert path.name == RDF_FORMATS[name][0] and path.stat().st_size > 0
        # rdflib
        if RDF_FORMATS[name][2]:  # dataset formats keep every named graph
            ds = Dataset()
            ds.parse(path, format=RDFLIB_FORMAT[name])
            got = named(ds)
            assert got.keys() == want_named.keys(), name
            for g in want_named:
                assert isomorphic(got[g], want_named[g]), (name, g)
            assert isomorphic(union(ds), want_union), name
        else:
            g = Graph().parse(path, format=RDFLIB_FORMAT[name])
            assert isomorphic(g, want_union), name
        # pyoxigraph
        quads = list(ox.parse(path=str(path), format=RDF_FORMATS[name][1]))
        nq = "".join(f"{q} .\n" for q in quads)
        back = Dataset()
        back.parse(data=nq, format="nquads")
        assert isomorphic(union(back), want_union), name
        if RDF_FORMATS[name][2]:
            assert {str(q.graph_name) for q in quads} == {f"<{g}>" for g in want_named if g}, name


def test_every_rdf_format_from_the_hand_graph_parses_back_isomorphic(hand, tmp_path):
    folder, ds = hand
    written = export_rdf(folder / "source.trig", tmp_path, list(RDF_FORMATS))
    assert set(written) == set(RDF_FORMATS)
    check_rdf_files(written, ds)


@pytest.mark.parametrize("source", ["trig", "ttl", "quads", "rdflib"])
def test_export_takes_a_file_quads_or_an_rdflib_dataset(hand, tmp_path, source):
    folder, ds = hand
    if source == "quads":
        src = list(ox.parse(path=str(folder / "source.trig"), format=ox.RdfFormat.TRIG))
    elif source == "rdflib":
        src = ds
    else:
        src = folder / f"source.{source}"
    written = export_rdf(src, tmp_path, ["trig", "nq", "ttl", "nt"])
    if source == "ttl":  # no named graphs in Turtle: the union formats are what can be compared
        check_rdf_files({k: written[k] for k in ("ttl", "nt")}, ds)
    else:
        check_rdf_files(written, ds)


def test_literals_stay_as_written(hand, tmp_path):
    """Oxigraph's Store normalises literals ("0.80" -> "0.8", nonNegativeInteger -> integer;
    oxigraph/oxigraph#526): exports from a file must not go through one."""
    folder, _ = hand
    written = export_command(folder / "source.trig", tmp_path, ["ttl", "nq"])
    ttl, nq = (p.read_text(encoding="utf-8") for p in written)
    assert "sg:confidence 0.80 ;" in ttl
    assert '"0.80"^^<http://www.w3.org/2001/XMLSchema#decimal>' in nq
    assert '"0"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>' in nq
    # a Store given on purpose exports what the Store holds
    store = ox.Store()
    store.load(path=str(folder / "source.trig"), format=ox.RdfFormat.TRIG)
    held = export_rdf(store, tmp_path / "store", ["nq"])["nq"]
    back = Dataset().parse(held, format="nquads")
    assert sum(1 for _ in back.quads((None, None, None, None))) == len(store)
    assert '"0.8"^^<http://www.w3.org/2001/XMLSchema#decimal>' in held.read_text(encoding="utf-8")


def test_rapper_accepts_the_turtle_and_ntriples_and_counts_every_triple(hand, tmp_path):
    folder, ds = hand
    written = export_rdf(folder / "source.trig", tmp_path, list(RDF_FORMATS))
    n = len(union(ds))
    assert rapper_check(written["ttl"], "turtle") == n
    assert rapper_check(written["nt"], "ntriples") == n
    quads = sum(1 for _ in ds.quads((None, None, None, None)))
    assert quads > n  # the extraction and the shared entities are stated in both articles' graphs
    assert rapper_check(written["trig"], "trig") == quads
    assert rapper_check(written["nq"], "nquads") == quads


def test_turtle_and_the_other_files_are_byte_identical_however_the_graph_came(hand, tmp_path):
    """Same graph -> same bytes: from TriG, from Turtle, from its quads in random order,
    and in another process with another hash seed."""
    folder, _ = hand
    a = export_rdf(folder / "source.trig", tmp_path / "a")
    b = export_rdf(folder / "source.ttl", tmp_path / "b", ["ttl", "nt"])
    quads = list(ox.parse(path=str(folder / "source.trig"), format=ox.RdfFormat.TRIG))
    random.Random(3).shuffle(quads)
    c = export_rdf(quads, tmp_path / "c")
    code = (f"from stancegraph.graph.export import export_rdf; "
            f"export_rdf({str(folder / 'source.trig')!r}, {str(tmp_path / 'd')!r})")
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    for name in RDF_FORMATS:
        first = a[name].read_bytes()
        assert c[name].read_bytes() == first, name
        assert (tmp_path / "d" / a[name].name).read_bytes() == first, name
    for name in ("ttl", "nt"):  # the union formats do not depend on the named graphs
        assert b[name].read_bytes() == a[name].read_bytes(), name
    ttl = a["ttl"].read_text(encoding="utf-8")
    # the subject's type comes first, the vocabulary is abbreviated
    assert "<https://w3id.org/stancegraph/id/actor/person/volodymyr-zelensky> a sg:Person ;" in ttl
    assert "@prefix sg: <https://w3id.org/stancegraph#> ." in ttl


def test_jsonld_is_compacted_with_a_context_when_given_one(hand, tmp_path):
    folder, ds = hand
    minimal = tmp_path / "context.jsonld"
    minimal.write_text(json.dumps({"@context": {
        "sg": "https://w3id.org/stancegraph#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "label": "rdfs:label",
        "holder": {"@id": "sg:holder", "@type": "@id"},
    }}), encoding="utf-8")
    contexts = [minimal]
    project = ROOT / "ontology" / "context.jsonld"
    if project.is_file():  # the project's own context, once it is there
        contexts.append(project)
    for i, ctx in enumerate(contexts):
        written = export_rdf(folder / "source.trig", tmp_path / f"out{i}", ["jsonld"], jsonld_context=ctx)
        doc = json.loads(written["jsonld"].read_text(encoding="utf-8"))
        assert "@context" in doc, ctx
        check_rdf_files(written, ds)
        again = export_rdf(folder / "source.trig", tmp_path / f"again{i}", ["jsonld"], jsonld_context=ctx)
        assert again["jsonld"].read_bytes() == written["jsonld"].read_bytes()
    text = (tmp_path / "out0" / "graph.jsonld").read_text(encoding="utf-8")
    assert '"label": "Volodymyr Zelensky"' in text
    with pytest.raises(StancegraphError, match="context"):
        export_rdf(folder / "source.trig", tmp_path / "bad", ["jsonld"], jsonld_context=tmp_path / "missing.jsonld")


def test_an_unreadable_graph_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    for path in (bad, tmp_path / "missing.ttl", tmp_path / "graph.xyz"):
        with pytest.raises(StancegraphError) as err:
            export_rdf(path, tmp_path / "out", ["ttl"])
        assert str(path) in str(err.value) and "\n" not in str(err.value)


# ------------------------------------------------------------------ export_command

def test_export_command_writes_every_format_and_all(hand, tmp_path):
    folder, ds = hand
    files = export_command(folder / "source.trig", tmp_path, ["all"])
    names = sorted(p.name for p in files)
    assert names == sorted(["graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld", "graph.graphml",
                            "graph.gexf", "actors.csv", "proposals.csv", "stances.csv", "parts.csv",
                            "proposed_by.csv", "load.cypher"])
    assert all(p.is_file() and p.stat().st_size > 0 for p in files)
    check_rdf_files({n: tmp_path / RDF_FORMATS[n][0] for n in RDF_FORMATS}, ds)
    # a subset, comma-separated or not, in any case
    some = export_command(folder / "source.trig", tmp_path / "some", ["TTL,nq", "gexf"])
    assert [p.name for p in some] == ["graph.ttl", "graph.nq", "graph.gexf"]
    # no stray temporary files
    assert not [p for p in tmp_path.rglob(".*.tmp")]
    # a build folder stands for its graph.trig
    (tmp_path / "build").mkdir()
    shutil.copy(folder / "source.trig", tmp_path / "build" / "graph.trig")
    from_dir = export_command(tmp_path / "build", tmp_path / "from-dir", ["ttl"])
    assert from_dir[0].read_bytes() == (tmp_path / "graph.ttl").read_bytes()
    (tmp_path / "empty").mkdir()
    with pytest.raises(StancegraphError, match="without graph.trig"):
        export_command(tmp_path / "empty", tmp_path / "x", ["ttl"])


def test_export_command_rejects_an_unknown_format_in_one_line(hand, tmp_path):
    folder, _ = hand
    with pytest.raises(StancegraphError) as err:
        export_command(folder / "source.trig", tmp_path, ["ttl", "rdfxml"])
    message = str(err.value)
    assert "\n" not in message and "'rdfxml'" in message
    for name in EXPORT_FORMATS:
        assert name in message
    assert not list(tmp_path.iterdir())  # nothing written before the error



def _graph_imports(module: str) -> set[str]:
    """The stancegraph.graph modules a graph/ module imports, at the top or inside a function."""
    import ast

    tree = ast.parse((ROOT / "graph" / f"{module}.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module if node.level == 0 else "stancegraph.graph." + node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n.rsplit(".", 1)[-1] for n in names if n.startswith("stancegraph.graph.")}


def test_export_and_propertygraph_import_in_one_direction():
    # propertygraph.py builds on export.py; the command that needs both (convert.py) sits above them
    assert "export" in _graph_imports("propertygraph")
    assert "propertygraph" not in _graph_imports("export")
    assert {"export", "propertygraph"} <= _graph_imports("convert")

# ------------------------------------------------------------------ property graph

def test_networkx_graph_folds_stances_into_one_edge_per_holder_polarity_target(hand):
    folder, _ = hand
    G = to_networkx(folder / "source.trig")
    assert isinstance(G, nx.MultiDiGraph)
    zel, plan, inv = "actor/person/volodymyr-zelensky", "proposal/victory-plan", "proposal/invitation"
    assert set(G.nodes) == {zel, "actor/org/nato", "actor/country/hungary", plan, inv}
    assert G.nodes[zel] == {"category": "Actor", "kind": "Person", "label": "Volodymyr Zelensky",
                            "alt_labels": "Zelensky | the Ukrainian president", "articles": 2,
                            "iri": str(ID[zel])}
    assert G.nodes[plan]["category"] == "Proposal" and G.nodes[plan]["kind"] == "Proposal"
    assert G.nodes["actor/country/hungary"]["alt_labels"] == "Orbán's government"
    e = G.edges[zel, plan, "support"]
    assert e["stances"] == 2 and e["articles"] == 2 and e["relation"] == "supports"
    assert str(e["first_date"]) == "2024-10-17" and str(e["last_date"]) == "2024-11-02"
    assert e["rules"] == ["cue.support.particle", "cue.support.verb"]
    assert e["evidence"] == "Zelensky again called for the Victory Plan."  # the most confident stance
    assert e["confidence"] == 0.9
    assert set(G["actor/country/hungary"][inv]) == {"oppose", "support"}
    assert G.edges["actor/org/nato", inv, "neutral"]["polarity"] == "neutral"
    assert G.has_edge(inv, plan, "partOf") and G.has_edge(plan, zel, "proposedBy")
    assert G.number_of_edges() == 6


def test_graphml_and_gexf_read_back_with_networkx(hand, tmp_path):
    folder, _ = hand
    G = to_networkx(folder / "source.trig")
    for write, read, name in ((write_graphml, lambda p: nx.read_graphml(p, force_multigraph=True), "graph.graphml"),
                              (write_gexf, nx.read_gexf, "graph.gexf")):
        path = write(folder / "source.trig", tmp_path / name)
        back = read(path)
        assert back.is_directed() and back.is_multigraph(), name  # Hungary's two edges to the invitation
        assert back.number_of_nodes() == G.number_of_nodes() == 5, name
        assert back.number_of_edges() == G.number_of_edges() == 6, name
        zel = back.nodes["actor/person/volodymyr-zelensky"]
        assert zel["label"] == "Volodymyr Zelensky" and zel["kind"] == "Person"
        assert zel["alt_labels"] == "Zelensky | the Ukrainian president"
        edges = [d for u, v, d in back.edges(data=True)
                 if (u, v) == ("actor/person/volodymyr-zelensky", "proposal/victory-plan")]
        assert len(edges) == 1, name
        e = edges[0]
        assert e["rules"] == "cue.support.particle | cue.support.verb", name
        assert e["first_date"] == "2024-10-17" and e["last_date"] == "2024-11-02", name
        assert e["stances"] == 2 and e["polarity"] == "support", name
        for _, _, d in back.edges(data=True):  # lists, dates and None came out as text
            for key in ("rules", "first_date", "evidence", "relation"):
                if key in d:
                    assert isinstance(d[key], str), (name, key, d[key])
        for _, d in back.nodes(data=True):
            assert all(isinstance(d[k], str) for k in ("label", "alt_labels", "kind", "category", "iri")), name
    # GraphML edge ids are unique (Gephi drops edges with an id it has seen)
    ids = re.findall(r'<edge [^>]*\bid="([^"]+)"', (tmp_path / "graph.graphml").read_text(encoding="utf-8"))
    assert len(ids) == 6 and len(set(ids)) == 6


# ------------------------------------------------------------------ Neo4j CSV, loaded into kuzu

HEADERS = {
    "actors.csv": ["id:ID(Actor)", "label", "kind", "altLabels", "articles:int", "iri", ":LABEL"],
    "proposals.csv": ["id:ID(Proposal)", "label", "altLabels", "articles:int", "iri", ":LABEL"],
    "stances.csv": [":START_ID(Actor)", ":END_ID(Proposal)", ":TYPE", "polarity", "stances:int", "articles:int",
                    "confidence:float", "firstDate:date", "lastDate:date", "rules", "evidence"],
    "parts.csv": [":START_ID(Proposal)", ":END_ID(Proposal)", ":TYPE"],
    "proposed_by.csv": [":START_ID(Proposal)", ":END_ID(Actor)", ":TYPE"],
}


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def check_neo4j_layout(folder: Path) -> None:
    """neo4j-admin import layout: the header conventions, ids that join up, one line per row;
    load.cypher reads only columns the CSV files have."""
    rows = {}
    for name, header in HEADERS.items():
        table = read_csv(folder / name)
        assert table[0] == header, name
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(table), f"{name}: a field spans lines (neo4j-admin needs --multiline-fields)"
        assert all(len(r) == len(header) for r in table), name
        rows[name] = table[1:]
    actors = {r[0] for r in rows["actors.csv"]}
    proposals = {r[0] for r in rows["proposals.csv"]}
    assert len(actors) == len(rows["actors.csv"]) and len(proposals) == len(rows["proposals.csv"])
    assert all(r[-1].split(";")[0] == "Actor" for r in rows["actors.csv"])
    assert all(r[-1] == "Proposal" for r in rows["proposals.csv"])
    for r in rows["stances.csv"]:
        assert r[0] in actors and r[1] in proposals and r[2] in {"SUPPORTS", "OPPOSES", "NEUTRAL_ON"}
        assert r[3] == {"SUPPORTS": "support", "OPPOSES": "oppose", "NEUTRAL_ON": "neutral"}[r[2]]
        assert int(r[4]) >= 1 and int(r[5]) >= 0
    assert all(r[0] in proposals and r[1] in proposals and r[2] == "PART_OF" for r in rows["parts.csv"])
    assert all(r[0] in proposals and r[1] in actors and r[2] == "PROPOSED_BY" for r in rows["proposed_by.csv"])
    script = (folder / "load.cypher").read_text(encoding="utf-8")
    statements = "\n".join(line for line in script.splitlines() if not line.startswith("//")).split(";")
    blocks = [b for b in statements if "LOAD CSV" in b]
    assert len(blocks) == 7
    for block in blocks:
        file = re.search(r"LOAD CSV WITH HEADERS FROM 'file:///([^']+)' AS row", block).group(1)
        used = set(re.findall(r"row\.`([^`]+)`", block)) | set(re.findall(r"row\.(\w+)", block))
        assert used and used <= set(HEADERS[file]), (file, used - set(HEADERS[file]))
        assert "MERGE" in block


KUZU_TYPE = {"": "STRING", "string": "STRING", "int": "INT64", "long": "INT64", "float": "DOUBLE",
             "double": "DOUBLE", "date": "DATE", "boolean": "BOOLEAN"}


def kuzu_load(folder: Path, db_path: Path):
    """The Neo4j CSV files loaded into kuzu as they are: each table's schema is read from the
    neo4j-admin header (name:type, :ID/:START_ID/:END_ID spaces), then COPY ... (HEADER=true)."""
    conn = kuzu.Connection(kuzu.Database(str(db_path)))

    def columns(header):
        cols = []
        for h in header:
            if ":ID(" in h:
                cols.append(f"{h.split(':', 1)[0]} STRING PRIMARY KEY")
            elif h == ":LABEL":
                cols.append("labels STRING")
            elif h == ":TYPE":
                cols.append("type STRING")
            elif not h.startswith((":START_ID", ":END_ID")):
                name, _, typ = h.partition(":")
                cols.append(f"{name} {KUZU_TYPE[typ]}")
        return cols

    for file, table in (("actors.csv", "Actor"), ("proposals.csv", "Proposal")):
        header = read_csv(folder / file)[0]
        assert header[0] == f"id:ID({table})"
        conn.execute(f"CREATE NODE TABLE {table}({', '.join(columns(header))})")
        conn.execute(f"COPY {table} FROM '{folder / file}' (HEADER=true)")
    for file, rel in (("stances.csv", "Stance"), ("parts.csv", "PartOf"), ("proposed_by.csv", "ProposedBy")):
        header = read_csv(folder / file)[0]
        start = re.fullmatch(r":START_ID\((\w+)\)", header[0]).group(1)
        end = re.fullmatch(r":END_ID\((\w+)\)", header[1]).group(1)
        conn.execute(f"CREATE REL TABLE {rel}(FROM {start} TO {end}, {', '.join(columns(header))})")
        conn.execute(f"COPY {rel} FROM '{folder / file}' (HEADER=true)")
    return conn


def cypher(conn, query: str) -> list[list]:
    result = conn.execute(query)
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    return rows


def test_neo4j_csv_layout_and_kuzu_load_of_the_hand_graph(hand, tmp_path):
    folder, _ = hand
    files = write_neo4j(folder / "source.trig", tmp_path / "neo4j")
    assert [p.name for p in files] == ["actors.csv", "proposals.csv", "stances.csv", "parts.csv",
                                       "proposed_by.csv", "load.cypher"]
    check_neo4j_layout(tmp_path / "neo4j")
    stances = read_csv(tmp_path / "neo4j" / "stances.csv")
    hungary = [r for r in stances if r[0] == "actor/country/hungary" and r[2] == "OPPOSES"][0]
    assert hungary[-1] == 'Hungary, "for now", rejects the invitation; it said so twice.'  # quoted, one line

    conn = kuzu_load(tmp_path / "neo4j", tmp_path / "kuzu")
    rows = cypher(conn, """
        MATCH (a:Actor)-[s:Stance]->(p:Proposal)
        WHERE s.type IN ['SUPPORTS', 'OPPOSES', 'NEUTRAL_ON']
        RETURN a.label, s.type, p.label, s.stances, s.articles, s.firstDate, s.lastDate, s.rules
        ORDER BY a.label, s.type""")
    assert [[r[0], r[1], r[2], r[3], r[4]] for r in rows] == [
        ["Hungary", "OPPOSES", "invitation to join NATO", 1, 1],
        ["Hungary", "SUPPORTS", "invitation to join NATO", 1, 1],
        ["NATO", "NEUTRAL_ON", "invitation to join NATO", 1, 1],
        ["Volodymyr Zelensky", "SUPPORTS", "Victory Plan", 2, 2],
    ]
    zel = rows[-1]
    assert (str(zel[5]), str(zel[6]), zel[7]) == ("2024-10-17", "2024-11-02", "cue.support.particle | cue.support.verb")
    supporters = cypher(conn, "MATCH (a:Actor)-[s:Stance]->(p:Proposal) WHERE s.type = 'SUPPORTS' AND p.label = 'Victory Plan' "
                              "RETURN a.label, a.kind, a.labels, a.altLabels")
    assert supporters == [["Volodymyr Zelensky", "Person", "Actor;Person", "Zelensky | the Ukrainian president"]]
    assert cypher(conn, "MATCH (x:Proposal)-[:PartOf]->(w:Proposal)-[:ProposedBy]->(a:Actor) RETURN x.label, w.label, a.label") == [
        ["invitation to join NATO", "Victory Plan", "Volodymyr Zelensky"]]
    assert cypher(conn, "MATCH (a:Actor) RETURN count(a)") == [[3]]
    assert cypher(conn, "MATCH (p:Proposal) RETURN count(p)") == [[2]]


def test_neo4j_files_are_the_same_from_the_networkx_graph_and_from_the_file(hand):
    folder, _ = hand
    assert neo4j_tables(to_networkx(folder / "source.trig")) == neo4j_tables(folder / "source.ttl")


# ------------------------------------------------------------------ the seed build

@pytest.mark.model
def test_every_format_from_the_seed_build(seed_build, tmp_path):
    out, _ = seed_build
    files = export_command(out / "graph.trig", tmp_path, ["all"])
    assert len(files) == 13
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    check_rdf_files({n: tmp_path / RDF_FORMATS[n][0] for n in RDF_FORMATS}, ds)
    assert isomorphic(Graph().parse(out / "graph.ttl"), Graph().parse(tmp_path / "graph.ttl"))
    assert rapper_check(tmp_path / "graph.ttl", "turtle") == len(union(ds))
    assert rapper_check(tmp_path / "graph.nt", "ntriples") == len(union(ds))
    # from the build's Turtle: byte-identical union files
    again = export_rdf(out / "graph.ttl", tmp_path / "from-ttl", ["ttl", "nt"])
    assert again["ttl"].read_bytes() == (tmp_path / "graph.ttl").read_bytes()
    assert again["nt"].read_bytes() == (tmp_path / "graph.nt").read_bytes()

    G = to_networkx(out / "graph.trig")
    zel, plan = "actor/person/volodymyr-zelensky", "proposal/victory-plan"
    assert G.nodes[zel]["label"] == "Volodymyr Zelensky" and G.nodes[zel]["kind"] == "Person"
    assert G.has_edge(zel, plan, "support")
    for back in (nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True), nx.read_gexf(tmp_path / "graph.gexf")):
        assert back.number_of_nodes() == G.number_of_nodes()
        assert back.number_of_edges() == G.number_of_edges()
        assert back.nodes[zel]["label"] == "Volodymyr Zelensky"
        assert all(isinstance(d["label"], str) and isinstance(d["alt_labels"], str) for _, d in back.nodes(data=True))

    check_neo4j_layout(tmp_path)
    conn = kuzu_load(tmp_path, tmp_path / "kuzu")
    rows = cypher(conn, """
        MATCH (a:Actor)-[s:Stance]->(p:Proposal)
        WHERE a.label = 'Volodymyr Zelensky' AND p.label = 'Victory Plan'
        RETURN s.type, s.polarity, s.stances""")
    assert rows and rows[0][:2] == ["SUPPORTS", "support"] and rows[0][2] >= 1
    n_stance_edges = sum(1 for _, _, d in G.edges(data=True) if "polarity" in d)
    assert cypher(conn, "MATCH (:Actor)-[s:Stance]->(:Proposal) RETURN count(s)") == [[n_stance_edges]]


def test_the_builds_quads_write_the_same_files_as_the_api_dataset(extractor, tmp_path):
    """`stancegraph build` writes its files from pyoxigraph quads (`build_quads`), the Python API keeps
    an rdflib Dataset (`build_dataset`): over several articles, with actors resolved across them,
    both give byte-identical files in every RDF format."""
    from stancegraph.extract.readers import read_articles
    from stancegraph.graph.export import RDF_FORMATS, export_rdf
    from stancegraph.graph.rdf import build_dataset, build_quads

    articles = [a for path in sorted(CORPUS.glob("*.txt"))[:4] for a in read_articles(path)]
    results = list(extractor.extract(articles))
    assert sum(len(r.stances) for r in results) > 0
    export_rdf(build_dataset(results), tmp_path / "dataset", list(RDF_FORMATS))
    export_rdf(build_quads(results), tmp_path / "quads", list(RDF_FORMATS))
    for filename, _, _ in RDF_FORMATS.values():
        assert (tmp_path / "quads" / filename).read_bytes() == (tmp_path / "dataset" / filename).read_bytes(), filename
