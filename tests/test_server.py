"""`stancegraph serve` runs Oxigraph's own SPARQL server (the `oxigraph` binary): these tests start
it as a user does, `python -m stancegraph serve ... --port 0`, in a process, and talk to it over
real HTTP on 127.0.0.1 with urllib (no proxy). They check the answers in every result format,
read-only by default and writes with --allow-update, the time limit, a port in use, Ctrl-C and
SIGTERM, a store that goes from a build to the server and back, and `push` into the server over
the Graph Store HTTP Protocol. Every server is stopped by the test that started it (SIGTERM, then
SIGKILL), and every wait is bounded."""
from __future__ import annotations

import csv
import gc
import io
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph import serve as sg_serve
from stancegraph.graph.push import PushError, push

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
INSERT = Q_PREFIX + 'INSERT DATA { GRAPH <urn:x:g> { <https://w3id.org/stancegraph/id/actor/x> rdfs:label "X" } }'
ASK_X = Q_PREFIX + 'ASK { ?a rdfs:label "X" }'

# urllib without any proxy from the environment: every request goes straight to 127.0.0.1
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
START_S = 60.0  # the longest a server may take to start (Python, then Oxigraph opening the store)


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


def write_store(folder: Path, trig: Path) -> Path:
    """An on-disk store as `build --store` writes one (pyoxigraph), released again."""
    store = ox.Store(str(folder))
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    return folder


class Served:
    """A `stancegraph serve` process: its base URL, banner and stderr."""

    def __init__(self, proc: subprocess.Popen, url: str, banner: str) -> None:
        self.proc, self.url, self.banner = proc, url, banner
        self.stderr = ""

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Signal the process and wait (bounded) for it to end; its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        return self.proc.returncode


def start_serve(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "stancegraph", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})


def read_until(proc: subprocess.Popen, stream, done, deadline_s: float) -> str:
    """What `stream` says until done(text) or the process ends or the deadline passes."""
    text = b""
    deadline = time.monotonic() + deadline_s
    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if sel.select(timeout=0.1):
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    break
                text += chunk
                if done(text.decode("utf-8", "replace")):
                    break
            elif proc.poll() is not None:
                break
    return text.decode("utf-8", "replace")


@contextmanager
def serving(*args: str, env: dict | None = None):
    """`stancegraph serve ARGS --port 0` until the block ends; then stopped, and its port closed."""
    proc = start_serve(*args, "--port", "0", env=env)
    served = None
    try:
        banner = read_until(proc, proc.stdout, lambda t: "Ctrl-C" in t, START_S)
        if "SPARQL query:" not in banner:
            proc.kill()
            proc.wait(10)
            pytest.fail(f"the server did not start: {banner!r} {proc.stderr.read().decode()!r}")
        query_url = next(ln.split("SPARQL query:")[1].strip() for ln in banner.splitlines() if "SPARQL query:" in ln)
        served = Served(proc, query_url[: -len("query")], banner)
        yield served
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        if served is not None:
            served.stderr = proc.stderr.read().decode("utf-8", "replace")
            port = urllib.parse.urlsplit(served.url).port
            assert not answers(port), f"something still listens on {port} after the server stopped"
        proc.stdout.close()
        proc.stderr.close()


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


