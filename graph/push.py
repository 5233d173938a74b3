"""Uploading a graph into any triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

`push(source, endpoint)` sends a graph file to a store's Graph Store endpoint (Oxigraph's
`/store`, as `stancegraph serve --allow-update` runs it; Fuseki `/DATASET/data`; GraphDB
`/repositories/R/rdf-graphs/service`): one `PUT ?graph=IRI` per named graph of a TriG/N-Quads
file (one per article), or `PUT ?default` for a Turtle/N-Triples file, as N-Triples, in batches
(the first a PUT, which replaces the graph; the rest POSTs, which add), retrying connection errors
and 5xx answers with backoff. Retrying a POST is safe: adding the same triples twice leaves the
graph as it was.
"""
from __future__ import annotations

import html
import http.client
import ipaddress
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import pyoxigraph as ox

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph.query import load_store


class PushError(StancegraphError):
    """A graph could not be uploaded; the message names the endpoint, the graph and what the server said."""


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


def push_command(graph: Path, endpoint: str, batch: int) -> PushResult:
    """`stancegraph push GRAPH ENDPOINT [--batch N]`: prints one summary line."""
    result = push(graph, endpoint, batch_triples=batch)
    print(result.summary(), flush=True)
    return result
