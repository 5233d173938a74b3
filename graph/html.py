"""The stance graph as one self-contained, interactive HTML page (pyvis / vis-network),
and as a static picture (SVG, or PNG through headless Chromium) for reports.

`write_html(graph, path)` reads the graph of `graph/CONTRACT.md` with three SPARQL
queries (nodes, stances, proposal parts) and draws:

* actors as dots coloured by kind (Person, Organisation, ...), proposals as boxes;
* one arrow per (holder, polarity, target): green support, red oppose, grey
  neutral; its width grows with the number of distinct articles behind it, its
  tooltip lists every evidence sentence with article and speaker;
* `sg:partOf` between proposals as a dashed arrow from the part to the whole;
* controls above the graph: a search box (matching nodes are selected, the others
  dimmed; Enter steps through the matches), one checkbox per polarity (unchecked
  polarities' arrows are hidden), a proposal and an actor menu (show only that
  node's neighbourhood) and a reset button. `#sg-stats` carries what is shown as
  data attributes, and a URL fragment `#sg-test=search:Zelensky;polarity:-oppose`
  replays the same actions through the same controls (for tests, see `_SCRIPT`).

`focus="text"` draws only the neighbourhood of the proposals whose label or
altLabel contains the text (case-insensitive): those proposals, their parts, and
the actors holding a stance on any of them. `write_picture` draws the same model
as an SVG (`networkx.spring_layout`, fixed seed) or a PNG of that SVG.

Safety: every piece of text that came from articles (labels, evidence, titles,
URLs, IRIs) is passed through `html.escape` before it becomes part of a tooltip,
the legend or the details panel; only http(s) URLs become links. vis-network
9.1.2 (bundled by pyvis 0.3.2) shows a *string* title with `innerText`, so the
page turns our (already escaped) tooltip HTML into elements itself. Node labels
on the canvas are plain canvas text (never parsed as HTML) and are left raw so
"AT&T" does not read "AT&amp;T"; pyvis embeds all node/edge data with Jinja's
`tojson`, which writes `<`, `>`, `&` and `'` as `\\u00XX`, so no data can close
the `<script>` element it sits in. The controls are built by our own script with
`createElement`/`textContent`/`value`, never `innerHTML` with data. (Do not turn
on pyvis's `select_menu` / `filter_menu`: those templates print labels into HTML
unescaped.) In the SVG every label and tooltip is XML-escaped and characters XML
cannot hold are dropped.

Offline: vis-network is inlined (`cdn_resources="in_line"`) and the Bootstrap
`<link>`/`<script>` that pyvis 0.3.2 still loads from a CDN are removed; the page
loads nothing from the network.

Large graphs: above `LARGE_GRAPH` nodes the page starts from positions computed
here (the layout the picture uses), skips vis's Kamada-Kawai `improvedLayout`
(slow, and it can hang on big graphs) and runs fewer stabilisation iterations
(`_stabilization_iterations`); physics is always switched off once it has settled.

Stores: `write_html` also takes an Oxigraph store (`build --store`, `export --store`)
and queries it in place. A store whose graph has more than `STORE_MAX_NODES` nodes
(proposals and stance holders) is drawn in part: the proposals with stances in the
most articles (then the most holders), as many as fit with their holders, and a line
in the page (`#sg-note`) says so and how many there are in all; `--focus` draws any
other proposal's neighbourhood.
"""
from __future__ import annotations

import difflib
import html
import json
import math
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Iterator, NamedTuple, Optional, Union
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_quoteattr

import pyoxigraph as ox
import rdflib
from pyvis.network import Network
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS

from stancegraph.extract.errors import StancegraphError

from .vocab import SCHEMA, SG

__all__ = ["write_html", "write_picture", "picture_command", "load_graph", "PictureResult",
           "POLARITY_COLOURS", "KIND_COLOURS", "PROPOSAL_COLOUR", "LARGE_GRAPH"]

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

# The same for an Oxigraph store, whose union of named graphs repeats a triple once for every
# graph that states it (a country named in 10,000 articles: 10,000 times its type and each of
# its names, and their product in the query above): each part is made distinct before the join.
_Q_NODES_STORE = """
SELECT ?n ?cls ?label ?alt WHERE {
  { SELECT DISTINCT ?n ?cls WHERE {
      VALUES ?cls { sg:Person sg:Organisation sg:Country sg:Government sg:Group sg:Proposal }
      ?n a ?cls } }
  OPTIONAL { SELECT DISTINCT ?n ?label WHERE { ?n rdfs:label ?label } }
  OPTIONAL { SELECT DISTINCT ?n ?alt WHERE { ?n skos:altLabel ?alt } }
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


#: a store whose graph has more nodes than this is drawn in part (`_best_attested`)
STORE_MAX_NODES = 1000

_Q_RANK = """
SELECT ?t (COUNT(DISTINCT ?g) AS ?articles) (COUNT(DISTINCT ?h) AS ?holders) WHERE {
  GRAPH ?g { ?s a sg:Stance ; sg:target ?t ; sg:holder ?h }
} GROUP BY ?t ORDER BY DESC(?articles) DESC(?holders) ?t
"""

_Q_COUNT = """
SELECT (COUNT(DISTINCT ?n) AS ?nodes) (COUNT(DISTINCT ?p) AS ?proposals) WHERE {
  { ?n a sg:Proposal . BIND(?n AS ?p) } UNION { ?s a sg:Stance ; sg:holder ?n }
}
"""


def _query(graph, query: str, values: Optional[tuple[str, list[str]]] = None) -> list:
    """Rows of a SELECT over the union of the graph's named graphs (an rdflib Graph or Dataset,
    or an Oxigraph Store, whose rows are given rdflib terms). `values` = (variable, IRIs)
    restricts the query (and each of its subqueries) to those values of the variable."""
    if isinstance(graph, ox.Store) and query is _Q_NODES:
        query = _Q_NODES_STORE
    if values is not None:
        var, iris = values
        query = query.replace("WHERE {", f"WHERE {{ VALUES ?{var} {{ {' '.join(f'<{i}>' for i in iris)} }}")
    if not isinstance(graph, ox.Store):
        with _union_view(graph) as g:
            return list(g.query(query, initNs=_NS))
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in _NS.items())
    solutions = graph.query(prologue + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]

    def term(t):
        if t is None:
            return None
        return rdflib.URIRef(t.value) if isinstance(t, ox.NamedNode) else rdflib.Literal(t.value)

    return [SimpleNamespace(**{n: term(row[n]) for n in names}) for row in solutions]


def _best_attested(store: "ox.Store", max_nodes: int) -> Optional[tuple[list[str], str]]:
    """For a store too big to draw whole: the proposals with stances in the most articles (then
    the most holders), as many as fit in `max_nodes` with their holders, and a note that says so.
    None where the whole graph fits."""
    (count,) = _query(store, _Q_COUNT)
    if int(count.nodes) <= max_nodes:
        return None
    kept, size = [], 0
    for row in _query(store, _Q_RANK):
        size += 1 + int(row.holders)  # holders shared by two proposals count twice: at most max_nodes
        if kept and size > max_nodes:
            break
        kept.append(str(row.t))
    note = (f"The graph has {int(count.nodes):,} nodes; drawn are the {len(kept):,} proposals (of "
            f"{int(count.proposals):,}) with stances in the most articles, and the actors holding stances "
            "on them. Query the store for the rest (stancegraph query, or --focus).")
    return kept, note


def _read(graph, max_nodes: Optional[int] = None):
    """Nodes, stance edges {(holder, polarity, target): [evidence]}, part-of pairs, and a note when
    only part of a store's graph is read (the best-attested proposals, see `_best_attested`)."""
    nodes: dict[str, _Node] = {}
    best = _best_attested(graph, max_nodes) if max_nodes and isinstance(graph, ox.Store) else None
    if best is None:
        note = None
        node_rows = _query(graph, _Q_NODES)
        stance_rows = _query(graph, _Q_STANCES)
        part_rows = _query(graph, _Q_PARTS)
    else:
        kept, note = best
        kept_set = set(kept)
        stance_rows = _query(graph, _Q_STANCES, ("target", kept))
        node_rows = _query(graph, _Q_NODES, ("n", sorted(kept_set | {str(r.holder) for r in stance_rows})))
        part_rows = [r for r in _query(graph, _Q_PARTS, ("part", kept)) if str(r.whole) in kept_set]

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

    return nodes, {k: list(v) for k, v in stances.items()}, parts, note


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



