"""The HTML view of the stance graph: counts, escaping, offline, focus, the static
picture (SVG/PNG), and (marker `browser`) that headless Chromium draws it with the
network blocked, that its search box and filters work, and that a 1,000-node graph
settles.

The browser tests drive the page through its URL fragment test hook
(`graph.html#sg-test=search:Zelensky;enter;polarity:-oppose`, see graph/html.py),
which sets the controls and dispatches the events a user would cause; the page
writes what it shows into data attributes of #sg-stats, read from `--dump-dom`."""
from __future__ import annotations

import json
import pathlib
import random
import re
import shutil
import struct
import subprocess
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import quote, urlparse

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from conftest import require_tool

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph import html as sg_html
from stancegraph.graph.html import LARGE_GRAPH, picture_command, write_html, write_picture
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
    exe = require_tool("chromium", "chromium")
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


# --- focus ---------------------------------------------------------------------------

PEACE = ID["proposal/peace-deal"]


def build_graph_with_other_proposal() -> Graph:
    """The test graph plus a proposal outside the Victory Plan's neighbourhood."""
    g = build_graph()
    g.add((PEACE, RDF.type, SG.Proposal))
    g.add((PEACE, RDFS.label, Literal("Peace deal")))
    g.add((PEACE, SKOS.altLabel, Literal("Victory Plan B")))  # contains "victory plan", is not it
    _stance(g, "s6", ID["actor/volodymyr-zelensky"], SG.Oppose, PEACE, "No deal.", ID["article/a1/char/0-80"])
    _stance(g, "s7", ID["actor/a-stranger"], SG.Support, PEACE, "A fine deal.", ID["article/a1/char/0-80"])
    g.add((ID["actor/a-stranger"], RDF.type, SG.Group))
    g.add((ID["actor/a-stranger"], RDFS.label, Literal("A stranger")))
    return g


def _tails(items: list[dict], key: str = "id") -> set[str]:
    return {i[key].rsplit("/", 1)[-1] for i in items}


def test_focus_keeps_the_proposal_its_parts_and_holders(tmp_path):
    out = tmp_path / "focus.html"
    # "victory plan" is Victory Plan's label and only part of "Victory Plan B": the exact name wins
    counts = write_html(build_graph_with_other_proposal(), out, focus="  VICTORY   plan ")
    text = out.read_text(encoding="utf-8")
    nodes, edges = _vis_data(text, "nodes"), _vis_data(text, "edges")
    assert _tails(nodes) == {"victory-plan", "nato-invitation", "volodymyr-zelensky", "evil-corp", "hungary"}
    # Zelensky is drawn, his stance on the peace deal is not; Hungary comes in through the part
    assert counts == {"nodes": 5, "edges": 5}
    assert {(e["from"].rsplit("/", 1)[-1], e["to"].rsplit("/", 1)[-1]) for e in edges} == {
        ("volodymyr-zelensky", "victory-plan"), ("evil-corp", "victory-plan"),
        ("hungary", "nato-invitation"), ("nato-invitation", "victory-plan")}
    assert 'id="sg-focus"' in text and "only around Victory Plan" in text


def test_focus_on_a_part_leaves_the_whole_out(tmp_path):
    out = tmp_path / "nato.html"
    assert write_html(build_graph_with_other_proposal(), out, focus="nato") == {"nodes": 2, "edges": 2}
    assert _tails(_vis_data(out.read_text(encoding="utf-8"), "nodes")) == {"nato-invitation", "hungary"}


def test_focus_matches_alt_labels_and_several_proposals(tmp_path):
    g = build_graph_with_other_proposal()
    # an altLabel, exactly
    assert write_html(g, tmp_path / "a.html", focus="THE PLAN") == {"nodes": 5, "edges": 5}
    # contained in two proposals' names (and exact in none): both neighbourhoods
    counts = write_html(g, tmp_path / "b.html", focus="plan")
    assert _tails(_vis_data((tmp_path / "b.html").read_text(encoding="utf-8"), "nodes")) == {
        "victory-plan", "nato-invitation", "peace-deal", "volodymyr-zelensky", "evil-corp", "hungary", "a-stranger"}
    assert counts["nodes"] == 7


