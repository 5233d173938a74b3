#!/usr/bin/env python3
"""Build an evaluation set with `stancegraph build` and score it with the shared scorer.

    python scripts/evaluate.py [--set gold-dev|silver-*|wire-dev|wire-test]
                               [--reading model|rules]
                               [--min-confidence X] [--stance-model DIR] [--shared ../shared]
                               [--out DIR] [--table]

gold-dev: the shared seed and Wikinews articles against `SHARED/eval/gold-dev` (a check, not a target).
silver-*: the articles of one part of `corpus/split.tsv` against their silver stances in `corpus/silver`.
silver-test is for milestones only: nothing is chosen by its score.
wire-dev / wire-test: the invented wire stories of `corpus/wire-dev` (a development set) and
`corpus/wire-test` (for milestones only, as silver-test), against their stances.
Prints the scorer's last line (and with --table a Markdown row per article).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def link_split(parts: list[str], work: Path) -> tuple[Path, Path]:
    """The articles of the named parts of `corpus/split.tsv` ("train", "dev", "test"), and their silver
    stances, linked into two new folders in `work` (articles/ with the corpus's SOURCES.tsv, gold/)."""
    arts, gold = work / "articles", work / "gold"
    arts.mkdir()
    gold.mkdir()
    for line in (ROOT / "corpus" / "split.tsv").read_text(encoding="utf-8").splitlines():
        art, _, part = line.partition("\t")
        if part in parts:
            (arts / f"{art}.txt").symlink_to(ROOT / "corpus" / "train" / f"{art}.txt")
            (gold / f"{art}.json").symlink_to(ROOT / "corpus" / "silver" / f"{art}.json")
    (arts / "SOURCES.tsv").symlink_to(ROOT / "corpus" / "train" / "SOURCES.tsv")
    return arts, gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="gold-dev",
                    choices=("gold-dev", "silver-dev", "silver-test", "silver-train", "wire-dev", "wire-test"))
    ap.add_argument("--reading", default="model", choices=("model", "rules"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="build with `--min-confidence`: only the stances the model is at least this sure of")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--stance-model", type=Path, default=None,
                    help="a folder written by `stancegraph train --out` (default: the packaged model)")
    ap.add_argument("--table", action="store_true", help="a Markdown row per article")
    ap.add_argument("-v", "--verbose", action="store_true", help="the scorer's misses and extras")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix=f"stancegraph-{args.set}-"))
    work = Path(tempfile.mkdtemp(prefix="stancegraph-eval-"))
    if args.set == "gold-dev":
        inputs = [args.shared / "seeds", args.shared / "corpus" / "wikinews"]
        gold = args.shared / "eval" / "gold-dev"
    elif args.set.startswith("wire-"):
        inputs = [ROOT / "corpus" / args.set / "articles"]
        gold = ROOT / "corpus" / args.set / "gold"
    else:
        arts, gold = link_split([args.set.split("-", 1)[1]], work)
        inputs = [arts]
    subprocess.run([sys.executable, "-m", "stancegraph", "build", *map(str, inputs), "--out", str(out),
                    "--reading", args.reading,
                    *(["--stance-model", str(args.stance_model)] if args.stance_model else []),
                    *(["--min-confidence", str(args.min_confidence)] if args.min_confidence is not None else [])],
                   check=True, stdout=subprocess.DEVNULL)
    scorer = [sys.executable, str(args.shared / "eval" / "score.py"), str(out / "graph.ttl"), "--gold", str(gold)]
    if args.verbose:
        subprocess.run(scorer + ["-v"], check=True)
        return 0
    scored = subprocess.run(scorer + ["--json"], check=True, capture_output=True, text=True)
    d = json.loads(scored.stdout)
    if args.table:
        print("| article | tp | fp | fn | P | R | F1 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for art, v in sorted(d["articles"].items()):
            tp, fp, fn = v["tp"], v["fp"], v["fn"]
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"| {art} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
    at = f", min confidence {args.min_confidence}" if args.min_confidence is not None else ""
    print(f"{args.set} ({args.reading}{at}): stance P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f} "
          f"(tp={d['tp']} fp={d['fp']} fn={d['fn']}, {d['ignored']} optional) over {len(d['articles'])} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
