"""Mentions: the actors and proposals a parsed paragraph names, and what they refer to.

An `ArticleContext` walks an article's paragraphs in order. For each spaCy Doc
it finds actor mentions (named entities, noun phrases headed by actor nouns,
people with their titles) and proposal mentions (noun phrases headed by
proposal nouns, named plans), gives each an entity key, and keeps the
discourse state that rule-based coreference needs: the people, groups and
proposals mentioned so far, most recent last.
"""
from __future__ import annotations

import bisect
import os
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from typing import AbstractSet, Mapping, Optional

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from stancegraph.extract.lexicon import Lexicon
from stancegraph.extract.records import (COUNTRY, GOVERNMENT, GROUP, NEUTRAL, ORGANISATION, PERSON, SUPPORT,
                                         Entity, Mention)
from stancegraph.extract.words import NAMING_VERBS, WITHHELD, DocWords, prepositional_noun, trailing_when

PROPOSAL = "Proposal"

# Dependency labels, named once (textacy style).
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
OBJ_DEPS = {"dobj", "obj", "attr", "oprd"}
DROP_LEADING = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
                "my", "your", "some", "many", "several", "all", "any", "both", "each", "other", "such",
                "more", "most", "few", "whole", "entire", "full", "further", "new", "latest"}
QUANTIFIER_LEMMAS = {"some", "many", "several", "few", "most", "other", "certain", "various"}
PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
PRONOUNS_PLURAL = {"they", "them", "their", "theirs", "themselves"}
PRONOUNS_SPEAKER = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
PRONOUNS_THING = {"it", "its", "this", "that", "which"}
ENT_KIND = {"PERSON": PERSON, "ORG": ORGANISATION, "GPE": COUNTRY, "NORP": GROUP}
MAX_LABEL_WORDS = 10
# Verbs whose subject puts forward the proposal that is their object ("Labour has a plan").
AUTHORING_VERBS = {"have", "present", "draft", "prepare", "outline", "submit", "file", "put", "introduce",
                   "unveil", "table", "sponsor", "offer", "float"}
# Participles that, joined by a hyphen to a name, say who put a proposal forward or stands behind it
# ("a British-drafted resolution", "a U.S.-backed ceasefire"): `_drafted_by` (not "Egyptian-brokered",
# "Qatari-mediated": a mediator takes no side, as the annotation has it)
DRAFTING_PARTICIPLES = {"draft", "back", "sponsor", "propose", "author", "craft", "support", "sponsored", "drafted",
                        "backed", "proposed", "supported"}
# Participles after a proposal whose agent put it forward ("the bill, introduced by Senator Ames")
PUT_FORWARD_PARTICIPLES = AUTHORING_VERBS | DRAFTING_PARTICIPLES
# Proposals whose author a modifier names ("SADC sanctions", "a Swedish proposal"); for the rest
# ("Israeli policy", "US initiatives") a modifier says whose it is, not that they push it.
NAMED_AUTHOR_HEADS = {"plan", "proposal", "request", "demand", "bill", "resolution", "motion", "sanction",
                      "amendment", "offer", "bid", "ultimatum", "march", "petition"}
# Documents that speak for their authors: "the EU report recommends ...".
DOCUMENT_NOUNS = {"report", "study", "statement", "communique", "memo"}
# proposal heads that name an instrument, never a body: "the Royal Charter" or "the Paris Agreement"
# typed ORG is a proposal ("Democratic Rally", "Italian Episcopal Conference" and "POWER Inquiry",
# whose heads are proposal nouns too, are bodies)
INSTRUMENT_HEADS = frozenset({"act", "bill", "law", "charter", "treaty", "agreement", "accord", "pact", "amendment",
                              "constitution", "protocol", "declaration", "directive", "decree", "ordinance",
                              "regulation", "legislation"})
# Generic names of bodies that refer back to the last organisation named ("the regional body").
BODY_NOUNS = {"body", "organisation", "organization", "group", "bloc", "alliance", "union", "party"}
# Capitalised words that make a name an organisation's, not a person's ("Human Rights Watch").
ORG_WORDS = {"Watch", "International", "Group", "Institute", "Foundation", "Bank", "Agency", "Organisation",
             "Organization", "Front", "Movement", "Forum", "Network", "Centre", "Center", "Fund", "Trust",
             "Society", "League", "Federation", "Alliance", "Coalition", "Office", "Service", "Brigades",
             "Corporation", "Company", "Inc", "Ltd", "News", "Times", "Post", "Press", "Council", "Ministry"}
# Proposal nouns whose "on" phrase says what they act on: "a ban on fishing", "attacks on civil liberties".
ON_NOUNS = {"ban", "attack", "tax", "taxation", "levy", "tariff", "sanction", "embargo", "restriction", "curb",
            "crackdown", "limit", "cap", "moratorium", "referendum", "vote", "agreement", "deal", "talks",
            "negotiation", "compromise", "freeze", "cut", "hike", "increase", "rule", "law", "bill", "policy"}
# Changes of an amount, named by what they change in: "an increase in defence spending", "cuts in rail
# subsidies".
IN_NOUNS = {"increase", "cut", "hike", "rise", "reduction", "decrease", "change", "freeze", "raise", "boost"}
# Objects that say little alone: "take part in", "take action against", "take a stand on".
LIGHT_OBJECTS = {"part", "place", "action", "step", "steps", "stand", "position", "measure", "measures"}
# Nouns that make one proposal a part of another: "a key part of the plan, an invitation".
PART_NOUNS = {"part", "element", "component", "pillar", "plank", "centrepiece", "centerpiece", "cornerstone"}
# Verbs that carry out a proposal: a clause with one of them over a proposal means that proposal
# ("implement reforms", "achieve tangible reform" are the reform).
REALISING_VERBS = {"implement", "achieve", "adopt", "enact", "execute", "apply", "deliver", "complete"}
# Proposal nouns that hold a list of proposals: "a policy including X and Y", "measures such as X".
LIST_NOUNS = {"plan", "policy", "measure", "programme", "program", "package", "agenda", "strategy", "priority",
              "proposal", "reform", "demand", "step", "action", "recommendation", "condition", "term", "sanction"}
# Modifiers that say a noun names something proposed: "the proposed landfill", "a planned pipeline".
PROPOSING_MODIFIERS = {"proposed", "planned", "draft", "mooted", "envisaged", "suggested", "contemplated"}
# Actor nouns that count the members of a body named after them ("members of the Scottish Parliament"):
# `_members_of`
MEMBER_NOUNS = {"member"}
# Proposal nouns too generic to name a proposal on their own: "the idea" means the one just discussed.
GENERIC_PROPOSALS = {"idea", "move", "step", "process", "system", "form", "decision", "vote", "measure", "plan",
                     "proposal", "initiative", "scheme", "effort", "request", "demand", "draft"}
# ... and those generic only after "that" or "this" ("dismissed that offer": the plan just floated; "the offer made
# on Monday" is one of its own)
DEMONSTRATED_PROPOSALS = {"offer"}
# Verbs that put a proposal forward without taking a side the cue lexicon lists ("unveiled a plan", "tabled
# a motion"): a short form after them may mean what they put forward (`ArticleContext._put_forward`).
PROPOSING_VERBS = {"propose", "unveil", "announce", "introduce", "present", "table", "submit", "outline", "float",
                   "draft", "prepare", "offer", "issue", "reach", "put"}
# Generic proposal nouns named after the verb that puts a proposal forward: "the government proposed raising the
# target ... the Left Bloc rejected the proposal" means what was proposed (`ArticleContext.introduced`).
NOUN_OF_VERB = {"propose": "proposal", "suggest": "suggestion", "recommend": "recommendation", "offer": "offer",
                "request": "request", "demand": "demand", "plan": "plan", "announce": "announcement"}
# Verbs whose clause is a proposal, whatever it does ("proposed raising the target", "recommended that it close")
PROPOSING_CLAUSES = {"propose", "recommend"}
# Those that name a decision taken, which may be one against the proposal just talked about.
DECIDING_NOUNS = {"decision"}
# Verbs whose act is a decision against what they act on: "blocked the takeover", "struck down the law"
# (not what is said of it, "decried", "criticised", nor what is done in protest, "boycotted").
DECIDING_AGAINST = {"block", "veto", "reject", "overturn", "overrule", "strike", "annul", "quash", "revoke", "scrap",
                    "cancel", "suspend", "halt", "ban", "prohibit", "bar", "refuse", "deny", "dismiss", "void",
                    "invalidate", "rescind", "axe", "kill", "defeat", "freeze"}
# The dependencies of a verb that says what was done (not "a bid to overturn", "hoping to block")
ACT_DEPS = {"ROOT", "ccomp", "conj", "relcl", "advcl"}
# ... and those that, with no proposal before them, name nothing at all.
VAGUE_PROPOSALS = {"idea", "move", "step", "process", "system", "form", "measure", "effort"}
# Determiners that name no particular proposal ("any deal", "no plan", "every proposal"): a short form
# after them ("the plan") cannot mean it.
ANY_DETERMINERS = {"any", "no", "every", "each"}


def repair_lemmas(doc: Doc, words: set[str]) -> None:
    """Give a noun the lemma the lexicons know where the lemmatizer missed it: a plural ("taxes"
    -> "taxis" is put back to "tax"), a hyphenated word split in three ("sit" "-" "in" ->
    "sit-in" on its last part), a hyphenated word kept whole ("co-sponsored" -> "co-sponsor"); only words in
    `words` are ever written. Reads the words from the
    doc's `DocWords`, making a Token only for a word it writes (and drops the table if it wrote)."""
    w = DocWords.of(doc)
    lower, text_ws = w.lower, w.text_ws
    changed = False
    for i, low in enumerate(lower):
        if i >= 2 and text_ws[i - 1] == "-" and text_ws[i - 2][-1:] != " ":
            joined = f"{lower[i - 2]}-{low}"
            if joined in words:
                doc[i].lemma_ = joined
                changed = True
                continue
        if "-" in low and w.lemma[i] not in words:
            # "co-sponsored", one word (`pipeline.CO_WORDS`), which the lemmatizer makes "co-sponsore"
            stem = next((low[:-len(end)] for end in ("ing", "ed", "s") if low.endswith(end)
                         and low[:-len(end)] in words), None)
            if stem is not None:
                doc[i].lemma_ = stem
                changed = True
                continue
        if w.tag[i] not in ("NNS", "NNPS") or w.lemma[i] in words:
            continue
        for cut in (1, 2):
            if low.endswith("es"[-cut:]) and low[:-cut] in words:
                doc[i].lemma_ = low[:-cut]
                changed = True
                break
    if changed:
        DocWords.forget(doc)  # its lemmas were read before these were written


def repair_attachments(doc: Doc, noun_prepositions: Mapping[str, AbstractSet[str]],
                       noun_infinitives: AbstractSet[str] = frozenset(),
                       proposal_nouns: AbstractSet[str] = frozenset()) -> None:
    """Hang on a noun cue the phrase its own preposition opens, where the parse hung it on a word just
    above the noun: "has not taken sides on the bill" ("on" on "taken"), "is in favour of sending jets"
    ("of" on "is"), "gave the green light to the merger" ("to" a dative of "gave"). Only a preposition
    the cue lexicon gives the noun (`Lexicon.noun_prepositions`), right after it, on the noun's head or
    the head's head. Likewise the infinitive right after a noun that takes one
    (`Lexicon.noun_infinitives`), where the parse made it a clause of the verb above: "rejected calls
    (from the opposition) to sign the bill" is no signing of the rejecter's, and "sponsored the bill to
    ban fracking" names the bill. And a copula's "among the N" or "one of the N" is its complement N
    (`_hang_membership`). And a naming verb's object that the parse hung on the quotation it is called
    (`_hang_named_object`; `proposal_nouns`: the lexicon's, which name a proposal, not a judgement, after
    "as"), and a verb with "to" and an object the tagger took for an adjective."""
    w = DocWords.of(doc)
    changed = False
    for i, lemma in enumerate(w.lemma[:-1]):
        p = i + 1
        if lemma in ("be", "remain"):
            changed = _hang_membership(doc, w, i) or changed
        if lemma in NAMING_VERBS and w.pos[i] == "VERB":
            changed = _hang_named_object(doc, w, i, proposal_nouns) or changed
        if w.pos[i] == "ADJ" and any(w.dep[c] == "aux" and w.lower[c] == "to" for c in w.children[i]) and any(
                w.dep[c] == "dobj" for c in w.children[i]):
            # "asked Austria to [extradite] the businessman": a rare verb the tagger took for an adjective
            doc[i].pos_, doc[i].tag_ = "VERB", "VB"
            changed = True
        if w.pos[i] != "NOUN":
            continue
        if lemma in noun_infinitives:
            changed = _hang_infinitive(doc, w, i) or changed
        if w.lower[p] not in noun_prepositions.get(lemma, ()) or w.dep[p] not in ("prep", "dative"):
            continue
        h = w.head[i]
        if w.head[p] != i and w.head[p] in (h, w.head[h]):
            doc[p].head = doc[i]
            doc[p].dep_ = "prep"  # "gave the green light to the merger": the parse's dative of "gave"
            changed = True
    if changed:
        DocWords.forget(doc)  # its heads were read before these were written


def _hang_named_object(doc: Doc, w: DocWords, i: int, proposal_nouns: AbstractSet[str] = frozenset()) -> bool:
    """`repair_attachments` for the i-th word, a naming verb with no object: in "called the draft \"interference
    in internal affairs\"" the parse makes "the draft" a modifier of the quoted words (`nmod`), so the verb
    seems to call nothing by that name. A noun before the opening quotation mark of the verb's complement
    is the verb's object, as in "called the draft a mistake". And a noun the parse took for a verb whose object
    is the name: "called the pay freeze an insult", "called the subsidy cut \"a death sentence\"" ("freeze" a verb,
    "an insult" its object) are "called [the pay freeze] [an insult]"."""
    for c in w.children[i]:
        if w.pos[c] != "VERB" or w.dep[c] not in ("dobj", "oprd", "ccomp", "xcomp") or c < i or any(
                w.dep[a] in ("aux", "auxpass", "mark", "neg", "prt") for a in w.children[c]):
            continue
        before = [a for a in w.children[c] if a < c and w.dep[a] in ("nsubj", "compound") and w.pos[a] == "NOUN"]
        if not before and w.head[c - 1] == i and w.dep[c - 1] == "dobj" and w.pos[c - 1] == "NOUN":
            before = [c - 1]  # "called [the rent] [freeze] a victory": the noun before it the verb's object
        name = next((a for a in w.children[c] if a > c and w.dep[a] in ("dobj", "attr", "oprd")), None)
        if before and name is not None and not any(w.dep[o] == "oprd" and o != c for o in w.children[i]):
            noun = doc[c]
            noun.head, noun.dep_, noun.pos_, noun.tag_ = doc[i], "dobj", "NOUN", "NN"
            for a in before:
                doc[a].head, doc[a].dep_ = noun, "compound"
            doc[name].head, doc[name].dep_ = doc[i], "oprd"
            return True
    objects = [c for c in w.children[i] if w.dep[c] == "dobj"]
    if len(objects) == 2 and all(w.pos[o] in ("NOUN", "PROPN") for o in objects) and not any(
            w.dep[c] == "oprd" for c in w.children[i]):
        # "dubbed the fishing ban a disaster": the parse makes both nouns objects; the second is the name
        doc[objects[1]].dep_ = "oprd"
        return True
    for o in objects:
        named_as = next((a for a in w.children[o] if w.dep[a] == "prep" and w.lower[a] == "as"
                         and any(w.dep[p] == "pobj" and w.lemma[p] not in proposal_nouns for p in w.children[a])),
                        None)
        if named_as is not None:
            # "described the fishing ban as a mistake": the parse hangs "as" on the object; it is the verb's (not
            # "describing the first step as an invitation to join NATO", a proposal named, not a judgement)
            doc[named_as].head = doc[i]
            return True
    if objects:
        return False
    for comp in w.children[i]:
        if w.dep[comp] != "oprd":
            continue
        for o in w.children[comp]:
            end = doc[o].right_edge.i
            if w.dep[o] in ("nmod", "compound") and o < comp and w.pos[o] in ("NOUN", "PROPN") and any(
                    doc[q].is_quote for q in range(end + 1, comp)):
                doc[o].head = doc[i]
                doc[o].dep_ = "dobj"
                return True
    return False


