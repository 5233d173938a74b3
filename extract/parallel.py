"""Extraction on several local processes (`stancegraph build --jobs N`).

Each worker process loads the spaCy pipeline once and runs the whole extractor on its
share of the articles, the parse and the rules, and sends back ArticleResults: small
records. (spaCy's own `n_process` parses in workers but sends every Doc back to be
unpickled, and then runs the rules, in the main process: on 2 cores that was slower
than one process.) Articles go out in chunks and come back in input order, so the graph
is the same as from one process.
"""
from __future__ import annotations

import multiprocessing
from typing import Iterator, Optional, Sequence

from stancegraph.extract.records import Article, ArticleResult

_WORKER: dict[str, object] = {}


def _start(model: str, options: dict) -> None:
    from stancegraph.extract.pipeline import RuleExtractor, freeze_loaded

    # the worker processes share the cores: no parse thread beside each
    _WORKER["extractor"] = RuleExtractor(model=model, parse_ahead=0, **options)
    freeze_loaded()


def _extract(articles: list[Article]) -> list[ArticleResult]:
    return list(_WORKER["extractor"].extract(articles))


def extract_parallel(articles: Sequence[Article], jobs: int, *, model: str, chunk: Optional[int] = None,
                     options: Optional[dict] = None) -> Iterator[ArticleResult]:
    """ArticleResults of `articles` in input order, extracted by `jobs` worker processes."""
    from stancegraph.extract.distributed import extractor_options, partitions

    chunk = chunk or max(1, min(16, len(articles) // (4 * jobs)))
    # spawn, not fork: the parent may hold threads (the progress bar) and a loaded pipeline
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_start, initargs=(model, extractor_options(options))) as pool:
        for results in pool.imap(_extract, partitions(list(articles), chunk)):
            yield from results
