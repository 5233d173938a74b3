"""stancegraph: news articles in, a knowledge graph of stances out.

>>> import stancegraph
>>> stancegraph.__version__
'0.1.0'
"""
from __future__ import annotations

__version__ = "0.1.0"
