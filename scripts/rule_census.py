#!/usr/bin/env python3
"""Where each rule of the rules' reading fires, and how it fares against the annotation.

    python scripts/rule_census.py [--shared ../shared] [--all]

Builds the rules' reading alone (`stancegraph build --reading rules`) of the shared articles (the
seed and the Wikinews demo set, gold-dev among them) and of the silver train and dev splits of
`corpus/split.tsv` (never test), and prints one row per rule id: in how many gold-dev articles it
reads a stance and how those fare (matched / optional / false, the shared scorer's matching), in
how many other Wikinews articles it fires, and the same for the silver articles. A rule that
reads stances in a single shared article and in none of the silver ones fits that article
only: issue #11 has such rules removed. `--all` lists every rule, not only the ones that fire in
at most one silver article.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(inputs: list[Path], out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "stancegraph", "build", *map(str, inputs), "--out", str(out),
                    "--reading", "rules"], check=True, stdout=subprocess.DEVNULL)
    return out / "graph.trig"


def by_rule(score, graph: Path, gold_dir: Path) -> tuple[dict, dict, dict]:
    """Per rule id: the articles of `gold_dir` it reads stances in, its [matched, optional, false]
    counts there; and the articles outside `gold_dir` it reads stances in."""
    import rdflib

    query = score.QUERY.replace("SELECT DISTINCT ?id ?h ?t ?p ?hl ?tl WHERE {",
                                "SELECT DISTINCT ?id ?h ?t ?p ?hl ?tl ?r WHERE {\n  ?s sg:rule ?r .")
    ds = rdflib.Dataset(default_union=True)
    ds.parse(graph)
    nodes: dict[tuple, dict] = {}
    for row in ds.query(query):
        pol = score.POLARITIES.get(str(row.p))
        entry = nodes.setdefault((str(row.id), str(row.h), pol, str(row.t)), {
            "holder_labels": set(), "target_labels": set(), "polarity": pol, "rules": set()})
        entry["holder_labels"].add(str(row.hl))
        entry["target_labels"].add(str(row.tl))
        entry["rules"].add(str(row.r))
    docs: dict[str, list] = defaultdict(list)
    for (doc, *_), entry in nodes.items():
        docs[doc].append(entry)
    outcome: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    fired: dict[str, set] = defaultdict(set)
    annotated = set()
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        annotated.add(gold["article"])
        preds = docs.get(gold["article"], [])
        required = [s for s in gold["stances"] if not s.get("optional")]
        optional = [s for s in gold["stances"] if s.get("optional")]
        matched = score.max_matching(required, preds)
        rest = [i for i in range(len(preds)) if i not in matched]
        excused = {rest[i] for i in score.max_matching(optional, [preds[i] for i in rest])}
        for i, pred in enumerate(preds):
            kind = 0 if i in matched else 1 if i in excused else 2
            for rule in pred["rules"]:
                outcome[rule][kind] += 1
                fired[rule].add(gold["article"])
    elsewhere: dict[str, set] = defaultdict(set)
    for doc, preds in docs.items():
        if doc not in annotated:
            for pred in preds:
                for rule in pred["rules"]:
                    elsewhere[rule].add(doc)
    return fired, outcome, elsewhere


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--all", action="store_true", help="every rule, not only those of at most one silver article")
    args = ap.parse_args()
    sys.path.insert(0, str(args.shared / "eval"))
    sys.path.insert(0, str(ROOT / "scripts"))
    import score
    from evaluate import link_split

    with tempfile.TemporaryDirectory(prefix="stancegraph-census-") as tmp:
        tmp = Path(tmp)
        arts, gold = link_split(["train", "dev"], tmp)
        shared = build([args.shared / "seeds", args.shared / "corpus" / "wikinews"], tmp / "shared")
        silver = build([arts], tmp / "silver-build")
        g_fired, g_outcome, g_else = by_rule(score, shared, args.shared / "eval" / "gold-dev")
        s_fired, s_outcome, _ = by_rule(score, silver, gold)
    rules = sorted(set(g_fired) | set(g_else) | set(s_fired), key=lambda r: (len(s_fired[r]), r))
    print("| rule | gold-dev articles | gold-dev matched / optional / false | other Wikinews articles "
          "| silver train+dev articles | silver matched / optional / false | fits one shared article only |")
    print("|---|---:|---:|---:|---:|---:|---|")
    only = []
    for rule in rules:
        one = len(g_fired[rule]) + len(g_else[rule]) == 1 and not s_fired[rule]
        only += [rule] if one else []
        if args.all or len(s_fired[rule]) <= 1:
            print(f"| {rule} | {len(g_fired[rule])} | {'/'.join(map(str, g_outcome[rule]))} | {len(g_else[rule])} "
                  f"| {len(s_fired[rule])} | {'/'.join(map(str, s_outcome[rule]))} | "
                  f"{'yes: ' + ', '.join(sorted(g_fired[rule] | g_else[rule])) if one else ''} |")
    print(f"\n{len(rules)} rules read a stance somewhere; {len(only)} fit one shared article only"
          + (f": {', '.join(only)}" if only else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
