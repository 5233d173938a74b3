"""Training the stance model from the repository's annotated corpus (`stancegraph train`).

    corpus/train/*.txt     the articles (Wikinews, CC BY 2.5; attribution in SOURCES.tsv)
    corpus/silver/*.json   their stances, written by the annotation guideline
    corpus/split.tsv       the fixed split by article: train / dev / test

Candidates come from `learn.CandidateFinder`; a candidate pair is labelled with a
silver stance's polarity where its holder's and target's labels fit that
stance's keys (the shared scorer's rule) in the stance's evidence sentence; the
same pair elsewhere in the article is left out of training (the stance is listed
once however many sentences repeat it); every other pair is "none". The model is
fitted on train; the regularisation and the decision threshold are chosen on dev
by end-to-end stance F1, the temperature that calibrates the confidence by dev
log-loss. Test is scored only with `--report-test`, never to choose anything.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from stancegraph.extract.learn import (CLASSES, DENSE_PARTS, DENSE_WIDTH, MODEL_NAME, N_FEATURES, Candidate,
                                       CandidateFinder, Priors, Row, StanceModel, T_NEGATED, decide,
                                       merge_proposals, nested_targets, one_reading, undoing_heads, weights_digest)
from stancegraph.extract.lexicon import load_lexicon
from stancegraph.extract.readers import read_articles
from stancegraph.extract.records import NEUTRAL, OPPOSITE

SEED = 13
C_GRID = (0.05, 0.1, 0.2)
# The fewest dev stances a stance-level map is fitted on (`fit_stance_calibration`)
MIN_CALIBRATION_STANCES = 20
# The dense features' weight beside the sparse ones once standardised (chosen on dev: 0.3 gave dev F1
# 0.291, 1.0 gave 0.280, without them 0.286).
DENSE_SCALE = 0.3
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.15, 0.86, 0.05))

# ----------------------------------------------------------------- the shared scorer's matching rule
# (after ../shared/eval/score.py: a label fits where it holds every key group and none of the excluded stems)
MAX_LABEL_WORDS = 12
SHORT_STEM_ENDINGS = ("", "s", "es", "d", "ed", "ing", "ation", "ations",
                      "ned", "ning", "red", "ring", "ged", "ging", "ted", "ting")
FOLD = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
                      "þ": "th", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ħ": "h"})


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.translate(FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.findall(r"[a-z0-9]+", text)


def _has_key(label_tokens: list[str], alternative: str) -> bool:
    stems = _tokens(alternative)
    n = len(stems)

    def fits(word: str, stem: str) -> bool:
        if len(stem) > 3:
            return word.startswith(stem)
        endings = SHORT_STEM_ENDINGS if len(stem) == 3 else ("", "s")
        return any(word == stem + e for e in endings)

    return any(all(fits(label_tokens[i + j], stems[j]) for j in range(n)) for i in range(len(label_tokens) - n + 1))


def fits(labels, key_groups, exclude=()) -> bool:
    for label in labels:
        toks = _tokens(label)
        if len(toks) > MAX_LABEL_WORDS or any(_has_key(toks, alt) for alt in exclude):
            continue
        if all(any(_has_key(toks, alt) for alt in group) for group in key_groups):
            return True
    return False


def stance_fits(gold: dict, holder_labels, target_labels) -> bool:
    return (fits(holder_labels, gold["holder_keys"], gold.get("holder_not", []))
            and fits(target_labels, gold["target_keys"], gold.get("target_not", [])))


def _matching(golds: list[dict], preds: list[tuple]) -> dict[int, int]:
    edges = [[g for g, gold in enumerate(golds) if gold["polarity"] == p[1] and stance_fits(gold, p[0], p[2])]
             for p in preds]
    owner: dict[int, int] = {}

    def augment(p: int, seen: set) -> bool:
        for g in edges[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(len(preds)):
        augment(p, set())
    return {p: g for g, p in owner.items()}


def false_positives(gold_doc: dict, preds: list[tuple]) -> tuple[int, list[tuple]]:
    """How many required stances the predictions match, and the predictions that match neither a required
    nor an optional stance, as the shared scorer matches them; preds are (holder labels, polarity, target labels)."""
    required = [s for s in gold_doc["stances"] if not s.get("optional")]
    optional = [s for s in gold_doc["stances"] if s.get("optional")]
    matched = _matching(required, preds)
    rest = [p for i, p in enumerate(preds) if i not in matched]
    excused = _matching(optional, rest)
    return len(matched), [p for i, p in enumerate(rest) if i not in excused]


def score_article(gold_doc: dict, preds: list[tuple]) -> tuple[int, int, int]:
    """(tp, fp, fn) as the shared scorer counts them; preds are (holder labels, polarity, target labels)."""
    tp, fps = false_positives(gold_doc, preds)
    return tp, len(fps), sum(not s.get("optional") for s in gold_doc["stances"]) - tp


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn}


# ----------------------------------------------------------------- the corpus

@dataclass
class Corpus:
    root: Path
    split: dict[str, str]  # article id -> train | dev | test

    @classmethod
    def open(cls, root: Path) -> "Corpus":
        root = Path(root)
        split_file = root / "split.tsv"
        if not split_file.exists():
            raise FileNotFoundError(f"{split_file}: no split file; the corpus folder needs train/, silver/, split.tsv")
        split = {}
        for line in split_file.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip() or line.startswith("article\t"):
                continue
            art, part = line.split("\t")
            split[art] = part
        return cls(root, split)

    def ids(self, part: str) -> list[str]:
        return sorted(a for a, p in self.split.items() if p == part)

    def gold(self, art: str) -> dict:
        path = self.root / "silver" / f"{art}.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"article": art, "stances": []}

    def article(self, art: str):
        return read_articles(self.root / "train" / f"{art}.txt")[0]

    def version(self) -> str:
        """A digest of everything training reads: the split, the texts and the annotation."""
        h = hashlib.sha256()
        for path in [self.root / "split.tsv", *sorted((self.root / "train").glob("*.txt")),
                     *sorted((self.root / "silver").glob("*.json"))]:
            h.update(path.name.encode())
            h.update(path.read_bytes())
        return h.hexdigest()[:16]


def _norm(text: str) -> str:
    return " ".join(_tokens(text))


@dataclass
class ArticleCandidates:
    art: str
    cands: list[Row]
    labels: np.ndarray  # class index per candidate, -1 = left out of training
    holder_labels: dict[str, set[str]]
    target_labels: dict[str, set[str]]
    gold_fit: list[list[int]]  # per candidate, the silver stances (by index) its labels fit, whatever the polarity
    sentences: dict[int, str] = field(default_factory=dict)  # sentence number -> its words, normalised


def article_candidates(extractor, article, docs, gold: dict, priors: Optional[Priors] = None) -> ArticleCandidates:
    """Every candidate of one article, labelled from its silver stances."""
    cands: list[Candidate] = []
    ctx = None
    finder = None
    for rp in extractor.paragraphs(article, docs):
        ctx = rp.ctx
        finder = finder or CandidateFinder(ctx, priors)
        cands.extend(finder.paragraph(rp.doc, rp.dm, rp.first_sent_no, rp.para.start, rp.rules, rp.quotes,
                                      rp.speakers))
    holder_labels: dict[str, set[str]] = {}
    target_labels: dict[str, set[str]] = {}
    for c in cands:
        for key, table in ((c.holder.key, holder_labels), (c.target_key, target_labels)):
            if key not in table:
                ent = ctx.entities.get(key) if ctx is not None else None
                table[key] = {ent.label, *ent.alt_labels} if ent is not None else set()
                if key in finder.new_holders:
                    table[key].add(finder.new_holders[key][1])
        target_labels[c.target_key] = target_labels[c.target_key] | {c.target.label}
    evid = [(_norm(s["evidence"]), s) for s in gold["stances"]]
    labels = np.zeros(len(cands), dtype=np.int64)
    gold_fit: list[list[int]] = []
    sent_norm: dict[int, str] = {}
    for n, c in enumerate(cands):
        hl = holder_labels[c.holder.key]
        tl = target_labels[c.target_key] if c.target.key is not None else {c.target.label}
        sent = sent_norm.setdefault(c.sent_no, _norm(c.sent.text))
        hit = None
        elsewhere = False
        fitting = []
        for g, (ev, s) in enumerate(evid):
            if stance_fits(s, hl, tl):
                fitting.append(g)
                if hit is None and sent and (sent in ev or ev in sent):
                    hit = s
                elif hit is None:
                    elsewhere = True
        gold_fit.append(fitting)
        if hit is not None:
            labels[n] = CLASSES.index(hit["polarity"])
            if T_NEGATED in c.features and hit["polarity"] in OPPOSITE:
                # the model learns the stance on the clause as if it were not negated; `decide` turns it
                labels[n] = CLASSES.index(OPPOSITE[hit["polarity"]])
        elif elsewhere:
            labels[n] = -1
    return ArticleCandidates(article.id, [c.row() for c in cands], labels, holder_labels, target_labels, gold_fit,
                             sent_norm)


def candidate_recall(data: list[ArticleCandidates], golds: dict[str, dict]) -> dict:
    """Share of required silver stances that some candidate pair of their article could be matched to
    (holder and target labels fit, whatever the polarity): what the model can find at best."""
    found = total = 0
    for ac in data:
        reachable = {g for fit in ac.gold_fit for g in fit}
        for g, s in enumerate(golds[ac.art]["stances"]):
            if s.get("optional"):
                continue
            total += 1
            found += g in reachable
    return {"found": found, "total": total, "recall": round(found / total, 4) if total else 0.0}


def predictions(ac: ArticleCandidates, probs: np.ndarray, threshold: float) -> list[tuple]:
    """The stances the model reads in one article, as the graph will have them: (holder labels, polarity,
    target labels), targets merged as `learn.merge_proposals` merges them and folded as
    `learn.nested_targets` folds them."""
    out: dict[tuple, tuple] = {}
    chosen = sorted(decide(ac.cands, probs, threshold), key=lambda d: d[0].slot[1])
    into = merge_proposals([(c.target_key, c.signature, c.known) for c, _, _ in chosen],
                           undoing_heads(load_lexicon()))
    chosen = one_reading(chosen, lambda d: (d[0].holder_key, d[0].slot[1], into[d[0].target_key]),
                         lambda d: d[1], lambda d: d[2])
    labels: dict[str, set[str]] = {}
    for c, pol, conf in chosen:
        key = into[c.target_key]
        labels.setdefault(key, set()).update(ac.target_labels.get(c.target_key) or (), {c.target_label})
        out[(c.holder_key, pol, key)] = (ac.holder_labels[c.holder_key], pol, labels[key])
    # a holder's side of one proposal named twice, once in fewer words, is one stance (`nested_targets`)
    nested = nested_targets(out, {k: sorted(v) for k, v in labels.items()})
    folded: dict[tuple, tuple] = {}
    for (h, pol, key), (hl, _, _) in out.items():
        key = nested.get((h, pol, key), key)
        folded[(h, pol, key)] = (hl, pol, labels[key])
    return list(folded.values())


def evaluate(data: list[ArticleCandidates], probs: list[np.ndarray], golds: dict[str, dict], threshold: float) -> dict:
    tp = fp = fn = 0
    for ac, pr in zip(data, probs):
        a, b, c = score_article(golds[ac.art], predictions(ac, pr, threshold))
        tp, fp, fn = tp + a, fp + b, fn + c
    return prf(tp, fp, fn)


# ----------------------------------------------------------------- training

def parse(extractor, articles) -> dict[str, list]:
    """spaCy Docs of every paragraph of every article, in one stream."""
    from stancegraph.extract.records import Paragraph

    keys, texts = [], []
    for art in articles:
        for n, para in enumerate(art.paragraphs or (Paragraph(0, art.text),)):
            keys.append(art.id)
            texts.append(para.text)
    docs: dict[str, list] = {a.id: [] for a in articles}
    for key, doc in zip(keys, extractor.nlp.pipe(texts, batch_size=64)):
        docs[key].append(doc)
    return docs


def collect(extractor, corpus: Corpus, ids: list[str], log: Callable[[str], None]) -> list[ArticleCandidates]:
    articles = [corpus.article(a) for a in ids]
    t0 = time.time()
    docs = parse(extractor, articles)
    priors = Priors(extractor.lexicon)  # once, not once per article
    out = [article_candidates(extractor, art, docs[art.id], corpus.gold(art.id), priors) for art in articles]
    n = sum(len(ac.cands) for ac in out)
    log(f"  {len(ids)} articles, {n} candidate pairs ({time.time() - t0:.0f} s)")
    return out


def _rows(data: list[ArticleCandidates], keep_unlabelled: bool = False) -> tuple[list[Row], np.ndarray]:
    """The labelled candidates (or all of them) and their class indices."""
    rows, labels = [], []
    for ac in data:
        for c, y in zip(ac.cands, ac.labels):
            if y >= 0 or keep_unlabelled:
                rows.append(c)
                labels.append(max(int(y), 0))
    return rows, np.array(labels, dtype=np.int64)


@dataclass
class Design:
    """Candidates as the model's input matrix: hashed sparse features beside the dense ones,
    standardised by the training split's mean and spread and weighted by DENSE_SCALE."""

    hasher: object
    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, rows: list[Row], hasher) -> "Design":
        dense = _dense(rows)
        return cls(hasher, dense.mean(axis=0), DENSE_SCALE / (dense.std(axis=0) + 1e-6))

    def matrix(self, rows: list[Row]):
        import scipy.sparse as sp

        sparse = self.hasher.transform([r.features for r in rows])
        dense = (_dense(rows) - self.mean) * self.scale
        return sp.hstack([sparse, sp.csr_matrix(dense.astype(np.float32))]).tocsr()