def test_focus_without_match_is_one_line_naming_text_and_proposals(tmp_path):
    out = tmp_path / "none.html"
    with pytest.raises(StancegraphError) as err:
        write_html(build_graph_with_other_proposal(), out, focus="Marshall\nPlan?")
    message = str(err.value)
    assert "\n" not in message
    assert "'Marshall Plan?'" in message
    for label in ("Victory Plan", "NATO invitation", "Peace deal"):
        assert repr(label) in message
    assert "3 proposals in all" in message
    assert not out.exists() and list(tmp_path.iterdir()) == []
    with pytest.raises(StancegraphError, match="no proposals"):
        write_html(Graph(), out, focus="anything")
    with pytest.raises(StancegraphError, match="empty"):
        write_html(build_graph(), out, focus="   ")


def test_focus_text_and_labels_are_escaped(tmp_path):
    g = build_graph()
    hostile = ID["proposal/hostile"]
    g.add((hostile, RDF.type, SG.Proposal))
    g.add((hostile, RDFS.label, Literal("<img src=x onerror=alert(1)> plan")))
    _stance(g, "s8", ID["actor/evil-corp"], SG.Support, hostile, "Yes.", ID["article/a1/char/0-80"])
    out = tmp_path / "hostile.html"
    assert write_html(g, out, focus="<img") == {"nodes": 2, "edges": 1}
    text = out.read_text(encoding="utf-8")
    assert "<img" not in text and "<script>alert" not in text
    assert 'data-focus="&lt;img"' in text and "only around &lt;img src=x onerror=alert(1)&gt; plan" in text
    with pytest.raises(StancegraphError) as err:
        write_html(g, out, focus="</script><script>")
    assert "'</script><script>'" in str(err.value) and "\n" not in str(err.value)


def test_page_data_for_the_controls(page):
    _, _, text = page
    nodes, edges = _vis_data(text, "nodes"), _vis_data(text, "edges")
    zel = next(n for n in nodes if n["id"].endswith("volodymyr-zelensky"))
    assert zel["sgNames"] == ["Volodymyr Zelensky", "Zelensky"] and zel["sgKind"] == "actor"
    assert {n["sgKind"] for n in nodes if n["shape"] == "box"} == {"proposal"}
    assert sorted(e["sgPolarity"] for e in edges) == ["neutral", "oppose", "partof", "support", "support"]
    assert 'id="sg-controls"' in text
    # The controls script never hands data to innerHTML: only sgElement/sgShowDetails
    # (Python-escaped tooltip markup) use it.
    script = sg_html._SCRIPT
    controls = script[script.index("function sgControls"):]
    assert "innerHTML" not in controls and "insertAdjacentHTML" not in controls
    assert "document.write" not in script and "eval(" not in script


PAGE = ROOT / "graph" / "page"


def _node_check(tmp_path: pathlib.Path, name: str, script: str) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("no `node` on PATH: the page's script is checked with `node --check`; "
                    "install Debian's nodejs package")
    path = tmp_path / name
    path.write_text(script, encoding="utf-8")
    run = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_the_page_script_parses(page, tmp_path):
    """graph/page/view.js, and the page's own last script (the data and the call to sgStart), are
    JavaScript that node parses."""
    _node_check(tmp_path, "view.js", (PAGE / "view.js").read_text(encoding="utf-8"))
    _, _, text = page
    last = text.rindex("<script")
    data = text[text.index(">", last) + 1: text.index("</script>", last)]
    assert "sgStart(nodes, edges," in data
    _node_check(tmp_path, "data.js", data)


