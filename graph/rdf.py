"""Stance records -> RDF, one named graph per article (see graph/CONTRACT.md).

IRIs are minted from entity keys and offsets, never blank nodes, so the same
input always gives the same graph. Actors and proposals with the same key in
different articles are one node; its `rdfs:label` is chosen over all the
articles (the fullest name seen most often), so every named graph states the
same label and the union has exactly one.
"""
from __future__ import annotations

import hashlib
from typing import Iterable, Optional, Union

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from stancegraph import __version__
from stancegraph.extract.records import ArticleResult, Entity
from stancegraph.graph.vocab import DIRECT_TERM, ID, KIND_TERM, NIF, POLARITY_TERM, SCHEMA, SG, WD

EXTRACTION = ID[f"extraction/stancegraph-{__version__}"]
# The named graph that holds one rdfs:label per actor and proposal, chosen over all articles.
ENTITIES_GRAPH = ID["graph/entities"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{_iri_safe(article_id)}"]


def graph_iri(article_id: str) -> URIRef:
    return ID[f"graph/{_iri_safe(article_id)}"]


def entity_iri(key: str) -> URIRef:
    kind, _, rest = key.partition("/")
    return ID[f"{'proposal' if kind == 'proposal' else 'actor'}/{rest if kind in ('proposal',) else key}"]


def _iri_safe(text: str) -> str:
    """Keep an id readable in an IRI; anything outside unreserved characters is percent-encoded."""
    from urllib.parse import quote

    return quote(text, safe="-._~")


def add_article(ds: Union[Dataset, "QuadSink"], res: ArticleResult,
                labels: Optional[dict[str, tuple[str, set[str]]]] = None) -> Graph:
    """Write one article's records into its named graph of `ds` (a Dataset, or a `QuadSink`);
    returns that graph."""
    art = res.article
    g = ds.graph(graph_iri(art.id))
    a = article_iri(art.id)
    g.add((a, RDF.type, SG.Article))
    g.add((a, RDF.type, SCHEMA.NewsArticle))
    g.add((a, DCTERMS.identifier, Literal(art.id)))
    if art.title:
        g.add((a, DCTERMS.title, Literal(art.title)))
    if art.publisher:
        g.add((a, SCHEMA.publisher, Literal(art.publisher)))
    if art.date:
        g.add((a, DCTERMS.date, Literal(art.date, datatype=XSD.date)))
    if art.url:
        g.add((a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI)))
    if art.source:
        g.add((a, DCTERMS.source, Literal(art.source)))

    for key, ent in sorted(res.entities.items()):
        _add_entity(g, ent, (labels or {}).get(key, (ent.label, ent.alt_labels)), a)
        for m in sorted(set(ent.mentions), key=lambda m: (m.start, m.end)):
            if art.text[m.start:m.end] != m.text:
                continue  # offsets that do not slice the article are never written
            node = _span(g, SG.Mention, a, f"article/{_iri_safe(art.id)}/mention", m.start, m.end, m.text)
            g.add((node, SG.denotes, entity_iri(key)))
            if m.note:
                g.add((node, SG.resolution, Literal(m.note)))

    g.add((EXTRACTION, RDF.type, PROV.Activity))
    g.add((EXTRACTION, RDF.type, SG.Extraction))
    g.add((EXTRACTION, SG.softwareVersion, Literal(__version__)))

    for st in res.stances:
        sent = _span(g, SG.Sentence, a, f"article/{_iri_safe(art.id)}/char", st.start, st.end, st.evidence)
        digest = hashlib.sha1(f"{art.id}|{st.holder}|{st.polarity}|{st.target}|{st.start}".encode()).hexdigest()[:16]
        s = ID[f"stance/{digest}"]
        holder, target = entity_iri(st.holder), entity_iri(st.target)
        g.add((s, RDF.type, SG.Stance))
        g.add((s, SG.holder, holder))
        g.add((s, SG.target, target))
        g.add((s, SG.polarity, POLARITY_TERM[st.polarity]))
        g.add((s, SG.evidence, Literal(st.evidence)))
        g.add((s, PROV.wasDerivedFrom, sent))
        g.add((s, SG.confidence, Literal(f"{st.confidence:.2f}", datatype=XSD.decimal)))
        g.add((s, SG.rule, Literal(st.rule)))
        g.add((s, PROV.wasGeneratedBy, EXTRACTION))
        if art.date:
            g.add((s, DCTERMS.date, Literal(art.date, datatype=XSD.date)))
        if st.speaker:
            g.add((s, SG.speaker, entity_iri(st.speaker)))
        if st.reported_by:
            g.add((s, SG.reportedBy, entity_iri(st.reported_by)))
        if st.condition:
            g.add((s, SG.condition, Literal(st.condition)))
        if st.quote:
            qs, qe = st.quote
            q = _span(g, SG.Quote, a, f"article/{_iri_safe(art.id)}/quote", qs, qe, art.text[qs:qe])
            if st.speaker:
                g.add((q, SG.speaker, entity_iri(st.speaker)))
            g.add((s, SG.quote, q))
        g.add((holder, DIRECT_TERM[st.polarity], target))
    return g