# --- what is drawn (shared by the page and the picture) -------------------------

@dataclass
class _Model:
    nodes: list[_Node]                                        # drawn, in drawing order
    index: dict[str, _Node]                                   # every node read, by IRI
    stances: dict[tuple[str, str, str], list[_Evidence]]      # (holder, polarity, target)
    parts: set[tuple[str, str]]                               # (part, whole)
    focus: Optional[str] = None
    focused: list[_Node] = field(default_factory=list)        # the proposals focus matched
    note: Optional[str] = None                                # what of a big store is drawn

    def stance_keys(self) -> list[tuple[str, str, str]]:
        pol_rank = {p: i for i, p in enumerate(POLARITY_ORDER)}
        return sorted(self.stances, key=lambda k: (self.index[k[0]].label.casefold(),
                                                   self.index[k[2]].label.casefold(), pol_rank[k[1]], k))

    def links(self) -> list[tuple[str, str]]:
        return [(h, t) for h, _, t in self.stance_keys()] + sorted(self.parts)


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _names(node: _Node) -> set[str]:
    return (node.labels | node.alts) or {node.label}


def _focus(nodes: dict[str, _Node], stances: dict, parts: set, text: str):
    """Keep the proposals whose label or altLabel contains `text` (case-insensitive; an
    exact name wins over names that only contain it), their parts (transitively) and the
    holders of stances on any of them. Raises StancegraphError when nothing matches."""
    needle = " ".join(text.split()).casefold()
    proposals = sorted((n for n in nodes.values() if n.is_proposal), key=lambda n: (n.label.casefold(), n.iri))
    if not needle:
        raise StancegraphError("focus: give part of a proposal's name (it was empty)")
    if not proposals:
        raise StancegraphError(f"focus {_one_line(text)!r}: the graph has no proposals")
    exact = [n for n in proposals if any(" ".join(s.split()).casefold() == needle for s in _names(n))]
    hits = exact or [n for n in proposals if any(needle in " ".join(s.split()).casefold() for s in _names(n))]
    if not hits:
        raise StancegraphError(_no_match_message(text, proposals, stances))

    keep = {n.iri for n in hits}
    wholes_to_parts: dict[str, set[str]] = defaultdict(set)
    for part, whole in parts:
        wholes_to_parts[whole].add(part)
    todo = list(keep)
    while todo:
        for part in wholes_to_parts.get(todo.pop(), ()):
            if part not in keep:
                keep.add(part)
                todo.append(part)
    keep |= {h for h, _, t in stances if t in keep}
    kept_stances = {k: v for k, v in stances.items() if k[0] in keep and k[2] in keep}
    kept_parts = {(p, w) for p, w in parts if p in keep and w in keep}
    return keep, kept_stances, kept_parts, hits


def _no_match_message(text: str, proposals: list[_Node], stances: dict) -> str:
    """One line: the text, close names if any, else the proposals with most stances."""
    by_folded: dict[str, str] = {}
    for n in proposals:
        for name in sorted(_names(n)):
            by_folded.setdefault(" ".join(name.split()).casefold(), n.label)
    close = difflib.get_close_matches(" ".join(text.split()).casefold(), list(by_folded), n=5, cutoff=0.5)
    suggestions = list(dict.fromkeys(by_folded[c] for c in close))
    held = defaultdict(int)
    for _, _, t in stances:
        held[t] += 1
    for n in sorted(proposals, key=lambda n: (-held[n.iri], n.label.casefold())):
        if len(suggestions) >= 5:
            break
        if n.label not in suggestions:
            suggestions.append(n.label)
    listed = ", ".join(repr(_one_line(s, 50)) for s in suggestions)
    what = "did you mean" if close else "proposals include"
    return (f"focus {_one_line(text)!r}: no proposal's label or altLabel contains it; "
            f"{what} {listed} ({len(proposals)} proposal{'s' if len(proposals) != 1 else ''} in all)")


def _model(graph, *, isolated_actors: bool = False, focus: Optional[str] = None) -> _Model:
    nodes, stances, parts, note = _read(graph, STORE_MAX_NODES if focus is None else None)
    hits: list[_Node] = []
    if focus is not None:
        keep, stances, parts, hits = _focus(nodes, stances, parts, focus)
        shown = [nodes[i] for i in keep]
    else:
        used = {h for h, _, _ in stances} | {t for _, _, t in stances}
        used |= {p for pair in parts for p in pair}
        shown = [n for n in nodes.values() if n.is_proposal or isolated_actors or n.iri in used]
    kind_rank = {k: i for i, k in enumerate(list(KIND_COLOURS) + ["Proposal"])}
    shown.sort(key=lambda n: (kind_rank[n.kind], n.label.casefold(), n.iri))
    return _Model(shown, nodes, stances, parts, focus, hits, note)


# --- layout (positions for large pages and for the picture) ---------------------

LAYOUT_SEED = 42
_SPRING_MAX = 500  # networkx.spring_layout needs scipy from 500 nodes on; our own FR then
_SPREAD_MAX = 3000  # nodes: the picture pushes overlapping labels apart up to this size


