"""One node per actor across articles: entity resolution over a corpus of extraction results.

Extraction already merges names within one article (surnames to full names,
acronyms, "the alliance"). Across articles this module merges what names the
same actor in different ways, and says why for each merge:

* the curated gazetteer (`ontology/gazetteer.tsv`): a label or alternative name that
  is one of an entry's names makes the entity that entry (and gives its Wikidata item);
* people: spellings of one surname ("Zelensky", "Zelenskyy") with the same first
  name are one person; a surname used alone is the one full name with that surname
  in the corpus, unless two people share it (then the text cannot tell them apart
  and nothing is merged).

`resolve(results)` returns new results whose keys are the resolved ones, and a
`Resolution` per resolved key with the merged keys and the reasons.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.mentions import slug
from stancegraph.extract.records import ACTOR_KINDS, PERSON, ArticleResult, Entity

KEY_PREFIX = {"Person": "person", "Country": "place", "Organisation": "org", "Government": "org", "Group": "group"}


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    label: str
    kind: str
    wikidata: str
    names: frozenset  # normalised label and aliases

    @property
    def key(self) -> str:
        return f"{KEY_PREFIX[self.kind]}/{slug(self.label)}"


@dataclass
class Resolution:
    """What one resolved node is made of: the keys merged into it and why."""

    key: str
    label: str
    wikidata: Optional[str] = None
    merged: dict[str, str] = field(default_factory=dict)  # extracted key -> reason


def norm(text: str) -> str:
    """Lower case, no accents, no punctuation: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=4)
