"""Ablation of the rules' features on silver dev (issue #11: rules become features, or go).

Refits the model's design (hashed features + dense, C=0.05, seed 13) on the train split with the
rules' features stripped from the pairs a rule family read, and scores silver dev end to end at
threshold 0.3 with the training's scorer (README, Evaluation, has the table):

    python scripts/ablate_rule_features.py none ALL v n a act pattern NORULE

none = everything kept; ALL = no rule features; v / n / a / act / pattern = one family's features
stripped; NORULE = no rule features and no target that only a rule proposed. CACHE=file.pkl keeps
the candidates read (about 3 minutes) between runs.
"""
import os, pickle, sys, time
from pathlib import Path
import numpy as np
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from stancegraph.extract.train import Corpus, _reorder, evaluate, THRESHOLDS, _rows, Design, SEED
from stancegraph.extract.learn import N_FEATURES

ROOT = Path(__file__).resolve().parents[1]
corpus = Corpus.open(ROOT / "corpus")
cache = os.environ.get("CACHE")
if cache and Path(cache).exists():
    data = pickle.load(open(cache, "rb"))
else:
    from stancegraph.extract.pipeline import RuleExtractor
    from stancegraph.extract.train import collect
    ex = RuleExtractor(stance_model=None)
    data = {part: collect(ex, corpus, corpus.ids(part), print) for part in ("train", "dev")}
    if cache:
        pickle.dump(data, open(cache, "wb"))
tr, dv = data['train'], data['dev']
golds = {ac.art: corpus.gold(ac.art) for ac in tr + dv}
RULE_KEYS = ("rule=", "rule.id=", "rule.conf", "shape+rule=")
orig = {}
for ac in tr + dv:
    for c in ac.cands:
        orig[id(c)] = dict(c.features)

def family_of(f):
    for k in f:
        if k.startswith("rule.id="):
            return k[8:].split(":")[0]
    return None

def strip(fam):
    n = 0
    for ac in tr + dv:
        for c in ac.cands:
            f = dict(orig[id(c)])
            fam_c = family_of(orig[id(c)])
            if fam_c is not None and (fam == "ALL" or fam_c == fam):
                for k in [k for k in f if k.startswith(RULE_KEYS)]:
                    del f[k]
                n += 1
            if fam == "ALL":
                f.pop("rule.holder_elsewhere", None); f.pop("rule.target_other_holder", None)
            c.features = f
    return n

if sys.argv[1:2] == ["families"]:
    from collections import Counter
    print(Counter(family_of(c.features) for ac in tr for c in ac.cands))
    sys.exit()
h = FeatureHasher(n_features=N_FEATURES, alternate_sign=False)
for fam in sys.argv[1:]:
    t = time.time()
    nokind = fam == "NORULE"
    n = strip("ALL" if nokind else fam) if fam != "none" else 0
    rows, y = _rows(tr)
    if nokind:
        keep = np.array(["t.kind=rule" not in r.features for r in rows])
        rows = [r for r, k in zip(rows, keep) if k]; y = y[keep]
    design = Design.fit(rows, h)
    clf = LogisticRegression(C=0.05, max_iter=500, random_state=SEED).fit(design.matrix(rows), y)
    drows, _ = _rows(dv, keep_unlabelled=True)
    pa = clf.predict_proba(design.matrix(drows))
    probs, at = [], 0
    for ac in dv:
        p = _reorder(clf, pa[at:at + len(ac.cands)]); at += len(ac.cands)
        if nokind:
            for i, c in enumerate(ac.cands):
                if "t.kind=rule" in c.features:
                    p[i] = [1, 0, 0, 0]
        probs.append(p)
    res = {th: evaluate(dv, probs, golds, th) for th in THRESHOLDS}
    r3 = res[0.3]
    bt = max(res, key=lambda k: res[k]['f1'])
    print(f"{fam:32s} stripped {n:6d}  dev F1@0.3 {r3['f1']:.4f} (P {r3['precision']:.3f} R {r3['recall']:.3f})  best {res[bt]['f1']:.4f}@{bt}  {time.time()-t:.0f}s", flush=True)
