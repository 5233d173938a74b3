"""Extraction on a Dask cluster gives the same graph as a local build."""
from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from stancegraph.cli import app

from conftest import CORPUS, SEEDS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as c:
        yield c


def test_a_dask_build_is_the_same_graph_as_a_local_one(cluster, tmp_path):
    inputs = [str(SEEDS), *sorted(str(p) for p in CORPUS.glob("0[01]*.txt"))]
    runner = CliRunner()
    local = runner.invoke(app, ["build", *inputs, "--out", str(tmp_path / "local")])
    assert local.exit_code == 0, local.output
    remote = runner.invoke(app, ["build", *inputs, "--out", str(tmp_path / "dask"),
                                 "--executor", "dask", "--scheduler", cluster.scheduler_address])
    assert remote.exit_code == 0, remote.output
    g1 = Graph().parse(tmp_path / "local" / "graph.ttl")
    g2 = Graph().parse(tmp_path / "dask" / "graph.ttl")
    assert len(g1) > 100 and isomorphic(g1, g2)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    from stancegraph.extract.distributed import ClusterError, extract_on_dask
    from stancegraph.extract.records import Article

    with pytest.raises(ClusterError, match="127.0.0.1:9"):
        list(extract_on_dask([Article(id="a", text="x")], "tcp://127.0.0.1:9"))