def load_gazetteer(path: Optional[str] = None) -> tuple[GazetteerEntry, ...]:
    """The gazetteer file, validated: a bad row is an error naming the file and line."""
    p = Path(path) if path else Path(str(resources.files("stancegraph.ontology") / "gazetteer.tsv"))
    entries = []
    seen: set[str] = set()
    with p.open(encoding="utf-8", newline="") as fh:
        rows = [(n, line.rstrip("\n")) for n, line in enumerate(fh, 1) if line.strip() and not line.startswith("#")]
    header = rows[0][1].split("\t") if rows else []
    if header[:4] != ["id", "label", "kind", "wikidata"]:
        raise StancegraphError(f"{p}:1: header must start with id, label, kind, wikidata (got {header})")
    for line_no, line in rows[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        cells += [""] * (5 - len(cells))
        gid, label, kind, qid, aliases = (c.strip() for c in cells[:5])
        if kind not in ACTOR_KINDS:
            raise StancegraphError(f"{p}:{line_no}: kind {kind!r} is not one of {ACTOR_KINDS}")
        if not re.fullmatch(r"Q[1-9][0-9]*", qid):
            raise StancegraphError(f"{p}:{line_no}: {qid!r} is not a Wikidata item id (Q followed by digits)")
        if gid in seen:
            raise StancegraphError(f"{p}:{line_no}: id {gid!r} is used twice")
        seen.add(gid)
        names = {norm(label)} | {norm(a) for a in aliases.split("|") if a.strip()}
        entries.append(GazetteerEntry(gid, label, kind, qid, frozenset(names)))
    return tuple(entries)


def _gazetteer_index(entries: Iterable[GazetteerEntry]) -> dict[str, list[GazetteerEntry]]:
    index: dict[str, list[GazetteerEntry]] = {}
    for e in entries:
        for n in e.names:
            index.setdefault(n, []).append(e)
    return index


def _surname_form(name: str) -> str:
    """A spelling-tolerant form of a surname: "Zelenskyy", "Zelenskiy" and "Zelensky" agree."""
    s = norm(name)
    s = re.sub(r"(iy|yy|ii|ij|yj|y|i)$", "y", s)
    return s


def resolve(results: list[ArticleResult], gazetteer: Optional[tuple[GazetteerEntry, ...]] = None,
            known_people: Iterable[tuple[str, str]] = ()) -> tuple[list[ArticleResult], dict[str, Resolution]]:
    """Merge actors across articles; returns rewritten results and the resolutions by new key.

    `known_people` are (key, label) of people already in the graph (a store being added to):
    new mentions resolve to them, they are not rewritten.
    """
    gaz = _gazetteer_index(gazetteer if gazetteer is not None else load_gazetteer())
    mapping: dict[str, tuple[str, str, Optional[GazetteerEntry]]] = {}  # old key -> (new key, reason, entry)

    # 1. the gazetteer
    for res in results:
        for key, ent in res.entities.items():
            if ent.is_proposal or key in mapping:
                continue
            for name in [ent.label, *sorted(ent.alt_labels)]:
                hits = [e for e in gaz.get(norm(name), []) if _kind_fits(e.kind, ent.kind)]
                if len(hits) == 1:
                    e = hits[0]
                    mapping[key] = (e.key, f"{name!r} is a name of {e.label} ({e.wikidata}) in the gazetteer", e)
                    break

    # 2. people: full names by surname form, over the corpus
    people: dict[str, dict[str, set[str]]] = {}  # surname form -> first-name form -> keys
    singles: dict[str, set[str]] = {}  # surname form -> keys of people named by surname alone
    labels: dict[str, str] = {}
    for res in results:
        for key, ent in res.entities.items():
            if ent.kind != PERSON or key in mapping:
                continue
            labels[key] = ent.label
            parts = ent.label.split()
            if len(parts) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", parts[1]):
                # "Ban Ki-moon": the family name comes first
                people.setdefault(_surname_form(parts[0]), {}).setdefault(norm(parts[1]), set()).add(key)
            elif len(parts) >= 2:
                people.setdefault(_surname_form(parts[-1]), {}).setdefault(norm(parts[0]), set()).add(key)
            elif parts:
                singles.setdefault(_surname_form(parts[0]), set()).add(key)
    for key, label in known_people:
        parts = label.split()
        if len(parts) >= 2 and key not in labels:
            labels[key] = label
            people.setdefault(_surname_form(parts[-1]), {}).setdefault(norm(parts[0]), set()).add(key)
    for sur, firsts in people.items():
        for first, keys in firsts.items():
            if len(keys) > 1:
                # one first name and one surname spelled differently: one person
                target = min(keys, key=lambda k: (len(labels[k]), k))
                for k in keys - {target}:
                    mapping[k] = (target, f"{labels[k]!r} and {labels[target]!r} spell the same name", None)
        if len(firsts) == 1:
            (keys,) = firsts.values()
            target = min(keys, key=lambda k: (len(labels[k]), k))
            target = mapping.get(target, (target,))[0]
            for k in singles.get(sur, ()):
                mapping[k] = (target, f"{labels[k]!r} is the surname of {labels.get(target, target)!r}, "
                                      f"the only person of that name in the corpus", None)
    # 3. proposals named only by their kind and their author in one article ("Zelensky's plan",
    #    "his plan") are the one proposal of that kind by that author named elsewhere ("Victory Plan")
    def final(k: str) -> str:
        return _follow(mapping, k)

    by_author: dict[tuple[str, str], set[str]] = {}
    bare: list[tuple[str, str, str, str]] = []  # (key, head, author, label)
    for res in results:
        for key, ent in res.entities.items():
            if not ent.is_proposal or not ent.proposed_by:
                continue
            words = ent.label.lower().split()
            head = words[-1] if words else ""
            for author in ent.proposed_by:
                if len(words) == 1:
                    bare.append((key, head, final(author), ent.label))
                else:
                    by_author.setdefault((final(author), head), set()).add(key)
    for key, head, author, label in bare:
        named = by_author.get((author, head), set()) - {key}
        if len(named) == 1:
            (target,) = named
            mapping.setdefault(key, (target, f"{label!r} put forward by the same actor is the one such "
                                             f"proposal of theirs named in full elsewhere", None))
    return _rewrite(results, mapping)


def _follow(mapping: dict[str, tuple], key: str) -> str:
    """Where a chain of merges ends: key -> merged into -> ... (a cycle stops where it repeats)."""
    seen = set()
    while key in mapping and key not in seen:
        seen.add(key)
        key = mapping[key][0]
    return key


def _kind_fits(gaz_kind: str, kind: str) -> bool:
    if gaz_kind == kind:
        return True
    places = {"Country", "Government", "Organisation", "Group"}
    return gaz_kind in places and kind in places


def _rewrite(results: list[ArticleResult], mapping: dict[str, tuple[str, str, Optional[GazetteerEntry]]]
             ) -> tuple[list[ArticleResult], dict[str, Resolution]]:
    def final(key: str) -> str:
        return _follow(mapping, key)

    resolutions: dict[str, Resolution] = {}
    out: list[ArticleResult] = []
    for res in results:
        entities: dict[str, Entity] = {}
        for key, ent in res.entities.items():
            new = final(key)
            entry = None
            k = key
            while k in mapping and entry is None:
                entry = mapping[k][2]
                k = mapping[k][0]
            if new not in entities:
                label = entry.label if entry is not None else ent.label
                kind = entry.kind if entry is not None and entry.kind != ent.kind and not ent.is_proposal else ent.kind
                entities[new] = Entity(key=new, kind=kind, label=label, alt_labels=set(),
                                       mentions=[], proposed_by=set(), part_of=set())
            merged = entities[new]
            if ent.label != merged.label:
                merged.alt_labels.add(ent.label)
            merged.alt_labels |= {a for a in ent.alt_labels if a != merged.label}
            reason = mapping[key][1] if key in mapping else ""
            merged.mentions.extend(replace(m, note=m.note or reason) for m in ent.mentions)
            merged.proposed_by |= {final(k) for k in ent.proposed_by}
            merged.part_of |= {final(k) for k in ent.part_of}
            r = resolutions.setdefault(new, Resolution(new, merged.label))
            if entry is not None:
                r.wikidata = entry.wikidata
                r.label = entry.label
            r.merged.setdefault(key, mapping[key][1] if key in mapping else "extracted under this key")
        stances = {}
        for st in res.stances:
            st2 = replace(st, holder=final(st.holder), target=final(st.target),
                          speaker=final(st.speaker) if st.speaker else None,
                          reported_by=final(st.reported_by) if st.reported_by else None)
            if st2.reported_by == st2.holder:
                st2 = replace(st2, reported_by=None)
            k = (st2.holder, st2.polarity, st2.target)
            if k not in stances or stances[k].confidence < st2.confidence:
                stances[k] = st2
        out.append(ArticleResult(res.article, entities, sorted(stances.values(), key=lambda s: (s.start, s.holder, s.polarity, s.target))))
    return out, resolutions
