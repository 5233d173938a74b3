"""A persistent stance graph: an on-disk Oxigraph store that grows article by article.

Each article is one named graph, the unit of provenance and of replacement:
building an article that is already in the store replaces its graph, and
`remove` takes it out. Each change is one SPARQL update, which Oxigraph applies
as a transaction: a failure leaves the store as it was before that article.
The entities graph (one rdfs:label per node) is recomputed after every change.

    >>> import tempfile
    >>> from stancegraph.graph.store import StanceStore
    >>> store = StanceStore(tempfile.mkdtemp())
    >>> store.article_ids()
    []
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.records import ArticleResult
from stancegraph.graph.rdf import ENTITIES_GRAPH, build_dataset, graph_iri, pick_labels

ENTITIES = ox.NamedNode(str(ENTITIES_GRAPH))
ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
LABEL = ox.NamedNode(str(RDFS.label))
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


class StoreError(StancegraphError):
    """The store folder cannot be used; the message names it."""


def _nt(term) -> str:
    """An rdflib term in N-Triples syntax (IRIs and literals only: the graph has no blank nodes)."""
    if isinstance(term, (URIRef, Literal)):
        return term.n3()
    raise StoreError(f"unexpected term {term!r} in a stance graph (blank nodes are not used)")


class StanceStore:
    """An on-disk store of per-article named graphs."""

    def __init__(self, path: Union[str, Path], *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._read_only = read_only
        try:
            if read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here; build one with `stancegraph build ... --store {self.path}`")
                self.store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot open the store ({err}); is another stancegraph using it?") from None

    # -- what is in it --------------------------------------------------------------------------
    def article_ids(self) -> list[str]:
        rows = self.store.query(
            "SELECT DISTINCT ?id WHERE { GRAPH ?g { ?a a <https://w3id.org/stancegraph#Article> ; "
            "<http://purl.org/dc/terms/identifier> ?id } } ORDER BY ?id")
        return [r["id"].value for r in rows]

    def people(self) -> list[tuple[str, str]]:
        """(key, label) of every person in the store, so new articles resolve to them."""
        rows = self.store.query(
            "SELECT ?p ?l WHERE { GRAPH ?g { ?p a <https://w3id.org/stancegraph#Person> } "
            "GRAPH <" + ENTITIES.value + "> { ?p <" + LABEL.value + "> ?l } }")
        prefix = "https://w3id.org/stancegraph/id/actor/"
        return sorted({(r["p"].value[len(prefix):], r["l"].value) for r in rows if r["p"].value.startswith(prefix)})

    def __len__(self) -> int:
        return len(self.store)

    # -- changes ----------------------------------------------------------------------------------
    def add(self, results: Iterable[ArticleResult]) -> int:
        """Put each article's graph in the store, replacing what an earlier build of it put there.

        Returns the number of articles written. Each article is one transaction.
        """
        results = list(results)
        ds = build_dataset(results, known_people=self.people())
        n = 0
        try:
            for res in results:
                g = ds.graph(graph_iri(res.article.id))
                self._replace_graph(graph_iri(res.article.id), g)
                n += 1
        finally:
            # even if one article failed, the labels match the articles written before it
            self.refresh_labels()
        return n

    def _replace_graph(self, name: URIRef, g: Graph) -> None:
        body = "\n".join(f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in sorted(g))
        self.store.update(f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}")

    def remove(self, article_id: str) -> bool:
        """Take one article's contribution out; False where it was not in the store."""
        name = ox.NamedNode(str(graph_iri(article_id)))
        if not self.store.contains_named_graph(name):
            return False
        self.store.update(f"DROP GRAPH <{name.value}>")
        self.refresh_labels()
        return True

    def refresh_labels(self) -> None:
        """Recompute the entities graph: one rdfs:label per node over every article now in the store."""
        rows = ((q.subject, q.object.value, q.graph_name)
                for q in self.store.quads_for_pattern(None, ALT_LABEL, None, None)
                if q.graph_name != ENTITIES)
        labels = pick_labels(rows)
        body = "\n".join(f"<{node.value}> <{LABEL.value}> {Literal(label).n3()} ."
                         for node, label in sorted(labels.items(), key=lambda kv: kv[0].value))
        self.store.update(f"DROP SILENT GRAPH <{ENTITIES.value}> ;\n"
                          f"INSERT DATA {{ GRAPH <{ENTITIES.value}> {{\n{body}\n}} }}")

    def flush(self) -> None:
        self.store.flush()

    def close(self) -> None:
        """Flush and release the store (and its lock), so another process or command can open it."""
        import gc

        if getattr(self, "store", None) is not None:
            if not getattr(self, "_read_only", False):
                self.store.flush()
            self.store = None
            gc.collect()

    def __enter__(self) -> "StanceStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading it out -----------------------------------------------------------------------------
    def dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (for exports and the HTML view)."""
        ds = Dataset(default_union=True)
        from stancegraph.graph.rdf import _bind

        _bind(ds)
        nq = self.store.dump(format=ox.RdfFormat.N_QUADS)
        if nq:
            ds.parse(data=nq.decode("utf-8") if isinstance(nq, bytes) else nq, format="nquads")
        return ds
