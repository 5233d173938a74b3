"""Writing the graph to files: Turtle (the union) and TriG (one named graph per article)
from the build, and every standard RDF serialisation (`export_rdf`) through Oxigraph.

Files are written to a temporary file beside the target and renamed into place,
so an interrupted build leaves the previous output whole.
"""
from __future__ import annotations

import functools
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

import pyoxigraph as ox
from rdflib import Dataset, Graph

from stancegraph.extract.errors import StancegraphError


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` on a temporary path in the same folder, then rename it to `path`.

    The temporary file is hidden (".graph.ttl.<pid>.<random>.tmp") and flushed to disk
    before the rename, so `path` is always either the previous file or the new one, whole,
    even if the process is killed or the machine stops. A process killed mid-write leaves
    its hidden temporary file behind; `clean_stale_temps` (run by every export) removes it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(path.parent, [path.name])
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the output is an ordinary file
        write(Path(tmp))
        _fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync(path.parent)  # the rename itself


def _fsync(path: Union[str, os.PathLike]) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)


#: a hidden temporary file older than this (seconds) whose writer cannot be told is left over
STALE_TEMP_SECONDS = 600


def clean_stale_temps(folder: Union[str, os.PathLike], names: Iterable[str]) -> list[Path]:
    """Remove the hidden temporary files (".NAME.*.tmp") that killed writers left in `folder`.

    A temporary file carrying the id of a process that no longer runs is removed; one
    without (another writer's) once it is older than STALE_TEMP_SECONDS. A file a running
    build is writing is never touched. Returns the files removed.
    """
    import time

    removed: list[Path] = []
    now = time.time()
    for name in names:
        prefix = f".{name}."
        try:
            candidates = [p for p in Path(folder).iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
        except OSError:
            return removed
        for tmp in candidates:
            parts = tmp.name[len(prefix):-len(".tmp")].split(".")  # ours: PID.RANDOM; others: RANDOM
            if len(parts) == 2 and parts[0].isdigit() and int(parts[0]) != os.getpid():
                stale = not _process_alive(int(parts[0]))
            else:
                try:
                    stale = now - tmp.stat().st_mtime > STALE_TEMP_SECONDS
                except OSError:
                    continue
            if stale:
                try:
                    tmp.unlink()
                    removed.append(tmp)
                except OSError:
                    pass
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def write_graph_files(ds: "GraphSource", out_dir: Path) -> int:
    """graph.ttl (the union) and graph.trig (one named graph per article) of `ds` (a Dataset, an
    Oxigraph Store, the build's quads: any `GraphSource`) in `out_dir`, sorted so that the same
    input gives byte-identical files; returns the number of triples in graph.ttl.
    Each file is replaced atomically; temporary files killed builds left behind are removed."""
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    clean_stale_temps(out_dir, ["graph.ttl", "graph.trig", "graph.html"])
    export_rdf(ds, out_dir, ["ttl", "trig"])
    return sum(1 for _ in ox.parse(path=str(Path(out_dir) / "graph.ttl"), format=ox.RdfFormat.TURTLE))


# --------------------------------------------------------------------------
# Every standard RDF serialisation, through Oxigraph.
#
# Oxigraph writes what it is given in the order it is given (its Turtle and
# TriG writers only group consecutive triples of one subject), and a Store
# iterates in an order that depends on how it was filled: the same graph
# loaded from .ttl or .trig, or in another order, gave different Turtle bytes.
# So the quads are sorted first (graph, then subject, rdf:type first, then
# predicate and object, all by their N-Triples text): the same graph always
# gives byte-identical files, whatever it was read from. Sorting costs about
# 2 s per million triples: a 1.04M-triple N-Triples file became Turtle in 9.4 s
# (read 2.5, sort and write 6), where rdflib took 565 s (parse 45, Turtle 520).
#
# Files are read with `pyoxigraph.parse`, never through a Store: a Store
# normalises literals (see `read_quads`), which would change the graph.
# --------------------------------------------------------------------------


class ExportError(StancegraphError):
    """A graph that cannot be read or written in the format asked for; the message names it."""


#: format name -> (file name, Oxigraph format, holds named graphs)
RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat, bool]] = {
    "ttl": ("graph.ttl", ox.RdfFormat.TURTLE, False),
    "trig": ("graph.trig", ox.RdfFormat.TRIG, True),
    "nt": ("graph.nt", ox.RdfFormat.N_TRIPLES, False),
    "nq": ("graph.nq", ox.RdfFormat.N_QUADS, True),
    "jsonld": ("graph.jsonld", ox.RdfFormat.JSON_LD, True),
}

#: graph files that can be read, by suffix
READ_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

#: vocabulary prefixes for Turtle and TriG. No prefix for the instance namespace
#: (`.../stancegraph/id/`): its local parts hold "/", which Turtle would have to
#: escape ("id:actor\/person\/x"); full IRIs read better and every parser takes them.
PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sg": "https://w3id.org/stancegraph#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

#: what can be exported: a graph file path, an Oxigraph Store, an rdflib Graph or Dataset,
#: or the quads (or triples) themselves
GraphSource = Union[str, os.PathLike, ox.Store, Graph, Iterable[Union[ox.Quad, ox.Triple]]]


def read_quads(source: GraphSource) -> set[ox.Quad]:
    """The distinct quads of a graph file (.ttl .trig .nt .nq .jsonld), an rdflib Graph/Dataset,
    an Oxigraph Store, or an iterable of pyoxigraph quads or triples.

    Files are read with `pyoxigraph.parse`, which keeps every literal as written. An Oxigraph
    *Store* does not: it normalises literals on load ("0.80"^^xsd:decimal becomes "0.8",
    xsd:nonNegativeInteger becomes xsd:integer; oxigraph/oxigraph#526), so a Store source
    exports what the Store holds, not what its file said.
    """
    if isinstance(source, ox.Store):
        return set(source)
    if isinstance(source, Graph):  # rdflib Graph or Dataset: through N-Quads / N-Triples text
        with warnings.catch_warnings():  # rdflib 7.6's own serializers use its deprecated Dataset.contexts
            warnings.simplefilter("ignore", DeprecationWarning)
            if isinstance(source, Dataset) or getattr(source, "context_aware", False):
                data, fmt = source.serialize(format="nquads", encoding="utf-8"), ox.RdfFormat.N_QUADS
            else:
                data, fmt = source.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES
        return set(ox.parse(data, fmt))
    if not isinstance(source, (str, os.PathLike)):
        return {q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in source}
    path, fmt = _graph_file(source)
    try:
        return set(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError) as err:
        raise ExportError(f"{path}: not valid {path.suffix[1:]} ({' '.join(str(err).split())})") from None
    except OSError as err:
        raise ExportError(f"{path}: cannot be read ({err.strerror or err})") from None


def to_store(source: GraphSource) -> ox.Store:
    """An in-memory Oxigraph Store holding `source` (returned as is if it is one), for SPARQL.
    Its literals are normalised (see `read_quads`): query it, do not export from it."""
    if isinstance(source, ox.Store):
        return source
    store = ox.Store()
    if isinstance(source, (str, os.PathLike)):  # a file: Oxigraph's bulk loader, about 3x faster than parse + extend
        path, fmt = _graph_file(source)
        try:
            store.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError) as err:
            raise ExportError(f"{path}: not valid {path.suffix[1:]} ({' '.join(str(err).split())})") from None
        except OSError as err:
            raise ExportError(f"{path}: cannot be read ({err.strerror or err})") from None
        return store
    store.bulk_extend(read_quads(source))
    return store


def _graph_file(source: Union[str, os.PathLike]) -> tuple[Path, ox.RdfFormat]:
    from stancegraph.graph.query import graph_file

    return graph_file(source, READ_FORMATS, ExportError)


def _triple_key(t: ox.Triple) -> str:
    # N-Triples text of the triple; rdf:type sorts first within its subject
    # ("!" < "<"), and every subject's triples stay together.
    if t.predicate == _RDF_TYPE:
        return f"{t.subject} !{t.object}"
    return str(t)


def _quad_key(q: ox.Quad) -> tuple[str, str]:
    g = q.graph_name
    return ("" if isinstance(g, ox.DefaultGraph) else str(g), _triple_key(q.triple))


def sorted_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of all graphs, each triple once, in a fixed order."""
    return sorted({q.triple for q in quads}, key=_triple_key)


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Every quad once, the default graph first, then each named graph, in a fixed order."""
    return sorted(set(quads), key=_quad_key)


def export_rdf(
    source: GraphSource,
    out_dir: Union[str, os.PathLike],
    formats: Sequence[str] = tuple(RDF_FORMATS),
    *,
    jsonld_context: Optional[Union[str, os.PathLike, dict]] = None,
) -> dict[str, Path]:
    """Write `source` as graph.ttl / graph.trig / graph.nt / graph.nq / graph.jsonld in `out_dir`.

    `formats` are names from `RDF_FORMATS`. Turtle and N-Triples hold the union
    of all named graphs (as the build's graph.ttl does); TriG, N-Quads and
    JSON-LD keep the named graphs. Every file is written atomically and
    deterministically. JSON-LD is Oxigraph's expanded form; with
    `jsonld_context` (a .jsonld file or a dict holding "@context") it is
    compacted with that context through rdflib instead.
    Returns {format: path written}.
    """
    if isinstance(formats, str):
        formats = [formats]
    unknown = [f for f in formats if f not in RDF_FORMATS]
    if unknown:
        raise ExportError(f"unknown RDF format {unknown[0]!r}; use one of {', '.join(RDF_FORMATS)}")
    out = Path(out_dir)
    if isinstance(source, ox.Store):  # streamed: one named graph, or one subject, in memory at a time
        def all_quads() -> Iterable[ox.Quad]:
            return _store_quads(source)

        def all_triples() -> Iterable[ox.Triple]:
            return _store_triples(source)
    else:
        quads = read_quads(source)
        all_quads = functools.cache(lambda: sorted_quads(quads))
        all_triples = functools.cache(lambda: sorted_triples(quads))
    written: dict[str, Path] = {}
    for name in dict.fromkeys(formats):
        filename, fmt, named = RDF_FORMATS[name]
        path = out / filename
        data = all_quads() if named else all_triples()
        if name == "jsonld" and jsonld_context is not None:
            text = _compact_jsonld(list(data), jsonld_context)
            atomic_write(path, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
        else:
            atomic_write(path, lambda tmp, fmt=fmt, data=data: ox.serialize(data, str(tmp), fmt, prefixes=_prefixes(fmt)))
        written[name] = path
    return written


def _store_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """`sorted_quads` of a Store, one graph at a time: the default graph, then the named ones by name."""
    for g in [ox.DefaultGraph()] + sorted(store.named_graphs(), key=str):
        yield from sorted_quads(store.quads_for_pattern(None, None, None, g))


def _store_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """`sorted_triples` of a Store, one subject at a time. The same order: the sort key of a triple
    starts with its subject's N-Triples text and a space, and no subject's text is the start of
    another's followed by a character below the space."""
    rows = store.query("SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
    for s in sorted((r["s"] for r in rows), key=str):
        yield from sorted_triples(store.quads_for_pattern(s, None, None, None))


def _prefixes(fmt: ox.RdfFormat) -> Optional[dict[str, str]]:
    return PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None


def load_context(context: Union[str, os.PathLike, dict]) -> dict:
    """The "@context" value of a JSON-LD context file (or of a dict holding one)."""
    if isinstance(context, dict):
        doc = context
    else:
        path = Path(context)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise ExportError(f"{path}: JSON-LD context cannot be read ({err.strerror or err})") from None
        except json.JSONDecodeError as err:
            raise ExportError(f"{path}: JSON-LD context is not valid JSON (line {err.lineno}: {err.msg})") from None
    if not isinstance(doc, dict) or "@context" not in doc:
        raise ExportError(f"{context}: a JSON-LD context must be an object with an \"@context\" key")
    return doc["@context"]


def _compact_jsonld(quads: list[ox.Quad], context: Union[str, os.PathLike, dict]) -> str:
    """JSON-LD compacted with `context` (rdflib's processor), nodes and values sorted."""
    ctx = load_context(context)
    ds = Dataset()
    ds.parse(data=ox.serialize(quads, None, ox.RdfFormat.N_QUADS), format="nquads")
    with warnings.catch_warnings():  # rdflib 7.6's own serializer uses its deprecated Dataset.contexts
        warnings.simplefilter("ignore", DeprecationWarning)
        doc = json.loads(ds.serialize(format="json-ld", context=ctx, auto_compact=False))
    return json.dumps(_sort_jsonld(doc), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _sort_jsonld(node, ordered: bool = False):
    """Sort the JSON-LD arrays that are sets (rdflib emits them in hash order); @list and @context stay as they are."""
    if isinstance(node, dict):
        return {k: (v if k == "@context" else _sort_jsonld(v, ordered=k == "@list")) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sort_jsonld(v) for v in node]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return node