def _fruchterman_reingold(n: int, edges, iterations: int = 50, seed: int = LAYOUT_SEED):
    """The algorithm of networkx's spring layout (Fruchterman-Reingold), in numpy, for
    big components: deterministic, without scipy, memory bounded (the all-pairs
    repulsion is computed in blocks of rows, the attraction along the edges)."""
    import numpy as np

    rng = np.random.RandomState(seed)
    pos = rng.rand(n, 2).astype(np.float32)
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    src = np.concatenate([edges[:, 0], edges[:, 1]])  # each edge pulls both ends
    dst = np.concatenate([edges[:, 1], edges[:, 0]])
    k = np.float32(math.sqrt(1.0 / n))
    t = np.float32(0.1)
    dt = t / np.float32(iterations + 1)
    block = max(1, (1 << 22) // n)  # rows at a time: about 16 MB per temporary array
    move_x = np.empty(n, dtype=np.float32)
    move_y = np.empty(n, dtype=np.float32)
    for _ in range(iterations):
        for start in range(0, n, block):
            rows = slice(start, start + block)
            dx = x[rows, None] - x[None, :]
            dy = y[rows, None] - y[None, :]
            distance = np.sqrt(dx * dx + dy * dy)
            np.clip(distance, 0.01, None, out=distance)
            repulsion = k * k / (distance * distance)
            move_x[rows] = (dx * repulsion).sum(axis=1)
            move_y[rows] = (dy * repulsion).sum(axis=1)
        ex, ey = x[src] - x[dst], y[src] - y[dst]
        pull = np.maximum(np.sqrt(ex * ex + ey * ey), np.float32(0.01)) / k
        np.add.at(move_x, src, -ex * pull)
        np.add.at(move_y, src, -ey * pull)
        length = np.sqrt(move_x * move_x + move_y * move_y)
        length = np.where(length < 0.01, np.float32(0.1), length)
        x += move_x * (t / length)
        y += move_y * (t / length)
        t -= dt
    return np.stack([x - x.mean(), y - y.mean()], axis=1)


def _layout(ids: list[str], links: list[tuple[str, str]], seed: int = LAYOUT_SEED) -> dict[str, tuple[float, float]]:
    """Positions in units of about one arrow's length: each connected component laid out
    with a spring layout (fixed seed), the components packed in rows, biggest first."""
    import networkx as nx
    import numpy as np

    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from((a, b) for a, b in links if a != b)
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))

    boxes = []  # (members, positions in the component's own frame, width, height)
    for members in comps:
        n = len(members)
        if n == 1:
            boxes.append(({members[0]: (0.0, 0.0)}, 1.0, 1.0))
            continue
        sub = nx.Graph()
        sub.add_nodes_from(members)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in g.subgraph(members).edges()))
        if n < _SPRING_MAX:
            raw = nx.spring_layout(sub, seed=seed, iterations=80)
            arr = np.array([raw[m] for m in members], dtype=float)
        else:
            index = {m: i for i, m in enumerate(members)}
            pairs = sorted((index[a], index[b]) for a, b in sub.edges())
            arr = np.asarray(_fruchterman_reingold(n, pairs, seed=seed), dtype=float)
        arr -= arr.mean(axis=0)
        radius = float(np.sqrt((arr ** 2).sum(axis=1)).max()) or 1.0
        arr *= (0.6 * math.sqrt(n) + 0.15) / radius  # area grows with the node count
        lo, hi = arr.min(axis=0), arr.max(axis=0)
        arr -= lo
        size = hi - lo
        boxes.append(({m: (float(x), float(y)) for m, (x, y) in zip(members, arr)},
                      float(size[0]) + 1.0, float(size[1]) + 1.0))

    area = sum(w * h for _, w, h in boxes)
    row_width = max(max((w for _, w, _ in boxes), default=1.0), math.sqrt(area) * 1.4)
    rows: list[list[tuple[dict, float, float]]] = [[]]
    x = 0.0
    for box in boxes:
        if x > 0 and x + box[1] > row_width:
            rows.append([])
            x = 0.0
        rows[-1].append(box)
        x += box[1]
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for row in rows:
        row_height = max((h for _, _, h in row), default=0.0)
        x = 0.0
        for members, w, h in row:  # each component centred in its row's height
            for m, (mx, my) in members.items():
                pos[m] = (x + mx + 0.5, y + (row_height - h) / 2 + my + 0.5)
            x += w
        y += row_height
    return pos


# --- page ---------------------------------------------------------------------

LARGE_GRAPH = 150  # nodes; above it the page starts from computed positions (see the module doc)

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
  #sg-focus { color: #5d4037; }
  #sg-controls { flex: 1 0 100%; display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px; }
  #sg-controls:empty { display: none; }
  #sg-controls label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
  #sg-controls .sg-group { display: inline-flex; align-items: center; gap: 4px 10px; }
  #sg-controls input[type=search] { width: 180px; font: inherit; padding: 2px 6px; }
  #sg-controls select { font: inherit; width: 170px; }
  #sg-controls button { font: inherit; cursor: pointer; }
  #sg-search-count { color: #555; display: inline-block; width: 10em; overflow: hidden;
                     text-overflow: ellipsis; white-space: nowrap; vertical-align: middle; }
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

