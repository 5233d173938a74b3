"""The stance graph as a property graph: networkx, GraphML, GEXF and Neo4j CSV.

RDF keeps one node per stance (with its evidence, rule, date...). Property-graph
tools want actors and proposals as nodes and stances as edges, so the stances
are folded into one edge per (holder, polarity, target):

    nodes  actors     category "Actor", kind (Person, Organisation, Country, Government, Group),
                      label, alt_labels ("a | b"), articles (how many mention it), iri
           proposals  category "Proposal", kind "Proposal", label, alt_labels, articles, iri
    edges  holder -> target, key = polarity ("support", "oppose", "neutral"):
                      relation (supports / opposes / neutralOn), polarity, stances (how many),
                      articles (in how many articles), evidence (one sentence: the most
                      confident stance's, then the earliest), first_date, last_date,
                      rules (the rule ids), confidence (the highest), weight (= stances)
           part -> whole, key "partOf"; proposal -> proposer, key "proposedBy"

Node ids are the IRIs without `https://w3id.org/stancegraph/id/`
("actor/person/volodymyr-zelensky"); other IRIs are kept whole.
In the networkx graph `rules` is a list and the dates are `datetime.date`
(or None); the file writers turn lists into "a | b", dates into ISO text and
None into "" so Gephi, Cytoscape and yEd load every attribute.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional, Union

import networkx as nx
import pyoxigraph as ox

from stancegraph.graph.export import GraphSource, atomic_write, to_store
from stancegraph.graph.vocab import ID, SG_NS

ID_NS = str(ID)
_POLARITY = {SG_NS + "Support": "support", SG_NS + "Oppose": "oppose", SG_NS + "Neutral": "neutral"}
RELATION = {"support": "supports", "oppose": "opposes", "neutral": "neutralOn"}
NEO4J_TYPE = {"support": "SUPPORTS", "oppose": "OPPOSES", "neutral": "NEUTRAL_ON"}
ACTOR_KINDS = ("Person", "Organisation", "Country", "Government", "Group")

_PREFIXES = """
PREFIX sg: <https://w3id.org/stancegraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

_STANCES = _PREFIXES + """
SELECT ?s ?h ?t ?pol ?ev ?rule ?date ?conf ?art ?g WHERE {
  ?s sg:holder ?h ; sg:target ?t ; sg:polarity ?pol .
  OPTIONAL { ?s sg:evidence ?ev }
  OPTIONAL { ?s sg:rule ?rule }
  OPTIONAL { ?s dcterms:date ?date }
  OPTIONAL { ?s sg:confidence ?conf }
  OPTIONAL { ?s prov:wasDerivedFrom/dcterms:isPartOf ?art }
  OPTIONAL { GRAPH ?g { ?s sg:holder ?h } }
}"""

_TYPES = _PREFIXES + """
SELECT DISTINCT ?n ?type WHERE {
  ?n a ?type .
  VALUES ?type { sg:Actor sg:Person sg:Organisation sg:Country sg:Government sg:Group sg:Proposal }
}"""

_LABELS = _PREFIXES + "SELECT DISTINCT ?n ?l WHERE { ?n rdfs:label ?l }"
_ALTS = _PREFIXES + "SELECT DISTINCT ?n ?l WHERE { ?n skos:altLabel ?l }"
_MENTIONS = _PREFIXES + "SELECT DISTINCT ?n ?a WHERE { ?n sg:mentionedIn ?a }"
_PARTS = _PREFIXES + "SELECT DISTINCT ?part ?whole WHERE { { ?part sg:partOf ?whole } UNION { ?whole sg:hasPart ?part } }"
_PROPOSERS = _PREFIXES + "SELECT DISTINCT ?p ?a WHERE { ?p sg:proposedBy ?a }"


def node_id(iri: str) -> str:
    """The short id of a node: its IRI without the stancegraph id namespace."""
    return iri[len(ID_NS):] if iri.startswith(ID_NS) and len(iri) > len(ID_NS) else iri


