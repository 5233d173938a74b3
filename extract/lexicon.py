"""Lexicons as data: tab-separated files in `ontology/lexicons/`, each row with an id.

Every stance records the id of the cue that produced it, so a user can audit a
stance back to one line of one file, and adding a verb is a one-line change.
Files are validated on load: a bad row is an error naming the file and line
(spaCy's DependencyMatcher lets malformed patterns through as bare KeyErrors;
we do not).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from stancegraph.extract.errors import StancegraphError
from stancegraph.extract.records import ACTOR_KINDS, OPPOSE, POLARITIES
from stancegraph.extract.words import WITHHELD

# A cue's particle column may name a frame rather than a word that must follow it.
CUE_FRAMES = {"", "self", "inf", "include", "clause"}

# A cue row's polarity: a side, or "withheld" (no side by itself; negated, a withheld judgement)
CUE_POLARITIES = (*POLARITIES, WITHHELD)

LEXICON_PACKAGE = "stancegraph.ontology"


class LexiconError(StancegraphError):
    """A lexicon file is malformed; the message names the file and the line."""


@dataclass(frozen=True)
class Cue:
    id: str
    lemma: str
    pos: str  # VERB | NOUN | ADJ | ADP
    particle: str  # "" or a preposition that must follow ("call for")
    polarity: str
    confidence: float


@dataclass(frozen=True)
class ActorNoun:
    id: str
    lemma: str
    kind: str
    role: bool  # singular, definite, it refers back to a named person ("the president")
    bare: bool  # a bare plural ("farmers") is a holder of its own


@dataclass(frozen=True)
class Lexicon:
    """All the word lists the rule-based extractor reads."""

    cues: dict[tuple[str, str], list[Cue]]  # (lemma, pos) -> cues
    proposal_nouns: dict[str, str]  # lemma -> id
    proposal_heads: dict[str, str]  # lemma -> the head it is filed under ("invite" -> "invitation")
    authored: frozenset  # proposal lemmas whose owner proposes and backs them ("Labour's plan")
    undoings: dict[str, str]  # lemma -> the preposition it names a proposal only with ("end" -> "to")
    actor_nouns: dict[str, ActorNoun]
    speech_verbs: dict[str, str]  # lemma -> id
    policy_verbs: dict[str, str]  # lemma -> id: verbs whose clause can be a proposal
    aliases: dict[str, tuple[str, str]]  # alias -> (canonical, kind)
    demonyms: dict[str, str]  # demonym -> country

    @cached_property
    def roles(self) -> frozenset[str]:
        """The actor nouns that are roles of a named person ("president", "spokesman", "head")."""
        return frozenset(lemma for lemma, noun in self.actor_nouns.items() if noun.role)

    @cached_property
    def proposal_nouns_not_objections(self) -> frozenset[str]:
        """The proposal nouns that are not also an objection (an oppose cue noun): taking one back drops the
        proposal ("dropped its demand for talks"), where taking back an objection that is a proposal too
        drops the opposition ("lifted its veto on the trade deal")."""
        objections = {lemma for (lemma, pos), cues in self.cues.items()
                      if pos == "NOUN" and any(c.polarity == OPPOSE for c in cues)}
        return frozenset(self.proposal_nouns) - objections

    def is_role(self, word: str) -> bool:
        """A role word before a name, singular or plural: "Senator", "Sen.", "Senators (Mark Ruiz and ...)"."""
        w = word.lower().rstrip(".")
        return w in self.roles or w.endswith("s") and w[:-1] in self.roles

    @cached_property
    def noun_infinitives(self) -> frozenset[str]:
        """The nouns that take an infinitive: noun cues with the frame ("calls to resign", "a bid to block
        the merger") and proposal nouns ("a bill to ban fracking", "the plan to close the mine")."""
        return frozenset(lemma for (lemma, pos), cues in self.cues.items()
                         if pos == "NOUN" and any(c.particle == "inf" for c in cues)) | frozenset(self.proposal_nouns)

    @cached_property
    def noun_prepositions(self) -> dict[str, frozenset[str]]:
        """The preposition each noun cue takes ("a position on", "opposition to", "in favour of"): noun
        lemma -> prepositions (`mentions.repair_attachments` hangs the phrase they open on the noun)."""
        out: dict[str, set[str]] = {}
        for (lemma, pos), cues in self.cues.items():
            if pos == "NOUN":
                out.setdefault(lemma, set()).update(c.particle for c in cues if c.particle not in CUE_FRAMES)
        return {lemma: frozenset(parts) for lemma, parts in out.items() if parts}

    def cues_for(self, lemma: str, pos: str) -> list[Cue]:
        return self.cues.get((lemma.lower(), pos), [])


def _rows(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows of a TSV file: '#' lines are comments, the first other line is the header."""
    header: Optional[list[str]] = None
    seen: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in columns if c not in header]
                if missing:
                    raise LexiconError(f"{path}:{line_no}: header lacks column(s) {', '.join(missing)}; "
                                       f"expected: {' '.join(columns)}")
                continue
            if len(cells) != len(header):
                raise LexiconError(f"{path}:{line_no}: {len(cells)} tab-separated cells, the header has "
                                   f"{len(header)} ({' '.join(header)})")
            row = dict(zip(header, (c.strip() for c in cells)))
            if not row["id"]:
                raise LexiconError(f"{path}:{line_no}: empty id")
            if row["id"] in seen:
                raise LexiconError(f"{path}:{line_no}: id {row['id']!r} is used twice")
            seen.add(row["id"])
            yield line_no, row


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """VADER's lexicon (vaderSentiment, MIT): word -> mean valence, -4 to +4, and the judgement words it lacks
    (`ontology/lexicons/judgement_words.tsv`: "victory", "interference", "a power grab"). General English feeling
    words, read by the model as priors (`learn.Priors`) and by the rules where nothing else names a side
    (`StanceReader._deemed`)."""
    table: dict[str, float] = {}
    text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                table[parts[0]] = float(parts[1])
            except ValueError:
                continue
    folder = Path(str(resources.files(LEXICON_PACKAGE) / "lexicons"))
    for _, row in _rows(folder / "judgement_words.tsv", ("id", "lemma", "valence")):
        try:
            table.setdefault(row["lemma"].lower(), float(row["valence"]))
        except ValueError:
            raise LexiconError(f"{folder / 'judgement_words.tsv'}: {row['id']}: valence {row['valence']!r} "
                               "is no number")
    return table


def load_lexicon(folder: Optional[Path] = None) -> Lexicon:
    """Read every lexicon file from `folder` (default: the packaged `ontology/lexicons`)."""
    if folder is None:
        return _packaged_lexicon()
    return _load(Path(folder))


@lru_cache(maxsize=1)
def _packaged_lexicon() -> Lexicon:
    return _load(Path(str(resources.files(LEXICON_PACKAGE) / "lexicons")))


def _load(folder: Path) -> Lexicon:
    cues: dict[tuple[str, str], list[Cue]] = {}
    path = folder / "stance_cues.tsv"
    for line_no, row in _rows(path, ("id", "lemma", "pos", "particle", "polarity", "confidence")):
        if row["polarity"] not in CUE_POLARITIES:
            raise LexiconError(f"{path}:{line_no}: polarity {row['polarity']!r} is not one of {CUE_POLARITIES}")
        if row["pos"] not in ("VERB", "NOUN", "ADJ", "ADP"):
            raise LexiconError(f"{path}:{line_no}: pos {row['pos']!r} is not VERB, NOUN, ADJ or ADP")
        try:
            conf = float(row["confidence"])
        except ValueError:
            raise LexiconError(f"{path}:{line_no}: confidence {row['confidence']!r} is not a number") from None
        if not 0 < conf <= 1:
            raise LexiconError(f"{path}:{line_no}: confidence {conf} is outside (0, 1]")
        cue = Cue(row["id"], row["lemma"].lower(), row["pos"], row["particle"].lower(), row["polarity"], conf)
        cues.setdefault((cue.lemma, cue.pos), []).append(cue)

    proposal_nouns: dict[str, str] = {}
    proposal_heads: dict[str, str] = {}
    authored: set[str] = set()
    undoings: dict[str, str] = {}
    path = folder / "proposal_nouns.tsv"
    for line_no, row in _rows(path, ("id", "lemma", "canonical", "authored", "needs")):
        if row["authored"] not in ("0", "1"):
            raise LexiconError(f"{path}:{line_no}: authored must be 0 or 1, not {row['authored']!r}")
        if row["needs"]:
            if not row["needs"].isalpha():
                raise LexiconError(f"{path}:{line_no}: needs must be one preposition, not {row['needs']!r}")
            undoings[row["lemma"].lower()] = row["needs"].lower()
        proposal_nouns[row["lemma"].lower()] = row["id"]
        proposal_heads[row["lemma"].lower()] = (row["canonical"] or row["lemma"]).lower()
        if row["authored"] == "1":
            authored.add(row["lemma"].lower())
    speech_verbs = {row["lemma"].lower(): row["id"]
                    for _, row in _rows(folder / "speech_verbs.tsv", ("id", "lemma"))}
    policy_verbs = {row["lemma"].lower(): row["id"]
                    for _, row in _rows(folder / "policy_verbs.tsv", ("id", "lemma"))}

    actor_nouns: dict[str, ActorNoun] = {}
    path = folder / "actor_nouns.tsv"
    for line_no, row in _rows(path, ("id", "lemma", "kind", "role", "bare")):
        if row["kind"] not in ACTOR_KINDS:
            raise LexiconError(f"{path}:{line_no}: kind {row['kind']!r} is not one of {ACTOR_KINDS}")
        if row["role"] not in ("0", "1"):
            raise LexiconError(f"{path}:{line_no}: role must be 0 or 1, not {row['role']!r}")
        if row["bare"] not in ("0", "1"):
            raise LexiconError(f"{path}:{line_no}: bare must be 0 or 1, not {row['bare']!r}")
        actor_nouns[row["lemma"].lower()] = ActorNoun(row["id"], row["lemma"].lower(), row["kind"], row["role"] == "1",
                                                      row["bare"] == "1")

    aliases: dict[str, tuple[str, str]] = {}
    path = folder / "aliases.tsv"
    for line_no, row in _rows(path, ("id", "alias", "canonical", "kind")):
        if row["kind"] not in ACTOR_KINDS:
            raise LexiconError(f"{path}:{line_no}: kind {row['kind']!r} is not one of {ACTOR_KINDS}")
        aliases[row["alias"]] = (row["canonical"], row["kind"])

    demonyms = {row["demonym"]: row["country"]
                for _, row in _rows(folder / "demonyms.tsv", ("id", "demonym", "country"))}
    return Lexicon(cues, proposal_nouns, proposal_heads, frozenset(authored), undoings, actor_nouns, speech_verbs, policy_verbs, aliases, demonyms)