# The page's own script. Data reaches the DOM only through textContent, value and
# setAttribute (never innerHTML), except the tooltip/details markup that Python built
# and escaped (sgElement, sgShowDetails).
#
# #sg-stats reports, as data attributes: data-nodes/data-edges (all drawn),
# data-shown-nodes/-edges (not hidden by a filter), data-dimmed-nodes/-edges (faded by
# a search), data-matches, data-match (1-based index of the match Enter moved to, 0
# for none), data-focused (its label), data-selected (nodes selected), data-stabilized
# ("1" once physics is off) and data-stabilized-by (iterations, stabilized, timeout),
# data-test ("done" once a #sg-test= fragment was replayed, or "error: ...") and
# data-test-steps (JSON: after each replayed action, these attributes and the texts).
#
# Test hook: graph.html#sg-test=ACTION;ACTION... with ACTION one of search:TEXT,
# enter, shift-enter, polarity:-oppose / polarity:+oppose, proposal:LABEL,
# actor:LABEL (a label, or part of one; "" for all), reset. Each action sets the
# control and dispatches the event a user would cause, so it runs the UI's own code.
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
    var controls = sgControls(network, nodes, edges, stats);
    var frozen = false;
    function freeze(how) {
      if (frozen) { return; }
      frozen = true;
      network.setOptions({physics: {enabled: false}});
      stats.setAttribute("data-stabilized", "1");
      stats.setAttribute("data-stabilized-by", how);
      setTimeout(function () { controls.runTestHook(location.hash); }, 0);
    }
    network.once("stabilizationIterationsDone", function () { freeze("iterations"); });
    network.once("stabilized", function () { freeze("stabilized"); });
    setTimeout(function () { freeze("timeout"); }, 20000);  // whatever happens, stop moving
    network.on("click", function (params) {
      var markup = null;
      if (params.nodes.length) { markup = (sgDetails.nodes[params.nodes[0]] || null); }
      else if (params.edges.length) { markup = (sgDetails.edges[params.edges[0]] || null); }
      sgShowDetails(markup);
    });
  }

  // A colour mixed with white: how dimmed nodes and arrows look.
  function sgFade(colour) {
    if (colour && typeof colour === "object") {
      var out = {};
      Object.keys(colour).forEach(function (k) { out[k] = sgFade(colour[k]); });
      return out;
    }
    var m = /^#([0-9a-f]{6})$/i.exec(typeof colour === "string" ? colour : "");
    if (!m) { return colour; }
    var value = parseInt(m[1], 16), hex = "#";
    [16, 8, 0].forEach(function (shift) {
      var c = (value >> shift) & 255;
      c = Math.round(c + (255 - c) * 0.82);
      hex += (c < 16 ? "0" : "") + c.toString(16);
    });
    return hex;
  }

  function sgControls(network, nodes, edges, stats) {
    var host = document.getElementById("sg-controls");
    var node = {}, edge = {}, nodeIds = [], edgeIds = [];
    var partsOf = {}, stancesOn = {}, stancesBy = {};
    function push(map, key, value) { (map[key] = map[key] || []).push(value); }
    nodes.get().forEach(function (n) {
      var names = (n.sgNames && n.sgNames.length ? n.sgNames : [n.label]).map(function (s) {
        return String(s == null ? "" : s).toLowerCase();
      });
      node[n.id] = {label: String(n.label == null ? n.id : n.label), names: names,
                    proposal: n.sgKind === "proposal", colour: n.color, font: n.font || {},
                    hidden: false, dim: false};
      nodeIds.push(n.id);
    });
    edges.get().forEach(function (e) {
      var pol = e.sgPolarity || "partof";
      edge[e.id] = {from: e.from, to: e.to, polarity: pol, colour: e.color, hidden: false, dim: false};
      edgeIds.push(e.id);
      if (pol === "partof") { push(partsOf, e.to, e.id); }
      else { push(stancesOn, e.to, e.id); push(stancesBy, e.from, e.id); }
    });
    function byLabel(a, b) {
      var x = node[a].label.toLowerCase(), y = node[b].label.toLowerCase();
      return x < y ? -1 : x > y ? 1 : (a < b ? -1 : a > b ? 1 : 0);
    }
    nodeIds.sort(byLabel);

    // --- the controls: plain DOM, data only through textContent and value
    function el(tag, attrs, text) {
      var e = document.createElement(tag);
      Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) { e.textContent = text; }
      return e;
    }
    function group(title) {
      var g = el("span", {"class": "sg-group", "role": "group", "aria-label": title});
      host.appendChild(g);
      return g;
    }
    var g = group("search");
    var search = el("input", {id: "sg-search", type: "search", autocomplete: "off", spellcheck: "false",
                              placeholder: "find a name (Enter: next)", "aria-label": "find a name"});
    var count = el("span", {id: "sg-search-count", "aria-live": "polite"}, "");
    g.appendChild(search);
    g.appendChild(count);

    g = group("polarity");
    var checks = {};
    sgConfig.polarities.forEach(function (p) {
      var label = el("label", {title: "show arrows: " + p.verb});
      var box = el("input", {id: "sg-pol-" + p.key, type: "checkbox"});
      box.checked = true;
      var swatch = el("span", {"class": "sg-line"});
      swatch.style.borderTopColor = p.colour;
      label.appendChild(box);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(p.verb));
      g.appendChild(label);
      checks[p.key] = box;
    });

    function menu(id, all, ids, title) {
      var select = el("select", {id: id, "aria-label": title, title: title});
      var first = el("option", {}, all);
      first.value = "";
      select.appendChild(first);
      ids.forEach(function (id2) {
        var o = el("option", {}, node[id2].label);
        o.value = id2;
        select.appendChild(o);
      });
      return select;
    }
    g = group("neighbourhood");
    var proposalMenu = menu("sg-proposal", "all proposals",
                            nodeIds.filter(function (id) { return node[id].proposal; }),
                            "show one proposal, its parts and who holds a stance on them");
    var actorMenu = menu("sg-actor", "all actors",
                         nodeIds.filter(function (id) { return !node[id].proposal; }),
                         "show one actor and the proposals it holds a stance on");
    g.appendChild(proposalMenu);
    g.appendChild(actorMenu);
    var reset = el("button", {id: "sg-reset", type: "button", title: "clear the search and every filter"}, "reset");
    group("reset").appendChild(reset);

    // --- state -> the graph
    var matches = [], current = -1, fitTimer = null;
    function shownPolarities() {
      var on = {partof: true};
      Object.keys(checks).forEach(function (k) { on[k] = checks[k].checked; });
      return on;
    }
    function proposalHood(id, on) {  // the proposal, its parts, their holders
      var keep = {}, todo = [id];
      keep[id] = true;
      while (todo.length) {
        (partsOf[todo.pop()] || []).forEach(function (eid) {
          var part = edge[eid].from;
          if (!keep[part]) { keep[part] = true; todo.push(part); }
        });
      }
      Object.keys(keep).forEach(function (p) {
        (stancesOn[p] || []).forEach(function (eid) {
          if (on[edge[eid].polarity]) { keep[edge[eid].from] = true; }
        });
      });
      return keep;
    }
    function actorHood(id, on) {  // the actor and what it holds a stance on
      var keep = {};
      keep[id] = true;
      (stancesBy[id] || []).forEach(function (eid) {
        if (on[edge[eid].polarity]) { keep[edge[eid].to] = true; }
      });
      return keep;
    }
    function setAttr(name, value) { stats.setAttribute(name, String(value)); }
    function apply(keepCurrent) {
      var was = keepCurrent && current >= 0 ? matches[current] : null;
      var on = shownPolarities();
      var sets = [];
      if (proposalMenu.value && node[proposalMenu.value]) { sets.push(proposalHood(proposalMenu.value, on)); }
      if (actorMenu.value && node[actorMenu.value]) { sets.push(actorHood(actorMenu.value, on)); }
      var query = search.value.replace(/\\s+/g, " ").trim().toLowerCase();
      var visible = {}, matched = {}, nodeUpdates = [], edgeUpdates = [];
      var shownNodes = 0, shownEdges = 0, dimNodes = 0, dimEdges = 0;
      matches = [];
      nodeIds.forEach(function (id) {
        var show = sets.every(function (s) { return s[id] === true; });
        visible[id] = show;
        if (show && query && node[id].names.some(function (n) { return n.indexOf(query) !== -1; })) {
          matched[id] = true;
          matches.push(id);
        }
      });
      nodeIds.forEach(function (id) {
        var n = node[id], hidden = !visible[id], dim = !hidden && query !== "" && !matched[id];
        if (!hidden) { shownNodes += 1; }
        if (dim) { dimNodes += 1; }
        if (hidden !== n.hidden || dim !== n.dim) {
          var change = {id: id, hidden: hidden};
          if (dim !== n.dim) {
            change.color = dim ? sgFade(n.colour) : n.colour;
            change.font = {color: dim ? "#c4c4c4" : (n.font.color || "#212121")};
          }
          nodeUpdates.push(change);
          n.hidden = hidden;
          n.dim = dim;
        }
      });
      edgeIds.forEach(function (id) {
        var e = edge[id];
        var hidden = !(on[e.polarity] && visible[e.from] && visible[e.to]);
        var dim = !hidden && query !== "" && !(matched[e.from] || matched[e.to]);
        if (!hidden) { shownEdges += 1; }
        if (dim) { dimEdges += 1; }
        if (hidden !== e.hidden || dim !== e.dim) {
          var change = {id: id, hidden: hidden};
          if (dim !== e.dim) { change.color = dim ? sgFade(e.colour) : e.colour; }
          edgeUpdates.push(change);
          e.hidden = hidden;
          e.dim = dim;
        }
      });
      if (nodeUpdates.length) { nodes.update(nodeUpdates); }
      if (edgeUpdates.length) { edges.update(edgeUpdates); }
      if (matches.length) { network.selectNodes(matches, false); } else { network.unselectAll(); }
      current = was === null ? -1 : matches.indexOf(was);

      setAttr("data-shown-nodes", shownNodes);
      setAttr("data-shown-edges", shownEdges);
      setAttr("data-dimmed-nodes", dimNodes);
      setAttr("data-dimmed-edges", dimEdges);
      setAttr("data-matches", matches.length);
      setAttr("data-selected", network.getSelectedNodes().length);
      showCurrent();
      stats.textContent = (shownNodes === nodeIds.length && shownEdges === edgeIds.length)
        ? nodeIds.length + " nodes, " + edgeIds.length + " arrows"
        : "showing " + shownNodes + " of " + nodeIds.length + " nodes, " +
          shownEdges + " of " + edgeIds.length + " arrows";
      return {query: query, sets: sets.length};
    }
    function showCurrent() {
      setAttr("data-match", current + 1);
      setAttr("data-focused", current >= 0 ? node[matches[current]].label : "");
      if (!search.value.trim()) { count.textContent = ""; }
      else if (!matches.length) { count.textContent = "no match"; }
      else if (current < 0) { count.textContent = matches.length + (matches.length === 1 ? " match" : " matches"); }
      else { count.textContent = (current + 1) + " / " + matches.length + ": " + node[matches[current]].label; }
      count.title = count.textContent;
    }
    function fitLater(ids) {  // move the view after the user stops typing
      clearTimeout(fitTimer);
      fitTimer = setTimeout(function () {
        var shown = ids.filter(function (id) { return !node[id].hidden; });
        if (shown.length) {
          network.fit({nodes: shown, maxZoomLevel: 1.2, animation: {duration: 300, easingFunction: "easeInOutQuad"}});
        }
      }, 250);
    }
    function visibleIds() { return nodeIds.filter(function (id) { return !node[id].hidden; }); }
    function step(by) {
      if (!matches.length) { return; }
      clearTimeout(fitTimer);
      current = current < 0 ? (by > 0 ? 0 : matches.length - 1)
                            : (current + by + matches.length) % matches.length;
      network.focus(matches[current], {scale: Math.max(network.getScale(), 1.0),
                                       animation: {duration: 300, easingFunction: "easeInOutQuad"}});
      showCurrent();
    }
    search.addEventListener("input", function () {
      var state = apply();
      fitLater(state.query ? matches : visibleIds());
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
      else if (event.key === "Escape") { search.value = ""; apply(); fitLater(visibleIds()); }
    });
    Object.keys(checks).forEach(function (k) {
      checks[k].addEventListener("change", function () { apply(true); });
    });
    [proposalMenu, actorMenu].forEach(function (select) {
      select.addEventListener("change", function () { apply(true); fitLater(visibleIds()); });
    });
    reset.addEventListener("click", function () {
      search.value = "";
      Object.keys(checks).forEach(function (k) { checks[k].checked = true; });
      proposalMenu.value = "";
      actorMenu.value = "";
      apply();
      sgShowDetails(null);
      fitLater(visibleIds());
    });
    apply();

    // --- the test hook: replay actions from the URL fragment through the controls
    function choose(select, text) {
      var want = text.replace(/\\s+/g, " ").trim().toLowerCase(), hit = null;
      if (!want) { select.value = ""; return true; }
      var options = Array.prototype.slice.call(select.options, 1);
      options.forEach(function (o) { if (!hit && o.textContent.toLowerCase() === want) { hit = o; } });
      options.forEach(function (o) { if (!hit && o.textContent.toLowerCase().indexOf(want) !== -1) { hit = o; } });
      if (!hit) { return false; }
      select.value = hit.value;
      return true;
    }
    function snapshot(action) {  // what #sg-stats and the match counter say now
      var out = {action: action, count: count.textContent, text: stats.textContent};
      Array.prototype.forEach.call(stats.attributes, function (a) {
        if (a.name.indexOf("data-") === 0 && a.name !== "data-test-steps") { out[a.name.slice(5)] = a.value; }
      });
      return out;
    }
    function runTestHook(hash) {
      var m = /^#sg-test=(.*)$/.exec(hash || "");
      if (!m) { return; }
      var steps = [];
      try {
        m[1].split(";").forEach(function (raw) {
          if (!raw) { return; }
          var cut = raw.indexOf(":");
          var name = decodeURIComponent(cut < 0 ? raw : raw.slice(0, cut)).trim();
          var arg = cut < 0 ? "" : decodeURIComponent(raw.slice(cut + 1));
          if (name === "search") {
            search.value = arg;
            search.dispatchEvent(new Event("input", {bubbles: true}));
          } else if (name === "enter" || name === "shift-enter") {
            search.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", shiftKey: name === "shift-enter",
                                                               bubbles: true, cancelable: true}));
          } else if (name === "polarity") {
            var box = checks[arg.replace(/^[-+]/, "")];
            if (!box) { throw new Error("no polarity " + arg); }
            box.checked = arg.charAt(0) !== "-";
            box.dispatchEvent(new Event("change", {bubbles: true}));
          } else if (name === "proposal" || name === "actor") {
            var select = name === "proposal" ? proposalMenu : actorMenu;
            if (!choose(select, arg)) { throw new Error("no " + name + " " + arg); }
            select.dispatchEvent(new Event("change", {bubbles: true}));
          } else if (name === "reset") {
            reset.click();
          } else {
            throw new Error("unknown action " + name);
          }
          steps.push(snapshot(cut < 0 ? name : name + ":" + arg));
        });
        setAttr("data-test", "done");
      } catch (err) {
        setAttr("data-test", "error: " + err.message);
      }
      setAttr("data-test-steps", JSON.stringify(steps));
    }
    return {runTestHook: runTestHook, apply: apply};
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