def test_the_page_is_its_own_files_inlined(page):
    """The page's code lives in graph/page/ and html.py holds Python only: the script and style
    are inlined unchanged, and nothing in the page is loaded from elsewhere."""
    _, _, text = page
    for name in ("view.js", "view.css"):
        assert (PAGE / name).read_text(encoding="utf-8") in text, name
    assert "<script src" not in text and "<link" not in text
    python = (ROOT / "graph" / "html.py").read_text(encoding="utf-8")
    python = python[python.index('"""', 3) + 3:]  # after the module's docstring, which may name tags
    for code in ("<script", "<style", "function (", "addEventListener", "<body", "<head"):
        assert code not in python, code


def test_large_graphs_start_from_positions_with_fewer_iterations():
    small, large = sg_html._options(LARGE_GRAPH), sg_html._options(1000)
    assert small["layout"]["improvedLayout"] is True
    assert small["physics"]["stabilization"]["iterations"] == 1000
    assert large["layout"]["improvedLayout"] is False
    assert 50 <= large["physics"]["stabilization"]["iterations"] <= 200
    assert sg_html._stabilization_iterations(100_000) == 50


# --- a synthetic graph of ~1,000 nodes / ~2,000 arrows (graph/CONTRACT.md) ------------

def build_large_graph(n_actors: int = 700, n_proposals: int = 300, n_stances: int = 1900,
                      n_parts: int = 100, n_articles: int = 20, seed: int = 7) -> Graph:
    """Every actor holds at least one stance; some proposals are hubs; 100 part-of pairs."""
    rnd = random.Random(seed)
    g = Graph()
    kinds = [SG.Person, SG.Organisation, SG.Country, SG.Government, SG.Group]
    actors = [ID[f"actor/actor-{i}"] for i in range(n_actors)]
    proposals = [ID[f"proposal/proposal-{i}"] for i in range(n_proposals)]
    for i, a in enumerate(actors):
        g.add((a, RDF.type, kinds[i % len(kinds)]))
        g.add((a, RDFS.label, Literal(f"Actor {i}")))
        if i % 10 == 0:
            g.add((a, SKOS.altLabel, Literal(f"A{i}")))
    for i, p in enumerate(proposals):
        g.add((p, RDF.type, SG.Proposal))
        g.add((p, RDFS.label, Literal(f"Proposal {i}")))
    sentences = []
    for k in range(n_articles):
        art = ID[f"article/big-{k}"]
        g.add((art, RDF.type, SG.Article))
        g.add((art, RDF.type, SCHEMA.NewsArticle))
        g.add((art, DCTERMS.identifier, Literal(f"big-{k}")))
        g.add((art, DCTERMS.title, Literal(f"Article {k}")))
        sent = ID[f"article/big-{k}/char/0-40"]
        g.add((sent, RDF.type, SG.Sentence))
        g.add((sent, DCTERMS.isPartOf, art))
        g.add((sent, NIF.beginIndex, Literal(0)))
        g.add((sent, NIF.endIndex, Literal(40)))
        sentences.append(sent)
    polarities = [(SG.Support, SG.supports), (SG.Oppose, SG.opposes), (SG.Neutral, SG.neutralOn)]
    seen: set[tuple[int, int, int]] = set()
    while len(seen) < n_stances:
        h = len(seen) if len(seen) < n_actors else rnd.randrange(n_actors)
        t, k = int(n_proposals * rnd.random() ** 2), rnd.randrange(3)
        if (h, k, t) in seen:
            continue
        seen.add((h, k, t))
        s = ID[f"stance/big-{len(seen)}"]
        pol, direct = polarities[k]
        g.add((s, RDF.type, SG.Stance))
        g.add((s, SG.holder, actors[h]))
        g.add((s, SG.target, proposals[t]))
        g.add((s, SG.polarity, pol))
        g.add((s, SG.evidence, Literal(f"Actor {h} on proposal {t}.")))
        g.add((s, PROV.wasDerivedFrom, rnd.choice(sentences)))
        g.add((s, SG.confidence, Literal(0.8)))
        g.add((s, SG.rule, Literal("synthetic")))
        g.add((actors[h], direct, proposals[t]))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_parts:
        a, b = rnd.randrange(n_proposals), rnd.randrange(n_proposals)
        if a != b and (b, a) not in pairs:
            pairs.add((a, b))
    for a, b in pairs:
        g.add((proposals[a], SG.partOf, proposals[b]))
        g.add((proposals[b], SG.hasPart, proposals[a]))
    return g


