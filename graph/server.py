"""A SPARQL endpoint over a built graph, and uploading a graph into any triple store.

`serve(source, ...)` answers the SPARQL 1.1 Protocol over HTTP, on the standard library's
`ThreadingHTTPServer` backed by a `pyoxigraph.Store` (no new dependency):

    GET  /query?query=...           POST /query (form `query=...`, or an `application/sparql-query` body)
         optional `default-graph-uri`, `named-graph-uri`; `format=json|xml|csv|tsv|turtle|ntriples|rdfxml|jsonld`
         overrides the Accept header. Without `default-graph-uri` the default graph is the union of all
         graphs, as in `stancegraph query`.
    POST /update                    (form `update=...`, or an `application/sparql-update` body) - only with
                                    allow_update, otherwise 403
    GET|HEAD|PUT|POST|DELETE /store?graph=IRI  or  /store?default     the Graph Store HTTP Protocol
                                    (GET /store without a graph is the whole dataset as TriG or N-Quads);
                                    writes only with allow_update, otherwise 403
    GET  /                          a plain-text description of these endpoints

Results follow the Accept header: SELECT/ASK as SPARQL JSON (the default), XML, CSV or TSV;
CONSTRUCT/DESCRIBE and graph downloads as Turtle (the default), N-Triples, RDF/XML or JSON-LD.
Nothing the server cannot produce is guessed: an Accept it cannot meet is 406.

The server binds 127.0.0.1 unless told otherwise, and is read-only unless `allow_update`.

**Time limits.** pyoxigraph 0.5 cannot cancel a running query. Each query (and each graph store
read or write) runs in its own daemon worker thread; the request waits at most `timeout_s` and then
answers 504 - but the worker keeps running until the query ends on its own, holding one of
`max_running` slots. When every slot is held, new requests are answered 503 at once (with
Retry-After) instead of starting more threads, so a runaway query cannot pile up threads or CPU
without bound; it can make the server busy until it finishes (restart the server to end it).
An update or graph store write that times out may still be applied when it finishes; the 504
message says so. Serve untrusted clients through a store with real cancellation, such as the
`oxigraph serve --timeout-s` binary (PyPI package `oxigraph`).

`push(source, endpoint)` uploads a graph file to any store that speaks the SPARQL 1.1 Graph Store
HTTP Protocol (Oxigraph `/store`, Fuseki `/DATASET/data`, GraphDB `/repositories/R/rdf-graphs/service`,
and this server with allow_update): one `PUT ?graph=IRI` per named graph of a TriG/N-Quads file (one
per article), or `PUT ?default` for a Turtle/N-Triples file, as N-Triples, in batches (the first a PUT,
which replaces the graph; the rest POSTs, which add), retrying connection errors and 5xx answers with
backoff. Retrying a POST is safe: adding the same triples twice leaves the graph as it was.
"""
from __future__ import annotations

import errno
import html
import http.client
import ipaddress
import re
import socket
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import pyoxigraph as ox

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph.query import FORMATS, load_store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30.0
#: queries (and graph store reads and writes) that may run at once, timed-out ones included
DEFAULT_MAX_RUNNING = 4
#: the largest request body accepted (a graph store upload or a query); larger is 413
MAX_BODY_BYTES = 256 * 1024 * 1024

Source = Union[str, Path, ox.Store]

#: prefixes for Turtle answers: the same vocabulary prefixes as the exports
from stancegraph.graph.export import PREFIXES  # noqa: E402


class ServerError(StancegraphError):
    """The server cannot start: the graph or store, or the address, is at fault; the message says which."""


class PushError(StancegraphError):
    """A graph could not be uploaded; the message names the endpoint, the graph and what the server said."""


# ---------------------------------------------------------------------------
# Content negotiation