def _legend(title: str, model: Optional[_Model] = None) -> str:
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
    focus = ""
    if model is not None and model.focus is not None:
        names = ", ".join(_e(_one_line(n.label, 80)) for n in model.focused[:5])
        more = f" and {len(model.focused) - 5} more" if len(model.focused) > 5 else ""
        focus = (f'<span id="sg-focus" data-focus="{_e(model.focus)}">only around '
                 f"{names}{more} (focus \u201c{_e(model.focus)}\u201d)</span>")
    if model is not None and model.note is not None:
        focus += f'<span id="sg-note" class="sg-kind">{_e(model.note)}</span>'
    return (
        '<div id="sg-header">'
        f"<h1>{_e(title)}</h1>"
        f'<div class="sg-legend" id="sg-legend">{"".join(items)}</div>'
        '<span class="sg-kind">thicker arrow = more articles; hover for evidence, click to pin</span>'
        f"{focus}"
        '<span id="sg-stats" data-nodes="" data-edges="" data-stabilized="0"></span>'
        '<div id="sg-controls"></div>'
        "</div>"
        '<div id="sg-details"><button type="button" title="close" '
        "onclick=\"sgShowDetails(null)\">\u00d7</button>"
        '<div id="sg-details-body"></div></div>'
    )


def _stabilization_iterations(n_nodes: int) -> int:
    """1000 up to LARGE_GRAPH nodes, then fewer (the layout starts from computed
    positions): about 100 at 1,000 nodes, never under 50."""
    if n_nodes <= LARGE_GRAPH:
        return 1000
    return max(50, min(1000, 100_000 // n_nodes))


def _options(n_nodes: int = 0) -> dict:
    large = n_nodes > LARGE_GRAPH
    options = {
        "autoResize": True,
        "layout": {"randomSeed": 42, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25,
                          "springLength": 170, "springConstant": 0.04, "damping": 0.12,
                          "avoidOverlap": 0.3},
            "minVelocity": 0.75,
            "stabilization": {"enabled": True, "iterations": _stabilization_iterations(n_nodes),
                              "updateInterval": 50 if not large else 10, "fit": True},
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
    if large:
        # From computed positions: weaker gravity (the components are already packed),
        # a coarser Barnes-Hut, no arrows redrawn while dragging or zooming.
        options["physics"]["barnesHut"].update({"gravitationalConstant": -6000, "centralGravity": 0.05,
                                                "theta": 0.8, "avoidOverlap": 0.1, "damping": 0.3})
        options["physics"]["minVelocity"] = 2.0
        options["interaction"].update({"hideEdgesOnDrag": True, "hideEdgesOnZoom": True})
    return options


def _edge_width(n_articles: int) -> float:
    return min(2.0 + 1.5 * max(n_articles - 1, 0), 12.0)


_PAGE_UNIT = 150.0  # px (vis canvas units) per layout unit


def _build_network(model: _Model):
    large = len(model.nodes) > LARGE_GRAPH
    positions = _layout([n.iri for n in model.nodes], model.links()) if large else {}

    net = Network(height="100%", width="100%", directed=True,
                  cdn_resources="in_line", bgcolor="#ffffff", font_color="#212121")
    net.options = _options(len(model.nodes))
    details = {"nodes": {}, "edges": {}}

    for node in model.nodes:
        tip = _node_html(node)
        details["nodes"][node.iri] = tip
        extra = {"sgNames": [node.label] + sorted(node.alts - {node.label}),
                 "sgKind": "proposal" if node.is_proposal else "actor"}
        if node.iri in positions:
            x, y = positions[node.iri]
            extra.update(x=round(x * _PAGE_UNIT, 1), y=round(y * _PAGE_UNIT, 1))
        if node.is_proposal:
            net.add_node(node.iri, label=node.label, title=tip, shape="box",
                         color={"background": PROPOSAL_COLOUR["background"],
                                "border": PROPOSAL_COLOUR["border"],
                                "highlight": {"background": "#ffe082", "border": "#f57f17"},
                                "hover": {"background": "#ffe082", "border": "#f57f17"}},
                         borderWidth=2, margin=8, widthConstraint={"maximum": 200}, **extra)
        else:
            colour = KIND_COLOURS[node.kind]
            net.add_node(node.iri, label=node.label, title=tip, shape="dot", size=14,
                         color={"background": colour, "border": colour,
                                "highlight": {"background": colour, "border": "#000000"},
                                "hover": {"background": colour, "border": "#000000"}}, **extra)

    # Several arrows between the same two nodes curve apart.
    by_pair: dict[frozenset, int] = defaultdict(int)
    for holder, _, target in model.stances:
        by_pair[frozenset((holder, target))] += 1
    seen_pair: dict[frozenset, int] = defaultdict(int)

    nodes = model.index
    for i, (holder_iri, polarity, target_iri) in enumerate(model.stance_keys()):
        evidence = sorted(model.stances[(holder_iri, polarity, target_iri)],
                          key=lambda ev: (ev.article_id or "\uffff", ev.text, ev.speaker or ""))
        holder, target = nodes[holder_iri], nodes[target_iri]
        articles = {ev.article_id for ev in evidence if ev.article_id}
        edge_id = f"stance-{i}"
        details["edges"][edge_id] = _edge_html(holder, polarity, target, evidence, None)
        colour = POLARITY_COLOURS[polarity]
        options = dict(id=edge_id, title=_edge_html(holder, polarity, target, evidence, TOOLTIP_EVIDENCE_MAX),
                       color={"color": colour, "highlight": colour, "hover": colour},
                       width=_edge_width(len(articles)), sgPolarity=polarity)
        pair = frozenset((holder_iri, target_iri))
        if by_pair[pair] > 1:
            k = seen_pair[pair]
            seen_pair[pair] += 1
            options["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 == 0 else "curvedCCW",
                                 "roundness": 0.2 + 0.25 * (k // 2)}
        net.add_edge(holder_iri, target_iri, **options)

    for i, (part, whole) in enumerate(sorted(model.parts)):
        tip = (f'<div class="sg-tip"><b>{_e(nodes[part].label)}</b> is part of '
               f"<b>{_e(nodes[whole].label)}</b></div>")
        edge_id = f"partof-{i}"
        details["edges"][edge_id] = tip
        net.add_edge(part, whole, id=edge_id, title=tip, dashes=True, width=1.5, sgPolarity="partof",
                     color={"color": PART_OF_COLOUR, "highlight": PART_OF_COLOUR, "hover": PART_OF_COLOUR})

    return net, details


def _script_json(value) -> str:
    """JSON to sit in a <script>: <, > and & escaped so no string can end the element."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _finish(page: str, title: str, details: dict, model: Optional[_Model] = None) -> str:
    """Make pyvis's page offline and add stancegraph's legend, controls and scripts."""
    page = _REMOTE_TAG.sub("", page)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    # pyvis's commented-out reference to a local vis build is noise.
    page = re.sub(r"<!--\s*<link[^>]*vis\.min\.css.*?-->", "", page, flags=re.DOTALL)
    if _REMOTE_REF.search(page):
        raise RuntimeError("pyvis page still references a remote resource: "
                           + _REMOTE_REF.search(page).group(0))
    if page.count(_NETWORK_ANCHOR) != 1 or page.count("<head>") != 1 or page.count("<body>") != 1:
        raise RuntimeError("unexpected pyvis template (pyvis==0.3.2 is required)")

    config = {"polarities": [{"key": p, "verb": POLARITY_VERBS[p] if p != "neutral" else "neutral",
                              "colour": POLARITY_COLOURS[p]} for p in POLARITY_ORDER]}
    head = (f"<head>\n<title>{_e(title)}</title>\n{_STYLE}{_SCRIPT}"
            f'<script type="text/javascript">var sgDetails = {_script_json(details)};\n'
            f"var sgConfig = {_script_json(config)};</script>\n")
    page = page.replace("<head>", head, 1)
    page = page.replace("<body>", "<body>\n" + _legend(title, model), 1)
    page = page.replace(
        _NETWORK_ANCHOR,
        "sgPrepare(nodes, edges);\n                  " + _NETWORK_ANCHOR
        + "\n                  sgAfter(network, nodes, edges);",
        1,
    )
    if not page.lstrip().lower().startswith("<!doctype"):
        page = "<!DOCTYPE html>\n" + page
    return page


def _atomic_write(path: pathlib.Path, write, suffix: str = ".tmp") -> None:
    """Call write(tmp_path) on a temporary file beside `path`, then move it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    try:
        write(pathlib.Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_html(graph: rdflib.Graph, path: pathlib.Path, *, title: str = "stancegraph",
               isolated_actors: bool = False, focus: Optional[str] = None) -> dict:
    """Draw the stance graph in `graph` as an offline HTML page at `path`.

    `graph` may be a Graph, a Dataset/ConjunctiveGraph or an Oxigraph Store (queried over
    the union of its graphs; a big store is drawn in part, see the module doc). Actors that hold no stance are left out unless `isolated_actors`;
    every proposal is drawn. With `focus`, only the proposals whose label or altLabel
    contains it (case-insensitive), their parts and the actors holding a stance on
    them are drawn; a StancegraphError names the text and some proposals if none
    matches. Returns {"nodes": n, "edges": m} as drawn (stance arrows, one per
    holder/polarity/target, plus part-of arrows).
    """
    path = pathlib.Path(path)
    model = _model(graph, isolated_actors=isolated_actors, focus=focus)
    net, details = _build_network(model)
    page = _finish(net.generate_html(), title, details, model)

    def write(tmp: pathlib.Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)

    _atomic_write(path, write)
    return {"nodes": len(net.nodes), "edges": len(net.edges)}


# --- the static picture (SVG; PNG through headless Chromium) --------------------

_XML_ILLEGAL = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PIC_UNIT = 100.0      # px per layout unit
_PIC_MARGIN = 24.0
_PIC_HEADER = 70.0     # title and legend
_PIC_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
_PIC_LABEL_MAX = 40    # characters shown; the full label is in the tooltip (<title>)
PNG_MAX_SIDE = 4000    # px; a bigger picture is scaled down to fit


def _x(text: object) -> str:
    """XML text: escaped, without the characters XML 1.0 cannot hold."""
    return _xml_escape(_XML_ILLEGAL.sub("", str(text)))


def _xa(text: object) -> str:
    """An XML attribute value, quoted and escaped."""
    return _xml_quoteattr(_XML_ILLEGAL.sub("", str(text)))


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= _PIC_LABEL_MAX else label[: _PIC_LABEL_MAX - 1] + "\u2026"


def _text_width(text: str, size: float) -> float:
    return 0.6 * size * len(text)


class _Shape(NamedTuple):
    x: float
    y: float
    half_w: float  # a dot: its radius
    half_h: float
    box: bool

    def border(self, dx: float, dy: float) -> tuple[float, float]:
        """The point where a line leaving the centre towards (dx, dy) crosses the outline."""
        length = math.hypot(dx, dy) or 1.0
        if not self.box:
            return self.x + dx / length * self.half_w, self.y + dy / length * self.half_w
        scale = min(self.half_w / abs(dx) if dx else math.inf, self.half_h / abs(dy) if dy else math.inf)
        return self.x + dx * scale, self.y + dy * scale


def _svg_legend(y: float) -> tuple[list[str], float]:
    out, x = [], _PIC_MARGIN
    for kind, colour in KIND_COLOURS.items():
        if kind == "Actor":
            continue
        out.append(f'<circle cx="{x + 6:.1f}" cy="{y - 4:.1f}" r="6" fill="{colour}"/>'
                   f'<text x="{x + 16:.1f}" y="{y:.1f}">{_x(kind)}</text>')
        x += 26 + _text_width(kind, 13)
    out.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="20" height="12" fill="{PROPOSAL_COLOUR["background"]}" '
               f'stroke="{PROPOSAL_COLOUR["border"]}" stroke-width="2"/><text x="{x + 26:.1f}" y="{y:.1f}">Proposal</text>')
    x += 38 + _text_width("Proposal", 13)
    for polarity in POLARITY_ORDER:
        verb = POLARITY_VERBS[polarity]
        out.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 26:.1f}" y2="{y - 4:.1f}" '
                   f'stroke="{POLARITY_COLOURS[polarity]}" stroke-width="3" marker-end="url(#sg-arrow-{polarity})"/>'
                   f'<text x="{x + 34:.1f}" y="{y:.1f}">{_x(verb)}</text>')
        x += 48 + _text_width(verb, 13)
    out.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 26:.1f}" y2="{y - 4:.1f}" stroke="{PART_OF_COLOUR}" '
               f'stroke-width="2" stroke-dasharray="5 3" marker-end="url(#sg-arrow-partof)"/>'
               f'<text x="{x + 34:.1f}" y="{y:.1f}">part of</text>')
    x += 34 + _text_width("part of", 13)
    return out, x + _PIC_MARGIN


def _spread(centres, half_sizes, gap: float = 6.0, rounds: int = 40):
    """Push apart boxes that overlap (centres and half sizes in px, numpy arrays n x 2):
    each round moves every overlapping pair apart along its axis of least overlap."""
    import numpy as np

    n = len(centres)
    if n < 2 or n > _SPREAD_MAX:  # beyond that the picture is a cloud anyway, and n x n arrays get big
        return np.array(centres, dtype=np.float64).reshape(n, 2)
    tie = np.random.RandomState(LAYOUT_SEED).uniform(-1e-2, 1e-2, size=(n, 2))  # separates equal centres
    x = (np.asarray(centres, dtype=np.float64)[:, 0] + tie[:, 0]).astype(np.float32)
    y = (np.asarray(centres, dtype=np.float64)[:, 1] + tie[:, 1]).astype(np.float32)
    hx = (np.asarray(half_sizes, dtype=np.float32)[:, 0] + gap / 2)
    hy = (np.asarray(half_sizes, dtype=np.float32)[:, 1] + gap / 2)
    reach_x = hx[:, None] + hx[None, :]
    reach_y = hy[:, None] + hy[None, :]
    np.fill_diagonal(reach_x, 0)
    for _ in range(rounds):
        dx = x[:, None] - x[None, :]                      # i - j
        dy = y[:, None] - y[None, :]
        need_x = reach_x - np.abs(dx)
        need_y = reach_y - np.abs(dy)
        overlap = (need_x > 0) & (need_y > 0)
        if not overlap.any():
            break
        along_x = overlap & (need_x < need_y)
        along_y = overlap & ~along_x
        x += (np.where(along_x, need_x, 0) * np.sign(dx)).sum(axis=1) * 0.25
        y += (np.where(along_y, need_y, 0) * np.sign(dy)).sum(axis=1) * 0.25
    return np.stack([x, y], axis=1).astype(np.float64)


def _svg(model: _Model, title: str) -> tuple[str, int, int]:
    """The picture as an SVG document, with its width and height in px."""
    import numpy as np

    positions = _layout([n.iri for n in model.nodes], model.links())
    labels = {n.iri: _short(n.label) for n in model.nodes}
    # Each node's box with its label (an actor's label sits under its dot): centre offset and half size.
    boxes = []
    for node in model.nodes:
        width = _text_width(labels[node.iri], 11)
        if node.is_proposal:
            boxes.append((0.0, 0.0, width / 2 + 7, 10.0))
        else:
            boxes.append((0.0, 7.0, max(8.0, width / 2), 15.0))
    if model.nodes:
        offsets = np.array([b[:2] for b in boxes])
        centres = np.array([positions[n.iri] for n in model.nodes]) * _PIC_UNIT + offsets
        placed = _spread(centres, np.array([b[2:] for b in boxes])) - offsets
    else:
        placed = np.zeros((0, 2))
    shapes: dict[str, _Shape] = {}
    extents = []  # (left, top, right, bottom) of each node with its label
    for node, (x, y), (ox, oy, hw, hh) in zip(model.nodes, placed.tolist(), boxes):
        if node.is_proposal:
            shapes[node.iri] = _Shape(x, y, hw, hh, True)
        else:
            shapes[node.iri] = _Shape(x, y, 8.0, 8.0, False)
        extents.append((x + ox - hw, y + oy - hh, x + ox + hw, y + oy + hh))

    legend, legend_width = _svg_legend(_PIC_HEADER - 16)
    if extents:
        left = min(e[0] for e in extents)
        top = min(e[1] for e in extents)
        right = max(e[2] for e in extents)
        bottom = max(e[3] for e in extents)
    else:
        left = top = right = bottom = 0.0
    dx, dy = _PIC_MARGIN - left, _PIC_HEADER + _PIC_MARGIN - top
    width = int(math.ceil(max(right - left + 2 * _PIC_MARGIN, legend_width, _text_width(title, 16) + 2 * _PIC_MARGIN, 320)))
    height = int(math.ceil(bottom - top + _PIC_HEADER + 2 * _PIC_MARGIN))
    shapes = {k: s._replace(x=s.x + dx, y=s.y + dy) for k, s in shapes.items()}

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{_PIC_FONT}" font-size="12">',
           f"<title>{_x(title)}</title>",
           "<defs>"]
    for key, colour in list(POLARITY_COLOURS.items()) + [("partof", PART_OF_COLOUR)]:
        out.append(f'<marker id="sg-arrow-{key}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
                   f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto">'
                   f'<path d="M0,1 L10,5 L0,9 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    out.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    out.append(f'<text x="{_PIC_MARGIN}" y="28" font-size="16" font-weight="bold" fill="#212121">{_x(title)}</text>')
    if model.focus is not None:
        names = ", ".join(_one_line(n.label, 60) for n in model.focused[:5])
        out.append(f'<text x="{_PIC_MARGIN + _text_width(title, 16) + 16:.1f}" y="28" fill="#5d4037">'
                   f"{_x('only around ' + names)}</text>")
    out.append('<g class="sg-legend" fill="#212121">' + "".join(legend) + "</g>")

    # arrows: stances (parallel ones curve apart), then part-of
    nodes = model.index
    by_pair: dict[frozenset, int] = defaultdict(int)
    for h, _, t in model.stances:
        by_pair[frozenset((h, t))] += 1
    seen: dict[frozenset, int] = defaultdict(int)
    out.append('<g class="sg-edges" fill="none">')
    edges = [(h, p, t) for h, p, t in model.stance_keys()] + [(p, "partof", w) for p, w in sorted(model.parts)]
    for source, polarity, target in edges:
        a, b = shapes[source], shapes[target]
        vx, vy = b.x - a.x, b.y - a.y
        length = math.hypot(vx, vy) or 1.0
        bend = 0.0
        pair = frozenset((source, target))
        if polarity != "partof" and by_pair[pair] > 1:
            k = seen[pair]
            seen[pair] += 1
            bend = (1 if k % 2 == 0 else -1) * 18.0 * (k // 2 + 1)
        cx, cy = (a.x + b.x) / 2 - vy / length * bend, (a.y + b.y) / 2 + vx / length * bend
        x1, y1 = a.border(cx - a.x, cy - a.y)
        x2, y2 = b.border(cx - b.x, cy - b.y)
        if polarity == "partof":
            colour, width_px, tip = PART_OF_COLOUR, 1.5, f"{nodes[source].label} is part of {nodes[target].label}"
            dash = ' stroke-dasharray="6 4"'
        else:
            evidence = model.stances[(source, polarity, target)]
            n_articles = len({ev.article_id for ev in evidence if ev.article_id})
            colour, width_px = POLARITY_COLOURS[polarity], round(_edge_width(n_articles) * 0.6, 1)
            tip = (f"{nodes[source].label} {POLARITY_VERBS[polarity]} {nodes[target].label} "
                   f"({len(evidence)} statement{'s' if len(evidence) != 1 else ''})")
            dash = ""
        d = (f"M{x1:.1f},{y1:.1f} L{x2:.1f},{y2:.1f}" if not bend
             else f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}")
        out.append(f'<path d="{d}" stroke="{colour}" stroke-width="{width_px}"{dash} '
                   f'marker-end="url(#sg-arrow-{polarity})" data-polarity="{polarity}">'
                   f"<title>{_x(tip)}</title></path>")
    out.append("</g>")

    out.append('<g class="sg-nodes" font-size="11" text-anchor="middle">')
    for node in model.nodes:
        s = shapes[node.iri]
        label = labels[node.iri]
        tip = node.label + ("" if not node.alts - {node.label} else
                            " (also: " + "; ".join(sorted(node.alts - {node.label})) + ")")
        if node.is_proposal:
            out.append(f'<g class="sg-proposal"><title>{_x(tip)}</title>'
                       f'<rect x="{s.x - s.half_w:.1f}" y="{s.y - s.half_h:.1f}" width="{2 * s.half_w:.1f}" '
                       f'height="{2 * s.half_h:.1f}" rx="3" fill="{PROPOSAL_COLOUR["background"]}" '
                       f'stroke="{PROPOSAL_COLOUR["border"]}" stroke-width="2"/>'
                       f'<text x="{s.x:.1f}" y="{s.y + 4:.1f}" fill="#212121">{_x(label)}</text></g>')
        else:
            colour = KIND_COLOURS[node.kind]
            out.append(f'<g class="sg-actor" data-kind="{_x(node.kind)}"><title>{_x(tip)}</title>'
                       f'<circle cx="{s.x:.1f}" cy="{s.y:.1f}" r="{s.half_w:.0f}" fill="{colour}"/>'
                       f'<text x="{s.x:.1f}" y="{s.y + 21:.1f}" fill="#212121" stroke="#ffffff" '
                       f'stroke-width="3" paint-order="stroke">{_x(label)}</text></g>')
    out.append("</g>")
    out.append("</svg>")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(out) + "\n", width, height


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _chromium() -> Optional[str]:
    explicit = os.environ.get("STANCEGRAPH_CHROMIUM")
    if explicit:
        return shutil.which(explicit) or (explicit if os.access(explicit, os.X_OK) else None)
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def _png(svg: str, width: int, height: int, path: pathlib.Path) -> None:
    """Screenshot the SVG with headless Chromium (network blocked, throw-away profile)."""
    exe = _chromium()
    if exe is None:
        raise StancegraphError(f"{path}: a PNG is drawn with headless Chromium, which is not installed "
                               "(apt-get install chromium, or set STANCEGRAPH_CHROMIUM); or use --format svg")
    scale = min(1.0, PNG_MAX_SIDE / max(width, height))
    w, h = max(1, int(width * scale)), max(1, int(height * scale))
    body = svg.split("\n", 1)[1]  # without the XML declaration
    body = body.replace(f'width="{width}" height="{height}"', f'width="{w}" height="{h}"', 1)
    # The page runs no script and may load nothing (Content-Security-Policy), beside the
    # proxy that leads nowhere and the escaping of every label.
    page = ('<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            'content="default-src \'none\'; style-src \'unsafe-inline\'"><style>html,body{margin:0;padding:0;'
            'background:#fff;overflow:hidden} svg{display:block}</style></head><body>' + body + "</body></html>")
    with tempfile.TemporaryDirectory(prefix="stancegraph-png-") as tmp:
        source = pathlib.Path(tmp) / "picture.html"
        source.write_text(page, encoding="utf-8")

        def shoot(target: pathlib.Path) -> None:
            cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--disable-quic",
                   f"--user-data-dir={tmp}/profile", "--proxy-server=127.0.0.1:9",
                   "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=2000",
                   "--force-device-scale-factor=1", "--default-background-color=ffffffff",
                   f"--window-size={w},{h}", f"--screenshot={target}", source.as_uri()]
            try:
                run = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
            except (OSError, subprocess.TimeoutExpired) as err:
                raise StancegraphError(f"{path}: Chromium ({exe}) could not draw the PNG ({_one_line(err, 120)}); "
                                       "use --format svg") from None
            if run.returncode != 0 or not target.exists() or target.stat().st_size == 0 \
                    or target.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n":
                lines = [ln for ln in (run.stderr or "").splitlines() if ln.strip()]
                why = _one_line(lines[-1], 160) if lines else f"exit code {run.returncode}"
                raise StancegraphError(f"{path}: Chromium ({exe}) could not draw the PNG ({why}); use --format svg")

        _atomic_write(path, shoot, suffix=".tmp.png")  # Chromium picks the image type by the name


def write_picture(graph: rdflib.Graph, path: Union[str, pathlib.Path], fmt: str = "png", *,
                  focus: Optional[str] = None, title: str = "stancegraph",
                  isolated_actors: bool = False) -> dict:
    """Draw the stance graph as a static picture for reports: `fmt` "svg" (written here:
    nodes placed by networkx.spring_layout with a fixed seed, arrows coloured by
    polarity, every label XML-escaped) or "png" (that SVG rendered by headless
    Chromium; a StancegraphError says so when Chromium is missing). `focus` as in
    `write_html`. Returns {"nodes": n, "edges": m, "width": px, "height": px}."""
    path = pathlib.Path(path)
    fmt = (fmt or "").lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise StancegraphError(f"{path}: unknown picture format {fmt!r}; use png or svg")
    model = _model(graph, isolated_actors=isolated_actors, focus=focus)
    svg, width, height = _svg(model, title)
    if fmt == "svg":
        def write(tmp: pathlib.Path) -> None:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(svg)

        _atomic_write(path, write)
    else:
        _png(svg, width, height, path)
        scale = min(1.0, PNG_MAX_SIDE / max(width, height))
        width, height = max(1, int(width * scale)), max(1, int(height * scale))
    return {"nodes": len(model.nodes), "edges": len(model.stances) + len(model.parts),
            "width": width, "height": height}


# --- the command (`stancegraph draw`) -----------------------------------------

DRAW_FORMATS = ("html", "png", "svg")


class PictureResult(NamedTuple):
    path: pathlib.Path
    format: str
    nodes: int
    edges: int

    def summary(self) -> str:
        return (f"wrote {self.path} ({self.format}: {self.nodes} node{'s' if self.nodes != 1 else ''}, "
                f"{self.edges} arrow{'s' if self.edges != 1 else ''})")


def load_graph(path: Union[str, pathlib.Path]) -> rdflib.Dataset:
    """A built graph file (.ttl .trig .nt .nq .rdf) as an rdflib Dataset over Oxigraph,
    queried as the union of its graphs. A missing or malformed file is a StancegraphError."""
    from oxrdflib import OxigraphStore

    from .query import load_store

    store = load_store(path)
    return rdflib.Dataset(store=OxigraphStore(store=store), default_union=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "focus"


def picture_command(graph: pathlib.Path, out: Optional[pathlib.Path] = None, fmt: Optional[str] = None,
                    focus: Optional[str] = None) -> PictureResult:
    """`stancegraph draw GRAPH [--format html|png|svg] [--focus P] [--out FILE]`.

    The format is `fmt`, else the suffix of `out`, else html. Without `out` the file
    goes beside GRAPH: graph.ttl -> graph.png, or graph-victory-plan.png with --focus
    "Victory Plan". Every error is a one-line StancegraphError.
    """
    graph = pathlib.Path(graph)
    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out is not None else ""
        fmt = suffix if suffix in DRAW_FORMATS else "html"
    fmt = str(getattr(fmt, "value", fmt)).lower().lstrip(".")
    if fmt not in DRAW_FORMATS:
        raise StancegraphError(f"unknown format {fmt!r}; use one of {', '.join(DRAW_FORMATS)}")
    if out is None:
        stem = graph.stem + (f"-{_slug(focus)}" if focus else "")
        out = graph.with_name(f"{stem}.{fmt}")
    out = pathlib.Path(out)
    if out.resolve() == graph.resolve():
        raise StancegraphError(f"{out}: would overwrite the graph itself; choose another --out")
    title = f"stancegraph: {graph.name}"
    ds = load_graph(graph)
    if fmt == "html":
        counts = write_html(ds, out, title=title, focus=focus)
    else:
        counts = write_picture(ds, out, fmt, focus=focus, title=title)
    return PictureResult(out, fmt, counts["nodes"], counts["edges"])