@pytest.fixture(scope="module")
def large_page(tmp_path_factory) -> tuple[pathlib.Path, dict, float]:
    out = tmp_path_factory.mktemp("large") / "large.html"
    started = time.perf_counter()
    counts = write_html(build_large_graph(), out, title="1,000 nodes")
    return out, counts, time.perf_counter() - started


def test_large_page_has_positions_and_is_deterministic(large_page, tmp_path):
    path, counts, seconds = large_page
    assert counts == {"nodes": 1000, "edges": 2000}
    assert seconds < 60, f"write_html took {seconds:.1f} s for 1,000 nodes"
    text = path.read_text(encoding="utf-8")
    nodes = _vis_data(text, "nodes")
    assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)
    assert '"improvedLayout": false' in text
    again = tmp_path / "again.html"
    write_html(build_large_graph(), again, title="1,000 nodes")
    assert again.read_text(encoding="utf-8") == text


# --- the static picture ---------------------------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "</text><script>alert(1)</script> & \"Q\" 'q' ]]> <![CDATA[x]]> \x01\x1b end"


def build_hostile_graph() -> Graph:
    g = build_graph()
    g.set((ID["actor/hungary"], RDFS.label, Literal(HOSTILE)))
    g.add((ID["actor/hungary"], SKOS.altLabel, Literal("<b>alt</b> &amp;")))
    g.set((ID["proposal/nato-invitation"], RDFS.label, Literal("NATO <invitation> & \"friends\"")))
    return g


def _svg_tree(path: pathlib.Path) -> ET.Element:
    return ET.parse(path).getroot()  # raises on anything not well-formed


def test_svg_is_well_formed_and_escapes_labels(tmp_path):
    out = tmp_path / "graph.svg"
    info = write_picture(build_hostile_graph(), out, "svg", title="Report <1> & co")
    assert info["nodes"] == EXPECTED["nodes"] and info["edges"] == EXPECTED["edges"]
    raw = out.read_text(encoding="utf-8")
    assert "<script" not in raw and "<b>" not in raw and "\x01" not in raw and "\x1b" not in raw
    root = _svg_tree(out)
    assert root.tag == SVG_NS + "svg"
    assert (root.get("width"), root.get("height")) == (str(info["width"]), str(info["height"]))
    tags = {el.tag for el in root.iter()}
    assert tags <= {SVG_NS + t for t in ("svg", "title", "defs", "marker", "path", "rect", "text", "g",
                                         "circle", "line")}, tags
    assert not any(k.endswith("href") for el in root.iter() for k in el.attrib)
    texts = [el.text or "" for el in root.iter(SVG_NS + "text")]
    clean = HOSTILE.replace("\x01", "").replace("\x1b", "")
    assert clean[: sg_html._PIC_LABEL_MAX - 1] + "\u2026" in texts  # shortened on the canvas
    titles = [el.text or "" for el in root.iter(SVG_NS + "title")]
    assert clean + " (also: <b>alt</b> &amp;)" in titles  # the whole label in the tooltip
    assert 'NATO <invitation> & "friends"' in texts
    assert titles[0] == "Report <1> & co"
    edges = [el for el in root.iter(SVG_NS + "path") if el.get("data-polarity")]
    assert sorted(e.get("data-polarity") for e in edges) == ["neutral", "oppose", "partof", "support", "support"]
    colours = {e.get("data-polarity"): e.get("stroke") for e in edges}
    assert colours == {"support": "#2e7d32", "oppose": "#c62828", "neutral": "#9e9e9e", "partof": "#8d6e63"}
    assert len([g for g in root.iter(SVG_NS + "g") if g.get("class") in ("sg-actor", "sg-proposal")]) == 5
    # Same graph, same picture.
    again = tmp_path / "again.svg"
    write_picture(build_hostile_graph(), again, "svg", title="Report <1> & co")
    assert again.read_bytes() == out.read_bytes()


