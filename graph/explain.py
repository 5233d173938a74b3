"""`stancegraph explain NAME`: a node, its names, the mentions merged into it and why.

Read from the graph itself (sg:Mention nodes with sg:denotes and sg:resolution), so
a graph file or a store explains itself with no extraction run at hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from stancegraph.graph.query import QueryError, select

NODES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node ?label ?name_param WHERE {
  ?node rdfs:label ?label .
  { ?node rdfs:label ?n } UNION { ?node skos:altLabel ?n }
  FILTER(CONTAINS(LCASE(STR(?n)), LCASE(STR(?name_param))))
} ORDER BY ?label
"""

DETAILS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?kind ?alt ?same ?node_param WHERE {
  { ?node_param a ?kind } UNION { ?node_param skos:altLabel ?alt } UNION { ?node_param owl:sameAs ?same }
}
"""

MENTIONS = """
PREFIX sg: <https://w3id.org/stancegraph#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?article ?begin ?end ?text ?why ?node_param WHERE {
  ?m sg:denotes ?node_param ; dcterms:isPartOf ?a ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?text .
  ?a dcterms:identifier ?article .
  OPTIONAL { ?m sg:resolution ?why }
} ORDER BY ?article ?begin
"""


@dataclass
class Explanation:
    node: str
    label: str
    kinds: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    mentions: list[tuple[str, int, int, str, str]] = field(default_factory=list)  # article, begin, end, text, why


def explain(store: ox.Store, name: str) -> list[Explanation]:
    """Every node one of whose names contains `name` (any case), with its mentions."""
    if not name.strip():
        raise QueryError("give a name, or part of one, to explain")
    _, nodes = select(store, NODES, {"name_param": ox.Literal(name.strip())})
    out = []
    for node, label, _ in nodes:
        iri = ox.NamedNode(node)
        ex = Explanation(node, label)
        _, rows = select(store, DETAILS, {"node_param": iri})
        for kind, alt, same, _ in rows:
            if kind and kind.startswith("https://w3id.org/stancegraph#"):
                ex.kinds.append(kind.rsplit("#", 1)[1])
            if alt and alt != label:
                ex.names.append(alt)
            if same:
                ex.same_as.append(same)
        _, rows = select(store, MENTIONS, {"node_param": iri})
        ex.mentions = [(a, int(b), int(e), t, w or "") for a, b, e, t, w, _ in rows]
        ex.kinds.sort()
        ex.names.sort()
        out.append(ex)
    return out
