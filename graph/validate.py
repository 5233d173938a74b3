"""SHACL validation of a stance graph against `ontology/shapes.ttl`.

`validate(graph_or_path)` checks a built graph (an rdflib Graph or Dataset, or a
.ttl/.trig/.nt/.nq/.jsonld file; named graphs are validated as their union) with
pyshacl, using the packaged shapes and the packaged ontology as ontology graph with
RDFS inference (so `sh:targetClass sg:Actor` reaches every sg:Person, sg:Country...).
The `Report` it returns has one `Violation` per result, each with a readable message
naming the node, the property and what is wrong.

`validate_command(graph, max_lines)` is the body of `stancegraph validate GRAPH`.

Speed: pyshacl hands every SPARQL-based constraint to rdflib as query *text*, once
per focus node, and rdflib parses it every time (~40 ms each: ~15 s for a graph of
30 articles). The data graph is therefore a `_PreparedQueryGraph`, which parses
each distinct query text once and reuses the prepared query with the focus node
bound (the same thing rdflib does with `initBindings`); validation is run
`inplace` on that private copy so pyshacl keeps using it after adding the
ontology and the RDFS inferences.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Optional, Union

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from stancegraph.extract.errors import StancegraphError
from stancegraph.graph.vocab import ID, NIF, SCHEMA, SG_NS, WD

SH = Namespace("http://www.w3.org/ns/shacl#")
SGSH = Namespace("https://w3id.org/stancegraph/shapes#")

# Longest namespace first, so id: wins over sg: for things the graph describes.
PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "id": str(ID),
            "sg": SG_NS,
            "sgsh": str(SGSH),
            "prov": str(PROV),
            "dcterms": str(DCTERMS),
            "skos": str(SKOS),
            "schema": str(SCHEMA),
            "nif": str(NIF),
            "rdf": str(RDF),
            "rdfs": str(RDFS),
            "xsd": str(XSD),
            "owl": str(OWL),
            "sh": str(SH),
            "wd": str(WD),
        }.items(),
        key=lambda kv: -len(kv[1]),
    )
)

# How a file name ends -> rdflib parser, and whether it holds named graphs.
FORMATS: dict[str, tuple[str, bool]] = {
    ".ttl": ("turtle", False),
    ".trig": ("trig", True),
    ".nt": ("nt", False),
    ".nq": ("nquads", True),
    ".jsonld": ("json-ld", True),
    ".json": ("json-ld", True),
    ".rdf": ("xml", False),
    ".xml": ("xml", False),
    ".owl": ("xml", False),
    ".n3": ("n3", False),
}

SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


class ValidationError(StancegraphError):
    """The graph to validate cannot be read; the message names the file and what was wrong."""


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------


def compact(term: Optional[Node]) -> str:
    """A short, readable form of an RDF term: id:stance/abc, sg:holder, "text", 0.85."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, ns in PREFIXES:
            if s.startswith(ns) and len(s) > len(ns):
                return f"{prefix}:{s[len(ns):]}"
        return f"<{s}>"
    if isinstance(term, Literal):
        text = str(term)
        shown = text if len(text) <= 60 else text[:57] + "..."
        if term.datatype in (XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.double, XSD.boolean) and text:
            return text
        body = '"' + shown.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{body}^^{compact(term.datatype)}"
        return body
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _compact_iris_in(text: str) -> str:
    """Full IRIs pyshacl pastes into a sh:message ({?value}), in their short form."""
    return re.sub(r"<?(https?://[^\s<>\"{}|\\^`,;]+)>?", lambda m: compact(URIRef(m.group(1))), text)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: what is wrong (message) with which node (focus), at which property (path)."""

    focus: Node
    path: Optional[Node]
    message: str
    severity: str = "Violation"  # "Violation", "Warning" or "Info"
    value: Optional[Node] = None
    shape: Optional[Node] = None  # the sgsh: shape that produced it
    component: Optional[Node] = None  # e.g. sh:MinCountConstraintComponent

    def line(self) -> str:
        """`<focus> <path>: <message>`, e.g. `id:stance/ab12 sg:polarity: 2 values ...`."""
        where = compact(self.focus) + (f" {compact(self.path)}" if self.path is not None else "")
        tag = "" if self.severity == "Violation" else f"[{self.severity.lower()}] "
        return f"{where}: {tag}{self.message}"

    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER.get(self.severity, 9), self.line())


@dataclass
class Report:
    """The outcome of validating one graph."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0  # triples in the validated graph (the union of named graphs), before inference
    seconds: float = 0.0

    def format(self, max_lines: int = 50) -> str:
        """One line per violation, sorted (violations before warnings); at most `max_lines` of them
        (0 or less: all), then "... and K more"."""
        if not self.violations:
            return f"conforms ({self.triples} triples)"
        lines = sorted({v.line(): v.sort_key() for v in self.violations}.items(), key=lambda kv: kv[1])
        shown = [text for text, _ in lines]
        if max_lines > 0 and len(shown) > max_lines:
            rest = len(shown) - max_lines
            shown = shown[:max_lines] + [f"... and {rest} more"]
        return "\n".join(shown)

    def __str__(self) -> str:
        return self.format()


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def _data_file(name: str):
    return files("stancegraph.ontology") / name


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The packaged SHACL shapes (ontology/shapes.ttl)."""
    g = Graph()
    g.parse(data=_data_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The packaged vocabulary (ontology/stancegraph.ttl)."""
    g = Graph()
    g.parse(data=_data_file("stancegraph.ttl").read_text(encoding="utf-8"), format="turtle")
    return g


