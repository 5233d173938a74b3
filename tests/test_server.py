"""The SPARQL endpoint (`graph/server.py`): real HTTP on 127.0.0.1 with urllib, queries in every
form the SPARQL 1.1 Protocol allows, read-only by default, a time limit, and `push` into a second
server over the Graph Store HTTP Protocol. Every server binds 127.0.0.1 on a free port and is
stopped by its fixture; no request leaves the machine."""
from __future__ import annotations

import csv
import io
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph.server import PushError, ServerError, make_server, negotiate, open_store, push, RESULT_TYPES

from conftest import ROOT

# ---------------------------------------------------------------------------
# A small graph after graph/CONTRACT.md: two articles, each its own named graph.

ID = "https://w3id.org/stancegraph/id/"
PREFIXES = """\
@prefix sg: <https://w3id.org/stancegraph#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@base <https://w3id.org/stancegraph/id/> .
"""
TRIG = PREFIXES + """
<graph/art-1> {
  <article/art-1> a sg:Article, schema:NewsArticle ; dcterms:identifier "art-1" ;
      dcterms:title "Zelensky presents his Victory Plan" ; dcterms:date "2024-10-17"^^xsd:date .
  <article/art-1/char/0-60> a sg:Sentence ; dcterms:isPartOf <article/art-1> ;
      nif:beginIndex 0 ; nif:endIndex 60 ; nif:anchorOf "Zelensky urged allies to back the Victory Plan." .
  <actor/person/volodymyr-zelensky> a sg:Person ; rdfs:label "Volodymyr Zelensky" ; skos:altLabel "Zelensky" ;
      sg:mentionedIn <article/art-1> .
  <proposal/victory-plan> a sg:Proposal ; rdfs:label "Victory Plan" ; skos:altLabel "the plan" ;
      sg:proposedBy <actor/person/volodymyr-zelensky> ; sg:mentionedIn <article/art-1> .
  <stance/0001> a sg:Stance ; sg:holder <actor/person/volodymyr-zelensky> ; sg:target <proposal/victory-plan> ;
      sg:polarity sg:Support ; sg:evidence "Zelensky urged allies to back the Victory Plan." ;
      prov:wasDerivedFrom <article/art-1/char/0-60> ; sg:confidence 0.8 ; sg:rule "v.urge" ;
      prov:wasGeneratedBy <extraction/stancegraph-0.1.0> ; dcterms:date "2024-10-17"^^xsd:date .
  <actor/person/volodymyr-zelensky> sg:supports <proposal/victory-plan> .
  <extraction/stancegraph-0.1.0> a prov:Activity, sg:Extraction ; sg:softwareVersion "0.1.0" .
}
<graph/art-2> {
  <article/art-2> a sg:Article, schema:NewsArticle ; dcterms:identifier "art-2" ; dcterms:title "Budapest says no" .
  <article/art-2/char/0-50> a sg:Sentence ; dcterms:isPartOf <article/art-2> ;
      nif:beginIndex 0 ; nif:endIndex 50 ; nif:anchorOf "The Hungarian government rejected the plan." .
  <article/art-2/char/51-90> a sg:Sentence ; dcterms:isPartOf <article/art-2> ;
      nif:beginIndex 51 ; nif:endIndex 90 ; nif:anchorOf "Mark Rutte did not say he backs it." .
  <actor/government/hungary> a sg:Government ; rdfs:label "Hungarian government" ; skos:altLabel "Budapest" ;
      sg:mentionedIn <article/art-2> .
  <actor/person/mark-rutte> a sg:Person ; rdfs:label "Mark Rutte" ; sg:mentionedIn <article/art-2> .
  <proposal/victory-plan> a sg:Proposal ; rdfs:label "Victory Plan" ; sg:mentionedIn <article/art-2> .
  <stance/0002> a sg:Stance ; sg:holder <actor/government/hungary> ; sg:target <proposal/victory-plan> ;
      sg:polarity sg:Oppose ; sg:evidence "The Hungarian government rejected the plan." ;
      prov:wasDerivedFrom <article/art-2/char/0-50> ; sg:confidence 0.85 ; sg:rule "v.reject" ;
      prov:wasGeneratedBy <extraction/stancegraph-0.1.0> .
  <actor/government/hungary> sg:opposes <proposal/victory-plan> .
  <stance/0003> a sg:Stance ; sg:holder <actor/person/mark-rutte> ; sg:target <proposal/victory-plan> ;
      sg:polarity sg:Neutral ; sg:evidence "Mark Rutte did not say he backs it." ;
      prov:wasDerivedFrom <article/art-2/char/51-90> ; sg:confidence 0.6 ; sg:rule "v.back" ;
      prov:wasGeneratedBy <extraction/stancegraph-0.1.0> .
  <actor/person/mark-rutte> sg:neutralOn <proposal/victory-plan> .
  <extraction/stancegraph-0.1.0> a prov:Activity, sg:Extraction ; sg:softwareVersion "0.1.0" .
}
"""
G1, G2 = ID + "graph/art-1", ID + "graph/art-2"
Q_PREFIX = "PREFIX sg: <https://w3id.org/stancegraph#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
STANCES_Q = Q_PREFIX + """SELECT ?actor ?stance WHERE {
  ?s a sg:Stance ; sg:holder/rdfs:label ?actor ; sg:polarity ?p .
  BIND(STRAFTER(STR(?p), "#") AS ?stance) } ORDER BY ?actor"""
