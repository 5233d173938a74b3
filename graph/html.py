"""The stance graph as one self-contained, interactive HTML page (pyvis / vis-network).

`write_html(graph, path)` reads the graph of `graph/CONTRACT.md` with three SPARQL
queries (nodes, stances, proposal parts) and draws:

* actors as dots coloured by kind (Person, Organisation, ...), proposals as boxes;
* one arrow per (holder, polarity, target): green support, red oppose, grey
  neutral; its width grows with the number of distinct articles behind it, its
  tooltip lists every evidence sentence with article and speaker;
* `sg:partOf` between proposals as a dashed arrow from the part to the whole.

Safety: every piece of text that came from articles (labels, evidence, titles,
URLs, IRIs) is passed through `html.escape` before it becomes part of a tooltip,
the legend or the details panel; only http(s) URLs become links. vis-network
9.1.2 (bundled by pyvis 0.3.2) shows a *string* title with `innerText`, so the
page turns our (already escaped) tooltip HTML into elements itself. Node labels
on the canvas are plain canvas text (never parsed as HTML) and are left raw so
"AT&T" does not read "AT&amp;T"; pyvis embeds all node/edge data with Jinja's
`tojson`, which writes `<`, `>`, `&` and `'` as `\\u00XX`, so no data can close
the `<script>` element it sits in. (Do not turn on pyvis's `select_menu` /
`filter_menu`: those templates print labels into HTML unescaped.)

Offline: vis-network is inlined (`cdn_resources="in_line"`) and the Bootstrap
`<link>`/`<script>` that pyvis 0.3.2 still loads from a CDN are removed; the page
loads nothing from the network.
"""
from __future__ import annotations

import html
import json
import os
import pathlib
import re
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Optional

import rdflib
from pyvis.network import Network
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from .vocab import SCHEMA, SG

__all__ = ["write_html", "POLARITY_COLOURS", "KIND_COLOURS", "PROPOSAL_COLOUR"]

POLARITY_COLOURS = {"support": "#2e7d32", "oppose": "#c62828", "neutral": "#9e9e9e"}
POLARITY_VERBS = {"support": "supports", "oppose": "opposes", "neutral": "is neutral on"}
POLARITY_ORDER = ("support", "oppose", "neutral")
_POLARITY_OF = {SG.Support: "support", SG.Oppose: "oppose", SG.Neutral: "neutral"}

# Actor kinds in priority order (an actor typed twice takes the first kind listed).
KIND_COLOURS = {
    "Person": "#1565c0",
    "Organisation": "#6a1b9a",
    "Country": "#00838f",
    "Government": "#5d4037",
    "Group": "#ad1457",
    "Actor": "#546e7a",  # a stance holder without one of the five classes
}
_KIND_OF = {
    SG.Person: "Person",
    SG.Organisation: "Organisation",
    SG.Country: "Country",
    SG.Government: "Government",
    SG.Group: "Group",
}
PROPOSAL_COLOUR = {"background": "#fff3c4", "border": "#f9a825"}
PART_OF_COLOUR = "#8d6e63"

TOOLTIP_EVIDENCE_MAX = 8  # more are listed in the click panel only

# Plain strings: oxrdflib's store takes no DefinedNamespace here.
_NS = {"sg": str(SG), "rdfs": str(RDFS), "skos": str(SKOS), "dcterms": str(DCTERMS),
       "prov": str(PROV), "schema": str(SCHEMA)}

_Q_NODES = """
SELECT ?n ?cls ?label ?alt WHERE {
  VALUES ?cls { sg:Person sg:Organisation sg:Country sg:Government sg:Group sg:Proposal }
  ?n a ?cls .
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n skos:altLabel ?alt }
}
"""