def read_graph(path: Union[str, Path]) -> Graph:
    """A graph file as one Graph; TriG, N-Quads and JSON-LD named graphs are merged into their union."""
    from rdflib import Dataset

    from stancegraph.graph.query import graph_file

    path, fmt = graph_file(path, FORMATS, ValidationError)
    parser, quads = fmt
    try:
        if quads:
            ds = Dataset()
            ds.parse(source=str(path), format=parser)
            return _union(ds)
        g = Graph()
        g.parse(source=str(path), format=parser)
        return g
    except Exception as err:  # rdflib raises many kinds (BadSyntax, ParserError, ValueError, ...)
        reason = " ".join(str(err).split())[:300]
        raise ValidationError(f"{path}: not valid {path.suffix[1:]} ({type(err).__name__}: {reason})") from None


def store_graph(store) -> Graph:
    """Every triple of an Oxigraph store (the union of its named graphs) as one Graph, to validate."""
    import pyoxigraph as ox
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return _union(ds)


def _union(g: Graph) -> Graph:
    """Every triple of a Graph, or of every named graph (and the default graph) of a Dataset."""
    out = Graph()
    if getattr(g, "context_aware", False):
        for s, p, o, _ in g.quads((None, None, None, None)):
            out.add((s, p, o))
    else:
        for triple in g:
            out.add(triple)
    for prefix, ns in g.namespace_manager.namespaces():
        out.bind(prefix, ns, override=False)
    return out