_R = ox.QueryResultsFormat
_F = ox.RdfFormat
#: (media type, format) in order of preference; the first is the default
RESULT_TYPES = [
    ("application/sparql-results+json", _R.JSON),
    ("application/json", _R.JSON),
    ("application/sparql-results+xml", _R.XML),
    ("application/xml", _R.XML),
    ("text/xml", _R.XML),
    ("text/csv", _R.CSV),
    ("text/tab-separated-values", _R.TSV),
]
GRAPH_TYPES = [
    ("text/turtle", _F.TURTLE),
    ("application/n-triples", _F.N_TRIPLES),
    ("text/plain", _F.N_TRIPLES),
    ("application/rdf+xml", _F.RDF_XML),
    ("application/ld+json", _F.JSON_LD),
]
DATASET_TYPES = [
    ("application/trig", _F.TRIG),
    ("application/n-quads", _F.N_QUADS),
]
#: `format=` short names
FORMAT_NAMES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle", "ntriples": "application/n-triples", "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
    "trig": "application/trig", "nquads": "application/n-quads", "nq": "application/n-quads",
}


def _accepted(header: str) -> list[str]:
    """The media ranges of an Accept header, best first (q=0 dropped; ties keep their order)."""
    ranges = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, i, media))
    return [media for _, _, media in sorted(ranges)]


def negotiate(accept: Optional[str], offers: list[tuple[str, object]]):
    """The (media type, format) of `offers` that `accept` prefers; the first offer when any will do; None if none fits."""
    if not accept or not accept.strip():
        return offers[0]
    for media in _accepted(accept):
        if media == "*/*":
            return offers[0]
        for offered in offers:
            kind = offered[0]
            if media == kind or (media.endswith("/*") and kind.startswith(media[:-1])):
                return offered
    return None


