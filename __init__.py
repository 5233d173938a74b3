"""stancegraph: news articles in, a knowledge graph of who supports, opposes or stays neutral on which proposal.

>>> import stancegraph
>>> stancegraph.__version__
'0.1.0'

The API for notebooks (see `stancegraph.api`): `from_texts`, `from_files` give a
`StanceGraph` with `.stances()`, `.query(sparql)`, `.named(name, **params)`,
`.write(folder)` and `.rdflib`, the rdflib Dataset itself.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "StanceGraph", "from_texts", "from_files"]


def __getattr__(name: str):
    # the API imports spaCy and rdflib; load it on first use, not on `import stancegraph`
    if name in ("StanceGraph", "from_texts", "from_files"):
        from stancegraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'stancegraph' has no attribute {name!r}")