def _hang_membership(doc: Doc, w: DocWords, i: int) -> bool:
    """`repair_attachments` for the i-th word, a copula: "Estonia is among the strongest advocates of X",
    "the Netherlands is one of the countries that back X" say what "Estonia is a strong advocate of X"
    says, so the plural noun becomes the copula's complement (`attr`), as in that sentence."""
    for c in doc[i].children:
        member = None
        if c.dep_ == "prep" and c.lower_ == "among":
            member = next((p for p in c.children if p.dep_ == "pobj"), None)
        elif c.dep_ == "attr" and c.lower_ == "one":
            of = next((p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), None)
            member = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None else None
        if member is not None and (member.tag_ in ("NNS", "NNPS") or member.lower_ == "those") and not any(
                x.dep_ == "attr" and x.i != c.i for x in doc[i].children):
            member.head = doc[i]
            member.dep_ = "attr"
            return True
    return False


def _hang_infinitive(doc: Doc, w: DocWords, i: int) -> bool:
    """`repair_attachments` for the i-th word, a noun that takes an infinitive: the "to" right after the
    noun's own words, its verb a clause of the noun's head, becomes the noun's."""
    to = doc[i].right_edge.i + 1
    if to + 1 >= len(w.lower) or w.lower[to] != "to" or w.tag[to] != "TO":
        return False
    verb = w.head[to]
    if verb <= to or w.tag[verb] != "VB" or w.head[verb] != w.head[i] or w.dep[verb] not in ("advcl", "xcomp"):
        return False
    doc[verb].head = doc[i]
    doc[verb].dep_ = "acl"
    return True


# words before a role that make it another office: "the president" is not the vice president,
# the president-elect or a former president
OTHER_OFFICE = frozenset({"vice", "deputy", "elect", "former", "ex", "assistant"})
# capitalised words that open a sentence before a name without being part of it
SENTENCE_OPENERS = ("However", "But", "And", "Meanwhile", "Also", "Then", "Now", "Yet", "Still", "Moreover",
                    "Furthermore", "Nevertheless", "Instead", "Thus", "Therefore", "Today", "Yesterday", "Earlier",
                    "Later", "Previously", "Separately")
# words that join the words of a name without being names themselves ("Movement for Democratic Change")
NAME_JOINERS = frozenset({"of", "for", "and", "the", "in", "on", "to", "without", "&"})


def acronym_names(text: str) -> dict[str, str]:
    """The names an article spells out before their acronym, where the acronym is their capitalised
    words' initials ("Alliance for the Re-liberation of Somalia (ARS)", "United Nations High
    Commissioner for Refugees (UNHCR)"): acronym -> name. The name is read back from the acronym
    over capitalised words and lowercase joining words ("of", "for", "and") until their initials
    spell it; where they do not, there is none."""
    out: dict[str, str] = {}
    for m in re.finditer(r"\(([A-Z][A-Za-z]{1,9})\)", text):
        letters = "".join(c for c in m.group(1) if c.isupper())
        if len(letters) < 3:
            continue
        words = re.findall(r"[\w'’.&-]+", text[max(0, m.start() - 160):m.start()])
        initials: list[str] = []
        for n in range(len(words) - 1, -1, -1):
            word = words[n]
            if word in NAME_JOINERS:  # lowercase only: "Reporters Without Borders (RWB)"
                continue
            if not word[:1].isupper():
                break
            initials.insert(0, word[0])
            if "".join(initials) == letters:
                out[m.group(1)] = " ".join(words[n:])
                break
            if len(initials) >= len(letters):
                break
    return out


def _trimmed_ents(doc: Doc, w: DocWords) -> tuple[list[Span], bool]:
    """The doc's entities without the words the tagger ran into at the edges of an actor's name: a sentence's opening
    adverb or conjunction ("However the Brazilian Ministry of Education"), a trailing preposition
    ("Patrice Talon of" Benin), or a sentence before the one the name is in ("Azad Kashmir. The Indian
    Ministry of External Affairs"). Whether any changed."""
    out: list[Span] = []
    changed = False
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP"):  # the names of actors
            out.append(ent)
            continue
        start, end, root = ent.start, ent.end, ent.root.i
        for k in range(start + 1, end):
            if doc[k].is_sent_start:
                if k <= root:
                    start = k
                else:
                    end = k
                    break
        while start < root and w.pos[start] in ("ADV", "CCONJ", "SCONJ", "INTJ", "PUNCT"):
            start += 1
        while end - 1 > root and w.pos[end - 1] in ("ADP", "CCONJ", "DET", "PUNCT"):
            end -= 1
        if (start, end) != (ent.start, ent.end):
            changed = True
            ent = Span(doc, start, end, label=ent.label_)
        out.append(ent)
    return out, changed


def repair_entities(doc: Doc, names: AbstractSet[str] = frozenset(), roles: AbstractSet[str] = frozenset(),
                    nouns: AbstractSet[str] = frozenset()) -> None:
    """Put back together an organisation's name the entity tagger cut up: a name the article spells
    out before its acronym (`names`, from `acronym_names`), wherever it stands; and a name whose last
    word after "and" the tagger took for a person or left out ("National Council for Peace" +
    "Order"). A name found by its shape alone is not taken where it would swallow a place, a date or
    another kind of entity; one its acronym vouches for is ("Human Rights Commission of Pakistan").
    And a name it left untyped in apposition with a role word (`roles`; none of its words in
    `nouns`) is a person ("the head of the trust, Moses Adeyemi"), as is a first name it typed a
    place or a body before a surname it typed a person ("Sadiq" + "Khan"). Last, a person's name cut
    in two and the capitalised word left off the front of an organisation's name are joined
    (`_joined_names`), so that every reader of `doc.ents` after this sees whole names."""
    w = DocWords.of(doc)
    lower = w.lower
    ents, trimmed = _trimmed_ents(doc, w)
    spans: list[Span] = []
    spelled: set[tuple[int, int]] = set()  # spans the acronym vouches for, whatever they overlap
    for name in names:
        for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", w.text):
            span = doc.char_span(m.start(), m.end(), label="ORG", alignment_mode="expand")
            if span is not None:
                spans.append(span)
                spelled.add((span.start, span.end))
    for i in range(3, len(doc)):
        # "... for Peace and Order": a last word after "and" the tagger took for a person, or left out
        if lower[i - 1] != "and":
            continue
        t = doc[i]
        if not (t.pos_ == "PROPN" and t.is_title and t.ent_type_ in ("", "PERSON") and t.ent_iob_ != "I"
                and doc[i - 2].is_title and (i + 1 == len(doc) or doc[i + 1].pos_ != "PROPN" and doc[i + 1].ent_iob_ != "I")):
            continue
        first = i - 1
        while first > 0 and (lower[first - 1] in NAME_JOINERS and lower[first - 1] != "the"
                             or doc[first - 1].is_title and doc[first - 1].pos_ in ("PROPN", "NOUN")
                             and doc[first - 1].ent_type_ in ("", "ORG")):
            first -= 1
        while first < i and lower[first] in NAME_JOINERS:
            first += 1
        if i + 1 - first >= 5 and any(lower[j] in ("for", "of") for j in range(first, i)):
            spans.append(Span(doc, first, i + 1, label="ORG"))
    for span in _listed_names(doc, w):
        spans.append(span)
        spelled.add((span.start, span.end))  # its shape vouches for it, a place's name in it too ("Kenya ...")
    people: list[Span] = []
    for i in range(1, len(doc)):
        # "The head of the Hartley Hospital Trust, Moses Adeyemi, said": a name the tagger left untyped,
        # in apposition with a role word (`roles`), is a person (read off the word table, a Token made
        # only for a candidate)
        # (or typed a body or a place: "Its defence spokesman, Duarte Pimentel, said", the whole name)
        typed = w.ent_type[i]
        if w.pos[i] != "PROPN" or typed not in ("", "ORG", "LOC", "GPE", "FAC", "NORP") or lower[i] in nouns or not (
                w.dep[i] == "appos" or any(w.dep[c] == "appos" for c in w.children[i])):
            continue
        t = doc[i]
        if not t.is_title:
            continue
        if not (t.dep_ == "appos" and any(a.lemma_.lower() in roles for a in appos_anchors(t.head))
                or any(c.dep_ == "appos" and c.lemma_.lower() in roles for c in t.children)):
            continue
        first = i
        while first > 0 and i - first < 3 and w.pos[first - 1] == "PROPN" and doc[first - 1].is_title \
                and w.ent_type[first - 1] == typed and w.head[first - 1] == i and lower[first - 1] not in nouns:
            first -= 1
        if typed and not any((e.start, e.end) == (first, i + 1) for e in ents):
            continue  # a typed name is no person's unless the role's apposition is all of it
        if first < i:
            people.append(Span(doc, first, i + 1, label="PERSON"))
    keep: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if keep and span.start < keep[-1].end:
            continue
        over = [e for e in ents if e.start < span.end and e.end > span.start]
        if len(over) == 1 and (over[0].start, over[0].end) == (span.start, span.end):
            continue  # the tagger has it whole
        if (span.start, span.end) not in spelled and any(e.label_ not in ("ORG", "NORP", "PERSON") for e in over):
            continue  # a place or a date in it: no name the acronym vouches for
        keep.append(span)
    for n in range(len(ents) - 1):
        # "Sadiq" typed a place before "Khan" typed a person: one person's name (a one-word name after a
        # one-word one: "Minnesota Amy Klobuchar" and "Republican John McCain" are no names)
        first, last = ents[n], ents[n + 1]
        if (len(first) == 1 and len(last) == 1 and first.label_ in ("GPE", "ORG") and last.label_ == "PERSON"
                and first.end == last.start and w.dep[first.start] == "compound"
                and last.start <= w.head[first.start] < last.end and country_name(first.text) is None):
            people.append(Span(doc, first.start, last.end, label="PERSON"))
    keep += filter_spans([p for p in people if not any(p.start < k.end and p.end > k.start for k in keep)])
    changed = bool(keep or trimmed)
    if changed:
        doc.ents = [e for e in ents if not any(e.start < s.end and e.end > s.start for s in keep)] + keep
    joined = _joined_names(doc)
    if [(e.start, e.end) for e in joined] != [(e.start, e.end) for e in doc.ents]:
        doc.ents = joined
        changed = True
    if changed:
        DocWords.forget(doc)


# Last words of an organisation's name that may end a list of what it is of ("the Kenya Medical Practitioners,
# Pharmacists and Dentists Union", "the National Union of Rail, Maritime and Transport Workers"): `_listed_names`
LIST_NAME_ENDS = {"Union", "Unions", "Association", "Associations", "Federation", "Workers", "Council", "Alliance",
                  "League", "Society", "Congress", "Confederation", "Employees"}
# The words between the parts of such a name: `_listed_names`
LIST_NAME_JOINERS = (",", "and", "of", "'", "'s", "’s")


def _listed_names(doc: Doc, w: DocWords) -> list[Span]:
    """Organisations' names that list what they are of, which the tagger cuts at the commas: capitalised words,
    commas and "and" (or "of") up to a name's last word (`LIST_NAME_ENDS`), with at least one comma and an "and";
    no person's name or date among them."""
    out: list[Span] = []
    for i, t in enumerate(doc):
        if t.text not in LIST_NAME_ENDS or t.pos_ != "PROPN" or i < 4:
            continue
        first = i
        while first > 0 and (doc[first - 1].is_title and doc[first - 1].pos_ == "PROPN" and w.lower[first - 1] != "the"
                             or w.lower[first - 1] in LIST_NAME_JOINERS):
            first -= 1
        while first < i and w.lower[first] in LIST_NAME_JOINERS:
            first += 1
        words = w.lower[first: i + 1]
        if "," in words and "and" in words and i + 1 - first >= 5 and not any(
                doc[j].ent_type_ not in ("", "ORG", "NORP", "GPE") for j in range(first, i + 1)):
            out.append(Span(doc, first, i + 1, label="ORG"))
    return out


def _described_name(head: Token) -> Optional[Span]:
    """The name right after a description of a body that it stands in apposition to, no comma between:
    "the rights group [Fortify Rights]", "the U.N. refugee agency [UNHCR]"; also where the parse makes the
    name a second subject of the same verb ("the nuclear industry association [Foro Nuclear] urged ...").
    Not a person's name ("the party leader Ana Ruiz" is a title and a name, read as such)."""
    doc = head.doc
    first = head.i + 1
    if first >= len(doc) or doc[first].pos_ != "PROPN" or doc[first].ent_type_ == "PERSON":
        return None
    root = doc[first]
    while root.dep_ == "compound" and root.head.i > root.i and root.head.pos_ == "PROPN":
        root = root.head
    beside = root.dep_ == "appos" and root.head.i == head.i  # "the rights group Fortify Rights"
    second = root.dep_ == head.dep_ and root.head.i == head.head.i and root.i != head.i  # a second subject
    if root.ent_type_ == "PERSON" or not (beside or second):
        return None
    return doc[first: root.i + 1]


def appos_anchors(head: Token) -> tuple[Token, ...]:
    """The words a name in apposition to `head` may stand beside: `head` itself ("the mayor, Ana
    Costa"), and, where the parser hangs the name on the object of a preposition, the word that phrase
    belongs to ("the head of the trust, Moses Adeyemi", hung on "trust")."""
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        return head, head.head.head
    return (head,)


def _ends_name(fuller: str, name: str) -> bool:
    """`name` is the last words of the longer name `fuller` ("La Riva" of "Gloria La Riva", "Bin Laden"
    of "Osama bin Laden"), whatever their case."""
    return fuller.lower().endswith(" " + name.lower())


def _joined_names(doc: Doc) -> list[Span]:
    """The document's entities, with a person name the tagger cut in two put back together
    ("Ahmed Abdallah" + "Mohamed Sambi" -> "Ahmed Abdallah Mohamed Sambi") and the capitalised
    words it left off the front of an organisation's name ("Parliamentary" "Assembly")."""
    out: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        while (ent.label_ in ("ORG", "NORP") and start > 0 and doc[start - 1].pos_ == "PROPN"
               and not doc[start - 1].ent_type_ and doc[start - 1].dep_ == "compound"
               and ent.start <= doc[start - 1].head.i < ent.end):
            start -= 1  # "Parliamentary" + "Assembly": a capitalised word the tagger left out of the name
        if start != ent.start:
            ent = Span(doc, start, ent.end, label=ent.label_)
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == ent.label_ == "PERSON" and prev.end == ent.start:
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


