#!/usr/bin/env python3
"""Build the same articles under several Python hash seeds and check that the graphs are the same.

    python scripts/check_determinism.py [PATH ...] [--seeds 1 2 3] [--reading model|rules]

PATH: article files or folders (default: the whole training corpus, corpus/train, 333 articles).
Each build runs `stancegraph build` in a process of its own with PYTHONHASHSEED set, so whatever
depends on the order of a set or a dict of strings shows as a difference. The files are
compared byte for byte (graph.trig: every article's graph, sorted by the writer); where they
differ, the lines only one build has are printed. Exits 1 on any difference.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(paths: list[Path], out: Path, seed: int, reading: str) -> float:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "stancegraph", "build", *map(str, paths), "--out", str(out),
                    "--reading", reading], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT / "corpus" / "train"])
    ap.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    ap.add_argument("--reading", default="model", choices=("model", "rules"))
    args = ap.parse_args()
    if len(args.seeds) < 2:
        ap.error("give at least two seeds")
    with tempfile.TemporaryDirectory(prefix="stancegraph-determinism-") as tmp:
        outs = []
        for seed in args.seeds:
            out = Path(tmp) / f"seed-{seed}"
            took = build(args.paths, out, seed, args.reading)
            outs.append(out)
            trig = (out / "graph.trig").read_text(encoding="utf-8")
            print(f"PYTHONHASHSEED={seed}: {took:.0f} s, graph.trig {len(trig.splitlines()):,} lines, "
                  f"{trig.count('a sg:Stance')} stances")
        first = outs[0]
        differ = 0
        for seed, out in zip(args.seeds[1:], outs[1:]):
            for name in ("graph.trig", "graph.ttl"):
                a = (first / name).read_text(encoding="utf-8")
                b = (out / name).read_text(encoding="utf-8")
                if a == b:
                    continue
                differ += 1
                la, lb = set(a.splitlines()), set(b.splitlines())
                print(f"{name}: seed {args.seeds[0]} and seed {seed} differ "
                      f"({len(la - lb)} lines only in the first, {len(lb - la)} only in the second)")
                for line in sorted(la - lb)[:10]:
                    print(f"  - {line.strip()}")
                for line in sorted(lb - la)[:10]:
                    print(f"  + {line.strip()}")
        print("identical" if not differ else f"{differ} file pairs differ")
        return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