class _HttpError(Exception):
    def __init__(self, status: int, message: str, headers: Optional[dict[str, str]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _pick(handler_accept: Optional[str], fmt_param: Optional[str], offers, what: str):
    accept = handler_accept
    if fmt_param:
        accept = FORMAT_NAMES.get(fmt_param.strip().lower(), fmt_param.strip())
    chosen = negotiate(accept, offers)
    if chosen is None:
        kinds = ", ".join(dict.fromkeys(k for k, _ in offers))
        raise _HttpError(406, f"cannot answer {what} as {accept!r}; ask for one of: {kinds}")
    media, fmt = chosen
    if media.startswith("text/") and "charset" not in media:
        media += "; charset=utf-8"
    return media, fmt


# ---------------------------------------------------------------------------
# Opening the graph

def open_store(source: Source, *, allow_update: bool = False) -> ox.Store:
    """The store to serve: a graph file (.ttl .trig .nt .nq .rdf) loaded into memory, or a folder
    holding an on-disk Oxigraph store (opened read-only unless `allow_update`; with `allow_update`
    a missing or empty folder becomes a new store), or a `pyoxigraph.Store` as is."""
    if isinstance(source, ox.Store):
        return source
    path = Path(source)
    if path.is_file() or path.suffix.lower() in FORMATS:
        return load_store(path)  # a one-line QueryError for a missing or broken file
    if path.exists() and not path.is_dir():
        raise ServerError(f"{path}: neither a graph file ({', '.join(sorted(FORMATS))}) nor an Oxigraph store folder")
    if not path.exists() and not allow_update:
        raise ServerError(f"{path}: no such graph file or store folder; build a graph with `stancegraph build ARTICLES --out DIR`")
    is_store = (path / "CURRENT").is_file()
    if path.is_dir() and not is_store and (not allow_update or any(path.iterdir())):
        built = [p.name for p in (path / "graph.trig", path / "graph.ttl") if p.is_file()]
        hint = f"; did you mean {path / built[0]}?" if built else "; pass a graph file or a folder made by pyoxigraph.Store(PATH)"
        raise ServerError(f"{path}: not an Oxigraph store (no CURRENT file){hint}")
    try:
        return ox.Store(str(path)) if allow_update else ox.Store.read_only(str(path))
    except OSError as err:
        raise ServerError(f"{path}: cannot open the Oxigraph store ({_one_line(err)}); is another process writing it?") from None


def _describe(store: ox.Store, source: Source) -> str:
    graphs = sum(1 for _ in store.named_graphs())
    name = "an in-process store" if isinstance(source, ox.Store) else str(source)
    return f"{name} ({len(store):,} quads, {graphs:,} named graph{'s' if graphs != 1 else ''})"


# ---------------------------------------------------------------------------
# The server

class SparqlServer(ThreadingHTTPServer):
    """A SPARQL 1.1 Protocol server over one pyoxigraph Store (see the module docstring)."""

    daemon_threads = True

    def __init__(self, store: ox.Store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, *,
                 allow_update: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S,
                 max_running: int = DEFAULT_MAX_RUNNING, quiet: bool = False, description: str = "") -> None:
        if timeout_s <= 0:
            raise ServerError(f"the query time limit must be more than 0 seconds, not {timeout_s}")
        if max_running < 1:
            raise ServerError(f"max_running must be at least 1, not {max_running}")
        self.store = store
        self.allow_update = allow_update
        self.timeout_s = float(timeout_s)
        self.max_running = max_running
        self.quiet = quiet
        self.description = description
        self.write_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_running)
        self._count_lock = threading.Lock()
        self._running = 0
        try:
            family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        except socket.gaierror as err:
            raise ServerError(f"cannot listen on {host!r}: {err.strerror or err}") from None
        self.address_family = family
        try:
            super().__init__((host, port), _Handler)
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise ServerError(f"{host}:{port} is already in use; choose another port (0 picks a free one)") from None
            raise ServerError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        """The server's base URL, ending in "/": add "query", "update" or "store"."""
        host = self.server_address[0]
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    @property
    def running(self) -> int:
        """Worker threads still running a query, update or graph store request (timed-out ones included)."""
        with self._count_lock:
            return self._running

    def run_bounded(self, job: Callable[[], object]):
        """Run `job` in a worker thread; its value, or 503 when every slot is busy, or 504 after timeout_s."""
        if not self._slots.acquire(blocking=False):
            raise _HttpError(503, f"the server is busy: {self.max_running} requests are running (some may be queries "
                                  f"past the {self.timeout_s:g} s limit that are still finishing); retry later",
                             {"Retry-After": str(max(1, int(self.timeout_s)))})
        box: dict[str, object] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["value"] = job()
            except BaseException as err:  # handed to the waiting request, without this thread's frames
                box["error"] = err.with_traceback(None)
                del err
            finally:
                with self._count_lock:
                    self._running -= 1
                self._slots.release()
                done.set()

        with self._count_lock:
            self._running += 1
        try:
            threading.Thread(target=work, name="stancegraph-sparql", daemon=True).start()
        except BaseException:
            with self._count_lock:
                self._running -= 1
            self._slots.release()
            raise
        if not done.wait(self.timeout_s):
            raise _HttpError(504, f"timed out after {self.timeout_s:g} s; it keeps running on the server until it ends "
                                  f"(an update or a write may still be applied); simplify the query or add a LIMIT")
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box.get("value")

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait until no worker runs (for tests and orderly shutdown); False if some still run after timeout_s."""
        deadline = time.monotonic() + timeout_s
        while self.running:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True


def make_server(source: Source, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, allow_update: bool = False,
                timeout_s: float = DEFAULT_TIMEOUT_S, *, max_running: int = DEFAULT_MAX_RUNNING,
                quiet: bool = False) -> SparqlServer:
    """A bound, not yet serving, SparqlServer (port 0 picks a free port: see `.url`); call
    `serve_forever()` (in a thread, say) and `shutdown()` + `server_close()` to stop it."""
    store = open_store(source, allow_update=allow_update)
    return SparqlServer(store, host, port, allow_update=allow_update, timeout_s=timeout_s,
                        max_running=max_running, quiet=quiet, description=_describe(store, source))


def serve(source: Source, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, allow_update: bool = False,
          timeout_s: float = DEFAULT_TIMEOUT_S, *, max_running: int = DEFAULT_MAX_RUNNING, quiet: bool = False,
          announce: Callable[[str], None] = lambda text: print(text, flush=True)) -> None:
    """Serve `source` over the SPARQL 1.1 Protocol until Ctrl-C (see the module docstring).

    `source` is a graph file (.ttl .trig .nt .nq .rdf), loaded into memory, or a folder holding an
    on-disk Oxigraph store, or a `pyoxigraph.Store`. Read-only unless `allow_update`. Each query may
    run `timeout_s` seconds before the answer is 504 (the query itself runs on until it ends).
    """
    server = make_server(source, host, port, allow_update, timeout_s, max_running=max_running, quiet=quiet)
    announce(server_banner(server))
    try:
        server.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def server_banner(server: SparqlServer) -> str:
    mode = "read-write" if server.allow_update else "read-only"
    lines = [
        f"serving {server.description}, {mode}",
        f"  SPARQL query:   {server.url}query",
        f"  SPARQL update:  {server.url}update" + ("" if server.allow_update else " (refused: read-only)"),
        f"  graph store:    {server.url}store?graph=IRI" + ("" if server.allow_update else " (GET only)"),
        f"  queries answer 504 after {server.timeout_s:g} s; Ctrl-C stops the server",
    ]
    return "\n".join(lines)


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "stancegraph-sparql"
    timeout = 120  # seconds an idle keep-alive connection is kept

    # -- plumbing ----------------------------------------------------------

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/plain; charset=utf-8",
              headers: Optional[dict[str, str]] = None, head_only: bool = False) -> None:
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body and not head_only and status != 204:
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: Optional[dict[str, str]] = None) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), headers=headers,
                   head_only=self.command == "HEAD")

    def _url(self) -> tuple[str, dict[str, list[str]]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            raise _HttpError(411, "chunked request bodies are not supported; send a Content-Length")
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            size = int(length)
        except ValueError:
            self.close_connection = True
            raise _HttpError(400, f"bad Content-Length {length!r}") from None
        if size > MAX_BODY_BYTES:
            self.close_connection = True
            raise _HttpError(413, f"request body of {size:,} bytes is over the {MAX_BODY_BYTES:,}-byte limit; "
                                  "send the graph in smaller batches")
        return self.rfile.read(size)

    def _ctype(self) -> str:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    def _dispatch(self, method: str) -> None:
        try:
            path, params = self._url()
            body = self._body() if method in ("POST", "PUT") else b""
            route = {"/query": self._query, "/sparql": self._query, "/update": self._update,
                     "/store": self._store, "/": self._index}.get(path.rstrip("/") or "/")
            if route is None:
                raise _HttpError(404, f"no such endpoint {path!r}; use /query, /update or /store")
            route(method, params, body)
        except _HttpError as err:
            self._error(err.status, err.message, err.headers)
        except SyntaxError as err:
            self._error(400, f"syntax error: {err}")
        except (ValueError, TypeError) as err:
            self._error(400, f"bad request: {err}")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as err:  # an OSError from the store, say: the server keeps serving
            self._error(500, f"the store failed: {type(err).__name__}: {err}")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    # -- endpoints ---------------------------------------------------------

    def _index(self, method: str, params, body: bytes) -> None:
        if method not in ("GET", "HEAD"):
            raise _HttpError(405, "the index only answers GET", {"Allow": "GET, HEAD"})
        self._send(200, (server_banner(self.server) + "\n").encode("utf-8"), head_only=method == "HEAD")

    def _query(self, method: str, params: dict[str, list[str]], body: bytes) -> None:
        if method in ("GET", "HEAD"):
            args = params
        elif method == "POST":
            ctype = self._ctype()
            if ctype == "application/x-www-form-urlencoded":
                args = _form(body)
            elif ctype == "application/sparql-query":
                args = dict(params)
                args["query"] = [_text(body)]
            elif ctype == "application/sparql-update":
                raise _HttpError(400, "this is the query endpoint; send updates to /update")
            else:
                raise _HttpError(415, f"unsupported Content-Type {ctype or '(none)'!r} for a query; use "
                                      "application/x-www-form-urlencoded or application/sparql-query")
        else:
            raise _HttpError(405, "the query endpoint answers GET and POST", {"Allow": "GET, HEAD, POST"})
        if "update" in args and "query" not in args:
            raise _HttpError(400, "this is the query endpoint; send updates to /update")
        query = _single(args, "query")
        if not query or not query.strip():
            raise _HttpError(400, "no query: pass it as query=... (GET or a form POST) or as an application/sparql-query body")
        options: dict[str, object] = {"use_default_graph_as_union": True}
        if args.get("default-graph-uri"):
            options = {"default_graph": [ox.NamedNode(u) for u in args["default-graph-uri"]]}
        if args.get("named-graph-uri"):
            options["named_graphs"] = [ox.NamedNode(u) for u in args["named-graph-uri"]]
        accept = self.headers.get("Accept")
        fmt_param = _single(args, "format")
        store = self.server.store

        def job():
            # pyoxigraph results are bound to the thread that made them: never let one leave this
            # frame (not even through an exception's traceback), so it is dropped here
            result = store.query(query, **options)
            try:
                if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
                    media, fmt = _pick(accept, fmt_param, RESULT_TYPES, "query results")
                    return media, result.serialize(format=fmt)
                media, fmt = _pick(accept, fmt_param, GRAPH_TYPES, "a graph")
                return media, ox.serialize(result, format=fmt, prefixes=PREFIXES if fmt == _F.TURTLE else None)
            finally:
                del result

        media, data = self.server.run_bounded(job)
        self._send(200, data, media, {"Vary": "Accept"}, head_only=method == "HEAD")

    def _refuse_writes(self, what: str) -> None:
        if not self.server.allow_update:
            raise _HttpError(403, f"this endpoint is read-only: {what} refused; "
                                  "start the server with --allow-update (serve(..., allow_update=True)) to accept them")

    def _update(self, method: str, params: dict[str, list[str]], body: bytes) -> None:
        if method != "POST":
            raise _HttpError(405, "the update endpoint answers POST only", {"Allow": "POST"})
        self._refuse_writes("SPARQL updates are")
        ctype = self._ctype()
        if ctype == "application/x-www-form-urlencoded":
            args = _form(body)
            update = _single(args, "update")
        elif ctype == "application/sparql-update":
            args = params
            update = _text(body)
        else:
            raise _HttpError(415, f"unsupported Content-Type {ctype or '(none)'!r} for an update; use "
                                  "application/x-www-form-urlencoded or application/sparql-update")
        if args.get("using-graph-uri") or args.get("using-named-graph-uri"):
            raise _HttpError(400, "using-graph-uri and using-named-graph-uri are not supported; write USING in the update")
        if not update or not update.strip():
            raise _HttpError(400, "no update: pass it as update=... (a form POST) or as an application/sparql-update body")
        store, lock = self.server.store, self.server.write_lock

        def job():
            with lock:
                store.update(update)

        self.server.run_bounded(job)
        self._send(204)

    def _store(self, method: str, params: dict[str, list[str]], body: bytes) -> None:
        target = _graph_target(params)
        store, lock = self.server.store, self.server.write_lock
        if method in ("GET", "HEAD"):
            accept, fmt_param = self.headers.get("Accept"), _single(params, "format")

            def read():
                if target is None:
                    media, fmt = _pick(accept, fmt_param, DATASET_TYPES, "the dataset")
                    return media, store.dump(format=fmt, prefixes=PREFIXES if fmt == _F.TRIG else None)
                if isinstance(target, ox.NamedNode) and not store.contains_named_graph(target):
                    raise _HttpError(404, f"no graph <{target.value}> in this store")
                media, fmt = _pick(accept, fmt_param, GRAPH_TYPES, "a graph")
                return media, store.dump(format=fmt, from_graph=target, prefixes=PREFIXES if fmt == _F.TURTLE else None)

            media, data = self.server.run_bounded(read)
            self._send(200, data, media, {"Vary": "Accept"}, head_only=method == "HEAD")
            return
        if method not in ("PUT", "POST", "DELETE"):
            raise _HttpError(405, "the graph store answers GET, HEAD, PUT, POST and DELETE",
                             {"Allow": "GET, HEAD, PUT, POST, DELETE"})
        self._refuse_writes("graph store writes are")
        if method == "DELETE":
            if target is None:
                raise _HttpError(400, "name the graph to delete: ?graph=IRI or ?default")

            def delete():
                with lock:
                    if isinstance(target, ox.NamedNode):
                        if not store.contains_named_graph(target):
                            raise _HttpError(404, f"no graph <{target.value}> in this store")
                        store.remove_graph(target)
                    else:
                        store.clear_graph(target)

            self.server.run_bounded(delete)
            self._send(204)
            return
        if target is None and method == "PUT":
            raise _HttpError(400, "name the graph to replace: ?graph=IRI or ?default "
                                  "(POST a TriG or N-Quads body to /store to add to the whole dataset)")
        ctype = self._ctype()
        fmt = ox.RdfFormat.from_media_type(ctype) if ctype else None
        if fmt is None:
            kinds = ", ".join(k for k, _ in GRAPH_TYPES + ([] if target is not None else DATASET_TYPES))
            raise _HttpError(415, f"unsupported Content-Type {ctype or '(none)'!r}; send one of: {kinds}")
        if target is not None and fmt.supports_datasets:
            raise _HttpError(415, f"a {fmt.name} body holds several graphs; send one graph as text/turtle or "
                                  "application/n-triples, or POST it to /store without ?graph")
        base = target.value if isinstance(target, ox.NamedNode) else None

        def write():
            quads = list(ox.parse(input=body, format=fmt, base_iri=base))
            if target is not None:
                quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
            with lock:
                created = isinstance(target, ox.NamedNode) and not store.contains_named_graph(target)
                if method == "PUT":
                    store.clear_graph(target)
                if isinstance(target, ox.NamedNode):
                    store.add_graph(target)
                store.extend(quads)
            return created

        created = self.server.run_bounded(write)
        self._send(201 if created else 204)


def _graph_target(params: dict[str, list[str]]):
    """?graph=IRI -> NamedNode, ?default -> DefaultGraph, neither -> None (the whole dataset)."""
    if "graph" in params and "default" in params:
        raise _HttpError(400, "pass ?graph=IRI or ?default, not both")
    if "default" in params:
        return ox.DefaultGraph()
    if "graph" in params:
        iri = _single(params, "graph") or ""
        try:
            return ox.NamedNode(iri)
        except ValueError as err:
            raise _HttpError(400, f"graph={iri!r} is not an absolute IRI ({err})") from None
    return None


def _single(args: dict[str, list[str]], name: str) -> Optional[str]:
    values = args.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise _HttpError(400, f"{name} is given {len(values)} times; give it once")
    return values[0]


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _HttpError(400, f"the request body is not UTF-8 ({err})") from None


def _form(body: bytes) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(_text(body), keep_blank_values=True)


# ---------------------------------------------------------------------------
# Uploading a graph into a store (the Graph Store HTTP Protocol)

@dataclass
class PushResult:
    """What `push` sent: triples per graph (None is the default graph), and the HTTP requests it took."""

    endpoint: str
    graphs: dict[Optional[str], int] = field(default_factory=dict)
    requests: int = 0
    retried: int = 0

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    def summary(self) -> str:
        named = sum(1 for g in self.graphs if g is not None)
        parts = []
        if named:
            parts.append(f"{named:,} named graph{'s' if named != 1 else ''}")
        if None in self.graphs:
            parts.append("the default graph")
        where = " and ".join(parts) or "no graph"
        retried = f", {self.retried} retried" if self.retried else ""
        return (f"pushed {self.triples:,} triples in {where} to {self.endpoint} "
                f"({self.requests:,} request{'s' if self.requests != 1 else ''}{retried})")


_RETRY_STATUS = {408, 425, 429}


def push(source: Union[str, Path, ox.Store], endpoint: str, *, graph_per_article: bool = True,
         batch_triples: int = 50000, retries: int = 3, timeout_s: float = 120.0, backoff_s: float = 0.5,
         progress: Optional[Callable[[str, int], None]] = None) -> PushResult:
    """Upload a graph to `endpoint`, a SPARQL 1.1 Graph Store HTTP Protocol URL (e.g. `http://127.0.0.1:7878/store`).

    `source`: a graph file (.trig/.nq: each named graph - one per article - goes to the same graph IRI
    on the server, and default-graph triples, if any, to its default graph; .ttl/.nt: the default graph),
    or a `pyoxigraph.Store`. With `graph_per_article=False` every triple goes to the default graph.
    Each graph is sent as N-Triples in batches of `batch_triples`: `PUT` for the first (which replaces
    what the server holds in that graph), `POST` for the rest (which add). Connection errors, timeouts
    and 5xx/408/429 answers are retried `retries` times (so up to retries+1 attempts), waiting
    `backoff_s`, then twice as long each time. A 4xx answer is a `PushError` (a StancegraphError)
    naming the endpoint, the graph, the status and the server's message. `progress(graph, triples_sent)`
    is called after each request.
    """
    if batch_triples < 1:
        raise PushError(f"the batch size must be at least 1 triple, not {batch_triples}")
    if retries < 0:
        raise PushError(f"retries must be 0 or more, not {retries}")
    opener = _opener(endpoint)
    store = source if isinstance(source, ox.Store) else load_store(source)
    result = PushResult(endpoint=endpoint)
    for graph, triples in _graphs(store, graph_per_article):
        sent = 0
        for number, batch in enumerate(_batches(triples, batch_triples)):
            if number > 0 and not batch:
                break
            url = _graph_url(endpoint, graph)
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES) if batch else b""
            method = "PUT" if number == 0 else "POST"
            result.retried += _send(opener, method, url, body, endpoint=endpoint, graph=graph, retries=retries,
                                    timeout_s=timeout_s, backoff_s=backoff_s)
            result.requests += 1
            sent += len(batch)
            if progress:
                progress(graph or "(default graph)", sent)
        result.graphs[graph] = sent
    return result


def _graphs(store: ox.Store, graph_per_article: bool) -> Iterator[tuple[Optional[str], Iterator[ox.Triple]]]:
    """(graph IRI or None for the default graph, its triples), named graphs in IRI order."""
    if not graph_per_article:
        seen: set[ox.Triple] = set()

        def union() -> Iterator[ox.Triple]:
            for q in store.quads_for_pattern(None, None, None, None):
                t = q.triple
                if t not in seen:
                    seen.add(t)
                    yield t

        yield None, union()
        return
    names = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    skipped = [g for g in store.named_graphs() if not isinstance(g, ox.NamedNode)]
    if skipped:
        raise PushError(f"{len(skipped)} graph(s) are named by blank nodes, which a Graph Store URL cannot name; "
                        "push with graph_per_article=False to send everything to the default graph")
    for g in names:
        yield g.value, (q.triple for q in store.quads_for_pattern(None, None, None, g))
    default = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    first = next(default, None)
    if first is not None or not names:
        def default_triples() -> Iterator[ox.Triple]:
            if first is not None:
                yield first.triple
            for q in default:
                yield q.triple

        yield None, default_triples()


def _batches(triples: Iterable[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    """Lists of at most `size` triples; one empty list for no triples (so an empty graph is still PUT)."""
    batch: list[ox.Triple] = []
    any_sent = False
    for t in triples:
        batch.append(t)
        if len(batch) >= size:
            yield batch
            any_sent = True
            batch = []
    if batch or not any_sent:
        yield batch


def _graph_url(endpoint: str, graph: Optional[str]) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    extra = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _opener(endpoint: str) -> urllib.request.OpenerDirector:
    """An opener for `endpoint` (http or https); loopback addresses never go through a proxy."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"{endpoint}: not an http(s) URL of a graph store, such as http://127.0.0.1:7878/store")
    if _is_loopback(parts.hostname):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _send(opener: urllib.request.OpenerDirector, method: str, url: str, body: bytes, *, endpoint: str,
          graph: Optional[str], retries: int, timeout_s: float, backoff_s: float) -> int:
    """One request, retried on transient failures; the number of retries it took. Raises PushError."""
    from stancegraph import __version__

    what = "the default graph" if graph is None else f"graph <{graph}>"
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(min(backoff_s * 2 ** (attempt - 1), 30.0))
        request = urllib.request.Request(url, data=body, method=method, headers={
            "Content-Type": "application/n-triples", "User-Agent": f"stancegraph/{__version__}"})
        try:
            with opener.open(request, timeout=timeout_s) as response:
                response.read()
            return attempt
        except urllib.error.HTTPError as err:
            message = _server_message(err)
            if err.code >= 500 or err.code in _RETRY_STATUS:
                last = f"HTTP {err.code} {err.reason}: {message}"
                continue
            raise PushError(f"{endpoint}: {method} of {what} refused with HTTP {err.code} {err.reason}: {message}") from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, ssl.SSLCertVerificationError):
                raise PushError(f"{endpoint}: {_one_line(err.reason)}") from None
            last = _one_line(err.reason)
        except (ConnectionError, TimeoutError, socket.timeout, http.client.HTTPException, OSError) as err:
            last = _one_line(err) or type(err).__name__
    raise PushError(f"{endpoint}: could not {method} {what} after {retries + 1} attempt{'s' if retries else ''}: {last}")