def test_svg_focus_and_errors(tmp_path):
    out = tmp_path / "nato.svg"
    info = write_picture(build_graph_with_other_proposal(), out, "svg", focus="NATO")
    assert (info["nodes"], info["edges"]) == (2, 2)
    root = _svg_tree(out)
    assert len([g for g in root.iter(SVG_NS + "g") if g.get("class") in ("sg-actor", "sg-proposal")]) == 2
    with pytest.raises(StancegraphError, match="Marshall"):
        write_picture(build_graph(), tmp_path / "x.svg", "svg", focus="Marshall")
    with pytest.raises(StancegraphError, match="png or svg"):
        write_picture(build_graph(), tmp_path / "x.gif", "gif")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nato.svg"]
    empty = tmp_path / "empty.svg"
    assert write_picture(Graph(), empty, "svg")["nodes"] == 0
    _svg_tree(empty)


def test_large_svg(tmp_path):
    out = tmp_path / "large.svg"
    started = time.perf_counter()
    info = write_picture(build_large_graph(), out, "svg")
    assert time.perf_counter() - started < 60
    assert (info["nodes"], info["edges"]) == (1000, 2000)
    root = _svg_tree(out)
    assert len([el for el in root.iter(SVG_NS + "path") if el.get("data-polarity")]) == 2000


def test_png_without_chromium_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCEGRAPH_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = tmp_path / "graph.png"
    with pytest.raises(StancegraphError) as err:
        write_picture(build_graph(), out, "png")
    message = str(err.value)
    assert "\n" not in message and "Chromium" in message and "install" in message and "svg" in message
    assert list(tmp_path.iterdir()) == []


