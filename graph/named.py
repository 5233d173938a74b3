"""Named queries: SPARQL files in `ontology/queries/*.rq` that users run by name with parameters.

Each file starts with `#` comment lines: the first is the one-sentence question the query
answers, then one line per parameter:

    # param: target - the proposal (required; its label or an alternative name, or part of one)

A parameter NAME is the variable `?NAME_param` in the query. Its value is bound through
Oxigraph `substitutions` (see `query.select`), always as a plain string literal, and never
pasted into the query text, so quotes, braces or SPARQL keywords in a value are only data.

Two behaviours of pyoxigraph 0.5 shape the queries:

- it substitutes only variables of the SELECT clause (otherwise "The SPARQL query does not
  contains variable ?x in its SELECT projection"), so every `?NAME_param` is projected and
  `run_named` drops those columns from the answer;
- `BOUND(?NAME_param)` is false even when the variable is substituted, so a query cannot
  test whether an optional parameter was given. An optional parameter left out is bound to
  "" instead, which every label contains (`CONTAINS(x, "")` is true).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Mapping, Optional, Sequence, Union

import pyoxigraph as ox

from stancegraph.graph.query import QueryError, load_store, read_query, select

Rows = list[list[Optional[str]]]

_PARAM_LINE = re.compile(r"#\s*param\b")
_PARAM = re.compile(r"#\s*param:\s*([A-Za-z][A-Za-z0-9_]*)\s+-\s+(\S.*?)\s*$")
_NEED = re.compile(r"\((required|optional)\b")
SUFFIX = "_param"


@dataclass(frozen=True)
class QueryParam:
    name: str
    description: str  # as written after the dash, "(required; ...)" included
    required: bool

    @property
    def variable(self) -> str:
        return self.name + SUFFIX


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    params: tuple[QueryParam, ...]
    text: str

    def param(self, name: str) -> Optional[QueryParam]:
        return next((p for p in self.params if p.name == name), None)


def parse_query(name: str, text: str, source: str = "") -> NamedQuery:
    """Read the comment header of one query file; a malformed header is an error naming file and line."""
    where = source or f"{name}.rq"
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#") or _PARAM_LINE.match(lines[0]):
        raise QueryError(f"{where}:1: a named query starts with '# ' and the question it answers")
    question = lines[0].lstrip("#").strip()
    if not question:
        raise QueryError(f"{where}:1: the first line must be the question the query answers")
    params: list[QueryParam] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.startswith("#"):
            break
        if not _PARAM_LINE.match(line):
            continue  # a note
        m = _PARAM.match(line)
        if not m:
            raise QueryError(f"{where}:{number}: expected '# param: NAME - what it is (required|optional ...)', got {line!r}")
        pname, description = m.groups()
        need = _NEED.search(description)
        if not need:
            raise QueryError(f"{where}:{number}: parameter {pname!r} must say '(required' or '(optional' in its description")
        if any(p.name == pname for p in params):
            raise QueryError(f"{where}:{number}: parameter {pname!r} is declared twice")
        if not re.search(r"\?" + re.escape(pname + SUFFIX) + r"\b", text):
            raise QueryError(f"{where}:{number}: parameter {pname!r} is declared but the query never uses ?{pname}{SUFFIX}")
        params.append(QueryParam(pname, description, need.group(1) == "required"))
    return NamedQuery(name=name, question=question, params=tuple(params), text=text)


@lru_cache(maxsize=1)
def _load_all() -> dict[str, NamedQuery]:
    folder = files("stancegraph.ontology").joinpath("queries")
    found: dict[str, NamedQuery] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq") and entry.is_file():
            name = entry.name[: -len(".rq")]
            found[name] = parse_query(name, entry.read_text(encoding="utf-8"), f"stancegraph/ontology/queries/{entry.name}")
    return found


def list_queries() -> list[NamedQuery]:
    """Every packaged named query, by name."""
    return list(_load_all().values())


def get_query(name: str) -> NamedQuery:
    """The named query `name`; an unknown name is a QueryError listing the known ones."""
    queries = _load_all()
    key = name[:-3] if name.endswith(".rq") else name
    if key in queries:
        return queries[key]
    close = difflib.get_close_matches(key, list(queries), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise QueryError(f"no named query {name!r}{hint}; the named queries are: {', '.join(queries)}")


def run_named(store: ox.Store, name: str, params: Optional[Mapping[str, str]] = None) -> tuple[list[str], Rows]:
    """Run a named query with its parameters bound (never pasted): (column names, rows).

    Values are stripped of surrounding white space; a required parameter left out, an
    unknown one, or an empty value is a one-line QueryError.
    """
    query = get_query(name)
    bindings = bind_params(query, params)
    try:
        names, rows = select(store, query.text, bindings)
    except QueryError as err:
        raise QueryError(f"named query {query.name!r}: {err}") from None
    except (RuntimeError, ValueError, OSError) as err:
        raise QueryError(f"named query {query.name!r} failed: {err}") from None
    drop = {p.variable for p in query.params}
    keep = [i for i, n in enumerate(names) if n not in drop]
    return [names[i] for i in keep], [[row[i] for i in keep] for row in rows]


def bind_params(query: NamedQuery, params: Optional[Mapping[str, str]]) -> dict[str, ox.Literal]:
    """Check `params` against what `query` declares; the Oxigraph bindings, one string literal each."""
    given = {str(k): ("" if v is None else str(v)).strip() for k, v in (params or {}).items()}
    for key in given:
        if query.param(key) is None:
            takes = (f"its parameters are {', '.join(p.name for p in query.params)}" if query.params
                     else "it takes none")
            raise QueryError(f"named query {query.name!r} has no parameter {key!r}; {takes}")
    for p in query.params:
        if p.required and p.name not in given:
            raise QueryError(f"named query {query.name!r} needs the parameter {p.name!r}: {p.description}; "
                             f"give it as --param {p.name}=VALUE")
        if p.name in given and not given[p.name]:
            raise QueryError(f"parameter {p.name!r} of named query {query.name!r} is empty; "
                             f"give {p.description.split('(')[0].strip() or 'a value'}")
    # A left-out optional parameter is "" (see the module note on BOUND).
    return {p.variable: ox.Literal(given.get(p.name, "")) for p in query.params}


def parse_params(pairs: Optional[Sequence[str]]) -> dict[str, str]:
    """`--param NAME=VALUE` strings as a dict; the value is everything after the first '='."""
    out: dict[str, str] = {}
    for pair in pairs or ():
        key, eq, value = pair.partition("=")
        key = key.strip()
        if not eq or not key:
            raise QueryError(f"--param expects NAME=VALUE, got {pair!r}")
        if key in out:
            raise QueryError(f"--param {key} is given twice")
        out[key] = value
    return out


def list_table() -> tuple[list[str], Rows]:
    """The named queries as rows (name, question, params) for `stancegraph query --list`."""
    rows: Rows = []
    for q in list_queries():
        params = "; ".join(f"{p.name} - {p.description}" for p in q.params) or "-"
        rows.append([q.name, q.question, params])
    return ["name", "question", "params"], rows


def query_command(
    graph: Optional[Union[str, Path]],
    sparql: Optional[str] = None,
    *,
    name: Optional[str] = None,
    params: Optional[Sequence[str]] = None,
    list_only: bool = False,
    store_dir: Optional[Union[str, Path]] = None,
) -> tuple[list[str], Rows]:
    """Everything `stancegraph query` does but drawing the answer: (column names, rows).

    The graph is GRAPH (a graph file, or a build's --out folder: its graph.trig, else graph.ttl), loaded
    in memory, or `store_dir` (`--store DIR`), an on-disk store opened read-only and queried in place.
    - `list_only` (`--list`): the named queries, their questions and parameters (GRAPH not needed);
    - `name` (`--name NAME`, with `--param NAME=VALUE` strings in `params`): a named query over the graph;
    - otherwise `sparql`, a SPARQL text or a .rq file, over the graph, as before.
    Wrong combinations are one-line QueryErrors.
    """
    if store_dir is not None and graph is not None and sparql is None and not list_only:
        # `query --store DIR 'SELECT ...'`: the one positional argument is the query, not a graph
        graph, sparql = None, str(graph)
    if store_dir is not None and graph is not None:
        raise QueryError(f"give a graph or --store DIR, not both (got {graph} and --store {store_dir})")
    if list_only:
        if sparql or name or params:
            raise QueryError("--list takes no query, --name or --param; it only lists the named queries")
        return list_table()
    if name and sparql:
        raise QueryError(f"give either a SPARQL query or --name, not both (got {sparql!r} and --name {name})")
    if params and not name:
        raise QueryError("--param goes with --name NAME; `stancegraph query --list` shows the named queries")
    if not name and not sparql:
        if graph is None and store_dir is None:
            raise QueryError("give a graph and a query: stancegraph query (GRAPH | --store DIR) (SPARQL | FILE.rq | "
                             "--name NAME); `stancegraph query --list` shows the named queries")
        raise QueryError(f"give a query after {graph if graph is not None else f'--store {store_dir}'}: SPARQL text, "
                         "a .rq file, or --name NAME (`stancegraph query --list` shows the named queries)")
    if graph is None and store_dir is None:
        raise QueryError("give the graph to query: stancegraph query GRAPH ... (a graph file or a build's --out "
                         "folder), or stancegraph query --store DIR ...")
    if name:
        query = get_query(name)
        given = parse_params(params)
        bind_params(query, given)  # wrong names or parameters fail before the graph is read
        return _on_graph(graph, store_dir, lambda store: run_named(store, query.name, given))
    text = read_query(sparql)
    return _on_graph(graph, store_dir, lambda store: select(store, text))


def _on_graph(graph, store_dir, answer):
    """`answer(store)` over GRAPH loaded in memory, or over the on-disk store `store_dir` opened read-only."""
    if store_dir is None:
        return answer(load_store(graph))
    from stancegraph.graph.store import StanceStore

    with StanceStore(store_dir, read_only=True) as st:
        try:
            return answer(st.store)
        except (RuntimeError, ValueError, OSError) as err:  # the store's own errors (I/O, corruption): one line
            raise QueryError(f"{store_dir}: the query failed on the store ({err})") from None
