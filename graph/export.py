"""Writing the graph to files: Turtle (the union) and TriG (one named graph per article).

Files are written to a temporary file beside the target and renamed into place,
so an interrupted build leaves the previous output whole.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from rdflib import Dataset

from stancegraph.graph.rdf import union_graph


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` on a temporary path in the same folder, then rename it to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the output is an ordinary file
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_turtle(ds: Dataset, path: Path) -> int:
    """The union of all articles' graphs as Turtle; returns the number of triples."""
    g = union_graph(ds)
    atomic_write(path, lambda tmp: g.serialize(destination=str(tmp), format="turtle", encoding="utf-8"))
    return len(g)


def write_trig(ds: Dataset, path: Path) -> None:
    """Every article's named graph, as TriG."""
    atomic_write(path, lambda tmp: ds.serialize(destination=str(tmp), format="trig", encoding="utf-8"))