_Q_STANCES = """
SELECT ?s ?holder ?target ?pol ?evidence ?aid ?atitle ?url ?speaker ?speakerLabel
       ?holderLabel ?targetLabel WHERE {
  ?s a sg:Stance ; sg:holder ?holder ; sg:target ?target ; sg:polarity ?pol .
  OPTIONAL { ?holder rdfs:label ?holderLabel }
  OPTIONAL { ?target rdfs:label ?targetLabel }
  OPTIONAL { ?s sg:evidence ?evidence }
  OPTIONAL {
    ?s prov:wasDerivedFrom ?src .
    ?src dcterms:isPartOf* ?art .
    ?art dcterms:identifier ?aid .
    OPTIONAL { ?art dcterms:title ?atitle }
    OPTIONAL { ?art schema:url ?url }
  }
  OPTIONAL { ?s sg:speaker ?speaker . OPTIONAL { ?speaker rdfs:label ?speakerLabel } }
}
"""

_Q_PARTS = """
SELECT DISTINCT ?part ?whole ?partLabel ?wholeLabel WHERE {
  { ?part sg:partOf ?whole } UNION { ?whole sg:hasPart ?part }
  OPTIONAL { ?part rdfs:label ?partLabel }
  OPTIONAL { ?whole rdfs:label ?wholeLabel }
}
"""


@dataclass
class _Node:
    iri: str
    kind: str  # an actor kind or "Proposal"
    labels: set[str] = field(default_factory=set)
    alts: set[str] = field(default_factory=set)

    @property
    def is_proposal(self) -> bool:
        return self.kind == "Proposal"

    @property
    def label(self) -> str:
        return min(self.labels) if self.labels else _local_name(self.iri)


@dataclass(frozen=True)
class _Evidence:
    text: str
    article_id: Optional[str]
    article_title: Optional[str]
    url: Optional[str]
    speaker: Optional[str]


def _local_name(iri: str) -> str:
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail or iri


def _text(term) -> Optional[str]:
    if term is None:
        return None
    value = str(term).strip()
    return value or None


@contextmanager
def _union_view(graph: rdflib.Graph) -> Iterator[rdflib.Graph]:
    """Query a Dataset/ConjunctiveGraph over the union of its named graphs."""
    if isinstance(graph, rdflib.ConjunctiveGraph) and not getattr(graph, "default_union", True):
        graph.default_union = True
        try:
            yield graph
        finally:
            graph.default_union = False
    else:
        yield graph


def _read(graph: rdflib.Graph):
    """Nodes, stance edges {(holder, polarity, target): [evidence]}, part-of pairs."""
    nodes: dict[str, _Node] = {}
    with _union_view(graph) as g:
        node_rows = list(g.query(_Q_NODES, initNs=_NS))
        stance_rows = list(g.query(_Q_STANCES, initNs=_NS))
        part_rows = list(g.query(_Q_PARTS, initNs=_NS))

    kind_rank = {k: i for i, k in enumerate(list(KIND_COLOURS) + ["Proposal"])}
    for row in node_rows:
        iri = str(row.n)
        kind = "Proposal" if row.cls == SG.Proposal else _KIND_OF[row.cls]
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = _Node(iri, kind)
        elif kind == "Proposal" or (not node.is_proposal and kind_rank[kind] < kind_rank[node.kind]):
            node.kind = kind
        if (label := _text(row.label)) is not None:
            node.labels.add(label)
        if (alt := _text(row.alt)) is not None:
            node.alts.add(alt)

    def ensure(term, label, kind: str) -> _Node:
        iri = str(term)
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = _Node(iri, kind)
        if (text := _text(label)) is not None and not node.labels:
            node.labels.add(text)
        return node

    stances: dict[tuple[str, str, str], dict[_Evidence, None]] = defaultdict(dict)
    for row in stance_rows:
        polarity = _POLARITY_OF.get(row.pol)
        if polarity is None:  # not one of the contract's three polarities
            continue
        holder = ensure(row.holder, row.holderLabel, "Actor")
        target = ensure(row.target, row.targetLabel, "Proposal")
        evidence = _Evidence(
            text=_text(row.evidence) or "",
            article_id=_text(row.aid),
            article_title=_text(row.atitle),
            url=_text(row.url),
            speaker=_text(row.speakerLabel) or (_local_name(str(row.speaker)) if row.speaker else None),
        )
        stances[(holder.iri, polarity, target.iri)][evidence] = None

    parts: set[tuple[str, str]] = set()
    for row in part_rows:
        part = ensure(row.part, row.partLabel, "Proposal")
        whole = ensure(row.whole, row.wholeLabel, "Proposal")
        if part.iri != whole.iri:
            parts.add((part.iri, whole.iri))

    return nodes, {k: list(v) for k, v in stances.items()}, parts


