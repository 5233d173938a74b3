"""SPARQL over a built graph, through Oxigraph (rdflib's own engine takes seconds at 100k triples)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Optional, Union

import pyoxigraph as ox

from stancegraph.extract.errors import StancegraphError

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}


class QueryError(StancegraphError):
    """A SPARQL query or the graph it runs on is at fault; the message says which."""


BUILD_FILES = ("graph.trig", "graph.ttl")


def build_graph_file(folder: Path, error: type = None) -> Path:
    """The graph a build wrote into its --out `folder`: graph.trig (one named graph per article), else
    graph.ttl; one clear error for a folder without either (and the way to read an on-disk store)."""
    error = error or QueryError
    for name in BUILD_FILES:
        if (folder / name).is_file():
            return folder / name
    if (folder / "CURRENT").is_file():  # RocksDB's marker: an Oxigraph store folder
        raise error(f"{folder}: an on-disk store, not a build's output folder; give it as --store {folder}")
    raise error(f"{folder}: a folder without graph.trig or graph.ttl; give a graph file, a build's --out "
                "folder, or --store DIR for a store built with `stancegraph build ... --store DIR`")


def graph_file(path: Union[str, Path], formats: dict, error: type = None) -> tuple[Path, object]:
    """(path, format) of a graph file with a known suffix, or of the graph in a build's --out folder;
    otherwise one clear error naming the file."""
    error = error or QueryError
    path = Path(path)
    if path.is_dir():
        path = build_graph_file(path, error)
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        raise error(f"{path}: unknown RDF file type {path.suffix!r}; use one of {', '.join(sorted(formats))}")
    if not path.is_file():
        raise error(f"{path}: no such graph file; build one with `stancegraph build ARTICLES --out DIR`")
    return path, fmt


def load_store(path: Union[str, Path]) -> ox.Store:
    """An in-memory Oxigraph store holding the graph file, or the graph of a build's --out folder
    (named graphs are queried as one union)."""
    path, fmt = graph_file(path, FORMATS)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as err:
        raise QueryError(f"{path}: not valid {path.suffix[1:]} ({err})") from None
    return store


def read_query(text_or_file: str) -> str:
    """The query text: the argument itself, or the contents of a .rq file it names."""
    if text_or_file.endswith((".rq", ".sparql")) or (len(text_or_file) < 250 and Path(text_or_file).is_file()):
        path = Path(text_or_file)
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return text_or_file


def select(store: ox.Store, query: str, bindings: Optional[dict[str, object]] = None) -> tuple[list[str], list[list[Optional[str]]]]:
    """Run a SELECT (or ASK) query: the variable names and the rows as plain strings.

    `bindings` are passed to Oxigraph as `substitutions`, never pasted into the text.
    """
    subs = {ox.Variable(k): _term(v) for k, v in (bindings or {}).items()}
    try:
        result = store.query(query, use_default_graph_as_union=True, substitutions=subs or None)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from None
    if isinstance(result, bool):
        return ["ask"], [["true" if result else "false"]]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = [[_text(sol[n]) for n in names] for sol in result]
        return names, rows
    # CONSTRUCT / DESCRIBE: triples as rows
    return ["subject", "predicate", "object"], [[_text(t.subject), _text(t.predicate), _text(t.object)] for t in result]


def _term(value: object):
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    text = str(value)
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    return ox.Literal(text)


def _text(term) -> Optional[str]:
    if term is None:
        return None
    return term.value


def render(names: list[str], rows: list[list[Optional[str]]], fmt: str) -> str:
    """Rows as csv or json text (the table form is drawn by the CLI with rich)."""
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(names)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(names, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    raise QueryError(f"unknown output format {fmt!r}; use table, csv or json")