def _dense(rows: list[Row]) -> np.ndarray:
    width = DENSE_PARTS * DENSE_WIDTH
    return np.vstack([r.dense if r.dense is not None else np.zeros(width, np.float32) for r in rows]) \
        if rows else np.zeros((0, width), np.float32)


def _fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    from scipy.optimize import minimize_scalar

    def nll(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(y)), y].mean())

    return float(minimize_scalar(nll, bounds=(0.25, 4.0), method="bounded").x)


def train(corpus_dir: Path, out_dir: Optional[Path] = None, *, limit: Optional[int] = None,
          report_test: bool = False, nlp=None, c_grid: tuple = C_GRID,
          log: Callable[[str], None] = print) -> StanceModel:
    """Fit the stance model on the corpus's train split, tune on dev, write it to `out_dir`."""
    from sklearn import __version__ as sklearn_version
    from sklearn.feature_extraction import FeatureHasher
    from sklearn.linear_model import LogisticRegression

    from stancegraph.extract.pipeline import RuleExtractor

    started = time.time()
    corpus = Corpus.open(corpus_dir)
    extractor = RuleExtractor(nlp=nlp, stance_model=None)
    train_ids, dev_ids = corpus.ids("train"), corpus.ids("dev")
    if limit:
        train_ids, dev_ids = train_ids[:limit], dev_ids[:max(1, limit // 2)]
    log("reading the train split")
    train_data = collect(extractor, corpus, train_ids, log)
    log("reading the dev split")
    dev_data = collect(extractor, corpus, dev_ids, log)
    golds = {ac.art: corpus.gold(ac.art) for ac in train_data + dev_data}

    hasher = FeatureHasher(n_features=N_FEATURES, alternate_sign=False)
    rows, y = _rows(train_data)
    design = Design.fit(rows, hasher)
    x = design.matrix(rows)
    dev_rows, _ = _rows(dev_data, keep_unlabelled=True)
    x_dev_all = design.matrix(dev_rows)
    log(f"fitting on {x.shape[0]} labelled pairs ({int((y > 0).sum())} stances)")
    best = None
    for c in c_grid:
        clf = LogisticRegression(C=c, max_iter=500, random_state=SEED, class_weight=None)
        clf.fit(x, y)
        probs = per_article(_reorder(clf, clf.predict_proba(x_dev_all)), dev_data)
        for th in THRESHOLDS:
            figure = evaluate(dev_data, probs, golds, th)
            if best is None or figure["f1"] > best[0]["f1"]:
                best = (figure, c, th, clf)
        log(f"  C={c}: dev F1 {max(evaluate(dev_data, probs, golds, th)['f1'] for th in THRESHOLDS):.3f}")
    figure, c, th, clf = best
    full, intercept = _full(clf)
    coef, dense_coef = full[:, :N_FEATURES], full[:, N_FEATURES:]
    dense = {"dense_coef": dense_coef, "dense_mean": design.mean, "dense_scale": design.scale}
    uncalibrated = StanceModel(coef, intercept, {}, **dense)
    labelled_dev, y_dev = _rows(dev_data)
    temperature = (_fit_temperature(uncalibrated.logits([r.features for r in labelled_dev], _dense(labelled_dev)),
                                    y_dev) if len(y_dev) else 1.0)
    meta = {
        "name": MODEL_NAME,
        "version": time.strftime("%Y%m%d", time.gmtime()) + "-" + weights_digest(coef, intercept, dense_coef),
        "classes": list(CLASSES),
        "n_features": N_FEATURES,
        "dense_features": {"parts": DENSE_PARTS, "width": DENSE_WIDTH, "scale": DENSE_SCALE,
                           "source": "the spaCy pipeline's doc.tensor"},
        "threshold": th,
        "temperature": round(temperature, 4),
        "C": c,
        "seed": SEED,
        "training_data": {"corpus": "corpus/ (Wikinews, CC BY 2.5) with silver annotation",
                          "version": corpus.version(), "train_articles": len(train_ids), "dev_articles": len(dev_ids),
                          "labelled_pairs": int(x.shape[0]), "stances": int((y > 0).sum())},
        "scores": {"dev": figure, "dev_candidate_recall": candidate_recall(dev_data, golds)},
        "sklearn": sklearn_version,
        "train_seconds": None,
    }
    model = StanceModel(coef, intercept, meta, **dense)
    if report_test:
        test_ids = corpus.ids("test")[: (limit or None)]
        log("scoring the test split (reported, never used to choose)")
        test_data = collect(extractor, corpus, test_ids, log)
        golds.update({ac.art: corpus.gold(ac.art) for ac in test_data})
        probs = [model.score(ac.cands) for ac in test_data]
        meta["scores"]["test"] = evaluate(test_data, probs, golds, th)
        meta["scores"]["test_candidate_recall"] = candidate_recall(test_data, golds)
    log("reading the dev split as the build does, for the stance-level map")
    meta["stance_calibration"] = fit_stance_calibration(stance_outcomes(model, corpus, dev_ids, nlp=extractor.nlp))
    meta["train_seconds"] = round(time.time() - started, 1)
    log(f"dev: {figure} at C={c}, threshold {th}, temperature {temperature:.2f}")
    if out_dir is not None:
        model.save(Path(out_dir))
        log(f"wrote {out_dir}/{MODEL_NAME}.npz and .json")
    return model


def stance_outcomes(model: StanceModel, corpus: "Corpus", ids: list[str], nlp=None) -> list[tuple]:
    """Each stance the build reads in the articles `ids` with `model`, before its stance-level map: (the
    probability it was read with, whether a rule read the same side, whether it is neutral, whether the
    annotation holds it, required or optional, as the shared scorer matches its labels)."""
    from stancegraph.extract.learn import ruled_reading
    from stancegraph.extract.pipeline import RuleExtractor

    extractor = RuleExtractor(nlp=nlp, stance_model=model.without_calibration())
    out = []
    for res in extractor.extract([corpus.article(a) for a in ids]):
        labels = {k: {e.label, *e.alt_labels} for k, e in res.entities.items()}
        preds = [(labels[s.holder], s.polarity, labels[s.target]) for s in res.stances]
        _, wrong = false_positives(corpus.gold(res.article.id), preds)
        wrong_ids = {id(p) for p in wrong}
        out.extend((s.confidence, ruled_reading(s.rule), s.polarity == NEUTRAL, id(p) not in wrong_ids)
                   for s, p in zip(res.stances, preds))
    return out


def fit_stance_calibration(outcomes: list[tuple]) -> Optional[dict]:
    """The map from what the reading knows of a stance to how often such stances are right
    (`StanceModel.stance_confidence`): a logistic regression of being right on the logit of the stance's
    probability, whether a rule read its side, whether it is neutral. None where the stances are too few
    (under `MIN_CALIBRATION_STANCES`) or all right or all wrong."""
    from sklearn.linear_model import LogisticRegression

    if len(outcomes) < MIN_CALIBRATION_STANCES or len({o[3] for o in outcomes}) < 2:
        return None
    p = np.clip(np.array([o[0] for o in outcomes], dtype=float), 1e-4, 1 - 1e-4)
    x = np.column_stack([np.log(p / (1 - p)), [float(o[1]) for o in outcomes], [float(o[2]) for o in outcomes]])
    y = np.array([o[3] for o in outcomes], dtype=int)
    clf = LogisticRegression(C=1.0, random_state=SEED).fit(x, y)
    return {"weights": [round(float(v), 4) for v in clf.coef_[0]], "intercept": round(float(clf.intercept_[0]), 4),
            "features": ["logit of the stance's probability", "a rule read the same side", "neutral"],
            "fitted_on": f"the dev split's stances, as the build reads them ({len(y)}, {int(y.sum())} held)"}


def calibrate(corpus_dir: Path, model_dir: Optional[Path] = None, *, nlp=None,
              log: Callable[[str], None] = print) -> StanceModel:
    """Refit only the stance-level map of the model in `model_dir` (default: the packaged one) on the corpus's
    dev split, as `train` fits it after training, and save the model's metadata with it; the weights stay."""
    from stancegraph.extract.learn import model_dir as packaged

    folder = Path(model_dir) if model_dir is not None else packaged()
    model = StanceModel.load(folder)
    corpus = Corpus.open(corpus_dir)
    log(f"reading the dev split with {model.name}")
    outcomes = stance_outcomes(model, corpus, corpus.ids("dev"), nlp=nlp)
    model.meta["stance_calibration"] = fit_stance_calibration(outcomes)
    model.save(folder)
    log(f"stance calibration: {model.calibration}")
    return model


def per_article(probs: np.ndarray, data: list[ArticleCandidates]) -> list[np.ndarray]:
    """Probabilities of every candidate of `data`, in order, split back into one array per article."""
    out, at = [], 0
    for ac in data:
        out.append(probs[at: at + len(ac.cands)])
        at += len(ac.cands)
    return out


def _reorder(clf, probs: np.ndarray) -> np.ndarray:
    """Columns in CLASSES order, zeros for a class the training data never showed."""
    out = np.zeros((probs.shape[0], len(CLASSES)), dtype=np.float64)
    for j, cls in enumerate(clf.classes_):
        out[:, int(cls)] = probs[:, j]
    return out


def _full(clf) -> tuple[np.ndarray, np.ndarray]:
    """(coef, intercept) with a row per class in CLASSES order (very negative for unseen classes)."""
    coef = np.zeros((len(CLASSES), clf.coef_.shape[1]), dtype=np.float32)
    intercept = np.full(len(CLASSES), -30.0, dtype=np.float32)
    if len(clf.classes_) == 2:  # binary: one row of weights for the second class
        coef[int(clf.classes_[1])] = clf.coef_[0]
        intercept[int(clf.classes_[1])] = clf.intercept_[0]
        intercept[int(clf.classes_[0])] = 0.0
        return coef, intercept
    for j, cls in enumerate(clf.classes_):
        coef[int(cls)] = clf.coef_[j]
        intercept[int(cls)] = clf.intercept_[j]
    return coef, intercept


if __name__ == "__main__":  # python -m stancegraph.extract.train CORPUS OUT
    train(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
