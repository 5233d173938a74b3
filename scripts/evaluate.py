#!/usr/bin/env python3
"""Build the shared corpus and score it against the gold stances; print the README's table.

    python scripts/evaluate.py [--shared ../shared] [--out /tmp/stancegraph-dev]

Runs `stancegraph build SHARED/seeds SHARED/corpus/wikinews --out OUT`, then the shared
scorer (`SHARED/eval/score.py --json`), and prints one Markdown row per gold article
and the overall figure.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--out", type=Path, default=Path("/tmp/stancegraph-dev"))
    args = ap.parse_args()
    subprocess.run([sys.executable, "-m", "stancegraph", "build", str(args.shared / "seeds"),
                    str(args.shared / "corpus" / "wikinews"), "--out", str(args.out)],
                   check=True, stdout=subprocess.DEVNULL)
    scored = subprocess.run([sys.executable, str(args.shared / "eval" / "score.py"), str(args.out / "graph.ttl"),
                             "--gold", str(args.shared / "eval" / "gold-dev"), "--json"],
                            check=True, capture_output=True, text=True)
    d = json.loads(scored.stdout)
    print("| article | tp | fp | fn | P | R | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for art, v in sorted(d["articles"].items()):
        tp, fp, fn = v["tp"], v["fp"], v["fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {art} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
    print(f"| **all {len(d['articles'])}** | **{d['tp']}** | **{d['fp']}** | **{d['fn']}** | "
          f"**{d['precision']:.3f}** | **{d['recall']:.3f}** | **{d['f1']:.3f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
