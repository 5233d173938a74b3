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
`Resolution` per resolved key with the merged keys and the reasons. It is two steps,
so that a corpus too big for memory can be resolved from disk: `plan` decides every
merge from a small summary of each article's entities (`summarize`: keys, kinds and
names, no mentions), and `rewrite` applies the plan to one article at a time.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

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


class EntitySummary(NamedTuple):
    """What resolution reads of one extracted entity: a few strings, never its mentions."""

    key: str
    kind: str
    label: str
    alt_labels: tuple[str, ...]
    proposed_by: tuple[str, ...]

    @property
    def is_proposal(self) -> bool:
        return self.kind == "Proposal"


def summarize(res: ArticleResult) -> list[EntitySummary]:
    """The entities of one article as resolution plans with them (kept in RAM for a whole corpus)."""
    return [EntitySummary(key, e.kind, e.label, tuple(sorted(e.alt_labels)), tuple(e.proposed_by))
            for key, e in res.entities.items()]


@dataclass
class Plan:
    """Where each extracted key goes across the corpus: old key -> (new key, reason, gazetteer entry),
    and the Wikidata item of each resolved key. `rewrite` applies it one article at a time."""

    mapping: dict[str, tuple[str, str, Optional[GazetteerEntry]]]
    wikidata: dict[str, str] = field(default_factory=dict)  # resolved key -> Q-id

    def final(self, key: str) -> str:
        return _follow(self.mapping, key)

    def entry(self, key: str) -> Optional[GazetteerEntry]:
        """The gazetteer entry met first on the chain of merges from `key`, if any."""
        entry = None
        while key in self.mapping and entry is None:
            entry = self.mapping[key][2]
            key = self.mapping[key][0]
        return entry

    def reason(self, key: str) -> str:
        return self.mapping[key][1] if key in self.mapping else ""


def resolve(results: list[ArticleResult], gazetteer: Optional[tuple[GazetteerEntry, ...]] = None,
            known_people: Iterable[tuple[str, str]] = ()) -> tuple[list[ArticleResult], dict[str, Resolution]]:
    """Merge actors across articles; returns rewritten results and the resolutions by new key.

    `known_people` are (key, label) of people already in the graph (a store being added to):
    new mentions resolve to them, they are not rewritten. The same as `plan` over the
    articles' summaries, then `rewrite` of each article.
    """
    p = plan([s for res in results for s in summarize(res)], gazetteer, known_people)
    out = [rewrite(res, p) for res in results]
    resolutions: dict[str, Resolution] = {}
    for res, new_res in zip(results, out):
        for key in res.entities:
            new = p.final(key)
            r = resolutions.setdefault(new, Resolution(new, new_res.entities[new].label))
            entry = p.entry(key)
            if entry is not None:
                r.wikidata = entry.wikidata
                r.label = entry.label
            r.merged.setdefault(key, p.reason(key) or "extracted under this key")
    return out, resolutions


def plan(summaries: Iterable[EntitySummary], gazetteer: Optional[tuple[GazetteerEntry, ...]] = None,
         known_people: Iterable[tuple[str, str]] = ()) -> Plan:
    """The merges across a corpus, from the summaries of its entities in article order (`summarize`)."""
    summaries = summaries if isinstance(summaries, list) else list(summaries)
    gaz = _gazetteer_index(gazetteer if gazetteer is not None else load_gazetteer())
    mapping: dict[str, tuple[str, str, Optional[GazetteerEntry]]] = {}  # old key -> (new key, reason, entry)

    # 1. the gazetteer
    for ent in summaries:
        key = ent.key
        if ent.is_proposal or key in mapping:
            continue
        for name in [ent.label, *ent.alt_labels]:
            hits = [e for e in gaz.get(norm(name), []) if _kind_fits(e.kind, ent.kind)]
            if len(hits) == 1:
                e = hits[0]
                mapping[key] = (e.key, f"{name!r} is a name of {e.label} ({e.wikidata}) in the gazetteer", e)
                break

    # 2. people: full names by surname form, over the corpus
    people: dict[str, dict[str, set[str]]] = {}  # surname form -> first-name form -> keys
    singles: dict[str, set[str]] = {}  # surname form -> keys of people named by surname alone
    labels: dict[str, str] = {}
    for ent in summaries:
        key = ent.key
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
    for ent in summaries:
        if not ent.is_proposal or not ent.proposed_by:
            continue
        words = ent.label.lower().split()
        head = words[-1] if words else ""
        for author in ent.proposed_by:
            if len(words) == 1:
                bare.append((ent.key, head, final(author), ent.label))
            else:
                by_author.setdefault((final(author), head), set()).add(ent.key)
    for key, head, author, label in bare:
        named = by_author.get((author, head), set()) - {key}
        if len(named) == 1:
            (target,) = named
            mapping.setdefault(key, (target, f"{label!r} put forward by the same actor is the one such "
                                             f"proposal of theirs named in full elsewhere", None))
    p = Plan(mapping)
    for ent in summaries:  # as the articles are rewritten in order: the last entry met wins
        entry = p.entry(ent.key)
        if entry is not None:
            p.wikidata[p.final(ent.key)] = entry.wikidata
    return p


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


def rewrite(res: ArticleResult, plan: Plan) -> ArticleResult:
    """One article with its keys resolved by `plan`: merged entities, stances on the new keys."""
    final = plan.final
    entities: dict[str, Entity] = {}
    for key, ent in res.entities.items():
        new = final(key)
        entry = plan.entry(key)
        if new not in entities:
            label = entry.label if entry is not None else ent.label
            kind = entry.kind if entry is not None and entry.kind != ent.kind and not ent.is_proposal else ent.kind
            entities[new] = Entity(key=new, kind=kind, label=label, alt_labels=set(),
                                   mentions=[], proposed_by=set(), part_of=set())
        merged = entities[new]
        if ent.label != merged.label:
            merged.alt_labels.add(ent.label)
        merged.alt_labels |= {a for a in ent.alt_labels if a != merged.label}
        reason = plan.reason(key)
        merged.mentions.extend(replace(m, note=m.note or reason) for m in ent.mentions)
        merged.proposed_by |= {final(k) for k in ent.proposed_by}
        merged.part_of |= {final(k) for k in ent.part_of}
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
    return ArticleResult(res.article, entities, sorted(stances.values(), key=lambda s: (s.start, s.holder, s.polarity, s.target)))