def _whole_names(doc: Doc, indices: list[int]) -> list[int]:
    """Drop a name cut in two by pruning ("withdraw the United" from "the United States")."""
    keep = set(indices)
    for i in indices:
        t = doc[i]
        if t.ent_type_ and t.ent_iob_ in ("B", "I"):
            ent = next((e for e in doc.ents if e.start <= i < e.end), None)
            if ent is not None and not all(j in keep for j in range(ent.start, ent.end)):
                keep -= set(range(ent.start, ent.end))
    return [i for i in indices if i in keep]


def _speaks_for(ref: Ref, owner: Token) -> bool:
    """Whether the actor named by `owner`, a word of a role's phrase, is a body the role's holder may speak for
    (`ArticleContext._affiliation`): an organisation, a government, or, as the role's possessor, a group
    named by a proper noun, as parties often are ("the opposition Conservatives' business spokesman"); not
    a country ("Russia's U.N. ambassador") nor "the protesters' spokesman"."""
    return ref.kind in (ORGANISATION, GOVERNMENT) or (
        ref.kind == GROUP and owner.dep_ == "poss" and owner.pos_ == "PROPN")


def spokesperson(role: str) -> bool:
    """A role word (lowercase lemma) of one who speaks for a body: spokesman, spokeswoman, spokesperson."""
    return role.startswith("spokes")


def to_be_done(verb: Token) -> bool:
    """A passive infinitive: "to be scrapped"."""
    return verb.tag_ == "VBN" and {"aux", "auxpass"} <= {c.dep_ for c in verb.children}


def passive_infinitive(verb: Token) -> bool:
    """A passive infinitive hung on a noun: "for [the fuel tax] to be scrapped" (what is to be done to it)."""
    return verb.dep_ in ("acl", "relcl") and to_be_done(verb)


WANTING_VERBS = {"want", "need", "prefer", "like", "wish"}  # "wants [the curfew] lifted"


def small_clause(verb: Token) -> bool:
    """A participle with a subject and no auxiliary, the object of a verb of wanting: "wanted [the levy] softened",
    "wants the curfew lifted" (what is to be done to it)."""
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("ccomp", "xcomp") \
        and verb.head.lemma_.lower() in WANTING_VERBS and any(c.dep_ == "nsubj" for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)


def passive_advcl(noun: Token) -> Optional[Token]:
    """A passive infinitive the parse hangs on the verb above a "for" phrase, with the phrase's noun as what is
    to be done to: "called for [sanctions on Iran] to be lifted" ("lifted" an adverbial clause of "called")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "for":
        return None
    # on the verb above a noun cue too: "repeated her call for [the curfew] to be phased out"
    above = [*prep.head.children, *(prep.head.head.children if prep.head.pos_ == "NOUN" else ())]
    return next((a for a in above if a.dep_ == "advcl" and a.i > noun.i and to_be_done(a)
                 and not any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children)), None)


def passive_clause(verb: Token, done_to: Optional[Token] = None) -> Optional[tuple[list[Token], str]]:
    """What a passive or wanted participle says is to be done, in the active voice: the words of what it is
    done to and the clause's label. "that the hostages be released" -> "release the hostages"; "for [the
    fuel tax] to be scrapped", "wanted [the levy] softened"; `done_to`, the noun the caller found for it
    ("called for [sanctions on Iran] to be lifted": "lift sanctions on Iran"). The label keeps the verb's
    particle and the phrases after it while it fits ("for the mission to be drawn down" -> "draw down the
    mission"; "be kept out of the deficit rules" -> "keep the spending out of the deficit rules"). None
    where the verb is no such passive; no words and no label where what it is done to is too long to name
    or a pronoun."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), done_to)
    if passive is None and passive_infinitive(verb):
        passive = verb.head  # "for [the fuel tax] to be scrapped": the noun the passive clause hangs on
    if passive is None and small_clause(verb):
        passive = next(c for c in verb.children if c.dep_ == "nsubj")  # "wanted [the levy] softened"
    if passive is None or any(c.dep_ == "dobj" for c in verb.children):
        return None
    doc = verb.doc
    obj = [t for t in doc[passive.left_edge.i: passive.i + 1] if not t.is_punct]
    whole = [doc[i] for i in _pruned(passive, 6) if not doc[i].is_punct]
    if (done_to is not None or passive == verb.head) and len(whole) <= 6:
        obj = whole  # "for [a share of the port fees] to be reserved": the noun's phrase, the clause left out
    if not obj or len(obj) > 6 or passive.pos_ == "PRON":
        return [], ""  # a passive, but what it is done to is no short phrase of its own
    particle = [t.text for t in verb.children if t.dep_ == "prt" and t.i > verb.i]
    label = " ".join([verb.lemma_, *particle, span_text(obj)])
    for c in verb.children:
        if c.i > verb.i and c.dep_ == "prep":
            longer = f"{label} {span_text([doc[i] for i in _pruned(c, MAX_LABEL_WORDS)])}"
            if len(longer.split()) > MAX_LABEL_WORDS:
                break
            label = longer
    return obj, clean_label(label)


def tally(head: Token) -> bool:
    """Votes counted ("passed by 98 votes to 37", "received 13 votes"): no vote anyone takes a side on."""
    return head.lemma_.lower() == "vote" and any(c.dep_ == "nummod" for c in head.children)


def _pruned(token: Token, limit: int, whole: bool = False) -> list[int]:
    """Token indices of `token`'s phrase for a label: the words before the head that modify it
    (trimmed from the far left past `limit`; with `whole`, none if they do not all fit), then what
    follows it, phrase by phrase, while it fits (of the first that does not, what fits of it);
    relative clauses, appositions and asides are left out."""
    drop = {"relcl", "acl", "appos", "advcl", "punct", "parataxis", "cc", "conj"}

    def listing(t: Token) -> bool:  # "a policy including X and Y": the items are proposals of their own
        return t.dep_ in ("prep", "acl") and t.lower_ == "including"

    def inner(t: Token) -> list[int]:
        out = [t.i]
        for child in t.children:
            infinitive = child.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)
            if child.dep_ in drop and child.i > t.i and not infinitive or listing(child):
                continue
            out.extend(inner(child))
        return sorted(out)

    left = [i for i in inner(token) if i <= token.i]
    if whole and len(left) > limit:
        return []
    left = left[-limit:]
    out = list(left)
    for child in token.rights:
        if child.dep_ in drop and not (child.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children)):
            continue
        if listing(child):
            break
        part = inner(child)
        if len(out) + len(part) > limit:
            # an object or a phrase too long for the label keeps what of it fits, its head first
            # ("plan to build a casino in the old port", not "plan to build", of "... of Lower Dunmore")
            if child.dep_ in ("dobj", "attr", "oprd", "pobj", "prep"):
                part = _pruned(child, limit - len(out), whole=True)
                if child.dep_ != "prep" or len(part) > 1:  # not a preposition without its object
                    out.extend(part)
            break
        out.extend(part)
    out.sort()
    cut = len(out) < len(inner(token))
    if cut:
        out = _whole_names(token.doc, out) or [token.i]
    return out


@lru_cache(maxsize=4096)
def country_name(text: str) -> Optional[str]:
    """The common name of a country (pycountry), for a name, an official name or a common name;
    codes are left out ("US" goes through the alias file, "IT" is not Italy)."""
    if len(text) <= 3 or not text[:1].isupper():
        return None
    try:
        import pycountry

        c = pycountry.countries.lookup(text)
    except (LookupError, ImportError):
        return None
    return getattr(c, "common_name", None) or c.name


def noun_key(tok: Token, table) -> str:
    """The lexicon key of a noun: its lemma, or for a proper noun (whose lemma spaCy leaves as written)
    its singular ("Democrats" -> "democrat")."""
    return lexicon_key(tok.lemma_.lower(), tok.pos_, table)


def neutral_row_misfits(particle: str, polarity: str, verb: Token) -> bool:
    """A neutral cue row that names no particle does not fit a verb with a particle of its own:
    "weighed in against X" is not weighing X ("is weighing the deal" is). The rules (`StanceReader._cues`)
    and the model's cue priors (`learn.Priors.cue`) read the lexicon alike by it."""
    return not particle and polarity == NEUTRAL and any(c.dep_ == "prt" for c in verb.children)


def lexicon_key(lemma: str, pos: str, table) -> str:
    """`noun_key` of a word given by its lower-cased lemma and its part of speech."""
    if lemma not in table and pos == "PROPN" and lemma.endswith("s") and lemma[:-1] in table:
        return lemma[:-1]
    return lemma


def label_score(label: str) -> tuple[int, int]:
    """How well a label names a proposal: names (capitalised words) first, then length up to six words."""
    words = label.split()
    caps = sum(1 for w in words[1:] if w[:1].isupper()) + (1 if words and words[0][:1].isupper() else 0)
    size = len(words) if len(words) <= 6 else 12 - len(words)
    return caps, size


def slug(text: str) -> str:
    """ASCII, lower case, hyphen-separated: the stable part of an IRI."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:80] or "x"


def _names(tokens) -> set[str]:
    """The names among `tokens` (proper nouns, nationalities), lower-cased: what tells one proposal with
    a head from another ("the Harlow plan", "Democratic plans")."""
    return {t.lower_ for t in tokens if t.pos_ == "PROPN" or t.ent_type_ == "NORP"}


def span_text(tokens) -> str:
    """The words of `tokens` as the text writes them: with the text's own spacing where they are
    contiguous ("kidnappers' demands", "Euro-Atlantic"), one space where words were left out."""
    out = []
    prev = None
    for t in tokens:
        if prev is not None:
            out.append(prev.whitespace_ if t.i == prev.i + 1 else " ")
        out.append(t.text)
        prev = t
    return "".join(out)


def _of_place(head: Token) -> Optional[Token]:
    """The "of" phrase that names a government's country ("the government of [South Africa]": at most four words,
    all of the name a place); else None."""
    return next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" and len(list(c.subtree)) <= 4
                 and any(t.ent_type_ == "GPE" for t in c.subtree)
                 and all(t.ent_type_ == "GPE" or t.dep_ in ("det", "prep") for t in c.subtree)), None)


def _name_given(head: Token) -> bool:
    """The noun is what a naming verb calls its object ("called the subsidy cut [a death sentence] for farming",
    "described the reform as [a step] backwards"): a name for the object, no proposal of its own."""
    verb = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "as" else head.head
    return head.dep_ in ("oprd", "pobj") and verb.lemma_.lower() in NAMING_VERBS and verb.pos_ == "VERB" and any(
        c.dep_ == "dobj" for c in verb.children) and (head.dep_ == "oprd" or head.head.lower_ == "as")


def _agent(verb: Token) -> Optional[Token]:
    """The object of a passive verb's "by" ("introduced by [Senator Ames]"), if it has one."""
    return next((p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)


def drafting(author: Token) -> bool:
    """The author is named by a drafting participle joined to it ("[British]-drafted"): `_drafted_by`."""
    t = author.head
    return t.dep_ == "amod" and t.lemma_.lower() in DRAFTING_PARTICIPLES and author.i + 2 == t.i \
        and author.doc[author.i + 1].text == "-"


# Endings of a noun named after a verb ("referral", "signing", "announcement", "extension", "closure")
NOMINAL_ENDINGS = ("al", "ion", "ment", "ing", "ure", "ance", "ence")


def nominalises(noun: str, verb: str) -> bool:
    """The noun names the verb's act: "referral" refer, "signing" sign, "announcement" announce, "extension"
    extend, "launch" launch (the same word, of four letters or more); the two share all of the verb but its
    last two letters, and at least four."""
    if noun == verb:
        return len(noun) >= 4
    if not noun.endswith(NOMINAL_ENDINGS) or not verb:
        return False
    k = len(os.path.commonprefix([noun, verb]))
    return k >= 4 and k >= len(verb) - 2


def _drafted_by(toks: list[Token], head: Token, *names: AbstractSet[str]) -> Optional[Token]:
    """Who a participle joined to its name by a hyphen says put the proposal forward: "a [British]-drafted
    resolution", "a [U.S.]-backed ceasefire" (`DRAFTING_PARTICIPLES`; the name a
    body, a place, a people's adjective, or a name `names` lists); else None."""
    for t in toks:
        if t.head.i != head.i:
            continue
        for c in t.children:
            if drafting(c) and (c.ent_type_ in ("ORG", "GPE", "NORP") or any(c.text in n for n in names)):
                return c
    return None


def _members_of(head: Token) -> Optional[Token]:
    """The "of" phrase that names whose members a plural member noun counts ("members of the United States House
    of Representatives", at most eight words with a name among them); else None."""
    return tail_prep(head, named=True, preps=("of",), longest=8) if head.tag_ in ("NNS", "NNPS") else None


def tail_prep(head: Token, named: bool = False, preps: tuple[str, ...] = ("of", "at", "from", "in"),
              longest: int = 5) -> Optional[Token]:
    """What tells a plural group apart, after its noun: "of Oakfield", "at the summit", "in Punjab"
    (one of `preps`, of at most `longest` words); `named`: only where those words name a place or body."""
    return next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in preps
                 and len(list(c.subtree)) <= longest and (not named or any(t.pos_ == "PROPN" for t in c.subtree))),
                None)


# clean_label's patterns, compiled once: it runs on every label of every mention and candidate.
_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"(’s|'s)$")
_ARTICLE_START = re.compile(r"^(the|The|a|an|An|A)\s+(?=\S)")
_BRACKETS = re.compile(r"[\[\]]")


@lru_cache(maxsize=8192)
def clean_label(text: str) -> str:
    """A name as a label: spaces made single, outer punctuation, a possessive "'s", a leading
    article and editors' brackets dropped. Remembered (an article names its people and proposals
    many times over: half the calls a reading makes ask again for a text already cleaned)."""
    text = _SPACES.sub(" ", text).strip(" ,;:.'\"“”‘’()[]-–—")
    text = _POSSESSIVE_END.sub("", text).strip()
    text = _ARTICLE_START.sub("", text)  # "The Ukrainian president" -> "Ukrainian president"
    text = _BRACKETS.sub("", text).strip()  # "[immediate] ceasefire", "[T]his decision": editors' brackets
    # a quotation or a bracket the label's words cut across ('fight against "the forces of extremism'):
    # its marks say nothing without their other half
    if text.count('"') % 2:
        text = text.replace('"', "")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    return _SPACES.sub(" ", text).strip()


@dataclass
class Ref:
    """A mention placed in the doc: the tokens it covers and the entity it names."""

    key: str
    kind: str
    start: int  # token index in the doc
    end: int
    sent_no: int  # sentence number in the article
    subject: bool = False
    plural: bool = False
    head_lemma: str = ""