def _rows(store: ox.Store, query: str) -> Iterable[list]:
    result = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    for sol in result:
        yield [None if sol[n] is None else sol[n].value for n in names]


def _date(text: Optional[str]) -> Optional[dt.date]:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _float(text: Optional[str]) -> Optional[float]:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def to_networkx(graph_or_path: Union[GraphSource, nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """The stance graph (a graph file, Oxigraph Store or rdflib Graph) as a networkx MultiDiGraph."""
    if isinstance(graph_or_path, nx.Graph):
        return graph_or_path
    store = to_store(graph_or_path)

    # one record per stance node; a stance read from several graphs is still one
    stances: dict[str, dict] = {}
    for s, h, t, pol, ev, rule, date, conf, art, g in _rows(store, _STANCES):
        rec = stances.setdefault(s, {"h": h, "t": t, "pol": set(), "ev": set(), "rules": set(),
                                     "dates": set(), "conf": set(), "arts": set(), "graphs": set()})
        rec["pol"].add(_POLARITY.get(pol) or pol.rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower())
        for key, value in (("ev", ev), ("rules", rule), ("dates", _date(date)), ("conf", _float(conf)),
                           ("arts", art), ("graphs", g)):
            if value is not None:
                rec[key].add(value)

    types: dict[str, set[str]] = defaultdict(set)
    for n, t in _rows(store, _TYPES):
        types[n].add(t[len(SG_NS):])
    parts = sorted((p, w) for p, w in _rows(store, _PARTS))
    proposers = sorted((p, a) for p, a in _rows(store, _PROPOSERS))

    # category by type first, by role where a node has no stancegraph type
    category: dict[str, str] = {}
    for n, ts in types.items():
        category[n] = "Proposal" if "Proposal" in ts else "Actor"
    for rec in stances.values():
        category.setdefault(rec["h"], "Actor")
        category.setdefault(rec["t"], "Proposal")
    for p, w in parts:
        category.setdefault(p, "Proposal")
        category.setdefault(w, "Proposal")
    for p, a in proposers:
        category.setdefault(p, "Proposal")
        category.setdefault(a, "Actor")

    labels: dict[str, list[str]] = defaultdict(list)
    for n, l in _rows(store, _LABELS):
        if n in category:
            labels[n].append(l)
    alts: dict[str, set[str]] = defaultdict(set)
    for n, l in _rows(store, _ALTS):
        if n in category:
            alts[n].add(l)
    mentions: dict[str, set[str]] = defaultdict(set)
    for n, a in _rows(store, _MENTIONS):
        if n in category:
            mentions[n].add(a)

    G = nx.MultiDiGraph()
    for iri in sorted(category, key=node_id):
        cat = category[iri]
        specific = sorted(types.get(iri, set()) - {"Actor", "Proposal"})
        kind = "Proposal" if cat == "Proposal" else (specific[0] if specific else "Actor")
        names = sorted(labels.get(iri, []))
        label = names[0] if names else node_id(iri).rsplit("/", 1)[-1]
        G.add_node(node_id(iri), category=cat, kind=kind, label=label,
                   alt_labels=" | ".join(sorted((alts.get(iri, set()) | set(names[1:])) - {label})),
                   articles=len(mentions.get(iri, ())), iri=iri)

    edges: dict[tuple[str, str, str], list[tuple[str, dict]]] = defaultdict(list)
    for s, rec in stances.items():
        for pol in rec["pol"]:
            edges[(rec["h"], pol, rec["t"])].append((s, rec))
    for (h, pol, t), recs in sorted(edges.items(), key=lambda kv: (node_id(kv[0][0]), kv[0][1], node_id(kv[0][2]))):
        dates = sorted(d for _, r in recs for d in r["dates"])
        confs = [c for _, r in recs for c in r["conf"]]

        def rank(item):  # the most confident stance's evidence, then the earliest, then by IRI
            s, r = item
            return (-max(r["conf"], default=0.0), min(r["dates"], default=dt.date.max), s)

        evidence = next((min(r["ev"]) for _, r in sorted(recs, key=rank) if r["ev"]), None)
        articles = {a for _, r in recs for a in (r["arts"] or r["graphs"])}
        G.add_edge(node_id(h), node_id(t), key=pol, relation=RELATION.get(pol, pol), polarity=pol,
                   stances=len(recs), articles=len(articles), evidence=evidence,
                   first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
                   rules=sorted({x for _, r in recs for x in r["rules"]}),
                   confidence=max(confs) if confs else None, weight=len(recs))
    for p, w in parts:
        G.add_edge(node_id(p), node_id(w), key="partOf", relation="partOf", weight=1)
    for p, a in proposers:
        G.add_edge(node_id(p), node_id(a), key="proposedBy", relation="proposedBy", weight=1)
    return G


# ---------------------------------------------------------------- GraphML / GEXF

def _plain(value):
    """An attribute value every GraphML/GEXF reader takes: str, int, float or bool."""
    if value is None:
        return ""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return " | ".join(sorted(str(v) for v in value))
    if isinstance(value, (list, tuple)):
        return " | ".join(str(v) for v in value)
    return str(value)


def _plain_edge(data: dict) -> dict:
    out = {k: _plain(v) for k, v in data.items()}
    if out.get("confidence") == "":
        del out["confidence"]  # a float attribute: absent rather than text
    return out


def flat_graph(graph: Union[GraphSource, nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """A copy of the property graph whose attributes are only str, int, float and bool, edge keys "e0", "e1"..."""
    G = to_networkx(graph)
    F = nx.MultiDiGraph()
    F.graph.update({k: _plain(v) for k, v in G.graph.items()})
    for n, data in G.nodes(data=True):
        F.add_node(n, **{k: _plain(v) for k, v in data.items()})
    # GraphML writes a multigraph's edge keys as edge ids, and Gephi drops edges whose
    # id it has seen: unique keys here ("support" and the rest stay in `relation`/`polarity`)
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        F.add_edge(u, v, key=f"e{i}", **_plain_edge(data))
    return F


def write_graphml(graph: Union[GraphSource, nx.MultiDiGraph], path: Union[str, os.PathLike]) -> Path:
    """The property graph as GraphML (yEd, Cytoscape, Gephi), written atomically."""
    path = Path(path)
    F = flat_graph(graph)
    atomic_write(path, lambda tmp: nx.write_graphml(F, tmp, encoding="utf-8"))
    return path


def write_gexf(graph: Union[GraphSource, nx.MultiDiGraph], path: Union[str, os.PathLike]) -> Path:
    """The property graph as GEXF 1.2 (Gephi), written atomically."""
    path = Path(path)
    F = flat_graph(graph)
    # GEXF gives "label" and "weight" their own meaning (node label, edge weight);
    # edges get their label from the relation so Gephi shows it.
    for _, _, data in F.edges(data=True):
        data["label"] = data["relation"]
    atomic_write(path, lambda tmp: nx.write_gexf(F, tmp, encoding="utf-8", version="1.2draft"))
    return path


# ---------------------------------------------------------------- Neo4j

# (CSV header, attribute, Cypher expression turning the CSV text into the property)
ACTOR_COLUMNS = [
    ("id:ID(Actor)", "id", None),
    ("label", "label", "row.label"),
    ("kind", "kind", "row.kind"),
    ("altLabels", "alt_labels", "row.altLabels"),
    ("articles:int", "articles", "toInteger(row.`articles:int`)"),
    ("iri", "iri", "row.iri"),
    (":LABEL", None, None),
]
PROPOSAL_COLUMNS = [
    ("id:ID(Proposal)", "id", None),
    ("label", "label", "row.label"),
    ("altLabels", "alt_labels", "row.altLabels"),
    ("articles:int", "articles", "toInteger(row.`articles:int`)"),
    ("iri", "iri", "row.iri"),
    (":LABEL", None, None),
]
STANCE_COLUMNS = [
    (":START_ID(Actor)", None, None),
    (":END_ID(Proposal)", None, None),
    (":TYPE", None, None),
    ("polarity", "polarity", "row.polarity"),
    ("stances:int", "stances", "toInteger(row.`stances:int`)"),
    ("articles:int", "articles", "toInteger(row.`articles:int`)"),
    ("confidence:float", "confidence", "toFloat(row.`confidence:float`)"),
    ("firstDate:date", "first_date", "date(row.`firstDate:date`)"),
    ("lastDate:date", "last_date", "date(row.`lastDate:date`)"),
    ("rules", "rules", "row.rules"),
    ("evidence", "evidence", "row.evidence"),
]
PART_COLUMNS = [(":START_ID(Proposal)", None, None), (":END_ID(Proposal)", None, None), (":TYPE", None, None)]
PROPOSER_COLUMNS = [(":START_ID(Proposal)", None, None), (":END_ID(Actor)", None, None), (":TYPE", None, None)]

NEO4J_FILES = ("actors.csv", "proposals.csv", "stances.csv", "parts.csv", "proposed_by.csv", "load.cypher")


def _csv_text(columns, rows: Iterable[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([c[0] for c in columns])
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def _cell(value) -> str:
    value = _plain(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        # one line per row: neo4j-admin reads quoted line breaks only with --multiline-fields
        return " ".join(value.splitlines()) if ("\n" in value or "\r" in value) else value
    return str(value)


def neo4j_tables(graph: Union[GraphSource, nx.MultiDiGraph]) -> dict[str, str]:
    """The text of every file `write_neo4j` writes, by file name."""
    G = to_networkx(graph)
    cat = nx.get_node_attributes(G, "category")
    actors, proposals = [], []
    for n, d in G.nodes(data=True):
        if d["category"] == "Actor":
            labels = "Actor" if d["kind"] == "Actor" else f"Actor;{d['kind']}"
            actors.append([n] + [_cell(d.get(a)) for _, a, _ in ACTOR_COLUMNS[1:-1]] + [labels])
        else:
            proposals.append([n] + [_cell(d.get(a)) for _, a, _ in PROPOSAL_COLUMNS[1:-1]] + ["Proposal"])
    stances, parts, proposers, skipped = [], [], [], 0
    for u, v, key, d in G.edges(keys=True, data=True):
        rel = d["relation"]
        if rel == "partOf" and cat[u] == cat[v] == "Proposal":
            parts.append([u, v, "PART_OF"])
        elif rel == "proposedBy" and (cat[u], cat[v]) == ("Proposal", "Actor"):
            proposers.append([u, v, "PROPOSED_BY"])
        elif "polarity" in d and (cat[u], cat[v]) == ("Actor", "Proposal"):
            rel_type = NEO4J_TYPE.get(d["polarity"], d["polarity"].upper())
            stances.append([u, v, rel_type] + [_cell(d.get(a)) for _, a, _ in STANCE_COLUMNS[3:]])
        else:
            skipped += 1
    if skipped:
        warnings.warn(f"{skipped} edge(s) do not join an actor to a proposal as the contract says; left out of the Neo4j files")
    kinds = sorted({r[-1].split(";", 1)[1] for r in actors if ";" in r[-1]})
    rel_types = sorted(set(NEO4J_TYPE.values()) | {r[2] for r in stances})
    return {
        "actors.csv": _csv_text(ACTOR_COLUMNS, actors),
        "proposals.csv": _csv_text(PROPOSAL_COLUMNS, proposals),
        "stances.csv": _csv_text(STANCE_COLUMNS, stances),
        "parts.csv": _csv_text(PART_COLUMNS, parts),
        "proposed_by.csv": _csv_text(PROPOSER_COLUMNS, proposers),
        "load.cypher": load_cypher(kinds, rel_types),
    }


def _tick(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _sets(var: str, columns) -> str:
    return ",\n    ".join(f"{var}.{_tick(h.split(':', 1)[0])} = {expr}" for h, _, expr in columns if expr)


def _str(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def load_cypher(kinds: Iterable[str] = ACTOR_KINDS, rel_types: Iterable[str] = tuple(NEO4J_TYPE.values())) -> str:
    """A Cypher script that loads the CSV files with LOAD CSV (MERGE on id), for users without neo4j-admin."""
    lines = [
        "// The stancegraph property graph for Neo4j 5.",
        "// Either import the CSV files into an empty database:",
        "//   neo4j-admin database import full --nodes=actors.csv --nodes=proposals.csv \\",
        "//     --relationships=stances.csv --relationships=parts.csv --relationships=proposed_by.csv neo4j",
        "// or copy them into the database's import folder and run this script:",
        "//   cypher-shell -f load.cypher",
        "// (LOAD CSV reads an empty field as null, so absent dates and confidences stay unset.)",
        "",
        "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;",
        "CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (p:Proposal) REQUIRE p.id IS UNIQUE;",
        "",
        "LOAD CSV WITH HEADERS FROM 'file:///actors.csv' AS row",
        "MERGE (a:Actor {id: row.`id:ID(Actor)`})",
        "SET " + _sets("a", ACTOR_COLUMNS),
    ]
    for kind in kinds:
        lines.append(f"FOREACH (_ IN CASE WHEN row.kind = {_str(kind)} THEN [1] ELSE [] END | SET a:{_tick(kind)})")
    lines[-1] += ";"
    lines += [
        "",
        "LOAD CSV WITH HEADERS FROM 'file:///proposals.csv' AS row",
        "MERGE (p:Proposal {id: row.`id:ID(Proposal)`})",
        "SET " + _sets("p", PROPOSAL_COLUMNS) + ";",
    ]
    for rel in rel_types:
        lines += [
            "",
            "LOAD CSV WITH HEADERS FROM 'file:///stances.csv' AS row",
            f"WITH row WHERE row.`:TYPE` = {_str(rel)}",
            "MATCH (a:Actor {id: row.`:START_ID(Actor)`})",
            "MATCH (p:Proposal {id: row.`:END_ID(Proposal)`})",
            f"MERGE (a)-[s:{_tick(rel)}]->(p)",
            "SET " + _sets("s", STANCE_COLUMNS) + ";",
        ]
    lines += [
        "",
        "LOAD CSV WITH HEADERS FROM 'file:///parts.csv' AS row",
        "MATCH (part:Proposal {id: row.`:START_ID(Proposal)`})",
        "MATCH (whole:Proposal {id: row.`:END_ID(Proposal)`})",
        "MERGE (part)-[:PART_OF]->(whole);",
        "",
        "LOAD CSV WITH HEADERS FROM 'file:///proposed_by.csv' AS row",
        "MATCH (p:Proposal {id: row.`:START_ID(Proposal)`})",
        "MATCH (a:Actor {id: row.`:END_ID(Actor)`})",
        "MERGE (p)-[:PROPOSED_BY]->(a);",
    ]
    return "\n".join(lines) + "\n"


def write_neo4j(graph: Union[GraphSource, nx.MultiDiGraph], out_dir: Union[str, os.PathLike]) -> list[Path]:
    """actors.csv, proposals.csv, stances.csv, parts.csv, proposed_by.csv (neo4j-admin import
    layout, UTF-8) and load.cypher in `out_dir`, each written atomically; returns the paths."""
    out = Path(out_dir)
    written = []
    for name, text in neo4j_tables(graph).items():
        path = out / name
        atomic_write(path, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8", newline=""))
        written.append(path)
    return written