EXPECTED = [("Hungarian government", "Oppose"), ("Mark Rutte", "Neutral"), ("Volodymyr Zelensky", "Support")]
COUNTS_Q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"

# urllib without any proxy from the environment: every request goes straight to 127.0.0.1
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("graph")
    trig = d / "graph.trig"
    trig.write_text(TRIG, encoding="utf-8")
    counts = {}
    for q in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
        counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    ttl = d / "graph.ttl"
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    ttl.write_bytes(ox.serialize({q.triple for q in store}, format=ox.RdfFormat.TURTLE))
    return trig, ttl, counts


@contextmanager
def running(source, **options):
    """A server on 127.0.0.1, a free port, in a thread; shut down and closed on exit."""
    server = make_server(source, "127.0.0.1", 0, quiet=True, **options)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def ro_server(files):
    with running(files[0]) as server:
        yield server


@pytest.fixture
def rw_server(files):
    with running(files[1], allow_update=True) as server:
        yield server


def http(method, url, data=None, headers=None, timeout=10.0):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with OPENER.open(request, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get_query(server, query, accept="application/sparql-results+json", **params):
    url = server.url + "query?" + urllib.parse.urlencode({"query": query, **params})
    return http("GET", url, headers={"Accept": accept})


def json_rows(body):
    doc = json.loads(body)
    names = doc["head"]["vars"]
    return [tuple(b[n]["value"] if n in b else None for n in names) for b in doc["results"]["bindings"]]


# ---------------------------------------------------------------------------
# Queries

def test_bound_to_loopback_on_a_free_port(ro_server):
    host, port = ro_server.socket.getsockname()[:2]
    assert host == "127.0.0.1" and port > 0 and port == ro_server.port
    assert ro_server.url == f"http://127.0.0.1:{port}/"
    status, _, body = http("GET", ro_server.url)
    assert status == 200 and b"read-only" in body and b"/query" in body


def test_get_query_answers_sparql_json(ro_server):
    status, headers, body = get_query(ro_server, STANCES_Q)
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert json_rows(body) == EXPECTED
    # no Accept at all: JSON too; named graphs are queried as their union
    status, headers, body = http("GET", ro_server.url + "query?" + urllib.parse.urlencode({"query": STANCES_Q}))
    assert status == 200 and json_rows(body) == EXPECTED


def test_post_form_answers_csv(ro_server):
    status, headers, body = http("POST", ro_server.url + "query", urllib.parse.urlencode({"query": STANCES_Q}),
                                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["actor", "stance"]
    assert [tuple(r) for r in rows[1:]] == EXPECTED


def test_post_sparql_query_body_tsv_xml_ask_construct(ro_server):
    post = lambda q, accept: http("POST", ro_server.url + "query", q,  # noqa: E731
                                  {"Content-Type": "application/sparql-query", "Accept": accept})
    status, headers, body = post(STANCES_Q, "text/tab-separated-values")
    assert status == 200 and body.decode().splitlines()[0] == "?actor\t?stance"
    assert len(body.decode().splitlines()) == 4
    status, headers, body = post(STANCES_Q, "application/sparql-results+xml")
    assert status == 200 and b"<sparql" in body and b"Mark Rutte" in body
    status, _, body = post(Q_PREFIX + "ASK { ?a sg:opposes ?p }", "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    # CONSTRUCT: Turtle by default, N-Triples on request; the format= parameter overrides Accept
    construct = Q_PREFIX + "CONSTRUCT { ?a sg:supports ?p } WHERE { ?a sg:supports ?p }"
    status, headers, body = post(construct, "*/*")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(input=body, format=ox.RdfFormat.TURTLE))) == 1
    status, headers, body = get_query(ro_server, construct, accept="application/n-triples")
    assert status == 200 and body.count(b"\n") == 1
    status, headers, body = get_query(ro_server, STANCES_Q, accept="text/html", format="csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")


def test_named_graph_parameters(ro_server):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/stancegraph#Stance> }"
    assert json_rows(get_query(ro_server, q)[2]) == [("3",)]
    assert json_rows(get_query(ro_server, q, **{"default-graph-uri": G1})[2]) == [("1",)]


def test_bad_requests_get_clear_answers(ro_server):
    status, _, body = get_query(ro_server, "SELECT WHERE {")
    assert status == 400 and b"syntax error" in body
    status, _, body = get_query(ro_server, STANCES_Q, accept="image/png")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = http("GET", ro_server.url + "query")
    assert status == 400 and b"no query" in body
    status, _, body = http("GET", ro_server.url + "nowhere")
    assert status == 404 and b"/query" in body
    status, _, body = http("POST", ro_server.url + "query", "x", {"Content-Type": "image/png"})
    assert status == 415


def test_negotiation_prefers_higher_q():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)[0] == "application/sparql-results+xml"
    assert negotiate("text/*", RESULT_TYPES)[0] == "text/xml"
    assert negotiate("text/csv;q=0, */*;q=0.1", RESULT_TYPES)[0] == "application/sparql-results+json"
    assert negotiate("image/png", RESULT_TYPES) is None


