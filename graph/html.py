"""The stance graph as one self-contained, interactive HTML page (vis-network),
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
  replays the same actions through the same controls (for tests, see view.js).

The page is its own files in `graph/page/`: `view.html` (a Jinja template), `view.css`
and `view.js`, which a web developer can work on as they are. This module only prepares
the data (nodes, arrows, tooltips, details, options) and renders the template, which
inlines vis-network 9.1.2 (the copy pyvis 0.3.2 ships), the style and the script, so
graph.html stays one file that loads nothing from the network.

`focus="text"` draws only the neighbourhood of the proposals whose label or
altLabel contains the text (case-insensitive): those proposals, their parts, and
the actors holding a stance on any of them. `write_picture` draws the same model
as an SVG or a PNG of that SVG.

Safety: every piece of text that came from articles (labels, evidence, titles,
URLs, IRIs) is passed through `html.escape` before it becomes part of a tooltip
or the details panel; only http(s) URLs become links; the template autoescapes the
title and the focus. vis-network 9 shows a *string* title with `innerText`, so the
page turns our (already escaped) tooltip HTML into elements itself. Node labels
on the canvas are plain canvas text (never parsed as HTML) and are left raw so
"AT&T" does not read "AT&amp;T"; the data sit in the page as Jinja's `tojson`,
which writes `<`, `>`, `&` and `'` as `\\u00XX`, so no data can close the script
element they sit in. The legend and controls are built by view.js with
`createElement`/`textContent`/`value`, never `innerHTML` with data. In the SVG every
label and tooltip is XML-escaped and characters XML cannot hold are dropped.

Layout: below 500 nodes a component is laid out by `networkx.spring_layout`; from 500
on by `_fruchterman_reingold`, the same algorithm vectorised in numpy, because
networkx's own methods from 500 nodes on took 5 to 30 times as long for the same
quality (benchmarks/layout.py, benchmarks/LAYOUT.md). Both use a fixed seed.

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
import functools
import html
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
       ?holderLabel ?targetLabel ?rule ?confidence WHERE {
  ?s a sg:Stance ; sg:holder ?holder ; sg:target ?target ; sg:polarity ?pol .
  OPTIONAL { ?holder rdfs:label ?holderLabel }
  OPTIONAL { ?target rdfs:label ?targetLabel }
  OPTIONAL { ?s sg:evidence ?evidence }
  OPTIONAL { ?s sg:rule ?rule }
  OPTIONAL { ?s sg:confidence ?confidence }
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
    rule: Optional[str] = None  # the model (and version) or rule id that read it
    confidence: Optional[str] = None


def _local_name(iri: str) -> str:
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail or iri


def _text(term) -> Optional[str]:
    if term is None:
        return None
    value = str(term).strip()
    return value or None


def _confidence(term) -> Optional[str]:
    """A stance's confidence as the graph files write it, two decimals ("0.50"), whether it is read
    from a file or from an Oxigraph store, which keeps a decimal's canonical form ("0.5")."""
    text = _text(term)
    try:
        return f"{float(text):.2f}" if text is not None else None
    except ValueError:
        return text


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
            rule=_text(row.rule),
            confidence=_confidence(row.confidence),
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
    if ev.rule:
        meta.append("read by " + _e(ev.rule) + (f", confidence {_e(ev.confidence)}" if ev.confidence else ""))
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
_SPRING_MAX = 500  # from here on networkx's layout took 5-30x as long as ours (benchmarks/LAYOUT.md)
_SPREAD_MAX = 3000  # nodes: the picture pushes overlapping labels apart up to this size


def _fruchterman_reingold(n: int, edges, iterations: int = 50, seed: int = LAYOUT_SEED):
    """The algorithm of networkx's spring layout (Fruchterman-Reingold), in numpy, for
    components of `_SPRING_MAX` nodes and more, where networkx's own methods are 5 to 30
    times slower for the same quality (benchmarks/LAYOUT.md): deterministic, memory bounded
    (the all-pairs repulsion is computed in blocks of rows, the attraction along the edges)."""
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

#: the page's own files (graph/page/): its Jinja template, style and script, and the PNG's page
PAGE_FILES = ("view.html", "view.css", "view.js", "picture.html")
#: vis-network as pyvis 0.3.2 ships it (the release pyvis's own pages used)
VIS_FILES = ("templates/lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.css")


