#!/usr/bin/env python3
"""Ablation of the rules' features on silver dev (issue #11: rules become features, or go).

Refits the model's design (hashed features + dense, C=0.05, seed 13) on the train split with the
rules' features stripped from the pairs a rule family read, and scores silver dev end to end at
threshold 0.3 with the training's scorer (README, Evaluation, has the table):

    python scripts/ablate_rule_features.py none ALL v n a act pattern NORULE

none = everything kept; ALL = no rule features; v / n / a / act / pattern = one family's features
stripped; NORULE = no rule features and no target that only a rule proposed; `families` counts
the training pairs each family read. CACHE=file.pkl keeps the candidates read (about 3 minutes)
between runs.
"""
from __future__ import annotations

import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RULE_KEYS = ("rule=", "rule.id=", "rule.conf", "shape+rule=")
RULE_ONLY_TARGET = "t.kind=rule"


def family_of(features: dict) -> Optional[str]:
    """The rule family ("v", "n", "a", "act", "pattern") that read the pair, if a rule did."""
    return next((k[len("rule.id="):].split(":")[0] for k in features if k.startswith("rule.id=")), None)


def stripped(features: dict, family: str) -> dict:
    """The pair's features without those of the rule family (all families: "ALL")."""
    f = dict(features)
    fam = family_of(features)
    if fam is not None and family in ("ALL", fam):
        for k in [k for k in f if k.startswith(RULE_KEYS)]:
            del f[k]
    if family == "ALL":
        f.pop("rule.holder_elsewhere", None)
        f.pop("rule.target_other_holder", None)
    return f


def main() -> int:
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression

    from stancegraph.extract.learn import N_FEATURES
    from stancegraph.extract.train import (SEED, THRESHOLDS, Corpus, Design, _reorder, _rows, collect, evaluate,
                                           per_article)

    corpus = Corpus.open(ROOT / "corpus")
    cache = os.environ.get("CACHE")
    if cache and Path(cache).exists():
        data = pickle.loads(Path(cache).read_bytes())
    else:
        from stancegraph.extract.pipeline import RuleExtractor

        ex = RuleExtractor(stance_model=None)
        data = {part: collect(ex, corpus, corpus.ids(part), print) for part in ("train", "dev")}
        if cache:
            Path(cache).write_bytes(pickle.dumps(data))
    tr, dv = data["train"], data["dev"]
    if sys.argv[1:2] == ["families"]:
        print(Counter(family_of(c.features) for ac in tr for c in ac.cands))
        return 0
    golds = {ac.art: corpus.gold(ac.art) for ac in tr + dv}
    original = {id(c): c.features for ac in tr + dv for c in ac.cands}
    hasher = FeatureHasher(n_features=N_FEATURES, alternate_sign=False)
    for variant in sys.argv[1:]:
        started = time.time()
        no_rule_targets = variant == "NORULE"
        family = "ALL" if no_rule_targets else variant
        for ac in tr + dv:
            for c in ac.cands:
                c.features = original[id(c)] if variant == "none" else stripped(original[id(c)], family)
        rows, y = _rows(tr)
        if no_rule_targets:
            keep = np.array([RULE_ONLY_TARGET not in r.features for r in rows])
            rows, y = [r for r, k in zip(rows, keep) if k], y[keep]
        design = Design.fit(rows, hasher)
        clf = LogisticRegression(C=0.05, max_iter=500, random_state=SEED).fit(design.matrix(rows), y)
        dev_rows, _ = _rows(dv, keep_unlabelled=True)
        probs = per_article(_reorder(clf, clf.predict_proba(design.matrix(dev_rows))), dv)
        if no_rule_targets:
            for ac, p in zip(dv, probs):
                p[[i for i, c in enumerate(ac.cands) if RULE_ONLY_TARGET in c.features]] = [1, 0, 0, 0]
        res = {th: evaluate(dv, probs, golds, th) for th in THRESHOLDS}
        at, best = res[0.3], max(res, key=lambda th: res[th]["f1"])
        print(f"{variant:10s} dev F1@0.3 {at['f1']:.4f} (P {at['precision']:.3f} R {at['recall']:.3f})  "
              f"best {res[best]['f1']:.4f}@{best}  {time.time() - started:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
