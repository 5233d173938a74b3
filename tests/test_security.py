"""Nothing gets in: script in article text never runs in graph.html, SPARQL parameters are
data and never query text, and a build fetches nothing from the network.

One build (module fixture) serves all three: the seed article, an HTML page and a JSON
article whose names, quotes, title and URL carry script, run through `stancegraph build`
with every outgoing connection refused and the proxies pointed at a closed port.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import rdflib

from conftest import SEED, require_tool

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']
EVIL_TEXT = (
    "Anna Berg said she supports the <script>alert(1)</script> peace plan.\n"
    "Omar Haddad <img src=x onerror=alert(1)> opposed the peace plan, calling it \"><svg onload=alert(1)> nonsense.\n"
    "\"We back the <img src=x onerror=alert(1)> bridge plan,\" said David Levi.\n"
    "Maria Lopez rejected the javascript:alert(1) tax bill, and <a href=\"javascript:alert(1)\">click</a> here.\n"
)
EVIL_ARTICLE = {
    "id": "evil<script>alert(1)</script>",
    "title": "<script>alert(1)</script> Leaders \"><svg onload=alert(1)> back the plan",
    "publisher": "<img src=x onerror=alert(1)>",
    "url": "javascript:alert(1)",
    "date": "2024-05-01",
    "text": EVIL_TEXT,
}
HTML_ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Council backs the bridge plan</title>
<link rel="canonical" href="https://example.org/news/bridge"><script src="https://example.org/tracker.js"></script>
<link rel="stylesheet" href="https://example.org/site.css"></head><body><main><article>
<h1>Council backs the bridge plan</h1><img src="https://example.org/photo.jpg">
<p>The city council said on Monday that it supports the bridge plan proposed by the mayor.</p>
<p>Opposition leader Maria Lopez rejected the bridge plan, saying it would cost too much.</p>
</article></main></body></html>"""

