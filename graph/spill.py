"""Extraction results kept on disk while a big build runs, so that memory holds one batch.

`Spill` takes ArticleResults one by one, pickles them a batch per file into a hidden
temporary folder (".stancegraph-spill.PID.RANDOM" in the folder it is given), and
reads them back in the same order, as often as asked. `close` (or leaving the `with`
block, also on an error) removes the folder; a folder left by a killed build is
removed by the next `Spill` made in the same place once its process has ended.
"""
from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Iterator, Union

from stancegraph.extract.records import ArticleResult

PREFIX = ".stancegraph-spill."


class Spill:
    def __init__(self, parent: Union[str, os.PathLike], batch: int = 100) -> None:
        from stancegraph.graph.export import _process_alive

        parent = Path(parent)
        parent.mkdir(parents=True, exist_ok=True)
        for old in parent.glob(PREFIX + "*"):  # left by a killed build
            pid = old.name[len(PREFIX):].split(".")[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        self.dir = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}.", dir=parent))
        self.batch = batch
        self._pending: list[ArticleResult] = []
        self._files: list[Path] = []
        self._count = 0

    def append(self, res: ArticleResult) -> None:
        self._pending.append(res)
        self._count += 1
        if len(self._pending) >= self.batch:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            path = self.dir / f"{len(self._files):06d}.pickle"
            with open(path, "wb") as fh:
                pickle.dump(self._pending, fh, protocol=pickle.HIGHEST_PROTOCOL)
            self._files.append(path)
            self._pending = []

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[ArticleResult]:
        self._flush()
        for path in self._files:
            with open(path, "rb") as fh:
                yield from pickle.load(fh)

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Spill":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