def _span(g: Graph, cls: URIRef, article: URIRef, base: str, start: int, end: int, text: str) -> URIRef:
    """A stretch of an article (sentence, quote, mention) as a NIF string: offsets, words, the article."""
    node = ID[f"{base}/{start}-{end}"]
    g.add((node, RDF.type, cls))
    g.add((node, DCTERMS.isPartOf, article))
    g.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.anchorOf, Literal(text)))
    return node


def _add_entity(g: Graph, ent: Entity, label: tuple[str, set[str]], article: URIRef) -> None:
    """An actor or proposal as this article names it: its kind and every name it goes by here.

    The one `rdfs:label` is not written here but in the entities graph (`write_labels`),
    chosen over every article in the graph, so that adding or removing an article never
    leaves a node with two labels.
    """
    node = entity_iri(ent.key)
    best, alts = label
    g.add((node, RDF.type, KIND_TERM[ent.kind]))
    for name in sorted({best} | set(alts)):
        if name:
            g.add((node, SKOS.altLabel, Literal(name)))
    g.add((node, SG.mentionedIn, article))
    for other in sorted(ent.proposed_by):
        g.add((node, SG.proposedBy, entity_iri(other)))
    for whole in sorted(ent.part_of):
        g.add((node, SG.partOf, entity_iri(whole)))
        g.add((entity_iri(whole), SG.hasPart, node))


def pick_labels(names: Iterable[tuple[object, str, object]]) -> dict[object, str]:
    """One label per node from (node, name, graph) rows: the name the most articles use, then a
    gazetteer entry's own name ("Greece" over "Athens", which the gazetteer lists as its other name),
    then the one that names best (names first, up to six words), then the first in order."""
    from stancegraph.extract.mentions import label_score
    from stancegraph.graph.resolve import load_gazetteer

    canonical = {e.label for e in load_gazetteer()}

    counts: dict[object, dict[str, set]] = {}
    for node, name, graph in names:
        counts.setdefault(node, {}).setdefault(str(name), set()).add(graph)
    out = {}
    for node, by_name in counts.items():
        # "Ukrainian President Volodymyr Zelensky", "Zelensky's Victory Plan": a title or an owner
        # in front of another of the node's names is not its name
        plain = [n for n in by_name if not any(n != m and n.endswith(" " + m) and _is_title(n[: -len(m)])
                                               for m in by_name)] or list(by_name)
        out[node] = max(sorted(plain), key=lambda n: (len(by_name[n]), n in canonical, label_score(n)))
    return out


def _is_title(prefix: str) -> bool:
    from stancegraph.extract.lexicon import load_lexicon

    words = prefix.split()
    if not words:
        return False
    return words[-1].endswith(("'s", "’s")) or load_lexicon().is_role(words[-1])


def write_labels(ds: Dataset) -> Graph:
    """(Re)write the entities graph: one `rdfs:label` for every node that has names."""
    ds.remove_graph(ENTITIES_GRAPH)
    g = ds.graph(ENTITIES_GRAPH)
    rows = ((s, o, c) for s, _, o, c in ds.quads((None, SKOS.altLabel, None, None)))
    for node, label in pick_labels(rows).items():
        g.add((node, RDFS.label, Literal(label)))
    return g