@functools.cache
def _asset(name: str) -> str:
    """The text of one of the page's files (graph/page/NAME) or of vis-network (in pyvis's package)."""
    from importlib import resources

    where = resources.files("pyvis") if name in VIS_FILES else resources.files("stancegraph.graph") / "page"
    text = (where / name).read_text(encoding="utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if not name.endswith(".html") and closing in text.lower():
        raise RuntimeError(f"{name} holds {closing}>, which would end its element in graph.html")
    return text


#: the page's script (graph/page/view.js), as it is inlined
_SCRIPT = _asset("view.js")


@functools.cache
def _template(name: str = "view.html"):
    """A Jinja template of graph/page/, HTML autoescaped: data become text unless marked safe."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("stancegraph.graph", "page"), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template(name)


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


def _page_data(model: _Model) -> tuple[list[dict], list[dict], dict]:
    """vis-network's nodes and edges, and the details panel's markup by node and edge id."""
    large = len(model.nodes) > LARGE_GRAPH
    positions = _layout([n.iri for n in model.nodes], model.links()) if large else {}
    details = {"nodes": {}, "edges": {}}
    nodes, edges = [], []

    for node in model.nodes:
        tip = _node_html(node)
        details["nodes"][node.iri] = tip
        item = {"id": node.iri, "label": node.label, "title": tip,
                "sgNames": [node.label] + sorted(node.alts - {node.label}),
                "sgKind": "proposal" if node.is_proposal else "actor"}
        if node.iri in positions:
            x, y = positions[node.iri]
            item.update(x=round(x * _PAGE_UNIT, 1), y=round(y * _PAGE_UNIT, 1))
        if node.is_proposal:
            item.update(shape="box", borderWidth=2, margin=8, widthConstraint={"maximum": 200},
                        color={"background": PROPOSAL_COLOUR["background"], "border": PROPOSAL_COLOUR["border"],
                               "highlight": {"background": "#ffe082", "border": "#f57f17"},
                               "hover": {"background": "#ffe082", "border": "#f57f17"}})
        else:
            colour = KIND_COLOURS[node.kind]
            item.update(shape="dot", size=14,
                        color={"background": colour, "border": colour,
                               "highlight": {"background": colour, "border": "#000000"},
                               "hover": {"background": colour, "border": "#000000"}})
        nodes.append(item)

    # Several arrows between the same two nodes curve apart.
    by_pair: dict[frozenset, int] = defaultdict(int)
    for holder, _, target in model.stances:
        by_pair[frozenset((holder, target))] += 1
    seen_pair: dict[frozenset, int] = defaultdict(int)

    index = model.index
    for i, (holder_iri, polarity, target_iri) in enumerate(model.stance_keys()):
        evidence = sorted(model.stances[(holder_iri, polarity, target_iri)],
                          key=lambda ev: (ev.article_id or "\uffff", ev.text, ev.speaker or ""))
        holder, target = index[holder_iri], index[target_iri]
        articles = {ev.article_id for ev in evidence if ev.article_id}
        edge_id = f"stance-{i}"
        details["edges"][edge_id] = _edge_html(holder, polarity, target, evidence, None)
        colour = POLARITY_COLOURS[polarity]
        edge = {"id": edge_id, "from": holder_iri, "to": target_iri,
                "title": _edge_html(holder, polarity, target, evidence, TOOLTIP_EVIDENCE_MAX),
                "color": {"color": colour, "highlight": colour, "hover": colour},
                "width": _edge_width(len(articles)), "sgPolarity": polarity}
        pair = frozenset((holder_iri, target_iri))
        if by_pair[pair] > 1:
            k = seen_pair[pair]
            seen_pair[pair] += 1
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 == 0 else "curvedCCW",
                              "roundness": 0.2 + 0.25 * (k // 2)}
        edges.append(edge)

    for i, (part, whole) in enumerate(sorted(model.parts)):
        tip = (f'<div class="sg-tip"><b>{_e(index[part].label)}</b> is part of '
               f"<b>{_e(index[whole].label)}</b></div>")
        edge_id = f"partof-{i}"
        details["edges"][edge_id] = tip
        edges.append({"id": edge_id, "from": part, "to": whole, "title": tip, "dashes": True, "width": 1.5,
                      "sgPolarity": "partof",
                      "color": {"color": PART_OF_COLOUR, "highlight": PART_OF_COLOUR, "hover": PART_OF_COLOUR}})

    return nodes, edges, details


def _config() -> dict:
    """What the page's script needs beside the data: legend and polarity names and colours."""
    return {
        "kinds": [{"name": kind, "colour": colour} for kind, colour in KIND_COLOURS.items() if kind != "Actor"],
        "proposal": PROPOSAL_COLOUR,
        "polarities": [{"key": p, "verb": POLARITY_VERBS[p] if p != "neutral" else "neutral",
                        "legend": POLARITY_VERBS[p], "colour": POLARITY_COLOURS[p]} for p in POLARITY_ORDER],
        "partof": PART_OF_COLOUR,
    }


def _page(model: _Model, title: str) -> tuple[str, int, int]:
    """graph.html's text, and the number of nodes and arrows it draws."""
    nodes, edges, details = _page_data(model)
    focused = [_one_line(n.label, 80) for n in model.focused[:5]]
    page = _template().render(
        title=title, focus=model.focus, focused=focused, focused_more=max(0, len(model.focused) - 5),
        note=model.note, config=_config(), details=details, nodes=nodes, edges=edges,
        options=_options(len(model.nodes)),
        vis_js=_asset(VIS_FILES[0]), vis_css=_asset(VIS_FILES[1]), view_css=_asset("view.css"), view_js=_SCRIPT)
    return page, len(nodes), len(edges)


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
    page, n_nodes, n_edges = _page(model, title)

    def write(tmp: pathlib.Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)

    _atomic_write(path, write)
    return {"nodes": n_nodes, "edges": n_edges}


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
    for node, (x, y), (dx, dy, hw, hh) in zip(model.nodes, placed.tolist(), boxes):
        if node.is_proposal:
            shapes[node.iri] = _Shape(x, y, hw, hh, True)
        else:
            shapes[node.iri] = _Shape(x, y, 8.0, 8.0, False)
        extents.append((x + dx - hw, y + dy - hh, x + dx + hw, y + dy + hh))

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
    page = _template("picture.html").render(svg=body)  # no script, nothing loaded: see the template
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