# Every outgoing connection fails loudly (and is reported on stderr); then the command runs.
NO_NETWORK = r"""
import socket, sys
def _refuse(what):
    def refuse(*args, **kwargs):
        sys.stderr.write(f"NETWORK-ATTEMPT {what} {args!r:.200}\n")
        sys.stderr.flush()
        raise OSError(f"network blocked by the test ({what})")
    return refuse
_connect = socket.socket.connect
def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        return _refuse("connect")(self, address)
    return _connect(self, address)
socket.socket.connect = connect
socket.socket.connect_ex = connect
socket.getaddrinfo = _refuse("getaddrinfo")
socket.create_connection = _refuse("create_connection")
"""
RUN_CLI = "import runpy; sys.argv[0] = 'stancegraph'; runpy.run_module('stancegraph', run_name='__main__', alter_sys=True)\n"
PROXIES = {k: "http://127.0.0.1:9" for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")}


def offline(code: str, *args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, **PROXIES, "COLUMNS": "60"}
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    return subprocess.run([sys.executable, "-c", NO_NETWORK + code, *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def evil_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evil")
    articles = tmp / "articles"
    articles.mkdir()
    shutil.copy(SEED, articles / SEED.name)
    (articles / "evil.json").write_text(json.dumps(EVIL_ARTICLE), encoding="utf-8")
    (articles / "page.html").write_text(HTML_ARTICLE, encoding="utf-8")
    run = offline(RUN_CLI, "build", articles, "--out", tmp / "out", cwd=tmp)
    return tmp, run


# --------------------------------------------------------------------------- (c) nothing fetched


def test_the_network_guard_does_catch_a_connection(tmp_path):
    """The guard is real: a plain HTTP request under it is refused and reported."""
    run = offline("import urllib.request\nurllib.request.urlopen('http://example.org/', timeout=5)\n", cwd=tmp_path)
    assert run.returncode != 0
    assert "NETWORK-ATTEMPT" in run.stderr


@pytest.mark.model
def test_a_build_fetches_nothing(evil_build):
    tmp, run = evil_build
    assert run.returncode == 0, run.stderr[-3000:]
    assert "NETWORK-ATTEMPT" not in run.stderr, run.stderr
    assert run.stderr == "", run.stderr  # no warning, no skipped file either
    g = rdflib.Graph().parse(tmp / "out" / "graph.ttl", format="turtle")
    ids = {str(o) for o in g.objects(None, rdflib.URIRef("http://purl.org/dc/terms/identifier"))}
    assert ids == {SEED.stem, EVIL_ARTICLE["id"], "page"}
    # the HTML article's remote script, style sheet and image were not fetched, and are not in the graph
    assert "tracker.js" not in (tmp / "out" / "graph.ttl").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- (b) SPARQL parameters


def _query(graph: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stancegraph", "query", str(graph), *args],
                          capture_output=True, text=True, timeout=120)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.model
@pytest.mark.parametrize("name, param", [
    ("who-supports", 'target=") } ; DROP ALL #'),
    ("who-supports", 'target=invitation") } UNION { ?s ?p ?o } #'),
    ("who-opposes", "target=' } ; CLEAR DEFAULT ; INSERT DATA { <x:a> <x:b> <x:c> } #"),
    ("positions", 'actor=\\") . ?s ?p ?o . FILTER(true'),
])
def test_sparql_parameters_are_bound_never_pasted(evil_build, name, param):
    tmp, run = evil_build
    assert run.returncode == 0, run.stderr
    graph = tmp / "out" / "graph.ttl"
    before = _digest(tmp / "out")
    hostile = _query(graph, "--name", name, "--param", param, "--format", "json")
    assert hostile.returncode == 0, hostile.stderr
    assert json.loads(hostile.stdout) == [], hostile.stdout[:2000]  # the text is a name nobody has
    assert _digest(tmp / "out") == before  # and nothing was changed
    # the graph is intact and the same query still answers with an ordinary value
    key = param.split("=", 1)[0]
    value = {"target": "invitation", "actor": "Zelensky"}[key]
    plain = _query(graph, "--name", name, "--param", f"{key}={value}", "--format", "json")
    assert plain.returncode == 0, plain.stderr
    if name != "who-opposes":
        assert json.loads(plain.stdout), f"{name} {key}={value} found nothing"
    # the hostile value as a plain string is found where it is data: the evil article's title
    titles = _query(graph, "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?t WHERE { ?a dcterms:title ?t }",
                    "--format", "json")
    assert any(PAYLOADS[0] in json.dumps(row) or PAYLOADS[0] in str(row) for row in json.loads(titles.stdout))


# --------------------------------------------------------------------------- (a) no script from the data runs

# Injected first into <head> of a copy of graph.html. It records, as attributes of <html>:
# data-alerts (calls of alert/confirm/prompt), data-injected (every script, img, svg, iframe...,
# on* handler or javascript: link that markup set through innerHTML created, or that a script
# added to the document after it was parsed), data-details-shown (the page's own details
# panel filled for every node and edge, as a click does) and data-payload-as-text (panels
# where a payload was shown as text).
GUARD = r"""<script>
(function () {
  var root = document.documentElement, calls = 0, bad = [], shown = 0, astext = 0;
  var SELECTOR = 'script,img,svg,iframe,frame,object,embed,video,audio,source,link,meta,base,form,math,' +
                 '[onerror],[onload],[onclick],[onmouseover],[onfocus],[onanimationstart],' +
                 'a[href^="javascript:" i],[src^="javascript:" i]';
  var PAYLOAD = /<script>alert\(1\)<\/script>|<img src=x onerror=alert\(1\)>|"><svg onload=alert\(1\)>/;
  function put() {
    root.setAttribute("data-alerts", String(calls));
    root.setAttribute("data-injected", JSON.stringify(bad));
    root.setAttribute("data-details-shown", String(shown));
    root.setAttribute("data-payload-as-text", String(astext));
  }
  function check(node, how) {
    if (!node || !node.querySelectorAll) { return; }
    if (node.matches && node.matches(SELECTOR)) { bad.push(how + node.outerHTML.slice(0, 200)); }
    var found = node.querySelectorAll(SELECTOR);
    for (var i = 0; i < found.length; i++) { bad.push(how + found[i].outerHTML.slice(0, 200)); }
  }
  put();
  function record() { calls += 1; put(); }
  window.alert = function () { record(); };
  window.confirm = function () { record(); return false; };
  window.prompt = function () { record(); return null; };
  ["innerHTML", "outerHTML"].forEach(function (prop) {
    var real = Object.getOwnPropertyDescriptor(Element.prototype, prop);
    Object.defineProperty(Element.prototype, prop, {
      configurable: true,
      get: function () { return real.get.call(this); },
      set: function (value) {
        var parent = this.parentNode;
        real.set.call(this, value);
        check(prop === "innerHTML" ? this : parent, prop + ": ");
        put();
      }
    });
  });
  var realInsert = Element.prototype.insertAdjacentHTML;
  Element.prototype.insertAdjacentHTML = function (where, markup) {
    realInsert.call(this, where, markup);
    check(this.parentNode || this, "insertAdjacentHTML: ");
    put();
  };
  var observer = new MutationObserver(function (records) {
    records.forEach(function (r) {
      if (r.type === "attributes") { check(r.target, "attribute: "); }
      r.addedNodes.forEach(function (n) { check(n, "added: "); });
    });
    put();
  });
  // what the parser builds is the page itself; anything added afterwards came from a script
  document.addEventListener("DOMContentLoaded", function () {
    observer.observe(document, {childList: true, subtree: true, attributes: true,
                                attributeFilter: ["href", "src", "onerror", "onload", "onclick"]});
  });
  window.addEventListener("load", function () {
    setTimeout(function () {
      var d = window.sgDetails, body = document.getElementById("sg-details-body");
      if (d && typeof window.sgShowDetails === "function") {
        ["nodes", "edges"].forEach(function (k) {
          Object.keys(d[k] || {}).forEach(function (id) {
            window.sgShowDetails(d[k][id]);
            shown += 1;
            if (body && PAYLOAD.test(body.textContent)) { astext += 1; }
            check(body, "details: ");
          });
        });
      }
      put();
    }, 500);
  });
})();
</script>"""


def _chromium(url: str, profile: Path) -> str:
    exe = require_tool("chromium", "chromium")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
           "--virtual-time-budget=10000", "--dump-dom", url]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


class _Root(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root: dict = {}
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html" and not self.root:
            self.root = a
        for name in ("href", "src", "action", "formaction"):
            if a.get(name):
                self.links.append((tag, name, a[name]))


def _guarded(page: str) -> str:
    assert page.count("<head>") == 1
    return page.replace("<head>", "<head>\n" + GUARD, 1)


@pytest.mark.model
def test_the_page_carries_the_payloads_only_escaped(evil_build):
    tmp, run = evil_build
    assert run.returncode == 0, run.stderr
    page = (tmp / "out" / "graph.html").read_text(encoding="utf-8")
    g = rdflib.Graph().parse(tmp / "out" / "graph.ttl", format="turtle")
    literals = " ".join(str(o) for o in g.objects() if isinstance(o, rdflib.Literal))
    for payload in PAYLOADS:
        assert payload in literals, f"{payload} did not reach the graph, so the page test would prove nothing"
        assert payload not in page, f"{payload} is in graph.html as markup"
    parsed = _Root()
    parsed.feed(page)
    assert not [x for x in parsed.links if x[2].strip().lower().startswith(("javascript:", "vbscript:", "data:text/html"))]


@pytest.mark.browser
@pytest.mark.model
def test_no_script_from_an_article_runs_in_the_browser(evil_build, tmp_path):
    tmp, run = evil_build
    assert run.returncode == 0, run.stderr
    page = (tmp / "out" / "graph.html").read_text(encoding="utf-8")
    guarded = tmp_path / "guarded.html"
    guarded.write_text(_guarded(page), encoding="utf-8")
    dom = _Root()
    dom.feed(_chromium(guarded.as_uri(), tmp_path / "profile"))
    root = dom.root
    assert "data-alerts" in root, "the guard did not run"
    assert int(root.get("data-details-shown", "0")) > 0, "the details panels were not exercised"
    assert root["data-alerts"] == "0", "a script from the article ran"
    assert json.loads(root["data-injected"]) == [], root["data-injected"]
    assert int(root["data-payload-as-text"]) > 0, "the payloads were not shown as text"
    assert not [x for x in dom.links if x[2].strip().lower().startswith("javascript:")], dom.links

    # The guard is real: the same page with one details panel's markup left unescaped is caught.
    marker = "var sgDetails = "
    at = page.index(marker)
    cut = page.index('\\u003c', at)  # the first tag of the first panel's markup, as JSON escapes it
    broken = page[:cut] + "\\u003cimg src=x onerror=alert(1)\\u003e" + page[cut:]
    control = tmp_path / "control.html"
    control.write_text(_guarded(broken), encoding="utf-8")
    caught = _Root()
    caught.feed(_chromium(control.as_uri(), tmp_path / "profile-control"))
    assert int(caught.root.get("data-alerts", "0")) >= 1
    assert json.loads(caught.root["data-injected"]), "the guard missed an injected element"