def build_dataset(results: list[ArticleResult], *, resolve_entities: bool = True,
                  known_people: Iterable[tuple[str, str]] = ()) -> Dataset:
    """All articles' named graphs in one Dataset (its default graph is their union).

    Actors are first resolved across articles (`graph.resolve`): one node per actor,
    linked to Wikidata where the gazetteer knows it.
    """
    ds = Dataset(default_union=True)
    _bind(ds)
    _add_all(ds, results, resolve_entities, known_people)
    write_labels(ds)
    return ds


def build_quads(results: list[ArticleResult], *, resolve_entities: bool = True,
                known_people: Iterable[tuple[str, str]] = ()) -> list[ox.Quad]:
    """The same graph as `build_dataset`, as pyoxigraph quads (an article's repeated triples
    repeated): what `stancegraph build` writes its files from. It skips rdflib's in-memory store,
    which took half the time of turning a build's records into Turtle (benchmarks/RESULTS.md)."""
    sink = QuadSink()
    _add_all(sink, results, resolve_entities, known_people)
    rows = ((q.subject, q.object.value, q.graph_name) for q in sink.quads if q.predicate == ALT_LABEL)
    sink.quads += [ox.Quad(node, LABEL, ox.Literal(label), ENTITIES) for node, label in pick_labels(rows).items()]
    return sink.quads


def _add_all(ds, results: list[ArticleResult], resolve_entities: bool, known_people) -> None:
    if resolve_entities:
        from stancegraph.graph.resolve import plan, rewrite, summarize

        p = plan([s for res in results for s in summarize(res)], known_people=known_people)
        for res in results:
            add_resolved(ds, rewrite(res, p), p.wikidata)
    else:
        for res in results:
            add_article(ds, res)


# the same terms as pyoxigraph's (the build's quads, the store)
ENTITIES = ox.NamedNode(str(ENTITIES_GRAPH))
ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
LABEL = ox.NamedNode(str(RDFS.label))


class QuadSink:
    """What `add_article` writes into where the graph is wanted as pyoxigraph quads: like a
    Dataset, `graph(iri)` gives a named graph to `add` triples of rdflib terms to; each distinct
    term is turned into pyoxigraph's once. Blank nodes are never written (see the module doc)."""

    def __init__(self) -> None:
        self.quads: list[ox.Quad] = []
        self._terms: dict = {}

    def graph(self, iri: URIRef) -> "_QuadGraph":
        return _QuadGraph(self, self.term(iri))

    def term(self, t):
        got = self._terms.get(t)
        if got is None:
            if isinstance(t, Literal):
                if t.language:
                    got = ox.Literal(str(t), language=t.language)
                elif t.datatype is not None:
                    got = ox.Literal(str(t), datatype=self.term(t.datatype))
                else:
                    got = ox.Literal(str(t))
            else:
                got = ox.NamedNode(str(t))
            self._terms[t] = got
        return got


class _QuadGraph:
    """One named graph of a `QuadSink`: `add((s, p, o))` as an rdflib Graph has it."""

    __slots__ = ("sink", "name")

    def __init__(self, sink: QuadSink, name: ox.NamedNode) -> None:
        self.sink, self.name = sink, name

    def add(self, triple) -> "_QuadGraph":
        term = self.sink.term
        s, p, o = triple
        self.sink.quads.append(ox.Quad(term(s), term(p), term(o), self.name))
        return self


def add_resolved(ds: Dataset, res: ArticleResult, wikidata: dict[str, str]) -> Graph:
    """`add_article` for a resolved article, with owl:sameAs to the Wikidata item of each node that has one."""
    g = add_article(ds, res)
    for key in res.entities:
        if key in wikidata:
            g.add((entity_iri(key), OWL.sameAs, WD[wikidata[key]]))
    return g


def _bind(g: Graph) -> None:
    g.bind("sg", SG._NS)
    g.bind("id", ID)
    g.bind("prov", PROV)
    g.bind("dcterms", DCTERMS)
    g.bind("skos", SKOS)
    g.bind("schema", SCHEMA)
    g.bind("nif", NIF)
    g.bind("owl", OWL)
    g.bind("wd", WD)