# ---------------------------------------------------------------------------
# Read-only by default; updates with allow_update

INSERT = Q_PREFIX + 'INSERT DATA { <https://w3id.org/stancegraph/id/actor/x> rdfs:label "X" }'
ASK_X = Q_PREFIX + 'ASK { ?a rdfs:label "X" }'


def test_updates_refused_when_read_only(ro_server):
    status, _, body = http("POST", ro_server.url + "update", INSERT, {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body and b"--allow-update" in body
    status, _, body = http("POST", ro_server.url + "update", urllib.parse.urlencode({"update": INSERT}),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, _ = http("PUT", ro_server.url + "store?default", b"", {"Content-Type": "text/turtle"})
    assert status == 403
    status, _, _ = http("DELETE", ro_server.url + "store?" + urllib.parse.urlencode({"graph": G1}))
    assert status == 403
    assert json.loads(get_query(ro_server, ASK_X)[2])["boolean"] is False
    assert json.loads(get_query(ro_server, f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")[2])["boolean"] is True


def test_updates_accepted_with_allow_update(rw_server):
    assert json.loads(get_query(rw_server, ASK_X)[2])["boolean"] is False
    status, _, body = http("POST", rw_server.url + "update", INSERT, {"Content-Type": "application/sparql-update"})
    assert status == 204, body
    assert json.loads(get_query(rw_server, ASK_X)[2])["boolean"] is True
    status, _, body = http("POST", rw_server.url + "update", "INSERT DATA {", {"Content-Type": "application/sparql-update"})
    assert status == 400 and b"syntax error" in body


def test_graph_store_protocol(rw_server):
    g = urllib.parse.urlencode({"graph": "https://example.org/g"})
    nt = b'<https://example.org/a> <https://example.org/p> "1" .\n<https://example.org/a> <https://example.org/p> "2" .\n'
    assert http("GET", rw_server.url + "store?" + g)[0] == 404
    assert http("PUT", rw_server.url + "store?" + g, nt, {"Content-Type": "application/n-triples"})[0] == 201
    assert http("PUT", rw_server.url + "store?" + g, nt, {"Content-Type": "application/n-triples"})[0] == 204
    more = b'<https://example.org/a> <https://example.org/p> "3" .'
    assert http("POST", rw_server.url + "store?" + g, more, {"Content-Type": "text/turtle"})[0] == 204
    status, headers, body = http("GET", rw_server.url + "store?" + g, headers={"Accept": "application/n-triples"})
    assert status == 200 and len(body.splitlines()) == 3
    status, _, body = http("PUT", rw_server.url + "store?" + g, b"<a> <b", {"Content-Type": "text/turtle"})
    assert status == 400
    assert len(http("GET", rw_server.url + "store?" + g, headers={"Accept": "text/plain"})[2].splitlines()) == 3
    assert http("DELETE", rw_server.url + "store?" + g)[0] == 204
    assert http("GET", rw_server.url + "store?" + g)[0] == 404
    # the default graph holds the Turtle source
    status, headers, body = http("GET", rw_server.url + "store?default")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and b"Victory Plan" in body


def test_on_disk_store_served_read_only(tmp_path, files):
    folder = tmp_path / "db"
    store = ox.Store(str(folder))
    store.bulk_load(path=str(files[0]), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    with running(folder) as server:
        assert json_rows(get_query(server, STANCES_Q)[2]) == EXPECTED
        status, _, body = http("POST", server.url + "update", INSERT, {"Content-Type": "application/sparql-update"})
        assert status == 403


def test_sources_that_cannot_be_served(tmp_path):
    with pytest.raises(StancegraphError, match="no such graph file"):
        open_store(tmp_path / "missing.ttl")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.trig").write_text("", encoding="utf-8")
    with pytest.raises(ServerError, match=r"not an Oxigraph store.*did you mean .*graph\.trig"):
        open_store(tmp_path / "out")
    with pytest.raises(ServerError, match="no such graph file or store folder"):
        open_store(tmp_path / "nothing-here")
    # a port in use is one clear line
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(ServerError, match="already in use"):
            make_server(ox.Store(), "127.0.0.1", taken.getsockname()[1], quiet=True)


# ---------------------------------------------------------------------------
# The time limit

def test_slow_query_times_out_and_busy_server_says_so():
    n = 220  # 220^3 = 10.6 million rows to count: a second or two of work, well over the 0.25 s limit
    store = ox.Store()
    store.bulk_load(input="".join(f'<urn:x:{i}> <urn:x:p> "{i}" .\n' for i in range(n)).encode(),
                    format=ox.RdfFormat.N_TRIPLES)
    with running(store, timeout_s=0.25, max_running=1) as server:
        slow = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?p ?x . ?b ?q ?y . ?c2 ?r ?z }"
        started = time.monotonic()
        status, headers, body = get_query(server, slow)
        elapsed = time.monotonic() - started
        assert status == 504 and b"timed out after 0.25 s" in body, body
        assert elapsed < 2.0
        # its only slot is still held by the query that ran over: the next one is told at once
        status, headers, body = get_query(server, "ASK {}")
        assert status == 503 and b"busy" in body and headers["Retry-After"]
        assert server.wait_idle(60), "the timed-out query never ended"
        status, _, body = get_query(server, "ASK {}")
        assert status == 200 and json.loads(body)["boolean"] is True


# ---------------------------------------------------------------------------
# push: the Graph Store HTTP Protocol into another store

def test_push_trig_into_a_second_server(tmp_path, files, ro_server):
    trig, _, counts = files
    assert sorted(counts) == [G1, G2]
    with running(tmp_path / "new-store", allow_update=True) as target:  # a new on-disk store
        seen = []
        result = push(trig, target.url + "store", batch_triples=7, progress=lambda g, n: seen.append((g, n)))
        assert result.graphs == counts and result.triples == sum(counts.values())
        assert result.requests == sum(-(-c // 7) for c in counts.values()) > 2  # a PUT and POSTs per graph
        assert "named graphs" in result.summary() and target.url in result.summary()
        rows = json_rows(get_query(target, COUNTS_Q)[2])
        assert rows == [(G1, str(counts[G1])), (G2, str(counts[G2]))]
        # the target answers the same questions as the source
        assert json_rows(get_query(target, STANCES_Q)[2]) == EXPECTED
        # pushing again replaces, not doubles (the first batch of each graph is a PUT)
        push(trig, target.url + "store", batch_triples=1000)
        assert json_rows(get_query(target, COUNTS_Q)[2]) == rows


def test_push_turtle_to_the_default_graph(tmp_path, files):
    _, ttl, counts = files
    with running(ox.Store(), allow_update=True) as target:
        result = push(ttl, target.url + "store")
        assert list(result.graphs) == [None] and result.requests == 1
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        n = json_rows(get_query(target, q, **{"default-graph-uri": "urn:x:none"})[2])  # sanity: an empty graph
        assert n == [("0",)]
        status, _, body = http("GET", target.url + "store?default", headers={"Accept": "application/n-triples"})
        assert len(body.splitlines()) == result.triples == len({q.triple for q in ox.parse(path=str(files[0]))})


def test_push_4xx_is_one_clear_line(files, ro_server):
    endpoint = ro_server.url + "store"
    with pytest.raises(StancegraphError) as caught:
        push(files[0], endpoint, retries=0)
    message = str(caught.value)
    assert isinstance(caught.value, PushError) and "\n" not in message
    assert message.startswith(endpoint) and "403" in message and "read-only" in message and G1 in message


@contextmanager
def flaky_store(failures: int):
    """A stub graph store answering 503 to the first `failures` requests, then 204."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            hits.append(self.path)
            status = 503 if len(hits) <= failures else 204
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_PUT

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/data", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_push_retries_transient_failures(files):
    with flaky_store(2) as (endpoint, hits):
        result = push(files[1], endpoint, retries=3, backoff_s=0.01)
    assert len(hits) == 3 and result.retried == 2 and result.requests == 1
    assert hits[-1] == "/data?default"
    with flaky_store(10) as (endpoint, hits):
        with pytest.raises(PushError, match=r"could not PUT the default graph after 3 attempts: HTTP 503"):
            push(files[1], endpoint, retries=2, backoff_s=0.01)
    assert len(hits) == 3


def test_push_to_nothing_listening(files):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(PushError, match=r"could not PUT .* after 2 attempts"):
        push(files[1], f"http://127.0.0.1:{port}/store", retries=1, backoff_s=0.01)
    with pytest.raises(PushError, match="not an http"):
        push(files[1], "ftp://127.0.0.1/store")


# ---------------------------------------------------------------------------
# serve_command as the CLI runs it: a process, stopped with Ctrl-C

def test_serve_command_in_a_process(files):
    code = ("import sys; from pathlib import Path; from stancegraph.graph.server import serve_command; "
            "serve_command(Path(sys.argv[1]), '127.0.0.1', 0, False, 5.0)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(files[0])], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url, output = None, b""
        deadline = time.monotonic() + 20
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            while url is None and time.monotonic() < deadline and proc.poll() is None:
                if sel.select(timeout=0.2):
                    output += os.read(proc.stdout.fileno(), 4096)
                    for line in output.decode().splitlines():
                        if "SPARQL query:" in line:
                            url = line.split("SPARQL query:")[1].strip()
        assert url and url.startswith("http://127.0.0.1:") and url.endswith("/query"), output
        assert b"read-only" in output
        status, _, body = http("GET", url + "?" + urllib.parse.urlencode({"query": STANCES_Q}))
        assert status == 200 and json_rows(body) == EXPECTED
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        proc.stdout.close()
        proc.stderr.close()