class _PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL query text once (see the module docstring)."""

    _prepared: dict = {}

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            prepared = self._prepared.get(query_object)
            if prepared is None:
                prepared = self._prepared[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def validate(graph_or_path: Union[Graph, str, Path]) -> Report:
    """Validate a stance graph (a Graph, a Dataset, or a path to a graph file) against the shapes."""
    import pyshacl

    started = time.perf_counter()
    data = read_graph(graph_or_path) if isinstance(graph_or_path, (str, Path)) else _union(graph_or_path)
    work = _PreparedQueryGraph()
    for triple in data:
        work.add(triple)
    shapes = shapes_graph()
    conforms, results, _text = pyshacl.validate(
        work,
        shacl_graph=shapes,
        ont_graph=ontology_graph(),
        inference="rdfs",
        inplace=True,  # on `work`, our own copy: keeps the prepared-query graph in use
        allow_warnings=True,
        allow_infos=True,
    )
    violations = [_violation(results, r, shapes, data) for r in results.objects(None, SH.result)]
    violations.sort(key=Violation.sort_key)
    ok = not any(v.severity == "Violation" for v in violations)
    return Report(conforms=ok, violations=violations, triples=len(data), seconds=time.perf_counter() - started)


def _violation(results: Graph, r: Node, shapes: Graph, data: Graph) -> Violation:
    focus = results.value(r, SH.focusNode)
    path = results.value(r, SH.resultPath)
    value = results.value(r, SH.value)
    shape = results.value(r, SH.sourceShape)
    component = results.value(r, SH.sourceConstraintComponent)
    severity_node = results.value(r, SH.resultSeverity)
    severity = str(severity_node).rsplit("#", 1)[-1] if severity_node is not None else "Violation"
    pyshacl_message = next((str(m) for m in results.objects(r, SH.resultMessage)), "")
    message = _message(component, focus, path, value, shape, shapes, data, pyshacl_message)
    return Violation(focus=focus, path=path, message=message, severity=severity, value=value,
                     shape=shape, component=component)


def _message(component, focus, path, value, shape, shapes: Graph, data: Graph, fallback: str) -> str:
    """A message that says what is wrong and what was expected."""
    own = shapes.value(shape, SH.message) if shape is not None else None
    if component == SH.SPARQLConstraintComponent or own is not None:
        return _compact_iris_in(fallback or str(own))
    problem = _problem(component, focus, path, value, shape, shapes, data)
    if problem is None:
        return _compact_iris_in(fallback) or "does not conform"
    description = shapes.value(shape, SH.description)
    if description is not None:
        text = str(description)
        return f"{problem} — {text[:1].lower()}{text[1:]}"
    return problem


def _problem(component, focus, path, value, shape, shapes: Graph, data: Graph) -> Optional[str]:
    """What is wrong, from the constraint component and its parameter on the shape."""
    local = str(component).rsplit("#", 1)[-1] if component is not None else ""
    param = lambda p: shapes.value(shape, p)  # noqa: E731
    v = compact(value)
    values = sorted(data.objects(focus, path), key=str) if isinstance(path, URIRef) else []
    if local == "MinCountConstraintComponent":
        n = len(values)
        return "missing" if n == 0 else f"{n} value{'s' if n != 1 else ''}, at least {param(SH.minCount)} needed"
    if local == "MaxCountConstraintComponent":
        shown = ", ".join(compact(x) for x in values[:4]) + (", ..." if len(values) > 4 else "")
        return f"{len(values)} values ({shown}), at most {param(SH.maxCount)} allowed"
    if local == "DatatypeConstraintComponent":
        return f"{v} is not an {compact(param(SH.datatype))}"
    if local == "ClassConstraintComponent":
        return f"{v} is not a {compact(param(SH['class']))}{_what_it_is(value, data)}"
    if local == "NodeConstraintComponent":
        node_shape = param(SH.node)
        name = shapes.value(node_shape, SH.name) if node_shape is not None else None
        return f"{v} is not {name or compact(node_shape)}{_what_it_is(value, data)}"
    if local == "InConstraintComponent":
        allowed = ", ".join(compact(x) for x in Collection(shapes, param(SH["in"])))
        return f"{v} is not one of {allowed}"
    if local == "MinInclusiveConstraintComponent":
        return f"{v} is below the minimum {param(SH.minInclusive)}"
    if local == "MaxInclusiveConstraintComponent":
        return f"{v} is above the maximum {param(SH.maxInclusive)}"
    if local == "MinExclusiveConstraintComponent":
        return f"{v} is not above {param(SH.minExclusive)}"
    if local == "MaxExclusiveConstraintComponent":
        return f"{v} is not below {param(SH.maxExclusive)}"
    if local == "MinLengthConstraintComponent":
        return f"{v} is empty" if value is not None and str(value) == "" else f"{v} is shorter than {param(SH.minLength)} characters"
    if local == "MaxLengthConstraintComponent":
        return f"{v} is longer than {param(SH.maxLength)} characters"
    if local == "PatternConstraintComponent":
        pattern = str(param(SH.pattern))
        if pattern == r"\S":
            return f"{v} is empty or blank"
        return f"{v} does not match /{pattern}/"
    if local == "NodeKindConstraintComponent":
        kind = {SH.IRI: "an IRI", SH.BlankNode: "a blank node", SH.Literal: "a literal"}.get(param(SH.nodeKind), compact(param(SH.nodeKind)))
        return f"{v} is not {kind}"
    if local == "NotConstraintComponent":
        negated = param(SH["not"])
        name = shapes.value(negated, SH.name) if negated is not None else None
        return f"{v} must not be {name or compact(negated)}"
    if local == "LessThanConstraintComponent":
        return f"{v} is not less than the value of {compact(param(SH.lessThan))}"
    return None


def _what_it_is(node: Optional[Node], data: Graph) -> str:
    """"; it is a sg:Proposal", or where the node has no type or no triples at all."""
    if node is None or isinstance(node, Literal):
        return ""
    types = sorted(compact(t) for t in data.objects(node, RDF.type))
    if types:
        return f" (it is a {', '.join(types)})"
    if (node, None, None) in data:
        return " (it has no rdf:type)"
    return " (nothing is said about it in the graph: no rdf:type, no label)"


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------


def validate_command(graph: Union[Graph, Path], max_lines: int, name: Optional[str] = None) -> int:
    """`stancegraph validate GRAPH`: print the report; 0 if the graph conforms, 1 if not.

    `graph` is a graph file, a build's --out folder, or a Graph (from `store_graph`), then shown as `name`.
    A file that cannot be read raises `ValidationError` (a StancegraphError: one line, exit 1).
    `max_lines` <= 0 prints every violation.
    """
    report = validate(graph)
    graph = name or graph
    if report.conforms:
        extra = f"; {len(report.violations)} warnings" if report.violations else ""
        print(f"OK: {graph} conforms to the stancegraph shapes ({report.triples} triples{extra})")
        if report.violations:
            print(report.format(max_lines))
        return 0
    errors = sum(1 for v in report.violations if v.severity == "Violation")
    nodes = len({v.focus for v in report.violations if v.severity == "Violation"})
    print(f"{graph}: {errors} violation{'s' if errors != 1 else ''} of the stancegraph shapes "
          f"on {nodes} node{'s' if nodes != 1 else ''} ({report.triples} triples)")
    print(report.format(max_lines))
    return 1

