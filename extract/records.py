"""Typed records that flow from extraction to the graph.

Data flows one way: article -> spaCy Doc -> mentions -> these records -> RDF.
Records are small frozen dataclasses (after textacy's typed triples) so they
compare, hash and pickle cheaply, and carry no spaCy objects.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

# Polarity values, as written in records and mapped to sg:Support/Oppose/Neutral.
SUPPORT = "support"
OPPOSE = "oppose"
NEUTRAL = "neutral"
OPPOSITE = {SUPPORT: OPPOSE, OPPOSE: SUPPORT}  # a stance on undoing or not doing a thing is the other stance on it
POLARITIES = (SUPPORT, OPPOSE, NEUTRAL)

# Kinds of actor, mapped to ontology classes (sg:Person, ...).
PERSON = "Person"
ORGANISATION = "Organisation"
COUNTRY = "Country"
GOVERNMENT = "Government"
GROUP = "Group"
ACTOR_KINDS = (PERSON, ORGANISATION, COUNTRY, GOVERNMENT, GROUP)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article body, with its start offset in `Article.text`."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Article:
    """One input article: its id (file name without extension), text and metadata."""

    id: str
    text: str
    source: str = ""  # the path it was read from
    title: Optional[str] = None
    publisher: Optional[str] = None
    date: Optional[str] = None  # ISO 8601 date where the text carries one
    url: Optional[str] = None
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A span of the article that names an entity."""

    start: int
    end: int
    text: str
    note: str = ""  # why it counts as its entity, where its words alone do not say


@dataclass
class Entity:
    """An actor or a proposal as the article names it; `key` is its identity."""

    key: str  # normalised identity, e.g. "person:volodymyr-zelensky"
    kind: str  # one of ACTOR_KINDS, or "Proposal"
    label: str
    alt_labels: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    proposed_by: set[str] = field(default_factory=set)  # actor keys
    part_of: set[str] = field(default_factory=set)  # proposal keys

    @property
    def is_proposal(self) -> bool:
        return self.kind == "Proposal"


@dataclass(frozen=True)
class Stance:
    """holder -polarity-> target, with the evidence that states it."""

    holder: str  # entity key
    target: str  # entity key
    polarity: str  # SUPPORT | OPPOSE | NEUTRAL
    evidence: str  # the sentence
    start: int  # character offsets of the evidence sentence in Article.text
    end: int
    rule: str  # id of the lexicon entry or pattern that produced it
    confidence: float
    speaker: Optional[str] = None  # entity key of who said it, where quoted
    reported_by: Optional[str] = None  # entity key of who reports someone else's stance
    condition: Optional[str] = None  # "only after the war"
    quote: Optional[tuple[int, int]] = None  # offsets of the quotation it sits in


@dataclass
class ArticleResult:
    """What extraction found in one article."""

    article: Article
    entities: dict[str, Entity]
    stances: list[Stance]

    def actors(self) -> list[Entity]:
        return [e for e in self.entities.values() if not e.is_proposal]

    def proposals(self) -> list[Entity]:
        return [e for e in self.entities.values() if e.is_proposal]
