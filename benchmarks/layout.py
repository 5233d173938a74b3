"""The layout of graph.html and `draw`: networkx.spring_layout against stancegraph's own
Fruchterman-Reingold (graph/html.py `_fruchterman_reingold`), on stance-shaped graphs.

    .venv/bin/python benchmarks/layout.py [--sizes 250,500,1000,2000,4000] [--out TABLE.md]

The recorded run and what it decided are in benchmarks/LAYOUT.md.

Each graph is one connected component shaped like a stance graph: 70 % actors, 30 % proposals,
about two stances per node with the targets skewed to a few popular proposals, and some part-of
pairs between proposals. For each size and each layout: wall time, the peak of Python-tracked memory
(numpy included; a second run, as tracemalloc slows Python code), and a quality figure: the median length of an edge divided by the median distance
between two random nodes (lower: neighbours are drawn closer together than strangers; a random
placement gives about 1.0). Every layout runs with the same fixed seed and 50 iterations, and must give the same positions twice. networkx
picks its own method by size: "force" (dense Fruchterman-Reingold) under 500 nodes, "energy" (a
scipy optimiser over a sparse matrix) from 500 on; both are measured where they apply.
"""
from __future__ import annotations

import argparse
import platform
import random
import sys
import time
import tracemalloc
from pathlib import Path

import networkx as nx
import numpy as np

from stancegraph.graph.html import _fruchterman_reingold


SEED = 42


def stance_graph(n: int, seed: int = 7) -> nx.Graph:
    """A connected stance-shaped graph of n nodes (see the module doc)."""
    rnd = random.Random(seed)
    actors = [f"a{i}" for i in range(int(n * 0.7))]
    proposals = [f"p{i}" for i in range(n - len(actors))]
    g = nx.Graph()
    g.add_nodes_from(actors + proposals)
    for i, a in enumerate(actors):  # every actor holds a stance
        g.add_edge(a, proposals[int(len(proposals) * rnd.random() ** 2)])
    while g.number_of_edges() < 2 * n:
        g.add_edge(rnd.choice(actors), proposals[int(len(proposals) * rnd.random() ** 2)])
    for _ in range(n // 10):
        a, b = rnd.sample(proposals, 2)
        g.add_edge(a, b)
    comps = sorted(nx.connected_components(g), key=len, reverse=True)
    for c in comps[1:]:  # one component: the layouts are compared on the same task
        g.add_edge(next(iter(c)), next(iter(comps[0])))
    return g


def quality(pos: np.ndarray, edges: np.ndarray, seed: int = 1) -> float:
    rnd = np.random.RandomState(seed)
    lengths = np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1)
    a, b = rnd.randint(0, len(pos), 20000), rnd.randint(0, len(pos), 20000)
    keep = a != b
    strangers = np.linalg.norm(pos[a[keep]] - pos[b[keep]], axis=1)
    return float(np.median(lengths) / np.median(strangers))


def run(name: str, layout, g: nx.Graph) -> dict:
    """Time one layout, then run it again under tracemalloc for its peak memory (tracemalloc
    slows Python code, so the time is taken without it)."""
    nodes = sorted(g.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array(sorted((index[a], index[b]) for a, b in g.edges()))
    started = time.perf_counter()
    pos = layout(g, nodes, edges)
    wall = time.perf_counter() - started
    tracemalloc.start()
    again = layout(g, nodes, edges)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert np.allclose(np.asarray(again, dtype=float), np.asarray(pos, dtype=float)), f"{name} is not deterministic"
    return {"layout": name, "nodes": len(nodes), "edges": len(edges), "seconds": wall,
            "peak_mb": peak / 2**20, "quality": quality(np.asarray(pos, dtype=float), edges)}


def networkx_layout(method: str):
    def layout(g, nodes, edges):
        raw = nx.spring_layout(g, seed=SEED, iterations=50, method=method)
        return [raw[v] for v in nodes]
    return layout


def ours(g, nodes, edges):
    return _fruchterman_reingold(len(nodes), [tuple(e) for e in edges.tolist()], iterations=50, seed=SEED)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="250,500,1000,2000,4000")
    p.add_argument("--out", default="", help="also write the table (Markdown) to this file")
    args = p.parse_args(argv)
    rows = []
    for n in [int(s) for s in args.sizes.split(",")]:
        g = stance_graph(n)
        methods = ["force"] if n < 500 else ["energy", "force"]
        for method in methods:
            rows.append(run(f"networkx spring_layout ({method})", networkx_layout(method), g))
            print(rows[-1], flush=True)
        rows.append(run("stancegraph _fruchterman_reingold", ours, g))
        print(rows[-1], flush=True)
    lines = ["| nodes | edges | layout | seconds | peak MB | edge / random distance |",
             "|---:|---:|---|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {r['layout']} | {r['seconds']:.2f} | "
                     f"{r['peak_mb']:.0f} | {r['quality']:.3f} |")
    import networkx
    import scipy

    env = (f"Python {platform.python_version()}, networkx {networkx.__version__}, scipy {scipy.__version__}, "
           f"numpy {np.__version__}, {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores")
    text = "\n".join(lines) + "\n\n" + env + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