# --- tooltips (all data escaped here) ---------------------------------------------

def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _link(url: Optional[str], text: str) -> str:
    """`text` (already escaped) as a link when `url` is http(s), else as it is."""
    if url and re.match(r"(?i)^https?://[^\s]+$", url):
        return f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text


def _node_html(node: _Node) -> str:
    kind = "proposal" if node.is_proposal else f"actor ({node.kind})"
    parts = [f"<b>{_e(node.label)}</b>", f'<div class="sg-kind">{_e(kind)}</div>']
    alts = sorted(node.alts - {node.label})
    if alts:
        parts.append("<div>also: " + "; ".join(_e(a) for a in alts) + "</div>")
    parts.append(f'<div class="sg-iri">{_e(node.iri)}</div>')
    return '<div class="sg-tip">' + "".join(parts) + "</div>"


def _evidence_html(ev: _Evidence) -> str:
    quote = f"\u201c{_e(ev.text)}\u201d" if ev.text else "<i>(no evidence sentence)</i>"
    meta = []
    if ev.article_id or ev.article_title or ev.url:
        name = _e(ev.article_title) if ev.article_title else ""
        ident = f"[{_e(ev.article_id)}]" if ev.article_id else ""
        shown = " ".join(x for x in (ident, name) if x) or _e(ev.url)
        meta.append("article " + _link(ev.url, shown))
    if ev.speaker:
        meta.append("speaker: " + _e(ev.speaker))
    line = quote
    if meta:
        line += '<div class="sg-meta">' + " \u00b7 ".join(meta) + "</div>"
    return "<li>" + line + "</li>"


def _edge_html(holder: _Node, polarity: str, target: _Node, evidence: list[_Evidence],
               limit: Optional[int]) -> str:
    articles = {ev.article_id for ev in evidence if ev.article_id}
    head = (f"<b>{_e(holder.label)}</b> "
            f'<span style="color:{POLARITY_COLOURS[polarity]}"><b>{POLARITY_VERBS[polarity]}</b></span> '
            f"<b>{_e(target.label)}</b>")
    count = (f'<div class="sg-kind">{len(evidence)} statement{"s" if len(evidence) != 1 else ""}'
             f' in {len(articles)} article{"s" if len(articles) != 1 else ""}</div>')
    shown = evidence if limit is None else evidence[:limit]
    items = "".join(_evidence_html(ev) for ev in shown)
    more = ""
    if len(shown) < len(evidence):
        more = f'<div class="sg-kind">\u2026 and {len(evidence) - len(shown)} more (click the arrow)</div>'
    return f'<div class="sg-tip">{head}{count}<ul>{items}</ul>{more}</div>'


# --- page ---------------------------------------------------------------------