def http(method, url, data=None, headers=None, timeout=30.0):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with OPENER.open(request, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get_query(server, query, accept="application/sparql-results+json", timeout=30.0):
    url = server.url + "query?" + urllib.parse.urlencode({"query": query})
    return http("GET", url, headers={"Accept": accept}, timeout=timeout)


def json_rows(body):
    doc = json.loads(body)
    names = doc["head"]["vars"]
    return [tuple(b[n]["value"] if n in b else None for n in names) for b in doc["results"]["bindings"]]


@pytest.fixture(scope="module")
def ro_server(files):
    """The TriG file, served read-only (loaded into a temporary store)."""
    with serving(str(files[0]), "--timeout", "5") as server:
        yield server


# ---------------------------------------------------------------------------
# Queries, in every result format

def test_banner_names_the_endpoints_on_loopback(ro_server, files):
    url = urllib.parse.urlsplit(ro_server.url)
    assert url.hostname == "127.0.0.1" and url.port > 0
    banner = ro_server.banner
    assert f"Oxigraph {ox.__version__} serving {files[0]}" in banner and "read-only" in banner
    for line in (f"SPARQL query:   {ro_server.url}query", f"SPARQL update:  {ro_server.url}update (refused: read-only)",
                 f"graph store:    {ro_server.url}store (GET only)", "queries stop after 5 s"):
        assert line in banner, banner


def test_select_in_json_csv_tsv_and_xml(ro_server):
    # JSON; the default graph is the union of the articles' named graphs
    status, headers, body = get_query(ro_server, STANCES_Q)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert json_rows(body) == EXPECTED
    # CSV, as a form POST
    status, headers, body = http("POST", ro_server.url + "query", urllib.parse.urlencode({"query": STANCES_Q}),
                                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["actor", "stance"] and [tuple(r) for r in rows[1:]] == EXPECTED
    # TSV, as an application/sparql-query body: terms in SPARQL syntax
    status, headers, body = http("POST", ro_server.url + "query", STANCES_Q,
                                 {"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?actor\t?stance" and lines[1:] == [f'"{a}"\t"{s}"' for a, s in EXPECTED]
    # XML
    status, headers, body = get_query(ro_server, STANCES_Q, accept="application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = "{http://www.w3.org/2005/sparql-results#}"
    results = ET.fromstring(body).iter(ns + "result")
    assert [tuple(b.find(ns + "literal").text for b in r.iter(ns + "binding")) for r in results] == EXPECTED


def test_ask_and_construct_in_turtle(ro_server):
    status, _, body = get_query(ro_server, Q_PREFIX + "ASK { ?a sg:opposes ?p }")
    assert status == 200 and json.loads(body)["boolean"] is True
    construct = Q_PREFIX + "CONSTRUCT { ?a sg:supports ?p } WHERE { ?a sg:supports ?p }"
    status, headers, body = get_query(ro_server, construct, accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    triples = list(ox.parse(input=body, format=ox.RdfFormat.TURTLE))
    assert [(t.subject.value, t.object.value) for t in triples] == [
        (ID + "actor/person/volodymyr-zelensky", ID + "proposal/victory-plan")]


def test_a_bad_query_is_a_400_with_the_reason(ro_server):
    status, _, body = get_query(ro_server, "SELECT WHERE {")
    assert status == 400 and b"error" in body.lower()


def test_graph_store_reads_and_the_named_graphs(ro_server, files):
    assert json_rows(get_query(ro_server, COUNTS_Q)[2]) == [(G1, str(files[2][G1])), (G2, str(files[2][G2]))]
    status, _, body = http("GET", ro_server.url + "store?" + urllib.parse.urlencode({"graph": G2}),
                           headers={"Accept": "application/n-triples"})
    assert status == 200 and len(body.splitlines()) == files[2][G2]


# ---------------------------------------------------------------------------
# Read-only by default; writes with --allow-update

def test_updates_refused_when_read_only(ro_server):
    status, _, body = http("POST", ro_server.url + "update", INSERT, {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"read-only" in body
    status, _, _ = http("PUT", ro_server.url + "store?default", b"<urn:a> <urn:b> <urn:c> .",
                        {"Content-Type": "application/n-triples"})
    assert status == 403
    status, _, _ = http("DELETE", ro_server.url + "store?" + urllib.parse.urlencode({"graph": G1}))
    assert status == 403
    assert json.loads(get_query(ro_server, ASK_X)[2])["boolean"] is False
    assert json.loads(get_query(ro_server, f"ASK {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")[2])["boolean"] is True


def test_a_store_from_a_build_is_served_written_and_opened_again(tmp_path, files):
    """A store pyoxigraph wrote opens in the server; what the server wrote opens in pyoxigraph;
    SIGTERM ends the server with the store whole."""
    folder = write_store(tmp_path / "db", files[0])
    # read-only, the store folder given as the positional argument (as before --store existed)
    with serving(str(folder)) as server:
        assert f"serving the store at {folder}, read-only" in server.banner
        assert json_rows(get_query(server, STANCES_Q)[2]) == EXPECTED
        assert http("POST", server.url + "update", INSERT, {"Content-Type": "application/sparql-update"})[0] == 403
    # read-write
    with serving("--store", str(folder), "--allow-update") as server:
        assert "read-write" in server.banner and "(refused" not in server.banner
        status, _, body = http("POST", server.url + "update", INSERT, {"Content-Type": "application/sparql-update"})
        assert status == 204, body
        assert json.loads(get_query(server, ASK_X)[2])["boolean"] is True
        status, _, body = http("POST", server.url + "update", "INSERT DATA {", {"Content-Type": "application/sparql-update"})
        assert status == 400
        assert server.stop(signal.SIGTERM) == 0
    assert "stopped" in server.stderr
    store = ox.Store.read_only(str(folder))
    assert bool(store.query(ASK_X, use_default_graph_as_union=True))
    assert sorted(g.value for g in store.named_graphs()) == [G1, G2, "urn:x:g"]
    assert len(store) == sum(files[2].values()) + 1


def test_a_new_store_with_allow_update_and_ctrl_c(tmp_path):
    folder = tmp_path / "new"
    with serving("--store", str(folder), "--allow-update") as server:
        nt = b'<https://example.org/a> <https://example.org/p> "1" .\n'
        g = urllib.parse.urlencode({"graph": "https://example.org/g"})
        assert http("PUT", server.url + "store?" + g, nt, {"Content-Type": "application/n-triples"})[0] == 201
        assert server.stop(signal.SIGINT) == 0  # Ctrl-C
    store = ox.Store.read_only(str(folder))
    assert [q.object.value for q in store] == ["1"]


def test_a_graph_file_served_with_allow_update_leaves_the_file_alone(files, tmp_path):
    before = files[0].read_bytes()
    with serving(str(files[0]), "--allow-update", env={"TMPDIR": str(tmp_path)}) as server:
        assert "changes are lost when it stops" in server.banner
        [temporary] = tmp_path.glob("stancegraph-serve-*")
        assert (temporary / "store" / "CURRENT").is_file()
        assert http("POST", server.url + "update", INSERT, {"Content-Type": "application/sparql-update"})[0] == 204
        assert json.loads(get_query(server, ASK_X)[2])["boolean"] is True
        assert server.stop(signal.SIGHUP) == 0  # the terminal closed
    assert files[0].read_bytes() == before
    assert list(tmp_path.glob("stancegraph-serve-*")) == []  # the temporary store is gone


# ---------------------------------------------------------------------------
# The time limit: Oxigraph cancels the query, and answers the next one

def test_a_query_past_the_time_limit_is_cancelled(tmp_path):
    n = 220  # 220^3 = 10.6 million rows to count: far more than one second of work
    nt = tmp_path / "many.nt"
    nt.write_text("".join(f'<urn:x:{i}> <urn:x:p> "{i}" .\n' for i in range(n)), encoding="utf-8")
    with serving(str(nt), "--timeout", "1") as server:
        slow = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?p ?x . ?b ?q ?y . ?c2 ?r ?z }"
        started = time.monotonic()
        status, _, body = get_query(server, slow, timeout=60)
        elapsed = time.monotonic() - started
        # Oxigraph streams results: the status line went out before the limit; the answer ends in the error
        assert b"cancelled" in body, (status, body[:300])
        with pytest.raises(ValueError):
            json_rows(body)
        assert elapsed < 10, f"the query ran {elapsed:.1f} s"
        started = time.monotonic()
        status, _, body = get_query(server, "ASK { ?s ?p ?o }")
        assert status == 200 and json.loads(body)["boolean"] is True
        assert time.monotonic() - started < 5
    assert "cancelled" in server.stderr  # Oxigraph's own message, passed on


# ---------------------------------------------------------------------------
# What cannot be served: one line each

def test_a_port_in_use_is_one_line(files):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = start_serve(str(files[0]), "--port", str(port))
        try:
            out, err = proc.communicate(timeout=START_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=10)
            pytest.fail("serve did not give up on a port in use")
    assert proc.returncode == 1 and out == b""
    assert err.decode().splitlines() == [f"error: 127.0.0.1:{port} is already in use; choose another --port "
                                         "(0 picks a free one)"]


def test_a_port_taken_after_the_check_is_one_line_too(tmp_path, files, monkeypatch):
    """Oxigraph's own "address in use" (another program took the port after the check) is the same line."""
    folder = write_store(tmp_path / "db", files[0])
    monkeypatch.setattr(sg_serve, "check_port", lambda host, port: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = sg_serve.OxigraphServer(folder, port=port, log=None)
        try:
            with pytest.raises(sg_serve.ServeError, match=rf"^127\.0\.0\.1:{port} is already in use"):
                server.start(ready_timeout_s=30)
        finally:
            server.stop()
    assert server.process.poll() is not None


def test_sources_that_cannot_be_served(tmp_path, files, monkeypatch):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.trig").write_text("", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    cases = [
        (["--store", str(tmp_path / "out")], r"not an Oxigraph store \(no CURRENT file\); to serve the graph file, give .*graph\.trig"),
        ([str(tmp_path / "empty")], "an empty folder, not a store"),
        (["--store", str(tmp_path / "nothing")], "no such store folder"),
        ([str(tmp_path / "missing.ttl")], "no such graph file"),
        ([str(tmp_path / "graph.xyz")], "unknown RDF file type"),
        ([str(bad)], "not valid ttl"),
        ([str(files[0]), "--store", str(tmp_path / "out")], "not both"),
        ([], "give a graph file"),
    ]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for args, message in cases:
        graph = Path(args[0]) if args and not args[0].startswith("--") else None
        store = Path(args[args.index("--store") + 1]) if "--store" in args else None
        with pytest.raises(StancegraphError, match=message):
            sg_serve.serve_command(graph, store, port=0)
    assert list(temporary.iterdir()) == []  # the temporary store of bad.ttl is gone


def test_a_store_another_process_writes_is_refused(tmp_path, files):
    folder = write_store(tmp_path / "db", files[0])
    holder = subprocess.Popen([sys.executable, "-c", "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(folder)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert read_until(holder, holder.stdout, lambda t: "open" in t, 30).strip() == "open"
        with pytest.raises(sg_serve.ServeError, match="another process is writing this store"):
            sg_serve.serve_command(None, folder, port=0)
    finally:
        holder.stdin.close()
        holder.wait(20)
        holder.stdout.close()


def test_the_timeout_is_whole_seconds():
    with pytest.raises(sg_serve.ServeError, match="whole number of seconds"):
        sg_serve.OxigraphServer(Path("db"), timeout_s=0.5)


# ---------------------------------------------------------------------------
# push: the Graph Store HTTP Protocol into the real server

def test_push_trig_into_the_server(tmp_path, files):
    trig, _, counts = files
    assert sorted(counts) == [G1, G2]
    with serving("--store", str(tmp_path / "new-store"), "--allow-update") as target:
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


def test_push_turtle_to_the_default_graph_with_the_command(tmp_path, files):
    _, ttl, _ = files
    with serving("--store", str(tmp_path / "new-store"), "--allow-update") as target:
        run = subprocess.run([sys.executable, "-m", "stancegraph", "push", str(ttl), target.url + "store"],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert run.returncode == 0, run.stderr
        triples = len({q.triple for q in ox.parse(path=str(files[0]))})
        assert run.stdout.strip() == (f"pushed {triples:,} triples in the default graph to {target.url}store "
                                      "(1 request)")
        status, _, body = http("GET", target.url + "store?default", headers={"Accept": "application/n-triples"})
        assert status == 200 and len(body.splitlines()) == triples


def test_push_to_a_read_only_server_is_one_clear_line(files, ro_server):
    endpoint = ro_server.url + "store"
    with pytest.raises(StancegraphError) as caught:
        push(files[0], endpoint, retries=0)
    message = str(caught.value)
    assert isinstance(caught.value, PushError) and "\n" not in message
    assert message.startswith(endpoint) and "403" in message and "read-only" in message and G1 in message


@contextmanager
def flaky_store(failures: int):
    """A stub graph store answering 503 to the first `failures` requests, then 204: the
    retries cannot be provoked from a healthy Oxigraph."""
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
