"""`RuleExtractor.extract` parses in a thread ahead of the reading: the same results, in input order,
errors raised where the caller reads them, and no thread left behind."""
from __future__ import annotations

import threading

import pytest

from stancegraph.extract.pipeline import RuleExtractor
from stancegraph.extract.readers import read_articles

from conftest import CORPUS, SEED

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def learned(nlp):
    ex = RuleExtractor(nlp=nlp, stance_model="default")
    ex.parse_ahead = 4  # a thread ahead whatever the machine's cores, and a queue smaller than the input
    return ex


@pytest.fixture(scope="module")
def articles():
    return [a for path in [SEED, *sorted(CORPUS.glob("*.txt"))[:7]] for a in read_articles(path)]


def _stances(results):
    return [(r.article.id, [(s.holder, s.polarity, s.target, s.confidence, s.start) for s in r.stances])
            for r in results]


def _parse_threads():
    return [t for t in threading.enumerate() if t.name == "stancegraph-parse"]


def test_parsing_ahead_reads_the_same_stances_in_input_order(learned, articles):
    ahead = list(learned.extract(articles))
    learned.parse_ahead = 0
    try:
        alone = list(learned.extract(articles))
    finally:
        learned.parse_ahead = 4
    assert [r.article.id for r in ahead] == [a.id for a in articles]
    assert sum(len(r.stances) for r in ahead) > 10
    assert _stances(ahead) == _stances(alone)
    assert not _parse_threads()


def test_an_error_reading_one_article_reaches_the_caller_and_the_extractor_goes_on(learned, articles, monkeypatch):
    read = learned.read

    def failing(article, docs):
        if article.id == articles[2].id:
            raise ValueError("cannot read this one")
        return read(article, docs)

    monkeypatch.setattr(learned, "read", failing)
    got = []
    with pytest.raises(ValueError, match="cannot read this one"):
        for res in learned.extract(articles):
            got.append(res.article.id)
    assert got == [a.id for a in articles[:2]]
    assert not _parse_threads()
    # what `build` then does: the rest one by one
    assert learned.extract_one(articles[3]).article.id == articles[3].id


def test_an_error_in_the_input_stream_is_raised_in_the_callers_thread(learned, articles):
    def stream():
        yield articles[0]
        raise OSError("the input went away")

    with pytest.raises(OSError, match="the input went away"):
        list(learned.extract(stream()))
    assert not _parse_threads()


def test_a_reader_that_stops_early_leaves_no_parse_running(learned, articles):
    results = learned.extract(articles)
    first = next(results)
    assert first.article.id == articles[0].id
    results.close()
    assert not _parse_threads()