_STYLE = """
<style type="text/css">
  html, body { height: 100%; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         display: flex; flex-direction: column; overflow: hidden; }
  #sg-header { flex: 0 0 auto; }
  body > .card { flex: 1 1 auto; min-height: 0; position: relative; }
  #mynetwork { height: 100% !important; box-sizing: border-box; float: none !important;
               border: none !important; }
  #sg-header { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px;
               padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 13px; }
  #sg-header h1 { font-size: 17px; margin: 0 8px 0 0; }
  .sg-legend { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; }
  .sg-legend span.sg-item { display: inline-flex; align-items: center; gap: 5px; }
  .sg-dot { display: inline-block; width: 12px; height: 12px; border-radius: 50%; }
  .sg-box { display: inline-block; width: 18px; height: 11px; border: 2px solid; }
  .sg-line { display: inline-block; width: 26px; height: 0; border-top: 3px solid; }
  .sg-dashed { border-top-style: dashed; border-top-width: 2px; }
  #sg-stats { color: #555; }
  .card { border: none !important; }
  div.vis-tooltip { white-space: normal !important; max-width: 480px; font-family: inherit !important;
                    font-size: 13px !important; }
  .sg-tip ul { margin: 4px 0 0 0; padding-left: 18px; }
  .sg-tip li { margin-bottom: 4px; }
  .sg-meta, .sg-kind { color: #555; font-size: 12px; }
  .sg-iri { color: #888; font-size: 11px; word-break: break-all; }
  #sg-details { display: none; position: fixed; right: 12px; bottom: 12px; width: 420px;
                max-height: 55vh; overflow: auto; background: #fffef8; border: 1px solid #aaa;
                border-radius: 4px; box-shadow: 2px 2px 10px rgba(0,0,0,.2); padding: 8px 10px;
                font-size: 13px; z-index: 20; }
  #sg-details button { float: right; border: none; background: none; font-size: 16px; cursor: pointer; }
</style>
"""

_SCRIPT = """
<script type="text/javascript">
  // Tooltip strings were built (and escaped) by stancegraph; vis-network 9 would show
  // a string title as plain text, so hand it an element instead.
  function sgElement(markup) {
    var div = document.createElement("div");
    div.innerHTML = markup;
    return div;
  }
  function sgPrepare(nodes, edges) {
    [nodes, edges].forEach(function (set) {
      set.update(set.get().filter(function (item) { return typeof item.title === "string"; })
        .map(function (item) { return {id: item.id, title: sgElement(item.title)}; }));
    });
  }
  function sgShowDetails(markup) {
    var panel = document.getElementById("sg-details");
    var body = document.getElementById("sg-details-body");
    if (!markup) { panel.style.display = "none"; body.innerHTML = ""; return; }
    body.innerHTML = markup;
    panel.style.display = "block";
  }
  function sgAfter(network, nodes, edges) {
    var stats = document.getElementById("sg-stats");
    stats.setAttribute("data-nodes", String(network.body.data.nodes.length));
    stats.setAttribute("data-edges", String(network.body.data.edges.length));
    stats.textContent = network.body.data.nodes.length + " nodes, " +
                        network.body.data.edges.length + " arrows";
    var frozen = false;
    function freeze() {
      if (frozen) { return; }
      frozen = true;
      network.setOptions({physics: {enabled: false}});
      stats.setAttribute("data-stabilized", "1");
    }
    network.once("stabilizationIterationsDone", freeze);
    network.once("stabilized", freeze);
    setTimeout(freeze, 20000);  // whatever happens, stop moving
    network.on("click", function (params) {
      var markup = null;
      if (params.nodes.length) { markup = (sgDetails.nodes[params.nodes[0]] || null); }
      else if (params.edges.length) { markup = (sgDetails.edges[params.edges[0]] || null); }
      sgShowDetails(markup);
    });
  }
</script>
"""

_NETWORK_ANCHOR = "network = new vis.Network(container, data, options);"

