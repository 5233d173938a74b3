#!/usr/bin/env python3
"""Why the stances of a silver split are missed: each required stance the model does not find, by kind.

    python scripts/error_analysis.py [--split dev|train|wire-dev] [--examples 5]

Kinds, in the order they are tested:
  no candidate: holder   no candidate holder in the article has a label that fits the holder's keys
  no candidate: target   no candidate target has a label that fits the target's keys
  no candidate: pair     both exist, never in one candidate pair (different sentences, mostly)
  wrong polarity         a chosen stance fits holder and target, with another polarity
  wrong target words     a chosen stance in the evidence sentence has the holder and polarity, not the target's words
  wrong holder           a chosen stance in the evidence sentence has the target and polarity, another holder
  below threshold        a candidate fits, the model did not choose it
And each stance the model reads that the silver annotation does not hold (a false positive), by kind:
  duplicate              holder, target and polarity fit an annotated stance another reading already matched
  wrong polarity         holder and target fit an annotated stance, with another polarity
  wrong holder           the target fits an annotated stance, the holder does not
  wrong target           the holder fits an annotated stance of the same polarity, the target does not
  unannotated            no annotated stance has the target, nor the holder with that polarity
Only dev (and train) for choosing what to do next; test is for milestones.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _wire_corpus(work: Path) -> Path:
    """corpus/wire-dev laid out as the training corpus is (train/, silver/, split.tsv), linked into `work`."""
    wire = ROOT / "corpus" / "wire-dev"
    (work / "train").mkdir()
    (work / "silver").mkdir()
    ids = sorted(p.stem for p in (wire / "articles").glob("*.txt"))
    for art in ids:
        (work / "train" / f"{art}.txt").symlink_to(wire / "articles" / f"{art}.txt")
        (work / "silver" / f"{art}.json").symlink_to(wire / "gold" / f"{art}.json")
    (work / "split.tsv").write_text("".join(f"{art}\twire\n" for art in ids), encoding="utf-8")
    return work


def main() -> int:
    from stancegraph.extract.learn import StanceModel, decide
    from stancegraph.extract.pipeline import RuleExtractor
    from stancegraph.extract.train import Corpus, _norm, collect, false_positives, fits, predictions, stance_fits

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=("train", "dev", "test", "wire-dev"),
                    help="a part of corpus/split.tsv, or wire-dev: the invented wire stories of corpus/wire-dev")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()
    if args.split == "wire-dev":
        corpus = Corpus.open(_wire_corpus(Path(tempfile.mkdtemp(prefix="stancegraph-wire-"))))
        args.split = "wire"
    else:
        corpus = Corpus.open(ROOT / "corpus")
    model = StanceModel.load()
    data = collect(RuleExtractor(stance_model=None), corpus, corpus.ids(args.split), lambda m: print(m, file=sys.stderr))
    kinds: Counter = Counter()
    false: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for ac in data:
        gold = corpus.gold(ac.art)
        probs = model.score(ac.cands)
        chosen = decide(ac.cands, probs, model.threshold)
        preds = predictions(ac, probs, model.threshold)
        for h, pol, t in false_positives(gold, preds)[1]:
            both = [s for s in gold["stances"] if stance_fits(s, h, t)]
            if any(s["polarity"] == pol for s in both):
                kind = "duplicate"
            elif both:
                kind = "wrong polarity"
            elif any(fits(t, s["target_keys"], s.get("target_not", [])) for s in gold["stances"]):
                kind = "wrong holder"
            elif any(s["polarity"] == pol and fits(h, s["holder_keys"], s.get("holder_not", []))
                     for s in gold["stances"]):
                kind = "wrong target"
            else:
                kind = "unannotated"
            false[kind] += 1
            examples.setdefault("false positive, " + kind, []).append(f"{sorted(h)[0]!r} {pol} {sorted(t)[0]!r}")
        reach = {g for fit in ac.gold_fit for g in fit}
        for g, s in enumerate(gold["stances"]):
            if s.get("optional"):
                continue
            if any(p[1] == s["polarity"] and stance_fits(s, p[0], p[2]) for p in preds):
                kinds["found"] += 1
                continue
            hold = lambda labels: fits(labels, s["holder_keys"], s.get("holder_not", []))  # noqa: E731
            targ = lambda labels: fits(labels, s["target_keys"], s.get("target_not", []))  # noqa: E731
            ev = _norm(s["evidence"])
            here = [(c, pol) for c, pol, _ in chosen if c.slot[1] in ac.sentences and
                    (ac.sentences[c.slot[1]] in ev or ev in ac.sentences[c.slot[1]])]
            if g not in reach:
                if not any(hold(ac.holder_labels[c.holder_key]) for c in ac.cands):
                    kind = "no candidate: holder"
                elif not any(targ({c.target_label}) for c in ac.cands):
                    kind = "no candidate: target"
                else:
                    kind = "no candidate: pair"
            elif any(stance_fits(s, p[0], p[2]) for p in preds):
                kind = "wrong polarity"
            elif any(pol == s["polarity"] and hold(ac.holder_labels[c.holder_key]) for c, pol in here):
                kind = "wrong target words"
            elif any(pol == s["polarity"] and targ({c.target_label}) for c, pol in here):
                kind = "wrong holder"
            else:
                kind = "below threshold"
            kinds[kind] += 1
            examples.setdefault(kind, []).append(f"{s['holder']!r} {s['polarity']} {s['target']!r}: {s['evidence'][:140]}")
    total = sum(kinds.values())
    print(f"| {args.split}: required silver stances ({total}) | count | share |")
    print("|---|---:|---:|")
    for kind, n in kinds.most_common():
        print(f"| {kind} | {n} | {n / total:.0%} |")
    total = sum(false.values())
    print(f"\n| {args.split}: stances read that the annotation does not hold ({total}) | count | share |")
    print("|---|---:|---:|")
    for kind, n in false.most_common():
        print(f"| {kind} | {n} | {n / total:.0%} |")
    for kind, rows in examples.items():
        print(f"\n{kind}:")
        for row in rows[: args.examples]:
            print("   ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
