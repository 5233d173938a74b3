"""The HTML view of the stance graph: counts, escaping, offline, and (marker
`browser`) that headless Chromium draws it with the network blocked."""
from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from stancegraph.graph.html import write_html
from stancegraph.graph.vocab import ID, NIF, SCHEMA, SG

ROOT = pathlib.Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"

EVIL_LABEL = "<script>alert(1)</script> Corp"
EVIL_EVIDENCE = "They said <img src=x onerror=alert(1)> it will never work."
A1_URL = "https://example.org/news/a1?x=1&y=2"

# 3 actors with stances (+1 speaker-only actor, not drawn), 2 proposals.
EXPECTED = {"nodes": 5, "edges": 5}  # 4 stance arrows + 1 part-of


def _stance(g: Graph, name: str, holder: URIRef, polarity: URIRef, target: URIRef,
            evidence: str, sentence: URIRef, speaker: URIRef | None = None) -> None:
    s = ID[f"stance/{name}"]
    g.add((s, RDF.type, SG.Stance))
    g.add((s, SG.holder, holder))
    g.add((s, SG.target, target))
    g.add((s, SG.polarity, polarity))
    g.add((s, SG.evidence, Literal(evidence)))
    g.add((s, PROV.wasDerivedFrom, sentence))
    g.add((s, SG.confidence, Literal(0.8)))
    g.add((s, SG.rule, Literal("test")))
    direct = {SG.Support: SG.supports, SG.Oppose: SG.opposes, SG.Neutral: SG.neutralOn}[polarity]
    g.add((holder, direct, target))
    if speaker is not None:
        g.add((s, SG.speaker, speaker))


