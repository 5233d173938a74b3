"""Per-doc word tables: what the readers ask of each word, read from spaCy once per doc.

Every `doc[i]` and every step of `for t in doc` makes a new Token object, and each of a Token's
string attributes is a StringStore lookup; the mention finder, the rules, the candidate finder
and the features ask the same few attributes of the same words many times over. `DocWords.of`
reads them for the whole doc in one `Doc.to_array` call and keeps them as Python lists in the
doc's `user_data`, so that a hot loop can test words by index and make a Token only for the few
it goes on to read.
"""
from __future__ import annotations

from typing import AbstractSet, Iterator, Optional

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Token

# The words that negate the word they hang on ("did not back": back; "hardly supports": supports), as the
# rules and the learned reading's features read them.
NEGATIONS = {"not", "n't", "never", "no", "nor", "neither", "hardly", "without"}

# A cue that states no side by itself but whose negation withholds judgement ("has not taken a
# position on", "has not decided whether"): the lexicon's polarity "withheld".
WITHHELD = "withheld"
# Verbs over a "whether" clause that leave it undecided ("is weighing whether to back"), and those
# that do only where they are not done ("has not decided whether", "declined to say whether").
UNDECIDED_VERBS = {"weigh", "consider", "mull", "ponder", "debate", "discuss", "study"}
WITHHOLDING_VERBS = {"decide", "say", "know"}
# Verbs of looking a proposal over: while it is still being done ("would study the bill", "is reviewing the
# regulation", "will look at the proposal"), the holder has not taken a side (`pattern.deliberating`).
DELIBERATING_VERBS = {"study", "review", "examine", "assess", "consider", "weigh", "evaluate", "scrutinise",
                      "scrutinize", "analyse", "analyze", "mull", "look"}
# Auxiliaries of what is still to come ("would study", "will wait").
FUTURE_AUX = {"will", "would", "shall", "'ll"}
# What of a proposal is looked over ("the details of the law", "the bill's wording", "the final text"):
# the proposal itself, or, with none named, the one the story is about.
PROPOSAL_PARTS = {"detail", "wording", "text", "term", "content", "provision", "version", "draft", "print"}
REFUSING_VERBS = {"refuse", "decline", "fail", "reserve"}  # ("reserved judgement on the tax": withheld)
# Verbs that name what their object is ("called the plan a betrayal", "declared the strike illegal",
# "considers the bill dangerous"): `StanceReader._deemed`
NAMING_VERBS = {"call", "describe", "brand", "label", "dub", "term", "characterise", "characterize", "hail",
                "declare", "consider", "deem"}
# Nouns of complex prepositions ("in the wake of", "on behalf of", "in response to").
# And the nouns of "in its current form", "in any shape": how a proposal stands, not one of its own.
PREP_NOUNS = {"wake", "behalf", "response", "aftermath", "midst", "face", "light", "terms", "context", "regard",
              "respect", "view", "event", "addition", "lieu", "spite", "form", "shape"}
# What a noun was and is no longer ("a former critic of", "was once a critic of"): no stance now.
BYGONE_WORDS = {"former", "onetime", "one-time", "erstwhile", "once", "formerly", "previously"}
# Verbs that take back the stance their object names ("withdrew its support for", "lifted its objection to",
# "dropped its opposition to", "ended its boycott of"): the noun's side is turned.
RETRACTING_VERBS = {"withdraw", "drop", "lift", "abandon", "retract", "end", "rescind", "revoke", "reverse",
                    "relinquish", "pull"}
