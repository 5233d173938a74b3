"""A persistent stance graph: an on-disk Oxigraph store that grows article by article.

Each article is one named graph, the unit of provenance and of replacement:
building an article that is already in the store replaces its graph, and
`remove` takes it out. Articles are written a batch at a time, each batch one
SPARQL update, which Oxigraph applies as a transaction: a failure (or a killed
process) leaves the store holding whole articles only. The entities graph (one
rdfs:label per node) is recomputed after every change.

    >>> import tempfile
    >>> from stancegraph.graph.store import StanceStore
    >>> store = StanceStore(tempfile.mkdtemp())
    >>> store.article_ids()
    []
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Union

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.records import ArticleResult
from stancegraph.graph.rdf import ALT_LABEL, ENTITIES, LABEL, graph_iri, pick_labels

if TYPE_CHECKING:
    from stancegraph.graph.resolve import Plan

IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


class StoreError(StancegraphError):
    """The store folder cannot be used; the message names it."""


def _nt(term) -> str:
    """An rdflib term in N-Triples syntax (IRIs and literals only: the graph has no blank nodes)."""
    if isinstance(term, (URIRef, Literal)):
        return term.n3()
    raise StoreError(f"unexpected term {term!r} in a stance graph (blank nodes are not used)")


def _replace_text(name: URIRef, g: Graph) -> str:
    """The SPARQL update that replaces the named graph `name` with `g`."""
    body = "\n".join(f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in g)
    return f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{body}\n}} }}"


class StanceStore:
    """An on-disk store of per-article named graphs."""

    def __init__(self, path: Union[str, Path], *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._read_only = read_only
        try:
            if read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here; build one with `stancegraph build ... --store {self.path}`")
                if not (self.path / "CURRENT").is_file():  # RocksDB's marker, in every Oxigraph store folder
                    hint = ("; a build's --out folder is given as GRAPH, without --store"
                            if any((self.path / n).is_file() for n in ("graph.trig", "graph.ttl")) else "")
                    raise StoreError(f"{self.path}: not an on-disk store (no Oxigraph store files in it){hint}; "
                                     f"build one with `stancegraph build ... --store {self.path}`")
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

        Returns the number of articles written. Each article is written whole or not at all.
        """
        from stancegraph.graph.resolve import plan, summarize

        results = list(results)
        return self.add_resolved(results, plan([s for r in results for s in summarize(r)], known_people=self.people()))

    def add_resolved(self, results: Iterable[ArticleResult], plan: "Plan", batch: int = 50) -> int:
        """Rewrite each article by a resolution `plan` (made with `known_people=self.people()`) and
        write its graph, one article in memory at a time; returns the number of articles written.

        Articles go in `batch` at a time, each batch one SPARQL update (one transaction). If a batch
        fails it is written again article by article, so that the store ends with every article
        before the failing one, whole, and the exception is raised there.
        """
        from stancegraph.graph.rdf import add_resolved
        from stancegraph.graph.resolve import rewrite

        n = 0
        pending: list[tuple[URIRef, Graph]] = []
        try:
            for res in results:
                res = rewrite(res, plan)
                pending.append((graph_iri(res.article.id), add_resolved(Dataset(), res, plan.wikidata)))
                if len(pending) >= batch:
                    n += self._write(pending)
                    pending = []
                    if n % (4 * batch) == 0:  # Oxigraph's write buffers to disk: memory stays flat at any size
                        self.store.flush()
            n += self._write(pending)
        finally:
            # even if one article failed, the labels match the articles written before it
            self.refresh_labels()
        return n

    def _write(self, graphs: list[tuple[URIRef, Graph]]) -> int:
        if len(graphs) > 1:
            try:
                self.store.update(" ;\n".join(_replace_text(name, g) for name, g in graphs))
                return len(graphs)
            except Exception:  # nothing of the batch was written: again one by one, to stop at the failing article
                pass
        for name, g in graphs:
            self._replace_graph(name, g)
        return len(graphs)

    def _replace_graph(self, name: URIRef, g: Graph) -> None:
        self.store.update(_replace_text(name, g))

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