_REMOTE_TAG = re.compile(
    r"""<(?P<tag>link|script)\b[^>]*?\b(?:href|src)\s*=\s*["']?\s*(?:https?:)?//[^>]*>"""
    r"""(?:\s*</script\s*>)?""",
    re.IGNORECASE,
)
# Anything that would make the browser fetch from another host.
_REMOTE_REF = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def _legend(title: str) -> str:
    items = []
    for kind, colour in KIND_COLOURS.items():
        if kind == "Actor":
            continue
        items.append(f'<span class="sg-item"><span class="sg-dot" style="background:{colour}"></span>'
                     f"{_e(kind)}</span>")
    items.append(f'<span class="sg-item"><span class="sg-box" style="background:{PROPOSAL_COLOUR["background"]};'
                 f'border-color:{PROPOSAL_COLOUR["border"]}"></span>Proposal</span>')
    for polarity in POLARITY_ORDER:
        items.append(f'<span class="sg-item"><span class="sg-line" style="border-top-color:'
                     f'{POLARITY_COLOURS[polarity]}"></span>{POLARITY_VERBS[polarity]}</span>')
    items.append(f'<span class="sg-item"><span class="sg-line sg-dashed" style="border-top-color:'
                 f'{PART_OF_COLOUR}"></span>part of</span>')
    return (
        '<div id="sg-header">'
        f"<h1>{_e(title)}</h1>"
        f'<div class="sg-legend" id="sg-legend">{"".join(items)}</div>'
        '<span class="sg-kind">thicker arrow = more articles; hover for evidence, click to pin</span>'
        '<span id="sg-stats" data-nodes="" data-edges="" data-stabilized="0"></span>'
        "</div>"
        '<div id="sg-details"><button type="button" title="close" '
        "onclick=\"sgShowDetails(null)\">\u00d7</button>"
        '<div id="sg-details-body"></div></div>'
    )


def _options() -> dict:
    return {
        "autoResize": True,
        "layout": {"randomSeed": 42, "improvedLayout": True},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25,
                          "springLength": 170, "springConstant": 0.04, "damping": 0.12,
                          "avoidOverlap": 0.3},
            "minVelocity": 0.75,
            "stabilization": {"enabled": True, "iterations": 1000, "updateInterval": 50,
                              "fit": True},
        },
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.7}},
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": False},
    }


def _edge_width(n_articles: int) -> float:
    return min(2.0 + 1.5 * max(n_articles - 1, 0), 12.0)