# Verbs that set aside another's stance ("overrode the governor's veto of the bill"): whoever does it takes the
# other side, as one who takes back their own does; the noun's owner is not its holder here, the subject is.
OVERRIDING_VERBS = {"override", "overrule"}
RETRACTING_VERBS |= OVERRIDING_VERBS
# ... and those that take it back through "on" or "from".
BACKING_OFF_VERBS = {"backtrack", "renege", "retreat", "backpedal", "row"}
# Verbs of reluctance whose denial says the thing will be done ("will not hesitate to impose sanctions").
UNHESITATING = {"hesitate"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Words that say when something was said or done ("on Tuesday", "last week", "next month", "earlier this
# year"): no part of what a proposal is. "By 2025" and "in May" are (a deadline, a date it is for).
WHEN_WORDS = WEEKDAYS | {"on", "last", "next", "this", "earlier", "later", "week", "month", "year", "weekend",
                         "morning", "afternoon", "evening", "night", "today", "yesterday", "tomorrow", "tonight",
                         "january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"}
_WHEN_ALONE = WEEKDAYS | {"today", "yesterday", "tomorrow", "tonight"}
_WHEN_OPENERS = _WHEN_ALONE | {"on", "last", "next", "this", "earlier", "later"}
# The dependencies along which a word's negation or pending reaches what it governs ("has not taken a
# position": the position; "has yet to decide": deciding).
_REACH = ("dobj", "xcomp", "pcomp", "pobj", "prep", "acomp", "attr", "ccomp", "conj")

_KEY = "stancegraph.words"
# StringStore ids -> strings (and lower-cased strings), shared by every doc: an id is the hash of
# its string (or a fixed symbol), the same in every StringStore. Emptied past `_MAX_NAMES`.
_NAMES: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
_MAX_NAMES = 500_000


def expletive(token: Token) -> bool:
    """"It" standing for a clause the sentence puts after its predicate, not for something named before:
    "it was important to defeat the bill", "it was not in the national interest to stir up panic", "it
    is clear that the plan will fail". Not "it is to be voted on" (no predicate of its own)."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = token.head
    if head.lemma_.lower() != "be" or not any(c.dep_ in ("acomp", "attr", "prep") for c in head.children):
        return False
    return any(c.i > token.i and (c.dep_ in ("ccomp", "csubj") or c.dep_ in ("xcomp", "advcl") and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)) for c in head.children)


class DocWords:
    """Each word's lower-cased lemma, dependency label, part of speech, head (by index), lower-cased
    form, fine-grained tag, entity type, punctuation flag and text with its trailing space, as the
    Token attributes `lemma_.lower()`, `dep_`, `pos_`, `head.i`, `lower_`, `tag_`, `ent_type_`,
    `is_punct` and `text_with_ws` give them; and the words a negation hangs on."""

    __slots__ = ("lemma", "dep", "pos", "head", "lower", "tag", "ent_type", "is_punct", "text_ws", "negated",
                 "unhesitating",
                 "_children", "_text", "_withheld")

    def __init__(self, doc: Doc) -> None:
        strings = doc.vocab.strings
        cols = doc.to_array([LEMMA, DEP, POS, HEAD, LOWER, TAG, ENT_TYPE, IS_PUNCT, ORTH, SPACY]).reshape(len(doc), 10)

        def names(col: int, lower: bool = False) -> list[str]:
            ids = cols[:, col].tolist()
            table = _LOWERED if lower else _NAMES
            for h in set(ids).difference(table):
                table[h] = strings[h].lower() if lower else strings[h]
            return [table[h] for h in ids]

        if len(_NAMES) > _MAX_NAMES or len(_LOWERED) > _MAX_NAMES:
            _NAMES.clear()
            _LOWERED.clear()

        self.lemma = names(0, lower=True)
        self.dep = names(1)
        self.pos = [POS_NAMES[p] for p in cols[:, 2].tolist()]
        # HEAD is the offset to the head, negative ones wrapped round in the unsigned array
        self.head = [i + rel for i, rel in enumerate(cols[:, 3].astype(np.int64).tolist())]
        self.lower = names(4)
        self.tag = names(5)
        self.ent_type = names(6)
        self.is_punct = [bool(x) for x in cols[:, 7].tolist()]
        self.text_ws = [text + " " if space else text for text, space in zip(names(8), cols[:, 9].tolist())]
        dep, lower = self.dep, self.lower
        self.negated = {h for i, h in enumerate(self.head)
                        if h != i and (dep[i] == "neg" or lower[i] in NEGATIONS and dep[i] in ("neg", "advmod", "det"))}
        # "Neither Labour nor the Conservatives support the tax": the verb is denied of both subjects
        self.negated.update(self.head[s] for s in (self.head[i] for i, low in enumerate(lower)
                                                   if low == "neither" and dep[i] in ("det", "preconj"))
                            if dep[s] in ("nsubj", "nsubjpass") and self.head[s] != s)
        # "Norway no longer supports the ban": the parse denies "longer"; it is the verb that is denied
        self.negated.update(self.head[i] for i, low in enumerate(lower)
                            if low == "longer" and i in self.negated and dep[i] == "advmod" and self.head[i] != i)
        # "stopped short of endorsing the bill": what one stops short of is not done
        self.negated.update(i for i, d in enumerate(dep) if d == "pcomp" and lower[self.head[i]] == "of"
                            and self.head[self.head[i]] != self.head[i] and lower[self.head[self.head[i]]] == "short")
        # "will not hesitate to use force": a reluctance denied is no denial of what it governs, and says
        # nothing of its own (`unhesitating`: no valence either, where "hesitate" alone has one)
        self.unhesitating = frozenset(i for i in self.negated if self.lemma[i] in UNHESITATING)
        self.negated -= self.unhesitating
        self._children: Optional[list[tuple[int, ...]]] = None
        self._text: Optional[str] = None
        self._withheld: Optional[frozenset[int]] = None

    @property
    def children(self) -> list[tuple[int, ...]]:
        """Each word's children by index, in text order (as `Token.children` gives them)."""
        if self._children is None:
            kids: list[list[int]] = [[] for _ in self.head]
            for i, h in enumerate(self.head):
                if h != i:
                    kids[h].append(i)
            # kept as tuples: the garbage collector stops tracking a tuple of ints, where a list per
            # word, alive while the doc is read, would reach its oldest generation and bring on
            # full collections
            self._children = [tuple(k) for k in kids]
        return self._children

    @property
    def text(self) -> str:
        """The doc's text (`Doc.text`, which joins its Tokens anew on every read), joined once."""
        if self._text is None:
            self._text = "".join(self.text_ws)
        return self._text

    def span_text(self, span) -> str:
        """`span.text` of a span of the doc, sliced from its text."""
        return self.text[span.start_char:span.end_char]

    @staticmethod
    def of(doc: Doc) -> "DocWords":
        """The doc's table, made on first need (`repair_lemmas`, which writes lemmas, drops it)."""
        words = doc.user_data.get(_KEY)
        if words is None:
            words = doc.user_data[_KEY] = DocWords(doc)
        return words

    @staticmethod
    def forget(doc: Doc) -> None:
        """Drop the doc's table, and every other table the readers keep in its `user_data`
        (keys starting "stancegraph."), where its words' attributes have changed."""
        for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("stancegraph.")]:
            del doc.user_data[key]

    def withholds(self, i: int) -> bool:
        """Whether the i-th word is put as not (yet) done: negated ("not decided", "no position"), or
        governed, within four words, by a negated verb ("has not taken a position"), "yet to" ("has
        yet to take a position"), "before" / "until" ("before deciding on"), or a refusing verb
        ("declined to say"). What a "withheld" cue or an embedded "whether" asks of its word."""
        dep, lemma, lower = self.dep, self.lemma, self.lower
        return any(x in self.negated or self._yet(x) or x != i and lemma[x] in REFUSING_VERBS
                   or dep[x] == "prep" and lower[x] in ("before", "until") for x in self._reach(i))

    def pending(self, i: int) -> bool:
        """Whether the i-th word is governed, within four words, by "yet to" ("has yet to endorse the
        bill", "is yet to decide"): not done so far, a judgement withheld, not a side."""
        return any(x != i and self._yet(x) for x in self._reach(i)) or self._before(i)

    def to_come(self, i: int) -> bool:
        """Whether the i-th word, a verb, is a step still to come: still required ("must still ratify the
        agreement", "must still be approved by Congress", "must yet sign it") or awaited ("until parliament
        ratifies it"). A side not taken yet (the rules' verb cues, `supposed`)."""
        kids = self.children[i]
        if any(self.dep[c] == "mark" and self.lower[c] == "until" for c in kids):
            return True
        return any(self.dep[c] == "aux" and self.lemma[c] == "must" for c in kids) and any(
            self.dep[c] == "advmod" and self.lower[c] in ("still", "yet") for c in kids)

    def _before(self, i: int) -> bool:
        """Whether the i-th word is done "before" what is still to come or still under way ("would study
        the bill before endorsing it", "will wait for the verdict before backing the release"): not yet."""
        prep = self.head[i]
        if self.dep[i] != "pcomp" or self.lower[prep] != "before" or self.head[prep] == prep:
            return False
        verb = self.head[prep]
        return self.lemma[verb] in DELIBERATING_VERBS or any(
            self.dep[c] == "aux" and self.lemma[c] in FUTURE_AUX for c in self.children[verb])

    def _reach(self, i: int) -> Iterator[int]:
        """The i-th word and the words above it that its negation or pending reaches, within four."""
        x = i
        for _ in range(4):
            yield x
            if self.head[x] == x or self.dep[x] not in _REACH:
                return
            x = self.head[x]

    def _yet(self, x: int) -> bool:
        """Whether the x-th word is the "has" / "is" of "has yet to", "is yet to"."""
        return self.lemma[x] in ("have", "be") and any(self.dep[c] == "advmod" and self.lower[c] == "yet"
                                                       for c in self.children[x])

    def bygone(self, i: int) -> bool:
        """Whether the i-th word, a noun, names what someone was and is no longer: "a former critic of the
        pact", "was once a critic of the pact" (`BYGONE_WORDS`)."""
        if self.pos[i] != "NOUN":
            return False
        if any(self.dep[c] == "amod" and self.lower[c] in BYGONE_WORDS for c in self.children[i]):
            return True
        h = self.head[i]
        return self.dep[i] == "attr" and h != i and any(self.dep[c] == "advmod" and self.lower[c] in BYGONE_WORDS
                                                         for c in self.children[h])

    def retractor(self, i: int, proposal_nouns: AbstractSet[str]) -> Optional[int]:
        """The verb (by index) that takes back the stance the i-th word, a noun, names: "withdrew its
        support for the plan", "lifted its objection to the membership" (`RETRACTING_VERBS`), "backtracked
        on its support for" (`BACKING_OFF_VERBS`); None where there is none. Not a proposal's own noun:
        "dropped its demand for talks" no longer asks for them, it does not oppose them."""
        gov = self.head[i]
        if self.pos[i] != "NOUN" or gov == i or self.lemma[i] in proposal_nouns:
            return None
        if self.dep[i] == "dobj":
            return gov if self.lemma[gov] in RETRACTING_VERBS else None
        # "backtracked on its support for", "reneged on its pledge to", "retreated from its opposition to"
        verb = self.head[gov]
        if self.dep[i] == "pobj" and self.lower[gov] in ("on", "from") and verb != gov \
                and self.lemma[verb] in BACKING_OFF_VERBS:
            return verb
        return None

    def undecided_clause(self, i: int) -> bool:
        """Whether the i-th word heads an embedded "whether" clause its governing verb leaves undecided:
        "is weighing whether to back", "has not decided whether", "is deciding whether", "declined to say
        whether", "would not say whether"."""
        if not any(self.dep[c] == "mark" and self.lower[c] == "whether" for c in self.children[i]):
            return False
        gov = self.head[i]
        if gov == i:
            return False
        lemma = self.lemma[gov]
        # "is deciding whether to sign it": still deciding, so not decided
        deciding = lemma == "decide" and self.progressive(gov)
        return lemma in UNDECIDED_VERBS or lemma in WITHHOLDING_VERBS and (self.withholds(gov) or deciding)

    def progressive(self, i: int) -> bool:
        """Whether the i-th word, a verb, is under way as the text speaks: "is reviewing the measures", "is
        deciding whether to sign it"."""
        return self.tag[i] == "VBG" and any(self.dep[c] == "aux" and self.lemma[c] == "be" for c in self.children[i])

    def neither_nor(self, i: int) -> bool:
        """Whether the i-th word is one side of "neither ... nor" ("neither supporting nor opposing",
        "neither for nor against"): a judgement withheld both ways."""
        first = self.head[i] if self.dep[i] == "conj" else i
        kids = self.children[first]
        return self.pos[first] in ("VERB", "AUX", "ADP", "ADJ") \
            and any(self.dep[c] == "preconj" and self.lower[c] == "neither" for c in kids) \
            and any(self.dep[c] == "cc" and self.lower[c] == "nor" for c in kids)

    @property
    def withheld(self) -> frozenset[int]:
        """The words that withhold judgement by their construction, found once per doc from its few
        "whether" and "neither" words: heads of an undecided "whether" clause (`undecided_clause`) and
        the sides of "neither ... nor" (`neither_nor`)."""
        if self._withheld is None:
            out = set()
            for c, low in enumerate(self.lower):
                if low == "whether" and self.dep[c] == "mark" and self.undecided_clause(self.head[c]):
                    out.add(self.head[c])
                elif low == "neither" and self.dep[c] == "preconj" and self.neither_nor(self.head[c]):
                    first = self.head[c]
                    out.add(first)
                    out.update(k for k in self.children[first] if self.dep[k] == "conj")
            self._withheld = frozenset(out)
        return self._withheld


def trailing_when(words: list[str]) -> int:
    """How many of the (lowercased) words at the end of a label say only when: "bid to join NATO on
    Tuesday" -> 2, "comments I made last week" -> 2, "build homes by 2030" -> 0, "vote in May" -> 0."""
    n = len(words)
    start = n
    while start > 1 and words[start - 1] in WHEN_WORDS:
        start -= 1
    while start < n and words[start] not in _WHEN_OPENERS:
        start += 1  # "in May": the run must open with a word that says when by itself
    if n - start == 1 and words[start] not in _WHEN_ALONE:
        return 0  # "accept this", "vote on": a word that says when only with another after it
    return n - start


def supposed(w: DocWords, h: int, t: int) -> bool:
    """Whether the holder's word `h` is the subject (or a passive's agent) of a verb in an "if" or "unless"
    clause, or of a step still to come (`DocWords.to_come`: "must still", "until"), that also holds the
    target's word `t`: "if North Korea wanted to attack the United States", "until Turkey's parliament
    ratifies the protocol", "must still be ratified by the Greek parliament" suppose a stance, they say
    none."""
    verb = w.head[h]
    if w.dep[h] == "pobj" and w.dep[verb] == "agent":
        verb = w.head[verb]  # "must still be ratified by the parliament"
    elif w.dep[h] not in ("nsubj", "nsubjpass"):
        return False
    if not (any(w.dep[c] == "mark" and w.lower[c] in ("if", "unless") for c in w.children[verb])
            or w.to_come(verb)):
        return False
    x = t
    for _ in range(12):
        if x == verb:
            return True
        if w.head[x] == x:
            return False
        x = w.head[x]
    return False


def prepositional_noun(w: DocWords, i: int) -> bool:
    """The i-th word is the noun of a complex preposition ("in the wake of", "on behalf of") or of "in its
    current form" (`PREP_NOUNS`): how or why, not a proposal."""
    return w.lemma[i] in PREP_NOUNS and w.dep[i] == "pobj" and w.lower[w.head[i]] in ("in", "on")