def build_graphs() -> dict[str, Graph]:
    """One graph per article, following graph/CONTRACT.md."""
    graphs = {"a1": Graph(), "a2": Graph()}
    articles = {
        "a1": ("Kyiv unveils its Victory Plan", A1_URL),
        "a2": ("Reactions & <b>doubts</b>", "javascript:alert(2)"),  # not a link
    }
    sentences = {}
    for aid, (headline, url) in articles.items():
        g = graphs[aid]
        art = ID[f"article/{aid}"]
        g.add((art, RDF.type, SG.Article))
        g.add((art, RDF.type, SCHEMA.NewsArticle))
        g.add((art, DCTERMS.identifier, Literal(aid)))
        g.add((art, DCTERMS.title, Literal(headline)))
        g.add((art, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
        sent = ID[f"article/{aid}/char/0-80"]
        g.add((sent, RDF.type, SG.Sentence))
        g.add((sent, DCTERMS.isPartOf, art))
        g.add((sent, NIF.beginIndex, Literal(0)))
        g.add((sent, NIF.endIndex, Literal(80)))
        sentences[aid] = sent

    zelensky, evil, hungary, reporter = (ID["actor/volodymyr-zelensky"], ID["actor/evil-corp"],
                                         ID["actor/hungary"], ID["actor/reporter"])
    plan, nato = ID["proposal/victory-plan"], ID["proposal/nato-invitation"]
    for g in graphs.values():
        g.add((zelensky, RDF.type, SG.Person))
        g.add((zelensky, RDFS.label, Literal("Volodymyr Zelensky")))
        g.add((zelensky, SKOS.altLabel, Literal("Zelensky")))
        g.add((evil, RDF.type, SG.Organisation))
        g.add((evil, RDFS.label, Literal(EVIL_LABEL)))
        g.add((hungary, RDF.type, SG.Country))
        g.add((hungary, RDFS.label, Literal("Hungary")))
        g.add((reporter, RDF.type, SG.Person))
        g.add((reporter, RDFS.label, Literal("A. Reporter")))
        g.add((plan, RDF.type, SG.Proposal))
        g.add((plan, RDFS.label, Literal("Victory Plan")))
        g.add((plan, SKOS.altLabel, Literal("the plan")))
        g.add((plan, SG.hasPart, nato))
        g.add((nato, RDF.type, SG.Proposal))
        g.add((nato, RDFS.label, Literal("NATO invitation")))
        g.add((nato, SG.partOf, plan))

    a1, a2 = graphs["a1"], graphs["a2"]
    _stance(a1, "s1", zelensky, SG.Support, plan, "Zelensky presented the plan.", sentences["a1"])
    _stance(a2, "s2", zelensky, SG.Support, plan, "He defended the plan again.", sentences["a2"],
            speaker=reporter)
    _stance(a2, "s3", evil, SG.Oppose, plan, EVIL_EVIDENCE, sentences["a2"])
    _stance(a1, "s4", hungary, SG.Neutral, nato, "Hungary has not decided.", sentences["a1"])
    _stance(a2, "s5", hungary, SG.Support, nato, "Hungary backs the invitation.", sentences["a2"])
    return graphs


def build_graph() -> Graph:
    union = Graph()
    for g in build_graphs().values():
        union += g
    return union


def build_dataset(default_union: bool, store: str = "default") -> Dataset:
    ds = Dataset(store=store, default_union=default_union)
    for aid, g in build_graphs().items():
        named = ds.graph(ID[f"graph/{aid}"])
        for triple in g:
            named.add(triple)
    return ds


def _vis_data(page: str, name: str) -> list[dict]:
    m = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", page)
    assert m, f"no {name} DataSet in page"
    return json.loads(m.group(1))


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value is not None:
                self.refs.append((tag, name, value))


@pytest.fixture()
def page(tmp_path) -> tuple[pathlib.Path, dict, str]:
    out = tmp_path / "stances.html"
    counts = write_html(build_graph(), out, title="Test <stances>")
    return out, counts, out.read_text(encoding="utf-8")


def test_counts(page):
    _, counts, text = page
    assert counts == EXPECTED
    assert len(_vis_data(text, "nodes")) == EXPECTED["nodes"]
    assert len(_vis_data(text, "edges")) == EXPECTED["edges"]


# rdflib 7.6's own Dataset.triples warns about its default_context.
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.parametrize("store", ["default", "Oxigraph"])
@pytest.mark.parametrize("default_union", [True, False])
def test_dataset_is_read_as_union(tmp_path, default_union, store):
    ds = build_dataset(default_union, store)
    assert write_html(ds, tmp_path / "ds.html") == EXPECTED
    assert ds.default_union is default_union  # left as it was


def test_empty_graph(tmp_path):
    assert write_html(Graph(), tmp_path / "empty.html") == {"nodes": 0, "edges": 0}


def test_isolated_actors_optional(tmp_path):
    counts = write_html(build_graph(), tmp_path / "all.html", isolated_actors=True)
    assert counts == {"nodes": EXPECTED["nodes"] + 1, "edges": EXPECTED["edges"]}


def test_no_remote_resources(page):
    path, _, text = page
    # No tag loads anything from a remote host.
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*(https?:)?//", text, re.I)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?\s*(https?:)?//", text, re.I)
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?\s*(https?:)?//", text, re.I)
    assert not re.search(r"url\(\s*[\"']?\s*(https?:)?//", text, re.I)
    assert not re.search(r"@import", text, re.I)
    parser = _Refs()
    parser.feed(text)
    for tag, attr, value in parser.refs:
        assert urlparse(value).scheme not in ("http", "https") and not value.startswith("//"), (tag, attr, value)
    # The only remote addresses in src/href anywhere (also inside tooltip data) are
    # the escaped article links, which are data shown on hover, never loaded.
    for m in re.finditer(r"\b(?:src|href)\s*=\s*\\?[\"']?\s*((?:https?:)?//[^\"'\\\s>]+)", text, re.I):
        assert urlparse(m.group(1)).hostname == "example.org", m.group(0)
    assert "cdn.jsdelivr" not in text and "bootstrap.min" not in text


def test_escaping(page):
    _, _, text = page
    assert "<script>alert(1)" not in text
    assert "<img src=x" not in text
    assert "<b>doubts</b>" not in text
    edges = _vis_data(text, "edges")
    nodes = _vis_data(text, "nodes")
    evil_edge = next(e for e in edges if e["from"].endswith("evil-corp"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in evil_edge["title"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Corp" in evil_edge["title"]
    assert "<img" not in evil_edge["title"] and "<script" not in evil_edge["title"]
    evil_node = next(n for n in nodes if n["id"].endswith("evil-corp"))
    assert "&lt;script&gt;" in evil_node["title"] and "<script" not in evil_node["title"]
    # On the canvas the label is plain text (vis draws it with fillText).
    assert evil_node["label"] == EVIL_LABEL
    # Only http(s) URLs become links; the article title is escaped.
    titles = " ".join(e["title"] for e in edges)
    assert 'href="https://example.org/news/a1?x=1&amp;y=2"' in titles
    assert 'href="javascript' not in titles
    assert "Reactions &amp; &lt;b&gt;doubts&lt;/b&gt;" in titles
    # Every tag in a tooltip is one stancegraph wrote.
    allowed = {"div", "b", "i", "span", "ul", "li", "a"}
    for item in nodes + edges:
        assert set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", item["title"])) <= allowed, item["title"]
    assert "<title>Test &lt;stances&gt;</title>" in text


def test_colours_shapes_widths(page):
    _, _, text = page
    for colour in ("#2e7d32", "#c62828", "#9e9e9e"):
        assert colour in text
    edges = _vis_data(text, "edges")
    nodes = _vis_data(text, "nodes")
    by_key = {(e["from"].rsplit("/", 1)[-1], e["color"]["color"], e["to"].rsplit("/", 1)[-1]): e
              for e in edges}
    assert set(by_key) == {
        ("volodymyr-zelensky", "#2e7d32", "victory-plan"),
        ("evil-corp", "#c62828", "victory-plan"),
        ("hungary", "#9e9e9e", "nato-invitation"),
        ("hungary", "#2e7d32", "nato-invitation"),
        ("nato-invitation", "#8d6e63", "victory-plan"),
    }
    two_articles = by_key[("volodymyr-zelensky", "#2e7d32", "victory-plan")]
    one_article = by_key[("evil-corp", "#c62828", "victory-plan")]
    assert two_articles["width"] > one_article["width"]
    assert "2 statements in 2 articles" in two_articles["title"]
    assert "speaker: A. Reporter" in two_articles["title"]
    assert "[a1]" in two_articles["title"] and "[a2]" in two_articles["title"]
    assert by_key[("nato-invitation", "#8d6e63", "victory-plan")]["dashes"] is True
    shapes = {n["id"].rsplit("/", 1)[-1]: n["shape"] for n in nodes}
    assert shapes == {"volodymyr-zelensky": "dot", "evil-corp": "dot", "hungary": "dot",
                      "victory-plan": "box", "nato-invitation": "box"}
    zel = next(n for n in nodes if n["id"].endswith("volodymyr-zelensky"))
    assert "Zelensky" in zel["title"] and "Person" in zel["title"]
    assert 'id="sg-legend"' in text and 'id="sg-stats"' in text


def test_written_atomically(tmp_path):
    out = tmp_path / "sub" / "g.html"
    write_html(build_graph(), out)
    write_html(build_graph(), out)
    assert [p.name for p in out.parent.iterdir()] == ["g.html"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- headless Chromium --------------------------------------------------------------

# Injected first into <head> of a copy: records alert/confirm/prompt calls and every
# resource the page fetched (file: and data: aside) into attributes of <html>.
_GUARD = """<script>
(function () {
  var root = document.documentElement, calls = 0;
  root.setAttribute("data-alerts", "0");
  function record() { calls += 1; root.setAttribute("data-alerts", String(calls)); }
  window.alert = function () { record(); };
  window.confirm = function () { record(); return false; };
  window.prompt = function () { record(); return null; };
  function resources() {
    var remote = performance.getEntriesByType("resource").map(function (e) { return e.name; })
      .filter(function (n) { return !/^(file|data|blob):/.test(n); });
    root.setAttribute("data-remote", JSON.stringify(remote));
  }
  window.addEventListener("load", function () { resources(); setTimeout(resources, 3000); });
})();
</script>"""


def _chromium(*args: str, profile: pathlib.Path) -> subprocess.CompletedProcess:
    exe = shutil.which("chromium")
    if exe is None:
        pytest.fail("the browser tests need headless Chromium: `apt-get install chromium` "
                    "(no `chromium` on PATH)")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--proxy-server=127.0.0.1:9",
           "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=10000", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.root: dict = {}
        self.tags: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.root = a
        if "id" in a:
            self.by_id[a["id"]] = {"tag": tag, **a}
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.mark.browser
def test_chromium_draws_offline(page, tmp_path):
    path, counts, text = page
    guarded = tmp_path / "guarded.html"
    assert text.count("<head>") == 1
    guarded.write_text(text.replace("<head>", "<head>\n" + _GUARD, 1), encoding="utf-8")

    run = _chromium("--dump-dom", guarded.as_uri(), profile=tmp_path / "profile-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = _Dom()
    dom.feed(run.stdout)

    assert "mynetwork" in dom.by_id, run.stdout[:2000]
    assert "canvas" in dom.tags, "vis-network drew no canvas"
    stats = dom.by_id.get("sg-stats")
    assert stats is not None
    assert stats.get("data-nodes") == str(counts["nodes"]) == str(EXPECTED["nodes"]), stats
    assert stats.get("data-edges") == str(counts["edges"]) == str(EXPECTED["edges"]), stats
    assert stats.get("data-stabilized") == "1", "physics did not stop after stabilisation"
    assert dom.root.get("data-alerts") == "0", "a script from the data ran"
    assert json.loads(dom.root.get("data-remote", "null")) == [], dom.root.get("data-remote")
    assert dom.title == "Test <stances>"
    # No element came out of the data: the DOM holds exactly the page's own tags' kinds.
    served = _Dom()
    served.feed(guarded.read_text(encoding="utf-8"))
    assert "img" not in dom.tags
    assert dom.tags.count("script") == served.tags.count("script")

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "stance_graph.png"
    if shot.exists():
        shot.unlink()
    run = _chromium(f"--screenshot={shot}", "--window-size=1200,800", path.as_uri(),
                    profile=tmp_path / "profile-shot")
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 5000, "empty screenshot"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