def _build_network(graph: rdflib.Graph, isolated_actors: bool):
    nodes, stances, parts = _read(graph)

    used = {h for h, _, _ in stances} | {t for _, _, t in stances}
    used |= {p for pair in parts for p in pair}
    shown = [n for n in nodes.values() if n.is_proposal or isolated_actors or n.iri in used]
    kind_rank = {k: i for i, k in enumerate(list(KIND_COLOURS) + ["Proposal"])}
    shown.sort(key=lambda n: (kind_rank[n.kind], n.label.casefold(), n.iri))

    net = Network(height="100%", width="100%", directed=True,
                  cdn_resources="in_line", bgcolor="#ffffff", font_color="#212121")
    net.options = _options()
    details = {"nodes": {}, "edges": {}}

    for node in shown:
        tip = _node_html(node)
        details["nodes"][node.iri] = tip
        if node.is_proposal:
            net.add_node(node.iri, label=node.label, title=tip, shape="box",
                         color={"background": PROPOSAL_COLOUR["background"],
                                "border": PROPOSAL_COLOUR["border"],
                                "highlight": {"background": "#ffe082", "border": "#f57f17"},
                                "hover": {"background": "#ffe082", "border": "#f57f17"}},
                         borderWidth=2, margin=8, widthConstraint={"maximum": 200})
        else:
            colour = KIND_COLOURS[node.kind]
            net.add_node(node.iri, label=node.label, title=tip, shape="dot", size=14,
                         color={"background": colour, "border": colour,
                                "highlight": {"background": colour, "border": "#000000"},
                                "hover": {"background": colour, "border": "#000000"}})

    # Several arrows between the same two nodes curve apart.
    by_pair: dict[frozenset, int] = defaultdict(int)
    for holder, _, target in stances:
        by_pair[frozenset((holder, target))] += 1
    seen_pair: dict[frozenset, int] = defaultdict(int)

    pol_rank = {p: i for i, p in enumerate(POLARITY_ORDER)}
    keys = sorted(stances, key=lambda k: (nodes[k[0]].label.casefold(), nodes[k[2]].label.casefold(),
                                          pol_rank[k[1]], k))
    for i, (holder_iri, polarity, target_iri) in enumerate(keys):
        evidence = sorted(stances[(holder_iri, polarity, target_iri)],
                          key=lambda ev: (ev.article_id or "\uffff", ev.text, ev.speaker or ""))
        holder, target = nodes[holder_iri], nodes[target_iri]
        articles = {ev.article_id for ev in evidence if ev.article_id}
        edge_id = f"stance-{i}"
        details["edges"][edge_id] = _edge_html(holder, polarity, target, evidence, None)
        colour = POLARITY_COLOURS[polarity]
        options = dict(id=edge_id, title=_edge_html(holder, polarity, target, evidence, TOOLTIP_EVIDENCE_MAX),
                       color={"color": colour, "highlight": colour, "hover": colour},
                       width=_edge_width(len(articles)))
        pair = frozenset((holder_iri, target_iri))
        if by_pair[pair] > 1:
            k = seen_pair[pair]
            seen_pair[pair] += 1
            options["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 == 0 else "curvedCCW",
                                 "roundness": 0.2 + 0.25 * (k // 2)}
        net.add_edge(holder_iri, target_iri, **options)

    for i, (part, whole) in enumerate(sorted(parts)):
        tip = (f'<div class="sg-tip"><b>{_e(nodes[part].label)}</b> is part of '
               f"<b>{_e(nodes[whole].label)}</b></div>")
        edge_id = f"partof-{i}"
        details["edges"][edge_id] = tip
        net.add_edge(part, whole, id=edge_id, title=tip, dashes=True, width=1.5,
                     color={"color": PART_OF_COLOUR, "highlight": PART_OF_COLOUR, "hover": PART_OF_COLOUR})

    return net, details


def _finish(page: str, title: str, details: dict) -> str:
    """Make pyvis's page offline and add stancegraph's legend and scripts."""
    page = _REMOTE_TAG.sub("", page)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    # pyvis's commented-out reference to a local vis build is noise.
    page = re.sub(r"<!--\s*<link[^>]*vis\.min\.css.*?-->", "", page, flags=re.DOTALL)
    if _REMOTE_REF.search(page):
        raise RuntimeError("pyvis page still references a remote resource: "
                           + _REMOTE_REF.search(page).group(0))
    if page.count(_NETWORK_ANCHOR) != 1 or page.count("<head>") != 1 or page.count("<body>") != 1:
        raise RuntimeError("unexpected pyvis template (pyvis==0.3.2 is required)")

    # JSON in a script: escape <, > and & so no string can end the element.
    details_json = (json.dumps(details, ensure_ascii=False, sort_keys=True)
                    .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
    head = (f"<head>\n<title>{_e(title)}</title>\n{_STYLE}{_SCRIPT}"
            f'<script type="text/javascript">var sgDetails = {details_json};</script>\n')
    page = page.replace("<head>", head, 1)
    page = page.replace("<body>", "<body>\n" + _legend(title), 1)
    page = page.replace(
        _NETWORK_ANCHOR,
        "sgPrepare(nodes, edges);\n                  " + _NETWORK_ANCHOR
        + "\n                  sgAfter(network, nodes, edges);",
        1,
    )
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page
    return page


def write_html(graph: rdflib.Graph, path: pathlib.Path, *, title: str = "stancegraph",
               isolated_actors: bool = False) -> dict:
    """Draw the stance graph in `graph` as an offline HTML page at `path`.

    `graph` may be a Graph, or a Dataset/ConjunctiveGraph (queried over the union of
    its graphs). Actors that hold no stance are left out unless `isolated_actors`;
    every proposal is drawn. Returns {"nodes": n, "edges": m} as drawn (stance
    arrows, one per holder/polarity/target, plus part-of arrows).
    """
    path = pathlib.Path(path)
    net, details = _build_network(graph, isolated_actors)
    page = _finish(net.generate_html(), title, details)

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return {"nodes": len(net.nodes), "edges": len(net.edges)}
