"""The annotated sets the reading is measured on are well formed: every stance's evidence is a part of
its article, its keys are groups of alternatives, and they fit the article (a key that starts no word of
the story could never fit a label read from it)."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

WIRE_SETS = ("wire-dev", "wire-test")


def _norm(text: str) -> str:
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def _starts_a_word(words: list[str], alternative: str) -> bool:
    stems = alternative.split()
    return any(all(w.startswith(s) for w, s in zip(words[i:i + len(stems)], stems))
               for i in range(len(words) - len(stems) + 1))


@pytest.mark.parametrize("name", WIRE_SETS)
def test_every_wire_story_has_its_stances_and_they_fit_its_text(name):
    folder = ROOT / "corpus" / name
    articles = sorted((folder / "articles").glob("*.txt"))
    golds = sorted((folder / "gold").glob("*.json"))
    assert articles and [p.stem for p in articles] == [p.stem for p in golds]
    for path in golds:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["article"] == path.stem
        text = _norm((folder / "articles" / f"{path.stem}.txt").read_text(encoding="utf-8"))
        words = re.findall(r"\w+(?:'\w+)?", text)
        assert doc["stances"], path
        for s in doc["stances"]:
            where = f"{path.name}: {s['holder']} / {s['target']}"
            assert s["polarity"] in ("support", "oppose", "neutral"), where
            assert _norm(s["evidence"]) in text, where
            for key in ("holder_keys", "target_keys"):
                assert s[key] and all(isinstance(group, list) and group for group in s[key]), where
                assert all(any(_starts_a_word(words, alt) for alt in group) for group in s[key]), where


def test_the_held_out_wire_stories_are_not_among_the_development_ones():
    dev = {p.stem for p in (ROOT / "corpus" / "wire-dev" / "articles").glob("*.txt")}
    test = {p.stem for p in (ROOT / "corpus" / "wire-test" / "articles").glob("*.txt")}
    assert len(dev) == 50 and len(test) == 30 and not dev & test