def coordinated_verbs(verb: Token, tag: str = "") -> list[Token]:
    """Verbs joined to `verb` by "and" or commas that share its form and have no subject of
    their own: "to lift the curfew and release the students" -> [release]. The small parser
    often hangs such a verb on a verb above ("has a plan to cut fees, build homes"): a verb of
    another form above is taken as that misparse; one of the same form is a real coordination
    with it ("vote to cut fees and support the plan") and is left out."""
    doc = verb.doc
    tag = tag or verb.tag_
    above = {a.i for a in verb.ancestors if a.tag_ != tag}
    heads, out = {verb.i}, []
    for t in doc[verb.i + 1: verb.sent.end]:
        if t.pos_ != "VERB" or t.tag_ != tag or not (
                t.dep_ == "conj" or t.dep_ == "advcl" and doc[t.i - 1].lower_ in (",", ";", "and", "or")):
            continue  # (a list item after a comma is often parsed as an adverbial clause)
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in t.children):
            continue
        if t.head.i in heads or t.head.i in above:
            out.append(t)
            heads.add(t.i)
    if tag == "VBG" and out and not any(t.dep_ == "cc" for t in doc[verb.i + 1: verb.sent.end]):
        # "proposed raising the target, setting up a clash with the left": a participle after a comma with no
        # "and" closing a list says what the act led to, no item of it
        out = []
    return out


@dataclass
class DocMentions:
    """Mentions of one paragraph Doc, indexed by token."""

    actors: dict[int, Ref] = field(default_factory=dict)  # token index -> ref (every token of the span)
    proposals: dict[int, Ref] = field(default_factory=dict)

    def actor_at(self, token: Token) -> Optional[Ref]:
        return self.actors.get(token.i)

    def proposal_at(self, token: Token) -> Optional[Ref]:
        return self.proposals.get(token.i)