def _server_message(err: urllib.error.HTTPError, limit: int = 300) -> str:
    try:
        raw = err.read(64 * 1024)
    except Exception:
        raw = b""
    text = raw.decode("utf-8", "replace")
    if "<" in text and ">" in text and "html" in (err.headers.get("Content-Type") or "").lower():
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = _one_line(text) or "(no message)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


# ---------------------------------------------------------------------------
# The command line (wired in cli.py)

def serve_command(store: Path, host: str, port: int, allow_update: bool, timeout: float) -> None:
    """`stancegraph serve STORE [--host H] [--port P] [--allow-update] [--timeout S]`."""
    if not 0 <= port <= 65535:
        raise ServerError(f"--port must be between 0 and 65535, not {port}")
    if not timeout > 0:
        raise ServerError(f"--timeout must be more than 0 seconds, not {timeout}")
    if not _is_loopback(host):
        can = "query and change" if allow_update else "query"
        print(f"warning: listening on {host}: anyone who can reach this machine can {can} the graph",
              file=sys.stderr, flush=True)
    serve(store, host, port, allow_update, timeout)


def push_command(graph: Path, endpoint: str, batch: int) -> PushResult:
    """`stancegraph push GRAPH ENDPOINT [--batch N]`: prints one summary line."""
    result = push(graph, endpoint, batch_triples=batch)
    print(result.summary(), flush=True)
    return result