def _write_ttl(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "graph.ttl"
    build_graph_with_other_proposal().serialize(path, format="turtle")
    return path


def test_picture_command(tmp_path):
    graph = _write_ttl(tmp_path)
    svg = picture_command(graph, None, "svg", None)
    assert svg.path == tmp_path / "graph.svg" and (svg.nodes, svg.edges) == (7, 7)
    _svg_tree(svg.path)
    focused = picture_command(graph, None, "svg", "NATO invitation")
    assert focused.path == tmp_path / "graph-nato-invitation.svg" and (focused.nodes, focused.edges) == (2, 2)
    assert "graph-nato-invitation.svg (svg: 2 nodes, 2 arrows)" in focused.summary()
    page = picture_command(graph, tmp_path / "out" / "view.html", None, "victory plan")
    assert page.format == "html" and (page.nodes, page.edges) == (5, 5)
    assert "stancegraph: graph.ttl" in page.path.read_text(encoding="utf-8")
    inferred = picture_command(graph, tmp_path / "pic.svg", None, None)
    assert inferred.format == "svg"
    assert picture_command(graph, None, None, None).path == tmp_path / "graph.html"
    with pytest.raises(StancegraphError, match="unknown format 'gif'"):
        picture_command(graph, None, "gif", None)
    with pytest.raises(StancegraphError, match="no such graph file"):
        picture_command(tmp_path / "missing.ttl", None, "svg", None)
    with pytest.raises(StancegraphError, match="overwrite the graph"):
        picture_command(graph, graph, "html", None)
    with pytest.raises(StancegraphError, match="'Marshall'"):
        picture_command(graph, None, "html", "Marshall")


@pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")
def test_picture_command_reads_trig_as_union(tmp_path):
    ds = build_dataset(default_union=False)
    path = tmp_path / "graph.trig"
    ds.serialize(path, format="trig")
    assert (picture_command(path, None, "svg", None).nodes,) == (EXPECTED["nodes"],)


# --- headless Chromium: the controls, the picture, a 1,000-node graph ------------------

class _Controls(HTMLParser):
    """Attributes of elements with an id, the text of #sg-search-count, and the
    options of each <select>."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.options: dict[str, list[str]] = {}
        self.text: dict[str, str] = {}
        self.root: dict = {}
        self._select: str | None = None
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.root = a
        if "id" in a:
            self.by_id[a["id"]] = {"tag": tag, **a}
            self._in = a["id"]
            self.text.setdefault(a["id"], "")
        if tag == "select":
            self._select = a.get("id")
            self.options[self._select] = []
        elif tag == "option" and self._select is not None:
            self.options[self._select].append("")
            self._in = "option"

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        self._in = None

    def handle_data(self, data):
        if self._in == "option" and self._select is not None:
            self.options[self._select][-1] += data
        elif self._in is not None:
            self.text[self._in] += data


def _drive(path: pathlib.Path, actions: str, tmp_path: pathlib.Path, budget: int = 10000) -> _Controls:
    """Open `path` with the test hook `actions`, guarded (alerts and remote loads
    recorded), and return the dumped DOM."""
    text = path.read_text(encoding="utf-8")
    guarded = tmp_path / ("guarded-" + path.name)
    if not guarded.exists():
        guarded.write_text(text.replace("<head>", "<head>\n" + _GUARD, 1), encoding="utf-8")
    url = guarded.as_uri() + ("#sg-test=" + quote(actions, safe=":;-+") if actions else "")
    profile = tmp_path / f"profile-{abs(hash(actions))}"
    run = _chromium("--dump-dom", f"--virtual-time-budget={budget}", url, profile=profile)
    assert run.returncode == 0, run.stderr[-2000:]
    dom = _Controls()
    dom.feed(run.stdout)
    assert "sg-stats" in dom.by_id, run.stdout[:2000]
    assert dom.root.get("data-alerts") == "0", "a script from the data ran"
    assert json.loads(dom.root.get("data-remote", "null")) == [], dom.root.get("data-remote")
    return dom


def _shown(dom: _Controls) -> dict[str, str]:
    stats = dom.by_id["sg-stats"]
    keys = ("shown-nodes", "shown-edges", "dimmed-nodes", "dimmed-edges", "matches", "match", "focused",
            "selected", "stabilized", "test")
    return {k: stats.get("data-" + k) for k in keys}


@pytest.mark.browser
def test_chromium_controls_are_built_from_text(page, tmp_path):
    path, _, _ = page
    dom = _drive(path, "", tmp_path)
    for control in ("sg-search", "sg-pol-support", "sg-pol-oppose", "sg-pol-neutral", "sg-proposal",
                    "sg-actor", "sg-reset", "sg-legend"):
        assert control in dom.by_id, control
    assert dom.by_id["sg-search"]["tag"] == "input"
    # The hostile label is an option's text, not markup.
    assert dom.options["sg-actor"] == ["all actors", EVIL_LABEL, "Hungary", "Volodymyr Zelensky"]
    assert dom.options["sg-proposal"] == ["all proposals", "NATO invitation", "Victory Plan"]
    assert _shown(dom) | {"test": None} == {
        "shown-nodes": "5", "shown-edges": "5", "dimmed-nodes": "0", "dimmed-edges": "0", "matches": "0",
        "match": "0", "focused": "", "selected": "0", "stabilized": "1", "test": None}
    assert dom.text["sg-stats"] == "5 nodes, 5 arrows"


# (actions, what #sg-stats reports after the last one, the text beside the search box)
SCENARIOS = {
    "search": ("search:zel", {"shown-nodes": "5", "shown-edges": "5", "matches": "1", "selected": "1",
                              "dimmed-nodes": "4", "dimmed-edges": "4", "match": "0"}, "1 match"),
    "search-enter-polarity": (
        "search:zel;enter;polarity:-oppose",
        {"shown-nodes": "5", "shown-edges": "4", "matches": "1", "match": "1",
         "focused": "Volodymyr Zelensky", "dimmed-nodes": "4", "dimmed-edges": "3"},
        "1 / 1: Volodymyr Zelensky"),
    # "a": the evil label, Hungary, NATO invitation, Victory Plan, in label order
    "enter-cycles": ("search:a;enter;enter;enter", {"matches": "4", "match": "3", "focused": "NATO invitation"},
                     "3 / 4: NATO invitation"),
    "enter-wraps": ("search:A;enter;enter;enter;enter;enter;shift-enter",
                    {"matches": "4", "match": "4", "focused": "Victory Plan"}, "4 / 4: Victory Plan"),
    "shift-enter-first": ("search:a;shift-enter", {"match": "4", "focused": "Victory Plan"}, None),
    "alt-label": ("search:the plan", {"matches": "1", "focused": ""}, "1 match"),
    "no-match": ("search:nobody", {"matches": "0", "dimmed-nodes": "5", "selected": "0"}, "no match"),
    "two-polarities-off": ("polarity:-support;polarity:-neutral",
                           {"shown-nodes": "5", "shown-edges": "2", "matches": "0", "dimmed-nodes": "0"}, ""),
    "proposal": ("proposal:nato invitation", {"shown-nodes": "2", "shown-edges": "2"}, ""),
    "proposal-and-part": ("proposal:Victory Plan;polarity:-neutral", {"shown-nodes": "5", "shown-edges": "4"}, ""),
    "proposal-polarity-drops-holders": ("polarity:-support;proposal:NATO invitation",
                                        {"shown-nodes": "2", "shown-edges": "1"}, ""),
    "actor": ("actor:hungary", {"shown-nodes": "2", "shown-edges": "2"}, ""),
    "actor-and-search": ("actor:Volodymyr;search:plan",
                         {"shown-nodes": "2", "shown-edges": "1", "matches": "1", "dimmed-nodes": "1"}, "1 match"),
    "reset": ("search:zel;polarity:-oppose;proposal:victory plan;actor:hungary;reset",
              {"shown-nodes": "5", "shown-edges": "5", "matches": "0", "dimmed-nodes": "0",
               "dimmed-edges": "0", "selected": "0"}, ""),
}


@pytest.fixture(scope="module")
def scenario_steps(tmp_path_factory) -> dict[str, dict]:
    """Every scenario replayed in one page load, a reset between two: the state after
    each scenario's last action."""
    tmp = tmp_path_factory.mktemp("scenarios")
    path = tmp / "stances.html"
    write_html(build_graph(), path, title="Test <stances>")
    actions, last = [], {}
    for name, (scenario, _, _) in SCENARIOS.items():
        actions.extend(scenario.split(";"))
        last[name] = len(actions) - 1
        actions.append("reset")
    dom = _drive(path, ";".join(actions), tmp, budget=20000)
    stats = dom.by_id["sg-stats"]
    assert stats.get("data-test") == "done", stats
    steps = json.loads(stats["data-test-steps"])
    assert [s["action"] for s in steps] == actions
    # the state when the page settled is the one after the last reset
    assert steps[-1]["shown-nodes"] == stats["data-shown-nodes"] == "5"
    return {name: steps[i] for name, i in last.items()}


@pytest.mark.browser
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_chromium_search_and_filters(scenario_steps, name):
    _, expected, count_text = SCENARIOS[name]
    shown = scenario_steps[name]
    assert shown["stabilized"] == "1"
    assert {k: shown.get(k) for k in expected} == expected, shown
    if count_text is not None:
        assert shown["count"] == count_text
    if name == "search-enter-polarity":
        assert shown["text"] == "showing 5 of 5 nodes, 4 of 5 arrows"


@pytest.mark.browser
def test_chromium_one_scenario_alone(page, tmp_path):
    """The same actions on a fresh page, read from the DOM itself."""
    path, _, _ = page
    dom = _drive(path, "search:zel;enter;polarity:-oppose", tmp_path)
    shown = _shown(dom)
    assert shown["test"] == "done", shown
    assert {k: shown[k] for k in SCENARIOS["search-enter-polarity"][1]} == SCENARIOS["search-enter-polarity"][1]
    assert dom.text["sg-search-count"] == "1 / 1: Volodymyr Zelensky"
    assert dom.text["sg-stats"] == "showing 5 of 5 nodes, 4 of 5 arrows"


@pytest.mark.browser
def test_chromium_reports_a_bad_test_action(page, tmp_path):
    path, _, _ = page
    assert _shown(_drive(path, "actor:nobody", tmp_path))["test"] == "error: no actor nobody"


@pytest.mark.browser
def test_chromium_screenshot_with_controls(page, tmp_path):
    path, _, _ = page
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "stance_graph_controls.png"
    if shot.exists():
        shot.unlink()
    url = path.as_uri() + "#sg-test=" + quote("search:zel;enter;polarity:-neutral", safe=":;-+")
    run = _chromium(f"--screenshot={shot}", "--window-size=1200,800", "--hide-scrollbars", url,
                    profile=tmp_path / "profile-shot")
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists() and shot.stat().st_size > 5000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_chromium_large_graph_settles_and_stays_usable(large_page, tmp_path):
    path, counts, _ = large_page
    started = time.perf_counter()
    # A bounded virtual time (10 s) and wall time: the 20 s fallback freeze cannot be what stopped it.
    dom = _drive(path, "search:actor 12;enter;polarity:-oppose;proposal:Proposal 3", tmp_path, budget=10000)
    wall = time.perf_counter() - started
    stats = dom.by_id["sg-stats"]
    assert stats.get("data-nodes") == "1000" and stats.get("data-edges") == "2000"
    assert stats.get("data-stabilized") == "1", "physics did not stop within the virtual time budget"
    assert stats.get("data-stabilized-by") in ("iterations", "stabilized"), stats
    assert stats.get("data-test") == "done", stats   # the controls answered after stabilisation
    assert wall < 120, f"Chromium took {wall:.0f} s"
    # What each step should show, worked out from the page's own data.
    text = path.read_text(encoding="utf-8")
    nodes, edges = _vis_data(text, "nodes"), _vis_data(text, "edges")
    label = {n["id"]: n["label"] for n in nodes}
    p3 = next(n["id"] for n in nodes if n["label"] == "Proposal 3")
    kept = {p3}
    todo = [p3]
    while todo:  # Proposal 3 and its parts, transitively
        whole = todo.pop()
        for e in edges:
            if e["sgPolarity"] == "partof" and e["to"] == whole and e["from"] not in kept:
                kept.add(e["from"])
                todo.append(e["from"])
    kept |= {e["from"] for e in edges if e["sgPolarity"] in ("support", "neutral") and e["to"] in kept}
    shown_edges = [e for e in edges if e["sgPolarity"] != "oppose" and e["from"] in kept and e["to"] in kept]
    hits = sorted((i for i in label if "actor 12" in label[i].lower()), key=lambda i: label[i].lower())
    assert len(hits) == 11  # Actor 12, Actor 120..129
    steps = {s["action"]: s for s in json.loads(stats["data-test-steps"])}
    assert steps["search:actor 12"]["matches"] == "11" and steps["search:actor 12"]["dimmed-nodes"] == "989"
    assert steps["enter"]["focused"] == "Actor 12" and steps["enter"]["match"] == "1"
    n_oppose = sum(e["sgPolarity"] == "oppose" for e in edges)
    assert steps["polarity:-oppose"]["shown-edges"] == str(2000 - n_oppose)
    last = steps["proposal:Proposal 3"]
    assert last["shown-nodes"] == str(len(kept)) and last["shown-edges"] == str(len(shown_edges))
    assert last["matches"] == str(len([i for i in hits if i in kept]))

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "stance_graph_large.png"
    if shot.exists():
        shot.unlink()
    run = _chromium(f"--screenshot={shot}", "--window-size=1400,900", "--hide-scrollbars", path.as_uri(),
                    profile=tmp_path / "profile-large-shot")
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _png_size(path: pathlib.Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_png_picture(tmp_path):
    require_tool("chromium", "chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / "stance_picture.png"
    if out.exists():
        out.unlink()
    info = write_picture(build_hostile_graph(), out, "png", title="stancegraph picture")
    assert _png_size(out) == (info["width"], info["height"])
    assert out.stat().st_size > 5000
    write_picture(build_hostile_graph(), ARTIFACTS / "stance_picture.svg", "svg", title="stancegraph picture")
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".stance_picture")] == []