class ArticleContext:
    """Entities of one article and the discourse state used to resolve references."""

    def __init__(self, lexicon: Lexicon, article_text: str) -> None:
        self.lex = lexicon
        self.entities: dict[str, Entity] = {}
        self.history: list[Ref] = []  # actor mentions in order
        self.proposal_history: list[Ref] = []
        self.titles: dict[str, set[str]] = {}  # person key -> role words ("president", "minister")
        self.affiliation: dict[str, str] = {}  # person key -> the body they speak for
        self.debated: set[str] = set()  # proposals a stance has been read on so far
        self.stances_on: dict[str, int] = {}  # ... and how many stances on each (`main_proposal`)
        # proposals whose last act a verb took a side in was against them, with its verb ("blocked the takeover")
        self.acted_against: dict[str, str] = {}
        self.put_forward: set[str] = set()  # ... or that a verb puts forward or takes a side on (`_put_forward`)
        # proposals by the noun the verb that put them forward names them with ("proposed raising the target":
        # "proposal"), in the order named: (noun, Ref, the key of the actor who put it forward, if named)
        self.introduced: list[tuple[str, Ref, Optional[str]]] = []
        # the verbs a proposal was named with, its own or the one done to it ("signed a peace agreement", "a
        # resolution that would refer ..."): what a later "the signing", "the referral" names (`_nominalised`)
        self.proposal_acts: dict[str, set[str]] = {}
        self._dm: Optional[DocMentions] = None  # the paragraph being read, and its Doc
        self._dm_doc: Optional[Doc] = None
        self.doc_authors: dict[str, list[Ref]] = {}  # "statement" -> who the last statement named was by
        self.authored: list[tuple[Ref, Token]] = []  # (proposal, the token naming who put it forward)
        self.heads: dict[str, set[str]] = {}  # entity key -> head nouns it was named with ("alliance")
        self.sent_no = 0
        self.surnames: dict[str, str] = {}
        self.first_names: dict[str, str] = {}  # a first name one person of the article has -> the full name
        self.first_words: set[str] = set()  # the first words of the article's full names
        # key -> (head lemma, content lemmas, the names before its head ("Harlow plan"), the names in
        # what it is of ("release of John Carter"))
        self.proposal_words: dict[str, tuple[str, set[str], set[str], set[str]]] = {}
        self._listed: Optional[tuple[Doc, list[Span], list[Span], list[int]]] = None  # `sentences`, `noun_chunks`
        self.acronyms: dict[str, str] = {}
        self._scan_names(article_text)
        # the names spelled out before an acronym of their initials, for `repair_entities`
        self.spelled_out = frozenset(acronym_names(article_text).values())

    # -- whole-article pre-pass -------------------------------------------------------------
    def _scan_names(self, text: str) -> None:
        # "Southern African Development Community (SADC)": the acronym names the same body.
        for m in re.finditer(r"((?:[A-Z][\w'’.-]*\s+(?:of\s+|for\s+|and\s+|the\s+)*){1,8})\(([A-Z][A-Za-z0-9]{1,9})\)", text):
            # "However the Brazilian Ministry of Education (MEC)": the name starts after "the" ("Save the
            # Children (STC)" keeps its words)
            name = re.sub(r"^(?:(?:" + "|".join(SENTENCE_OPENERS) + r")\s+)?(The|the)\s+", "", clean_label(m.group(1)))
            acr = m.group(2)
            if sum(c.isupper() for c in acr) < 2:
                continue
            initials = "".join(w[0] for w in name.split() if w[0].isupper())
            if len(name.split()) >= 2 and (initials.startswith(acr[0]) or acr in initials or len(acr) >= 2):
                self.acronyms[acr] = name

    def sentences(self, doc: Doc) -> list[Span]:
        """The doc's sentences, listed once while it is the paragraph being read: the mention
        finder, the rules and the learned reading each walk them."""
        return self._list(doc)[1]

    def noun_chunks(self, doc: Doc) -> list[Span]:
        """The doc's noun chunks, found once while it is the paragraph being read: spaCy finds them
        anew, in Python, on every read of `doc.noun_chunks`, and the mention finder, the learned
        reading's targets and the naming of proposals all read them."""
        return self._list(doc)[2]

    def chunk_roots(self, doc: Doc) -> list[int]:
        """The index of each noun chunk's root word (`Span.root`), in `noun_chunks` order."""
        return self._list(doc)[3]

    def _list(self, doc: Doc) -> tuple[Doc, list[Span], list[Span], list[int]]:
        # only the last doc's are kept: paragraphs are read one after another
        if self._listed is None or self._listed[0] is not doc:
            chunks = list(doc.noun_chunks)
            self._listed = (doc, list(doc.sents), chunks, [chunk.root.i for chunk in chunks])
        return self._listed

    def register_people(self, docs: list[Doc]) -> None:
        """Full names first, so that a later (or earlier) surname finds its person."""
        full: dict[str, set[str]] = {}
        for doc in docs:
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    name = clean_label(ent.text)
                    parts = name.split()
                    if len(parts) >= 2:
                        full.setdefault(parts[-1], set()).add(name)
        for names in list(full.values()):
            for name in names:
                parts = name.split()
                if len(parts) == 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", parts[1]):
                    # "Ban Ki-moon", "Kim Jong-un": the family name comes first
                    full.setdefault(parts[0], set()).add(name)
        for surname, names in full.items():
            # the longest full name stands for the others ("Volodymyr Zelensky" for "Zelensky"); of two
            # as long, the first in alphabetical order (not the set's order, which changes from run to run)
            longest = max(sorted(names), key=lambda n: (len(n.split()), len(n)))
            if all(longest.endswith(n.split()[-1]) for n in names):
                self.surnames[surname] = longest
        self.first_words = {n.split()[0] for names in full.values() for n in names}
        # a first name alone ("Terri said ...") names the one person of the article who has it, where
        # it is no one's surname
        people: dict[str, set[str]] = {}
        for name in {n for names in full.values() for n in names}:
            first = name.split()[0]
            fuller = self.surnames.get(name.split()[-1], name)
            name = fuller if fuller.split()[0] == first else name  # "Joe R. Biden" for "Joe Biden"
            if first[:1].isupper() and first.isalpha() and first not in self.surnames \
                    and first.lower() not in self.lex.actor_nouns:
                people.setdefault(first, set()).add(name)
        self.first_names = {first: names.pop() for first, names in people.items() if len(names) == 1}

    # -- entities ----------------------------------------------------------------------------
    def entity(self, key: str, kind: str, label: str, mention: Optional[Mention] = None,
               alt: Optional[str] = None) -> Entity:
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key=key, kind=kind, label=label)
        elif label and label != ent.label:
            # the fuller name is the label; the other names are alternatives
            if len(label.split()) > len(ent.label.split()) and kind != PROPOSAL:
                ent.alt_labels.add(ent.label)
                ent.label = label
            else:
                ent.alt_labels.add(label)
        if alt and alt != ent.label:
            ent.alt_labels.add(alt)
        if mention is not None:
            ent.mentions.append(mention)
        return ent

    def _another_person(self, parts: list[str], fuller: str) -> bool:
        """A full name that is not `fuller`, the person its surname stands for: "James Brady" is not
        "Sarah Brady", "Usman Khan" not "Sadiq Khan". Only a word that begins a full name of the
        article counts as a first name (a title does not: "Professor Eastman" is "Cres Eastman"), the
        end of a name is that name, and a short form of a first name is the same one ("Mitch",
        "Mitchell")."""
        first = parts[0]
        if len(parts) < 2 or first not in self.first_words or _ends_name(fuller, " ".join(parts)):
            return False  # "Bin Laden" of "Osama bin Laden", "De La Fuente" of "Rocky De La Fuente"
        theirs = fuller.split()[0]
        return theirs in self.first_words and not (first.startswith(theirs) or theirs.startswith(first))

    def actor_identity(self, text: str, kind: str) -> tuple[str, str, str]:
        """(key, kind, label) for an actor name, after aliases, acronyms and surnames."""
        label = clean_label(text)
        bare = re.sub(r"^(the|The)\s+", "", label)
        if bare in self.acronyms:
            bare = self.acronyms[bare]
            kind = ORGANISATION if kind != PERSON else kind
        if bare + "." in self.lex.aliases and bare not in self.lex.aliases:
            bare += "."  # "U.S." loses its last dot to the sentence
        if bare in self.lex.aliases:
            bare, kind = self.lex.aliases[bare]
        if bare in self.lex.demonyms and kind in (COUNTRY, GROUP):
            bare, kind = self.lex.demonyms[bare], COUNTRY
        if kind in (COUNTRY, ORGANISATION, GROUP):
            country = country_name(bare)
            if country is not None:
                bare, kind = country, COUNTRY
        if kind == PERSON:
            # "Attorney Robert Sarvis", "President Joe Biden", "Senators Mark Ruiz (and Alan Pike)": the title
            # is not the name
            words = bare.split()
            while len(words) > 2 and self.lex.is_role(words[0]):
                words = words[1:]
            while len(words) > 1 and words[0].lower().rstrip(".") in ("mr", "mrs", "ms", "mister"):
                words = words[1:]  # "Mr. Bush" is "Bush": the surname finds the full name, here or across articles
            bare = " ".join(words)
        # a surname the tagger typed a place or a body ("Klobuchar", "La Riva") where the article names
        # its person in full; a country's name stays the country's
        fuller = self.surnames.get(bare.split()[-1]) if bare.split() else None
        surname = fuller is not None and _ends_name(fuller, bare)
        if kind == PERSON or surname and (kind != COUNTRY or country_name(bare) is None):
            parts = bare.split()
            if parts and parts[-1] in self.surnames:
                if not self._another_person(parts, self.surnames[parts[-1]]):
                    bare = self.surnames[parts[-1]]
            elif kind == PERSON and len(parts) == 1 and bare in self.first_names:
                bare = self.first_names[bare]
            kind = PERSON
        # the key leaves the kind out for named bodies, so "NATO" as ORG and as GPE stay one node
        prefix = {PERSON: "person", COUNTRY: "place", ORGANISATION: "org", GOVERNMENT: "org", GROUP: "group"}[kind]
        return f"{prefix}/{slug(bare)}", kind, bare

    # -- per-doc mention finding -------------------------------------------------------------
    def find_mentions(self, doc: Doc, offset: int) -> DocMentions:
        dm = DocMentions()
        self._dm = dm  # owners of proposals in this paragraph are looked up in its own mentions
        self._dm_doc = doc
        # the words' attributes by index (`DocWords`): a Token is made only for a word that is read further
        w = DocWords.of(doc)
        sent_starts = {s.start: n for n, s in enumerate(self.sentences(doc))}
        sent_of: list[int] = []  # token index -> sentence number in the article
        n = -1
        for i in range(len(doc)):
            if i in sent_starts:
                n = sent_starts[i]
            sent_of.append(self.sent_no + n)
        taken: set[int] = set()
        doc_refs: list[Ref] = []  # actor mentions of this doc, put into the history in text order
        authored_docs: list[tuple[str, Token]] = []  # (document noun, its "by" phrase)

        def place(ref: Ref, span: Span, alt: Optional[str] = None, label: Optional[str] = None,
                  note: str = "") -> None:
            ment = Mention(offset + span.start_char, offset + span.end_char, span.text, note)
            self.entity(ref.key, ref.kind, clean_label(span.text) if label is None else label, ment, alt)
            table = dm.proposals if ref.kind == PROPOSAL else dm.actors
            for i in range(ref.start, ref.end):
                table[i] = ref
                taken.add(i)

        def place_body(named: Span, subject: bool, described_as: str) -> None:
            """A body its description stands beside ("GoTo, Indonesia's biggest technology company", "the rights
            group Fortify Rights"): the name is the mention, an organisation unless the name says otherwise,
            with the description's head noun among its heads."""
            key, kind, label = self.actor_identity(named.text, ORGANISATION)
            ref = Ref(key, kind, named.start, named.end, sent_of[named.root.i], subject, False, described_as)
            place(ref, named, label=label)
            self.heads.setdefault(ref.key, set()).add(described_as)
            doc_refs.append(ref)

        # 1. Noun chunks headed by an actor noun that hold a named entity or a modifier
        #    ("NATO officials", "Baltic nations", "the Romanian government", "Ion's father").
        chunks = self.noun_chunks(doc)
        deferred: list[tuple[Span, Token, object, bool]] = []  # role words and definite descriptions
        for chunk in self._phrases(doc, self.lex.actor_nouns):
            head = chunk.root
            an = self.lex.actor_nouns.get(noun_key(head, self.lex.actor_nouns))
            if an is None or head.pos_ == "PROPN" and head.ent_type_ in ("PERSON",):
                continue
            if any(e.label_ == "ORG" and e.start < chunk.start and head.i < e.end for e in doc.ents):
                continue  # "the National Union of [Teachers]": the end of an organisation's name, which it names
            plural = head.tag_ in ("NNS", "NNPS")
            toks = [t for t in chunk if t.lower_ not in DROP_LEADING or t.i == head.i or t.pos_ == "PROPN"]
            while toks and toks[0].lower_ in DROP_LEADING | {"'s", "’s"} and toks[0].i != head.i and toks[0].pos_ != "PROPN":
                toks = toks[1:]
            mods = [t for t in toks if t.i != head.i and t.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod", "nummod", "case")]
            span = doc[toks[0].i: head.i + 1] if toks else chunk
            persons = [t for t in chunk if t.ent_type_ == "PERSON"]
            persons += [t for t in head.children if t.dep_ == "appos" and t.ent_type_ == "PERSON"]
            if head.dep_ == "appos" and head.head.ent_type_ == "PERSON":
                persons.append(head.head)
            if persons:
                continue  # a named person with a title ("the party president, Simon Hughes"): the person is the mention
            name = head.head
            if head.dep_ == "appos" and name.pos_ == "PROPN" and name.ent_type_ != "PERSON" and name.i < head.i \
                    and not head.ent_type_ and noun_key(name, self.lex.actor_nouns) not in self.lex.actor_nouns:
                # "the Central Obrera Boliviana, the country's union federation", "GoTo, Indonesia's biggest
                # technology company": the named body is the mention, a body even where the tagger gave the name
                # no type (the description says what it is); the description is no actor of its own
                if not name.ent_type_ and name.i not in taken and not plural:
                    top = name  # "Nippon Ishin no Kai", which the parse may split into two names in apposition
                    while top.dep_ == "appos" and top.head.pos_ == "PROPN" and top.head.i == top.i - 2:
                        top = top.head
                    words = list(doc[top.left_edge.i: name.i + 1])
                    cut = max((n + 1 for n, t in enumerate(words) if t.dep_ == "case" and t.lower_ in ("'s", "’s")),
                              default=0)  # "Japan's X", not "the Supporters' Club"
                    words = words[cut:]
                    while words and words[0].dep_ in ("det", "punct"):
                        words = words[1:]
                    if words:
                        place_body(doc[words[0].i: name.i + 1], name.dep_ in SUBJ_DEPS, an.lemma)
                continue
            named = _described_name(head) if not plural and not an.role else None
            if named is not None:
                # "the rights group Fortify Rights", "the U.N. refugee agency UNHCR", "the nuclear industry
                # association Foro Nuclear": the name is the body, the description before it no actor of its own
                if doc[named.start].ent_type_ not in ENT_KIND and not taken.intersection(range(named.start, named.end)):
                    place_body(named, head.dep_ in SUBJ_DEPS, an.lemma)
                taken.update(range(chunk.start, head.i + 1))  # "U.N." in "the U.N. refugee agency": no actor of its own
                continue
            if an.lemma in DOCUMENT_NOUNS:
                # "a statement ... by Ehud Olmert and Mahmoud Abbas": whom later "the statement said"
                # speaks for, found once the names are placed
                by = next((c for c in head.rights if c.dep_ in ("prep", "agent") and c.lower_ == "by"), None)
                if by is None and head.dep_ == "dobj" and not any(c.dep_ == "nsubjpass" for c in head.head.children):
                    # "read a statement ... by X": the parser hangs "by X" on the verb
                    by = next((c for c in head.head.rights if c.dep_ == "prep" and c.lower_ == "by" and c.i > head.i), None)
                if by is not None:
                    authored_docs.append((an.lemma, by))
            if an.role and not plural:
                # "the Ukrainian president", "the spokesman": a role that refers to a named person,
                # resolved once this paragraph's names are known
                deferred.append((chunk, head, an, bool(mods)))
                continue
            of_place = _of_place(head) if an.kind == GOVERNMENT and not plural else None
            if of_place is not None:
                # "the government of Peru", "the government of South Africa": Peru's government
                mods = mods + [of_place]
                span = doc[span.start: of_place.right_edge.i + 1]
            if not plural and (not mods or an.lemma in BODY_NOUNS and all(
                    t.pos_ == "ADJ" and not t.ent_type_ and t.text.islower() for t in mods)):
                # "the government", "the alliance": the last body named with that head noun; "the regional
                # body", "the international organisation": the last body named
                deferred.append((chunk, head, an, False))
                continue
            post = head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "general" and doc[head.i + 1].head.i == head.i
            if post and plural:
                # "attorneys general from sixteen states": the title's adjective after it, and whom it names
                prep = tail_prep(doc[head.i + 1]) or tail_prep(head)
                mods = mods + [doc[head.i + 1]] + ([prep] if prep is not None else [])
                span = doc[span.start: (prep.right_edge.i if prep is not None else head.i + 1) + 1]
            whose = _members_of(head) if an.lemma in MEMBER_NOUNS else None
            if whose is not None:
                # "members of the Scottish Parliament", "Democratic members of the House", "other members of the
                # Shanghai Cooperation Organisation": the body named says whose members they are
                mods = mods + [whose]
                span = doc[span.start: whose.right_edge.i + 1]
            elif an.lemma in MEMBER_NOUNS and not any(t.dep_ in ("compound", "poss", "nmod") or t.pos_ == "PROPN"
                                                      or t.ent_type_ in ("ORG", "GPE", "NORP") for t in mods):
                continue  # "three members", "new members": of nothing named
            elif not mods and plural and not an.bare:
                prep = tail_prep(head)
                if prep is None or any(t.lower_ in ("each", "every", "both", "all", "some", "many", "other")
                                       for t in prep.subtree):
                    continue  # "officials", "the presidents of each country": too vague to hold a stance of their own
                # "the leaders at the summit", "the presidents of each country"
                mods = [prep]
                span = doc[span.start: prep.right_edge.i + 1]
            elif not mods and plural:
                # "residents of Oakfield", "farmers in Punjab": a named place or body tells these apart
                prep = tail_prep(head, named=True)
                if prep is not None:
                    mods = [prep]
                    span = doc[span.start: prep.right_edge.i + 1]
            if whose is None and any(t.lemma_.lower() in QUANTIFIER_LEMMAS for t in chunk):
                continue  # "some countries" (not "several members of the Green Party": the party's members)
            ents = [e for e in doc.ents if e.start >= span.start and e.end <= span.end and e.label_ in ("ORG", "GPE", "NORP")]
            kind = an.kind if plural or an.kind != PERSON else PERSON
            if kind == PERSON and not plural:
                kind = PERSON
            label = clean_label(span.text)
            if an.kind == GOVERNMENT and not plural:
                # "the Romanian government" and "Romania's government" are one node
                country = self._country_of(span)
                key = f"org/government-of-{slug(country)}" if country else f"org/{slug(label)}"
                ref = Ref(key, GOVERNMENT, span.start, head.i + 1, sent_of[head.i], head.dep_ in SUBJ_DEPS, False, an.lemma)
            elif an.lemma in DOCUMENT_NOUNS and not (ents and not plural):
                continue  # "the joint statement": a document speaks for its authors only where it names them
            elif an.lemma in DOCUMENT_NOUNS:
                # "a classified European Union report", "the EU report": the body's report, one node
                owner_key, owner_kind, owner = self.actor_identity(ents[0].text, ENT_KIND.get(ents[0].label_, ORGANISATION))
                named = ents[0].end == head.i + 1  # "the World Development Report": the name holds the noun
                label = owner if named else f"{owner} {an.lemma}"
                ref = Ref(owner_key if named else f"org/{slug(owner)}-{an.lemma}", ORGANISATION, span.start,
                          head.i + 1, sent_of[head.i], head.dep_ in SUBJ_DEPS, False, an.lemma)
            elif len(ents) == 1 and ents[0].label_ == "ORG" and not plural and ents[0].end == head.i + 1:
                continue  # the chunk is the organisation itself; the entity pass names it
            elif not plural and any(e.label_ == "ORG" and e.start <= head.i < e.end - 1 for e in doc.ents):
                continue  # the chunk begins an organisation's name ("the National Council for Peace and Order")
            else:
                lem = " ".join(t.lemma_.lower() if t.i == head.i else t.text.lower() for t in span)
                ref = Ref(f"{'group' if kind == GROUP else 'org' if kind != PERSON else 'person'}/{slug(lem)}",
                          kind, span.start, head.i + 1, sent_of[head.i], head.dep_ in SUBJ_DEPS, plural, an.lemma)
            place(ref, span, label=label)
            self.heads.setdefault(ref.key, set()).add(an.lemma)
            doc_refs.append(ref)

        # 2. Named entities: people (with their titles), organisations, places, groups.
        for ent in doc.ents:
            if ent.label_ not in ENT_KIND or any(i in taken for i in range(ent.start, ent.end)):
                continue
            if any(t.like_email or t.like_url and ("/" in t.text or t.lower_.startswith("www.")) for t in ent):
                # the tagger takes a web or mail address for a name at times: no one holds a stance (a
                # body named by its domain, "AfterDowningStreet.org", "MoveOn.org", is a name)
                continue
            if ent.label_ == "ORG" and len(ent) > 1 and ent.root.lemma_.lower() in INSTRUMENT_HEADS:
                continue  # "the Royal Charter", "the Paris Agreement": a proposal the tagger typed a body
            if ent.label_ == "PERSON" and len(ent) == 1 and ent.root.lemma_.lower() in INSTRUMENT_HEADS and any(
                    c.dep_ in ("nmod", "compound") and c.i < ent.start for c in ent.root.children):
                continue  # "the Artificial Intelligence (High-Risk Systems) Bill": a law's name, no one called Bill
            kind = ENT_KIND[ent.label_]
            span = ent
            if ent.label_ == "NORP":
                # "Sunnis", "Democrats" as a group of their own; "Lithuanian" before a noun is a modifier
                if ent.root.dep_ in ("amod", "compound") or ent.root.pos_ == "ADJ":
                    continue
            if kind in (ORGANISATION, COUNTRY) and self._has_role(ent):
                kind = PERSON  # "the mayor Ana Costa" tagged ORG or GPE: a role word makes it a person
            if kind == PERSON:
                # "Ana Costa" where the tagger took only "Costa": take the first names before it
                first = ent.start
                while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].dep_ == "compound" \
                        and doc[first - 1].head.i >= ent.start and doc[first - 1].text[:1].isupper() \
                        and doc[first - 1].lemma_.lower() not in self.lex.actor_nouns and first - 1 not in taken:
                    first -= 1
                last = ent.end
                # "Ahmed Abdallah Mohamed Sambi" where the tagger stopped at "Abdallah": the rest of the name
                while last < len(doc) and doc[last].pos_ == "PROPN" and doc[last].text[:1].isupper() \
                        and doc[last].ent_type_ in ("", "PERSON") and doc[last - 1].dep_ == "compound" \
                        and doc[last - 1].head.i >= last and last - ent.end < 3:
                    last += 1
                span = doc[first: last]
            text = span.text
            if span[-1].text in ("'s", "’s"):
                span = doc[span.start: span.end - 1]
                text = span.text
            if not clean_label(text):
                continue
            key, kind, label = self.actor_identity(text, kind)
            root = span.root
            as_subject = root.dep_ in SUBJ_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJ_DEPS)
            ref = Ref(key, kind, span.start, span.end, sent_of[root.i],
                      subject=as_subject, plural=root.tag_ in ("NNS", "NNPS"),
                      head_lemma=root.lemma_.lower())
            alt = clean_label(text) if clean_label(text) != label else None
            note = f"{clean_label(text)!r} stands for {label!r} in this article (surname, acronym or alias)" if alt else ""
            place(ref, span, alt=alt, label=label, note=note)
            if kind == PERSON:
                self._record_titles(key, span)
            else:
                # the head noun of the phrase it sits in names it too ("the Western military NATO alliance")
                head = root.head if root.dep_ in ("compound", "nmod") else None
                if head is not None and head.lemma_.lower() in self.lex.actor_nouns \
                        and head.tag_ not in ("NNS", "NNPS"):  # "some EU states" are not the EU
                    self.heads.setdefault(key, set()).add(head.lemma_.lower())
                    for i in range(head.i - (head.i - span.end), head.i + 1):
                        dm.actors[i] = ref
            doc_refs.append(ref)

        # 2b. Names the NER missed: a proper-noun subject ("Menzies Campbell said ...")
        for chunk, r in zip(chunks, self.chunk_roots(doc)):
            if r in dm.actors or w.pos[r] != "PROPN" or w.dep[r] not in ("nsubj", "nsubjpass"):
                continue
            if w.ent_type[r] in ENT_KIND or w.ent_type[r] in ("DATE", "TIME", "MONEY", "PERCENT"):
                continue
            root = doc[r]
            # names only (a capitalised proper noun the tagger called a number is still a name)
            names = []
            for t in reversed(list(chunk)):  # the run of names that ends the phrase ("Comoros president X Y")
                if t.pos_ != "PROPN" or t.ent_type_ in ENT_KIND or t.lemma_.lower() in self.lex.actor_nouns:
                    break
                names.insert(0, t)
            if not names or not all(t.text[:1].isupper() for t in names) or root.text in self.lex.demonyms:
                continue
            span = doc[names[0].i: names[-1].i + 1]
            orgish = any(t.lemma_.lower() in self.lex.actor_nouns or t.text in ORG_WORDS for t in span) or len(names) > 3
            if not orgish and root.head.lemma_.lower() not in self.lex.speech_verbs and not any(
                    c.polarity != WITHHELD for c in self.lex.cues_for(root.head.lemma_.lower(), "VERB")):
                continue
            kind = ORGANISATION if orgish else PERSON
            if kind == PERSON and len(names) >= 2:
                self.surnames.setdefault(names[-1].text, span.text)
            key, kind, label = self.actor_identity(span.text, kind)
            ref = Ref(key, kind, span.start, span.end, sent_of[root.i], subject=True, head_lemma=root.lemma_.lower())
            place(ref, span, label=label)
            doc_refs.append(ref)
        self.history.extend(sorted(doc_refs, key=lambda r: (r.sent_no, r.start)))
        for chunk, head, an, has_mods in deferred:
            if head.i in dm.actors:
                continue
            if any(c.dep_ == "det" and c.lower_ in ("a", "an", "any", "every", "each", "no") for c in head.children):
                continue  # "a Liberal Democrat leader": any leader, not the one named before
            where = (sent_of[head.i], head.i)
            ref = self._resolve_role(head, *where) if an.role else self._resolve_head(an.lemma, *where)
            if ref is None and an.lemma in BODY_NOUNS:
                # "the regional body", "the organisation": the last body named
                ref = self.resolve_thing_actor(*where)
            poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")), None)
            if poss is not None and not an.role:
                # "her party": the body the person it means belongs to
                person = self.resolve_person(*where) if poss.lower_ != "their" else None
                body = self.affiliation.get(person.key) if person is not None else None
                ref = next((r for r in reversed(self.history) if r.key == body), None) if body else None
            if ref is None and an.role and has_mods and any(c.dep_ == "poss" for c in head.children):
                # "Ion's father", "his wife": a person of their own, named by the relation
                label = clean_label(chunk.text)
                poss = next(c for c in head.children if c.dep_ == "poss")
                if poss.lower_ in ("his", "her"):
                    # "his defense minister": named after the country of the person it belongs to
                    # ("Ukraine's defense minister"), not after the person, whose name it is not
                    person = self.resolve_person(sent_of[head.i], head.i)
                    rest = " ".join(t.text for t in chunk if t.i > poss.i)
                    country = self._country_of_person(person.key) if person is not None else None
                    label = f"{country}'s {rest}" if country else rest
                if label and label.lower() not in ("their " + an.lemma,):
                    key, kind, label = self.actor_identity(label, PERSON)
                    new_ref = Ref(key, PERSON, chunk.start, head.i + 1, sent_of[head.i],
                                  subject=head.dep_ in SUBJ_DEPS, head_lemma=an.lemma)
                    place(new_ref, chunk, label=label)
                    bisect.insort(self.history, new_ref, key=lambda r: (r.sent_no, r.start))
                continue
            if ref is None:
                continue
            new_ref = Ref(ref.key, ref.kind, chunk.start, head.i + 1, sent_of[head.i],
                          subject=head.dep_ in SUBJ_DEPS, head_lemma=an.lemma)
            target_label = self.entities[ref.key].label if ref.key in self.entities else ref.key
            why = (f"the {an.lemma} named before it in this article, {target_label}" if an.role
                   else f"the last {an.lemma} named before it in this article, {target_label}")
            place(new_ref, chunk, alt=clean_label(chunk.text) if has_mods and an.role else None, label="", note=why)
            bisect.insort(self.history, new_ref, key=lambda r: (r.sent_no, r.start))
        for ref in doc_refs:
            if ref.kind == PERSON:
                org = self._affiliation(doc[ref.end - 1], dm)
                if org is not None:
                    self.affiliation.setdefault(ref.key, org.key)
        for lemma, by in authored_docs:
            names = [t for p in by.children if p.dep_ == "pobj" for t in [p, *p.conjuncts]]
            # "by X, and Y" with Y hung on the verb as its conjunct
            names += [c for c in by.head.children if c.dep_ == "conj" and c.i > by.i and c.ent_type_ == "PERSON"]
            authors = [dm.actors[t.i] for t in names if t.i in dm.actors]
            if authors:
                self.doc_authors[lemma] = list({r.key: r for r in authors}.values())

        # 3. Proposals: noun phrases headed by proposal nouns, and named plans; and a noun its own
        # modifier says is proposed ("the proposed landfill", "a planned pipeline", "the draft constitution").
        chunks = [(chunk, False) for chunk in self._phrases(doc, self.lex.proposal_nouns)]
        heads = {chunk.root.i for chunk, _ in chunks}
        chunks += [(chunk, True) for chunk in self._proposed(doc) if chunk.root.i not in heads]
        for chunk, proposed in chunks:
            head = chunk.root
            lemma = head.lemma_.lower()
            if lemma not in self.lex.proposal_nouns and (head.i in dm.actors or not proposed):
                continue
            if head.ent_type_ in ("PERSON", "GPE", "DATE", "TIME", "CARDINAL", "ORDINAL") or _name_given(head):
                continue
            ref = self.proposal_ref(doc, head, sent_of[head.i], offset)
            if ref is None:
                continue
            for i in range(min(chunk.start, ref.start), chunk.end):  # ("[a state of] emergency")
                dm.proposals.setdefault(i, ref)
        # 3b. "The referral", "the signing": a definite noun named after a verb a proposal was just named with
        for i, pos in enumerate(w.pos):
            if pos == "NOUN" and i > 0 and w.lower[i - 1] == "the" and w.head[i - 1] == i and i not in dm.proposals \
                    and i not in dm.actors and w.lemma[i] not in self.lex.proposal_nouns:
                ref = self._nominalised(doc[i], sent_of[i])
                if ref is not None:
                    mention = self.proposal_mention(ref, doc, i - 1, i + 1, sent_of[i], offset)
                    dm.proposals[i - 1] = dm.proposals[i] = mention
        # 4. Parts of proposals: "a key part of it, an invitation to join NATO"; "X is part of the plan".
        for i, lemma in enumerate(w.lemma):
            if lemma in PART_NOUNS:
                self._part_of(doc[i], dm, sent_of[i])

        # pronouns and definite descriptions of actors
        for i, low in enumerate(w.lower):
            if i in dm.actors:
                continue
            ref = None
            if low in PRONOUNS_PERSON and w.pos[i] == "PRON":
                ref = self.resolve_person(sent_of[i], i)
            elif low in PRONOUNS_PLURAL and w.pos[i] == "PRON":
                ref = self.resolve_plural(sent_of[i], i)
            if ref is not None:
                pron = Ref(ref.key, ref.kind, i, i + 1, sent_of[i],
                           subject=w.dep[i] in SUBJ_DEPS, plural=ref.plural, head_lemma=ref.head_lemma)
                dm.actors[i] = pron
                # a resolved pronoun carries the chain on: "He ... He ..." stays with the same person
                bisect.insort(self.history, pron, key=lambda r: (r.sent_no, r.start))
        self.sent_no += len(sent_starts)
        return dm

    def proposal_ref(self, doc: Doc, head: Token, sent_no: int, offset: int) -> Optional[Ref]:
        """The proposal a noun phrase headed by `head` names; short forms resolve to earlier ones."""
        lemma = head.lemma_.lower()
        if tally(head):
            return None
        if lemma == "deal" and any(c.dep_ == "amod" and c.lower_ == "great" for c in head.children):
            return None  # "stood to gain a great deal": how much, no deal
        if lemma == "draft" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
                p.dep_ == "pobj" and p.lemma_.lower() in self.lex.proposal_nouns for p in c.children)
                for c in head.children):
            return None  # "the final draft of the charter" names the charter
        left = [t for t in head.lefts if t.dep_ in ("amod", "compound", "nmod", "poss", "nummod", "det", "npadvmod", "quantmod")]
        state = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
        if state is not None and state.pos_ == "NOUN" and state.lemma_.lower() == "state" and state.i < head.i:
            # "a national state of emergency": the state the proposal noun names, in one phrase
            left += [state, head.head] + [t for t in state.lefts if t.dep_ in ("amod", "det", "compound")]
        start = min([t.left_edge.i for t in left] + [head.i])
        toks = list(doc[start: head.i + 1])
        owner = None
        for t in toks:
            if t.dep_ == "poss" and t.head.i == head.i:
                owner = t
        author = owner
        if author is None:
            for t in toks:
                # "SADC sanctions", "a Swedish proposal"
                if t.head.i == head.i and t.i != head.i and (
                        t.dep_ in ("compound", "nmod") and (t.ent_type_ in ("ORG", "GPE", "NORP") or
                                                            t.text in self.acronyms or t.text in self.lex.aliases) or
                        t.dep_ == "amod" and t.text in self.lex.demonyms):
                    author = t
        drafted = None if author is not None else _drafted_by(toks, head, self.acronyms, self.lex.aliases,
                                                               self.lex.demonyms)
        if drafted is not None:
            author = drafted  # "a British-drafted resolution", "a U.S.-backed ceasefire"
        if author is None and head.dep_ == "dobj" and head.head.lemma_.lower() in AUTHORING_VERBS:
            # "Labour has a plan to ...", "the minister presented a bill": its subject puts it forward
            author = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if author is None and head.dep_ == "nsubjpass" and head.head.lemma_.lower() in PUT_FORWARD_PARTICIPLES \
                and not any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in head.head.children):
            # "the resolution was drafted by France", "the bill was introduced by Senator Ames": its agent (not
            # who hands it on: "the bill was presented to the president by the Senate chairman")
            author = _agent(head.head)
        if author is None:
            for c in head.rights:
                # "a planned march by the February 14 Youth Coalition"
                if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                    author = next((p for p in c.children if p.dep_ == "pobj"), None)
                elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in PUT_FORWARD_PARTICIPLES:
                    # "the bill, introduced by Senator Ames", "a resolution drafted by Britain": its agent
                    author = _agent(c)
        more_authors: list[Token] = []
        if author is None and head.dep_ == "nsubj" and head.head.lemma_.lower() == "come":
            # "requests have come from the city council, and from ...": where a proposal comes from puts it forward
            more_authors = [p for c in head.head.children if c.dep_ == "prep" and c.lower_ == "from"
                            for p in c.children if p.dep_ == "pobj"]
            author = more_authors.pop(0) if more_authors else None
        words = [t for t in toks if t.dep_ not in ("det", "poss", "case", "predet") and t.head.dep_ != "poss"
                 and (t.lower_ not in DROP_LEADING or t.pos_ == "PROPN")]
        if owner is not None:
            words = [t for t in words if not (owner.left_edge.i <= t.i <= owner.i)]
        # one trailing prepositional phrase names what the proposal is of ("invitation to Ukraine")
        tail: list[Token] = []
        for child in head.rights:
            if child.dep_ == "prep" and (child.lower_ in ("of", "to", "for", "against") or
                                         child.lower_ == "on" and lemma in ON_NOUNS
                                         or child.lower_ == "in" and lemma in IN_NOUNS) and not tail:
                sub = list(child.subtree)
                if not any(t.dep_ in ("relcl", "acl") or t.ent_type_ in ("DATE", "TIME") for t in sub):
                    # too long, it keeps what fits of it in whole phrases ("plan for a new runway at
                    # the airport" of "... in the west of the city")
                    tail = sub if len(sub) <= 8 else [doc[i] for i in _pruned(child, 8)]
                    if len(tail) == 1:
                        tail = []  # nothing of it fits but the preposition: "prospect of" names nothing more
            elif child.dep_ in ("acl", "relcl") and child.tag_ == "TO" or (child.dep_ == "acl" and child.tag_ == "VB"):
                # "a proposal to divide Jerusalem in any peace deal" -> "proposal to divide Jerusalem"
                tail = [doc[i] for i in _pruned(child, 8)]
        # an undoing is named by what it undoes and only with it (the lexicon's `needs`: "an end to the
        # blockade", the annotation's own way: support for "end to violence in the region"), or with
        # "of" where what it undoes is a proposal ("the end of the curfew", not "the end of the month")
        if lemma == "order" and (head.dep_ == "pobj" and head.head.lower_ == "in" or head.pos_ == "PROPN"):
            return None  # "in order to help the party": a purpose, not an order given; "Peace and Order": a name
        if prepositional_noun(DocWords.of(doc), head.i):
            return None  # "opposed the dam in its current form": how the dam stands, no proposal
        if lemma in self.lex.undoings and not (tail and (
                tail[0].lower_ == self.lex.undoings[lemma]
                or tail[0].lower_ == "of" and any(c.dep_ == "pobj" and c.lemma_.lower() in self.lex.proposal_nouns
                                                  for c in tail[0].children))):
            return None
        if lemma in GENERIC_PROPOSALS and len(tail) == 2 and tail[1].lower_ in ("it", "this", "that"):
            # "demands for it": what "it" means is what is demanded
            ref = self.resolve_proposal(None, sent_no, start)
            if ref is not None:
                return self._authored_mention(ref, doc, start, tail[1].i + 1, sent_no, offset, author, more_authors)
        is_named = head.pos_ == "PROPN" or any(t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") for t in words)
        short = len(words) == 1 and not tail  # "the plan", "it"
        indefinite = any(t.dep_ == "det" and t.lower_ in ("a", "an", "another", "some", "any") for t in toks)
        if indefinite and lemma in VAGUE_PROPOSALS and not tail and len(words) == 1:
            return None  # "we want a system whereby ...": a new thing, and too vague to name
        act = ""  # what a decision does to the proposal it was taken against
        if not indefinite and (short or (len(words) <= 2 and all(t.lemma_.lower() in ("whole", "entire", "same", "latest", "new") or t.i == head.i for t in words) and not tail)):
            ref = self.resolve_proposal(self.lex.proposal_heads.get(lemma, lemma))
            if ref is None and lemma == "draft":
                ref = self.main_proposal(sent_no, start)  # "the draft": the text the story is about
            if ref is None and lemma in NOUN_OF_VERB.values():
                # "the proposal": what a verb of that name put forward ("proposed raising the target"), however
                # many sentences and other proposals ago
                ref = next((r for noun, r, _ in reversed(self.introduced)
                            if noun == lemma and not self._after(r, sent_no, start)), None)
            persons_own = owner is not None and owner.ent_type_ == "PERSON" and lemma in GENERIC_PROPOSALS
            if ref is None and persons_own:
                # "Ruiz's plan": what Ruiz put forward ("Senator Ana Ruiz proposed a ban ..."), if anything
                whose = self.owner_ref(owner, sent_no)
                ref = next((r for _, r, by in reversed(self.introduced) if whose is not None and by == whose.key
                            and not self._after(r, sent_no, start)), None)
            generic = lemma in GENERIC_PROPOSALS or lemma in DEMONSTRATED_PROPOSALS and any(
                t.dep_ == "det" and t.lower_ in ("that", "this") for t in toks)
            if ref is None and generic and not persons_own:
                # "the idea", "this move": the proposal the text was just talking about, in an earlier
                # sentence ("they need quicker decisions, but this move is clumsy" is not about the decisions);
                # not "Biden's plan", whose owner says which one
                ref = self.resolve_proposal(None, sent_no - 1, len(doc) + 1, debated=True)
                if ref is not None and lemma in DECIDING_NOUNS and ref.key in self.acted_against:
                    # "the Commission blocked the takeover ... would appeal the decision": a decision taken
                    # after an act against what was talked about is that act, a proposal of its own ("decision
                    # to block the takeover"), not the takeover
                    act = f"to {self.acted_against[ref.key]} the {ref.head_lemma}"
                    ref = None
            if ref is not None:
                return self._authored_mention(ref, doc, start, head.i + 1, sent_no, offset, author, more_authors)
            source = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("from", "by")
                           and any(p.dep_ == "pobj" for p in c.children)), None)
            if lemma in VAGUE_PROPOSALS and not owner and source is None:
                return None  # too vague on its own ("the move"; "the latest move from government" is named)
            if persons_own:
                words = list(doc[owner.left_edge.i: owner.right_edge.i + 1]) + words  # "Biden's plan", not any "plan"
            if source is not None and not tail and len(list(source.subtree)) <= 4:
                tail = list(source.subtree)
        label_toks = words + tail
        label_toks = sorted(set(label_toks), key=lambda t: t.i)
        cut = trailing_when([t.lower_ for t in label_toks])  # "bid to join NATO on Tuesday": when, not what
        if cut:
            label_toks = label_toks[:-cut]
            while len(label_toks) > 1 and label_toks[-1].dep_ in ("prep", "punct", "cc"):
                label_toks.pop()
        label = clean_label(span_text(label_toks) + (" " + act if act else ""))
        if not label or len(label.split()) > MAX_LABEL_WORDS:
            return None
        if is_named and not tail or act:
            key = f"proposal/{slug(label)}"
        else:
            key = "proposal/" + slug(" ".join(t.lemma_.lower() if t.i == head.i else t.text.lower() for t in label_toks))
        canon = self.lex.proposal_heads.get(lemma, lemma)
        # common nouns tell proposals with one head apart ("identity card bill", "health bill");
        # proper nouns mostly name who is involved ("NATO invitation", "invitation to Ukraine")
        # so do comparatives ("higher eco-taxes", "lower personal taxes")
        words_set = {t.lemma_.lower() for t in label_toks if t.i != head.i and (t.pos_ == "NOUN" or t.tag_ == "JJR")}
        # but two names before one head tell two proposals apart ("the Harlow plan", "the Whitby plan";
        # "Democratic plans", "Republican plans"), and two in what it is of ("the release of John
        # Carter", "the release of Mary Stone"), where a name in one place alone does not
        # ("NATO invitation", "invitation to Ukraine"), nor a name of whom it is to ("invitation to
        # join NATO")
        names = (_names(t for t in words if t.i < head.i), _names(tail) if tail and tail[0].lower_ == "of" else set())
        same = self._similar_proposal(canon, words_set, names)
        if same is not None and same != key:
            ent = self.entities[same]
            if label_score(label) > label_score(ent.label):
                ent.alt_labels.add(ent.label)
                ent.label = label
            elif label != ent.label:
                ent.alt_labels.add(label)
            key = same
        known = self.proposal_words.setdefault(key, (canon, set(), set(), set()))
        known[1].update(words_set)
        known[2].update(names[0])
        known[3].update(names[1])
        ref = Ref(key, PROPOSAL, start, head.i + 1, sent_no, head.dep_ in SUBJ_DEPS, head.tag_ == "NNS", canon)
        span = doc[start: head.i + 1]
        ment = Mention(offset + span.start_char, offset + span.end_char, span.text)
        ent = self.entity(key, PROPOSAL, label, ment)
        if owner is not None:
            owner_ref = self.owner_ref(owner, sent_no)
            if owner_ref is not None:
                ent.proposed_by.add(owner_ref.key)
        if author is not None and (drafted is not None or lemma in self.lex.authored and (
                author is owner or lemma in NAMED_AUTHOR_HEADS or author.dep_ == "nsubj")):
            self.authored += [(ref, a) for a in [author, *more_authors]]
        if any(c.dep_ == "det" and c.lower_ in ANY_DETERMINERS for c in head.children):
            return ref  # "would not agree to any deal that left Hamas in power": no deal a later "the plan" means
        self.proposal_history.append(ref)
        self._acted_on(key, head)
        self._introduce(ref, head)
        if self._put_forward(head):
            self.put_forward.add(key)
        return ref

    def _introduce(self, ref: Ref, head: Token) -> None:
        """Note what the verb putting a proposal forward names it: "proposed a ban" and "proposed banning"
        make a proposal, "offered a 5% rise" an offer (`NOUN_OF_VERB`). Not what is denied ("did not propose")."""
        verb = head.head
        acts = self.proposal_acts.setdefault(ref.key, set())
        acts.add(ref.head_lemma)
        acts.update(c.lemma_.lower() for c in head.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB")
        if head.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB":
            acts.add(verb.lemma_.lower())
        if head.dep_ not in ("dobj", "xcomp", "ccomp", "nsubjpass") or verb.pos_ != "VERB" or any(
                c.dep_ == "neg" for c in verb.children):
            return
        noun = NOUN_OF_VERB.get(verb.lemma_.lower())
        if noun is not None:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            by = self._dm.actors.get(subj.i) if subj is not None and self._dm is not None \
                and self._dm_doc is verb.doc else None
            self.introduced.append((noun, ref, by.key if by is not None else None))

    def _nominalised(self, noun: Token, sent_no: int) -> Optional[Ref]:
        """The proposal a definite noun named after a verb means: "Bangladesh backed the referral" after "a draft
        resolution that would refer the situation to the court", "hailed the signing" after "signed a peace
        agreement", "welcomed the announcement" after "announced a plan" (`proposal_acts`, `nominalises`); only
        "the" and the noun, the proposal named in the three sentences before or earlier in this one, as a short
        form's (`resolve_proposal`; eight sentences back, measured, gained a true stance and a false one)."""
        kids = list(noun.children)
        if len(kids) != 1 or kids[0].dep_ != "det" or kids[0].lower_ != "the" or kids[0].i != noun.i - 1:
            return None
        lemma = noun.lemma_.lower()
        for ref in reversed(self.proposal_history):
            if self._after(ref, sent_no, noun.i):
                continue
            if ref.sent_no < sent_no - 3:
                return None
            if any(nominalises(lemma, act) for act in self.proposal_acts.get(ref.key, ())):
                return ref
        return None

    def _acted_on(self, key: str, head: Token) -> None:
        """Note the last act taken on the proposal named at `head`: a decision against it ("the Commission
        blocked the takeover", "vetoed the bill", `DECIDING_AGAINST`) or one the cues read as for it
        ("approved the bill"). A "decision" after one against it is that act (`proposal_ref`). Only an
        act done, not one sought ("a bid to overturn the ban") or denied ("did not block")."""
        verb = head.head
        if head.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB" or verb.dep_ not in ACT_DEPS or any(
                c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return
        lemma = verb.lemma_.lower()
        if lemma in DECIDING_AGAINST:
            self.acted_against[key] = lemma
        elif any(c.polarity == SUPPORT and not c.particle for c in self.lex.cues_for(lemma, "VERB")):
            self.acted_against.pop(key, None)

    def _put_forward(self, head: Token) -> bool:
        """Whether a proposal's head word is what a verb puts forward or takes a side on: the object of a cue
        verb or of a verb of proposing ("proposed a ban on disposable vapes", "passed a bill that caps
        rents", "agreed to a six-week truce"). A short form in the sentences after it ("welcomed the
        proposal") may mean it, as it may mean one a stance has been read on."""
        verb, dep = head.head, head.dep_
        if dep == "pobj" and verb.dep_ == "prep":
            verb, dep = verb.head, "prep"
        if dep not in ("dobj", "nsubjpass", "prep") or verb.pos_ not in ("VERB", "AUX"):
            return False
        lemma = verb.lemma_.lower()
        return lemma in PROPOSING_VERBS or bool(self.lex.cues_for(lemma, "VERB"))

    def _authored_mention(self, ref: Ref, doc: Doc, start: int, end: int, sent_no: int, offset: int,
                          author: Optional[Token], more_authors: list[Token]) -> Ref:
        """A short form of `ref` here; an author named beside it ("requests have come from X",
        "a demand by X") puts the proposal forward."""
        ref = self.proposal_mention(ref, doc, start, end, sent_no, offset)
        if author is not None and (author.dep_ == "pobj" or more_authors):
            self.authored += [(ref, a) for a in [author, *more_authors]]
        return ref

    def proposal_mention(self, ref: Ref, doc: Doc, start: int, end: int, sent_no: int, offset: int) -> Ref:
        """The words doc[start:end] here as a short form of the proposal `ref` names (a new mention of it)."""
        span = doc[start:end]
        label = self.entities[ref.key].label if ref.key in self.entities else ref.key
        note = f"a short form of {label!r}, the last such proposal named before it in this article"
        self.entity(ref.key, PROPOSAL, "", Mention(offset + span.start_char, offset + span.end_char, span.text, note),
                    alt=None)
        new = Ref(ref.key, PROPOSAL, start, end, sent_no, False, False, ref.head_lemma)
        self.proposal_history.append(new)
        self._acted_on(ref.key, doc[end - 1])
        return new

    def clause_proposal(self, verb: Token, sent_no: int, offset: int, doc: Doc, with_subject: bool = False,
                        keep_neg: bool = True, listed: bool = False, done_to: Optional[Token] = None) -> Optional[Ref]:
        """A clause as a proposal: "to free the journalists" -> "free the journalists";
        with its subject where that is named: "Ukraine would join the alliance" -> "Ukraine join the alliance".

        `listed`: the clause is an item of a proposal already found ("a plan to cut fees, build
        homes and get agreements in place"), so any verb with an object names a proposal."""
        lemma = verb.lemma_.lower()
        if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in PROPOSING_CLAUSES:
            listed = True  # "proposed raising the target to 3%": what is proposed is a proposal, whatever it does
        has_object = any(c.dep_ in ("dobj", "acomp") for c in verb.children)  # "get X in place", "stay calm"
        if lemma in ("be", "have", "do", "say", "come", "happen", "go") or lemma in ("make", "get") and not (
                listed and has_object):
            return None
        heads = [c for c in verb.children if c.dep_ in ("dobj", "attr", "nsubjpass")]
        heads += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        if done_to is not None or passive_infinitive(verb):
            heads.append(done_to or verb.head)  # "for [the night curfew] to be phased out": what it is done to
        if listed and lemma in self.lex.speech_verbs and self._dm_doc is verb.doc and all(
                c.i in self._dm.actors for c in verb.children if c.dep_ == "dobj"):
            listed = False  # "and to tell Congress": telling someone is no proposal (capturing someone is)
        if not (listed and has_object) and lemma not in self.lex.policy_verbs and not any(
                t.lemma_.lower() in self.lex.proposal_nouns or t.lemma_.lower() in LIGHT_OBJECTS for t in heads):
            return None  # "urged leaders to listen": no proposal in the clause
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in LIGHT_OBJECTS and not with_subject:
                # "implement measures to strengthen the courts", "take steps to end the strike": the aim
                aim = next((c for c in [*obj.children, *verb.children] if c.dep_ in ("acl", "relcl", "advcl")
                            and c.tag_ == "VB" and c.i > obj.i
                            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
                if aim is not None:
                    return self.clause_proposal(aim, sent_no, offset, doc, keep_neg=keep_neg, listed=True)
        if lemma in REALISING_VERBS and not with_subject and self._dm_doc is verb.doc:
            # "implement reforms", "reforms are not implemented", "achieve tangible reform": the reform
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
            ref = self._dm.proposals.get(obj.i) if obj is not None else None
            if ref is not None:
                return ref
        done = passive_clause(verb, done_to) if not with_subject else None
        if done is not None:
            # "that the hostages be released" -> "release the hostages"
            obj, label = done
            if not obj:
                return None
            key = "proposal/" + slug(" ".join([verb.lemma_.lower()] + [t.lemma_.lower() for t in obj if t.lower_ not in ("the", "a", "an")]))
            span = doc[min(obj[0].i, verb.i): max(obj[-1].i, verb.i) + 1]
            words = {t.lemma_.lower() for t in obj if t.is_alpha and t.lower_ not in ("the", "a", "an")} | {verb.lemma_.lower()}
            return self._clause_ref(key, label, span, verb, words, sent_no, offset)
        subject = None
        if with_subject:
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
            if subject is None:
                return None
        keep = {verb.i}
        # "take part in marches": a light object keeps the phrase after it
        has_obj = any(c.dep_ in ("dobj", "attr", "xcomp") and c.lemma_.lower() not in LIGHT_OBJECTS
                      for c in verb.children)
        for child in verb.children:
            if child.dep_ == "prt" or keep_neg and (child.dep_ == "neg" or child.dep_ == "aux" and child.lower_ == "not"):
                keep.add(child.i)
            elif child.dep_ == "prep" and has_obj and child.lower_ not in ("to", "from", "into", "against", "on", "with"):
                continue  # "invaded the island in an effort to ...": an adverbial, not part of the proposal
            elif child.dep_ in ("dobj", "attr", "acomp", "oprd", "prep", "dative", "xcomp") and child.i > verb.i:
                keep |= set(_pruned(child, 9))
        run = [t for t in doc[verb.i: max(keep) + 1] if keep_neg or t.dep_ != "neg"]
        if len(run) > MAX_LABEL_WORDS or any(t.dep_ in ("relcl", "advcl", "parataxis") for t in run[1:]):
            # too long, or an aside in the middle: keep the contiguous run from the verb
            run = [t for t in run if t.i in keep]
            out = [run[0]]
            for t in run[1:]:
                if t.i != out[-1].i + 1:
                    break
                out.append(t)
            run = out
        if len(run) > MAX_LABEL_WORDS and has_obj:
            # still too long: what is done to what, without where to or how far ("raising the country's
            # defence spending target", of "... to 3% of gross domestic product")
            cut = next((c.i for c in verb.children if c.dep_ == "prep" and c.i > verb.i), None)
            run = [t for t in run if cut is None or t.i < cut]
        while run and (run[-1].is_punct or run[-1].dep_ in ("cc", "prep", "det", "case")):
            run.pop()
        if len(run) < 2 and subject is None and not any(
                c.dep_ in ("dobj", "attr", "prep", "xcomp", "ccomp", "conj") for c in verb.children):
            # "called on the mayor to resign", "urged Britain to leave", "called for the mayor to resign": a verb
            # alone names its doer, whom the verb above asks or its own subject after "for"
            asked = [c for c in verb.children if c.dep_ == "nsubj"] if verb.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) else []
            if verb.dep_ == "xcomp":
                asked += [c for c in verb.head.children if c.dep_ == "dobj"] + [
                    p for c in verb.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                    for p in c.children if p.dep_ == "pobj"]
            subject = next((c for c in asked if c.pos_ in ("NOUN", "PROPN")), None)
        if len(run) < 2 and subject is None:
            return None
        if subject is not None:
            run = list(doc[subject.left_edge.i: subject.i + 1]) + run
        # the verb in its base form names the proposal: "invade the island", not "invaded the island"
        label = span_text(run)
        if verb.tag_ in ("VBD", "VBN", "VBZ"):
            label = verb.lemma_ + label[len(verb.text):] if label.startswith(verb.text) else label
        label = clean_label(label)
        if len(label.split()) > MAX_LABEL_WORDS:
            return None
        key = "proposal/" + slug(" ".join(t.lemma_.lower() for t in run if t.lower_ not in ("the", "a", "an")))
        span = doc[run[0].i: run[-1].i + 1]
        words = {t.lemma_.lower() for t in run if t.is_alpha and t.lower_ not in ("the", "a", "an", "of", "to")}
        return self._clause_ref(key, label, span, verb, words, sent_no, offset)

    def proposal_items(self, target: Ref, doc: Doc, dm: "DocMentions", sent_no: int, offset: int) -> list[Ref]:
        """The items of a proposal that the text lists with it, each its own proposal:

        * clauses coordinated with a clause target: "to lift the curfew and release the students";
        * the clauses after a proposal's own infinitive, as its parts: "a plan to cut fees, build
          homes and take action against evaders";
        * what a proposal is said to include, as its parts: "a policy including expanding
          settlements and demolishing homes", "measures such as a curfew".
        """
        if target.kind != PROPOSAL or not (0 <= target.start < target.end <= len(doc)):
            return []
        root = doc[target.start: target.end].root
        whole = None
        verbs: list[Token] = []
        if root.pos_ in ("VERB", "AUX"):
            verbs += coordinated_verbs(root)
            nouns = [c for c in root.children if c.dep_ in ("dobj", "nsubjpass")]
        else:
            whole, nouns = target, [root]
            for c in root.children:
                if c.dep_ in ("acl", "relcl") and c.tag_ == "VB":
                    verbs += coordinated_verbs(c)
                elif c.dep_ == "prep" and c.lower_ == "to" and c.i == root.i + 1:
                    # "a plan to fast-track cases, get ..." with the first verb misread as a noun
                    verbs += coordinated_verbs(root, "VB")
        items: list[Token] = []
        for noun in nouns:
            if noun.lemma_.lower() not in LIST_NOUNS:
                continue  # "integration, including NATO membership": one aim, said more precisely
            for c in noun.children:
                if c.dep_ in ("prep", "acl") and (c.lower_ == "including" or c.lower_ == "as" and c.i > 0
                                                   and doc[c.i - 1].lower_ == "such"):
                    whole = whole or dm.proposals.get(noun.i) or target
                    for p in c.children:
                        if p.dep_ in ("pobj", "pcomp", "dobj"):
                            items += [p, *p.conjuncts]
                            if p.pos_ == "VERB":
                                items += coordinated_verbs(p)
        out: list[Ref] = []
        for t in verbs + items:
            if t.pos_ == "VERB":
                ref = self.clause_proposal(t, sent_no, offset, doc, keep_neg=False, listed=True)
            else:
                ref = dm.proposals.get(t.i)
            if ref is None or ref.key == target.key or any(r.key == ref.key for r in out):
                continue
            out.append(ref)
            if whole is not None and ref.key in self.entities and ref.key != whole.key and (
                    t in items or root.pos_ not in ("VERB", "AUX")):
                self.entities[ref.key].part_of.add(whole.key)
        return out

    def _clause_ref(self, key: str, label: str, span: Span, verb: Token, words: set[str], sent_no: int,
                    offset: int) -> Ref:
        same = self._similar_proposal(verb.lemma_.lower(), words)
        if same is not None:
            key = same
        self.entity(key, PROPOSAL, label, Mention(offset + span.start_char, offset + span.end_char, span.text))
        ref = Ref(key, PROPOSAL, span.start, span.end, sent_no, False, False, verb.lemma_.lower())
        self.proposal_history.append(ref)
        self._introduce(ref, verb)
        self.proposal_words.setdefault(key, (verb.lemma_.lower(), words, set(), set()))
        return ref

    @classmethod
    def _proposed(cls, doc: Doc) -> list[Span]:
        """Noun phrases of a noun no proposal noun heads whose own modifier says it is proposed
        ("the proposed landfill", "a planned pipeline"): the head and the words before it."""
        w = DocWords.of(doc)
        heads = {w.head[i] for i, low in enumerate(w.lower) if low in PROPOSING_MODIFIERS and w.dep[i] in ("amod", "compound")}
        return [span for span in cls._phrases(doc, {w.lemma[i] for i in heads if w.pos[i] == "NOUN"})
                if any(t.lower_ in PROPOSING_MODIFIERS and t.dep_ in ("amod", "compound") for t in span.root.lefts)]

    @staticmethod
    def _phrases(doc: Doc, heads) -> list[Span]:
        """Noun phrases headed by one of `heads`: the head and the words before it that modify it.
        Built from the parse rather than spaCy's noun_chunks, which a misparse can swallow whole
        ("the treaty surprised observers" as one chunk)."""
        out = []
        w = DocWords.of(doc)
        lemma, pos, dep = w.lemma, w.pos, w.dep
        for i, head in enumerate(w.head):
            if pos[i] not in ("NOUN", "PROPN") or lexicon_key(lemma[i], pos[i], heads) not in heads:
                continue
            if dep[i] == "compound" and head > i and (lemma[head] in heads or pos[head] == "PROPN"):
                continue  # "accession talks", "Prime Minister Lena Vos": a modifier, not a head
            left = [c for c in w.children[i] if c < i and dep[c] in ("amod", "compound", "nmod", "poss", "nummod",
                                                                      "det", "npadvmod", "quantmod", "predet")]
            start = min([doc[c].left_edge.i for c in left] + [i])
            out.append(doc[start: i + 1])
        return out

    def _part_of(self, part: Token, dm: DocMentions, sent_no: int) -> None:
        whole = None
        for c in part.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        whole = dm.proposals.get(p.i)
                        if whole is None and p.lower_ in ("it", "this", "that"):
                            whole = self.resolve_proposal(None, sent_no, p.i)
        if whole is None:
            return
        parts = [c for c in part.children if c.dep_ == "appos"]
        if part.dep_ in ("attr", "appos") :
            head = part.head
            parts += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")] if part.dep_ == "attr" else [head]
        for p in parts:
            ref = dm.proposals.get(p.i)
            if ref is not None and ref.key != whole.key and ref.key in self.entities:
                self.entities[ref.key].part_of.add(whole.key)

    def _similar_proposal(self, head: str, words: set[str],
                          names: tuple[AbstractSet[str], ...] = (frozenset(), frozenset())) -> Optional[str]:
        """An earlier proposal with the same head whose words hold these, or are held by them
        ("invitation to Ukraine" is the "NATO invitation to Ukraine"), and whose names do not differ
        from these (`names`: those before the head and those in what it is of; "the Harlow plan" is
        not "the Whitby plan")."""
        for key, (h, w, *had) in self.proposal_words.items():
            if h == head and (words <= w or w <= words):
                if any(mine and theirs and not (mine <= theirs or theirs <= mine) for mine, theirs in zip(names, had)):
                    continue
                return key
        return None

    # -- resolution ----------------------------------------------------------------------------
    def owner_ref(self, token: Token, sent_no: int) -> Optional[Ref]:
        dm = self._dm
        if dm is not None and token.i in dm.actors:
            return dm.actors[token.i]
        if token.lower_ in PRONOUNS_PERSON:
            return self.resolve_person(sent_no)
        if token.lower_ in PRONOUNS_PLURAL:
            return self.resolve_plural(sent_no)
        return None

    @staticmethod
    def _after(ref: Ref, sent_no: int, token_i: Optional[int]) -> bool:
        """True where `ref` comes after the point being resolved (sentence, token), or holds it: "urged the
        president to reject it" does not mean "reject it"."""
        if ref.sent_no != sent_no:
            return ref.sent_no > sent_no
        return token_i is not None and ref.end > token_i

    def resolve_person(self, sent_no: int, token_i: Optional[int] = None) -> Optional[Ref]:
        """The person a he/she means: the subject of the nearest earlier sentence with a person subject,
        else the last person named."""
        last = None
        for ref in reversed(self.history):
            if ref.kind != PERSON or self._after(ref, sent_no, token_i):
                continue
            if last is None:
                last = ref
            if ref.subject and ref.sent_no >= sent_no - 1:
                return ref
            if ref.sent_no < sent_no - 2:
                break
        return last

    def resolve_plural(self, sent_no: int, token_i: Optional[int] = None) -> Optional[Ref]:
        """"They"/"their": the last plural actor or body named nearby; in its own sentence a plural
        subject, then another plural, before a body named in the singular ("Baltic nations, staunch
        allies of Ukraine gripped by their own fears": the nations' fears, not Ukraine's)."""
        fitting: list[Ref] = []  # the fitting ones of the pronoun's sentence, the last first; or the last before it
        for ref in reversed(self.history):
            if self._after(ref, sent_no, token_i) or not (
                    ref.plural or ref.kind in (GROUP, ORGANISATION, GOVERNMENT, COUNTRY) and ref.kind != PERSON):
                continue
            if ref.sent_no != sent_no:
                if not fitting and ref.sent_no >= sent_no - 3:
                    fitting.append(ref)
                break
            fitting.append(ref)
        for test in (lambda r: r.plural and r.subject, lambda r: r.plural, lambda r: True):
            for ref in fitting:
                if test(ref):
                    return ref
        return None

    def resolve_thing_actor(self, sent_no: int, token_i: Optional[int] = None) -> Optional[Ref]:
        """"It" as a holder: the last organisation, government or country named nearby, one named
        as a subject first ("UAAR launched a petition asking for the court's sentence. It also ...":
        UAAR, not the court); a place only where it was named as a subject ("talks in Jeddah" name
        where, not who)."""
        for subject_only in (True, False):
            for kinds in ((ORGANISATION, GOVERNMENT), (COUNTRY,)):  # a body before a place
                for ref in reversed(self.history):
                    if self._after(ref, sent_no, token_i) or (subject_only or COUNTRY in kinds) and not ref.subject:
                        continue
                    if ref.kind in kinds and sent_no - 2 <= ref.sent_no <= sent_no:
                        return ref
        return None

    def resolve_proposal(self, lemma: Optional[str] = None, sent_no: Optional[int] = None,
                         token_i: Optional[int] = None, debated: bool = False, plural: bool = False) -> Optional[Ref]:
        """The proposal a short form ("the plan") or a pronoun ("it") refers to; with `debated`,
        only one somebody has taken a stance on ("the idea" is not "the housing system"); with
        `plural`, only one named in the plural ("them" for "the sanctions"). A pronoun means the proposal
        named, not one named inside its words ("an amendment to exempt veterans from the age limit ... rejected
        it": the amendment, not the age limit)."""
        for ref in reversed(self.proposal_history):
            if sent_no is not None and self._after(ref, sent_no, token_i):
                continue
            if sent_no is not None and ref.sent_no < sent_no - 3:
                return None
            if lemma is None and any(o.sent_no == ref.sent_no and o.start < ref.start and o.key != ref.key
                                     and ref.key.partition("/")[2] in o.key for o in self.proposal_history):
                continue  # its words are part of the label of one named before it in the sentence
            if (lemma is None or ref.head_lemma == lemma) and (
                    not debated or ref.key in self.debated or ref.key in self.put_forward) and (
                    not plural or ref.plural):
                return ref
        return None

    def main_proposal(self, sent_no: int, token_i: int) -> Optional[Ref]:
        """The proposal the story is about so far: of those a stance has been read on or a verb put forward
        (`debated`, `put_forward`), the one with the most stances (the first named of those tied), as last
        named before the word. What "has not decided how to vote" is about, where the story has named
        amendments and counter-proposals since."""
        last: dict[str, Ref] = {}
        for ref in self.proposal_history:
            if (ref.key in self.stances_on or ref.key in self.put_forward) and not self._after(ref, sent_no, token_i):
                last[ref.key] = ref  # in order of first naming, the latest naming kept
        return max(last.values(), key=lambda r: self.stances_on.get(r.key, 0), default=None)

    def _resolve_role(self, head: Token, sent_no: int, token_i: Optional[int] = None) -> Optional[Ref]:
        """The person a role noun means ("the president"): the last one named with that title. A role
        a demonym names ("the Syrian president") is not a person whose title names another country."""
        role = head.lemma_.lower()
        country = next((self.lex.demonyms[c.text] for c in head.children
                        if c.dep_ in ("amod", "compound", "nmod") and c.text in self.lex.demonyms), None)
        for ref in reversed(self.history):
            if ref.kind == PERSON and role in self.titles.get(ref.key, set()) and not self._after(ref, sent_no, token_i):
                if country is not None and self._country_of_person(ref.key) not in (None, country):
                    continue
                return ref
        return None

    def _resolve_head(self, lemma: str, sent_no: int, token_i: Optional[int] = None) -> Optional[Ref]:
        for ref in reversed(self.history):
            if self._after(ref, sent_no, token_i):
                continue
            if lemma in self.heads.get(ref.key, set()) or ref.head_lemma == lemma:
                return ref
        return None

    def _record_titles(self, key: str, span: Span) -> None:
        doc = span.doc
        words: set[str] = set()
        i = span.start - 1
        while i >= 0 and doc[i].dep_ in ("compound", "amod", "nmod", "punct") and doc[i].head.i >= span.start - 1 and span.start - i <= 5:
            words.add(doc[i].lemma_.lower())
            i -= 1
        before = set(words)  # the title in front of the name, which the alternative label takes
        if words & OTHER_OFFICE:
            words = set()  # "President-elect Joe Biden", "Vice President Mike Pence": not "the president"
        for t in span.root.children:
            if t.dep_ == "appos":
                words.add(t.lemma_.lower())
        if span.root.dep_ == "appos":  # "a spokeswoman for Lufthansa, Anna Berg", hung on "Lufthansa"
            words.update(a.lemma_.lower() for a in appos_anchors(span.root.head))
        roles = words & self.lex.roles
        if roles:
            self.titles.setdefault(key, set()).update(roles)
            # (not the word a name stands in apposition to: "President Bush, Prime Minister Olmert" is
            # not "Bush Prime Minister Olmert")
            title = " ".join(t.text for t in doc[max(0, span.start - 4): span.start]
                             if t.lemma_.lower() in before and t.dep_ != "punct")
            if title and not set(title.split()) <= set(self.entities[key].label.split()):  # not "Sadiq Sadiq Khan"
                self.entities[key].alt_labels.add(f"{title} {self.entities[key].label}".strip())

    def name_ref(self, token: Token, sent_no: int, offset: int) -> Ref:
        """The body an acronym or alias names ("SADC" -> Southern African Development Community), as a mention."""
        key, kind, label = self.actor_identity(token.text, ORGANISATION)
        self.entity(key, kind, label, Mention(offset + token.idx, offset + token.idx + len(token.text), token.text,
                                              f"{token.text!r} stands for {label!r}"))
        return Ref(key, kind, token.i, token.i + 1, sent_no, head_lemma=token.lower_)

    def demonym_ref(self, token: Token, sent_no: int, offset: int) -> Ref:
        """The country a demonym names ("Swedish" -> Sweden), as an actor mention."""
        key, kind, label = self.actor_identity(self.lex.demonyms[token.text], COUNTRY)
        self.entity(key, kind, label, Mention(offset + token.idx, offset + token.idx + len(token.text), token.text))
        return Ref(key, kind, token.i, token.i + 1, sent_no, head_lemma=token.lower_)

    def _country_of_person(self, key: str) -> Optional[str]:
        """The country a person's title names ("Ukrainian President Volodymyr Zelensky" -> Ukraine)."""
        ent = self.entities.get(key)
        for name in sorted(ent.alt_labels | {ent.label}) if ent is not None else ():
            for word in name.split():
                if word in self.lex.demonyms:
                    return self.lex.demonyms[word]
                alias = self.lex.aliases.get(word)  # "U.S. President Barack Obama"
                if alias is not None and alias[1] == COUNTRY:
                    return alias[0]
        return None

    def _has_role(self, ent: Span) -> bool:
        root = ent.root
        def is_role(t: Token) -> bool:
            return t.lemma_.lower() in self.lex.roles
        if root.dep_ == "appos" and any(is_role(a) for a in appos_anchors(root.head)):
            return True  # "the mayor, Ana Costa"; "the head of the union, Ana Costa", hung on "union"
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        return before is not None and before.dep_ == "compound" and before.head.i >= ent.start and is_role(before)

    def _affiliation(self, person: Token, dm: DocMentions) -> Optional[Ref]:
        """The body a named person holds a role in: "Enver Solomon, chief executive of the Refugee
        Council"; "the Israeli Foreign ministry spokesperson, Yigal Palmor"; "Lufthansa spokeswoman Anna
        Berg"."""
        roles = []
        for t in person.children:
            # "Lufthansa spokeswoman Anna Berg": a spokesperson's title before the name ("Labour leader" is not)
            if t.dep_ == "appos" or t.dep_ == "compound" and t.i < person.i and spokesperson(t.lemma_.lower()):
                roles.append(t)
        if person.dep_ == "appos":  # also "a spokeswoman for Lufthansa, Anna Berg", hung on "Lufthansa"
            roles.extend(appos_anchors(person.head))
        # "Labour's Shadow Home Secretary Yvette Cooper"
        for t in person.doc[max(0, person.left_edge.i - 6): person.i]:
            ref = dm.actors.get(t.i)
            if ref is not None and t.dep_ == "poss" and _speaks_for(ref, t):
                return ref
        for role in roles:
            if role.lemma_.lower() not in self.lex.roles:
                continue
            if any(c.dep_ == "poss" and c.i in dm.actors and not _speaks_for(dm.actors[c.i], c)
                   for c in role.children):
                continue  # "Russia's U.N. ambassador, Konstantin Belov": Russia's, not the U.N.'s
            for t in role.subtree:
                if t.i == person.i:
                    continue
                ref = dm.actors.get(t.i)
                if ref is not None and _speaks_for(ref, t) and (
                        t.head.dep_ == "prep" and t.head.lower_ in ("of", "at", "for") or t.dep_ in ("compound", "poss", "nmod")):
                    return ref
        return None

    def _country_of(self, span: Span) -> Optional[str]:
        for t in span:
            if t.text in self.lex.demonyms:
                return self.lex.demonyms[t.text]
            if t.ent_type_ == "GPE":
                # the whole name ("South Africa"), as far as the span has it
                ent = next(e for e in span.doc.ents if e.start <= t.i < e.end)
                name = span.doc[max(ent.start, span.start): min(ent.end, span.end)]
                key, kind, label = self.actor_identity(name.text.rstrip("'s’"), COUNTRY)
                return label
        return None
