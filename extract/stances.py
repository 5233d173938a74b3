"""Stances: who supports, opposes or stays neutral on which proposal, read from the parse.

The rule-based extractor. For each sentence it finds stance cues (lexicon
entries: verbs, nouns, adjectives), reads the holder and the target from the
dependency tree, resolves pronouns and short forms through the article
context, attributes quotations to their speakers, and reads negation from the
cue and the verbs that govern it. Every stance names the lexicon entry or the
pattern that produced it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from spacy.tokens import Doc, Span, Token

from stancegraph.extract.lexicon import Cue, Lexicon, valence
from stancegraph.extract.mentions import (ACT_DEPS, DOCUMENT_NOUNS, OBJ_DEPS, PRONOUNS_PLURAL, PRONOUNS_SPEAKER,
                                          PRONOUNS_THING, PROPOSAL, SUBJ_DEPS, ArticleContext, DocMentions, Ref,
                                          coordinated_verbs, drafting, neutral_row_misfits, passive_advcl,
                                          passive_infinitive, small_clause, spokesperson)
from stancegraph.extract.records import NEUTRAL, OPPOSE, OPPOSITE, SUPPORT, Stance
from stancegraph.extract.words import (DELIBERATING_VERBS, FUTURE_AUX, NAMING_VERBS, OVERRIDING_VERBS, PROPOSAL_PARTS,
                                      RETRACTING_VERBS, UNDECIDED_VERBS, UNHESITATING, WITHHELD, WITHHOLDING_VERBS,
                                      DocWords, expletive, supposed)

# Pattern ids for stances that no single lexicon word produces.
RULE_MODAL = "pattern.modal-proposal"  # "the first step should be an invitation"
RULE_CONDITION = "pattern.condition-demand"  # "unless Romania withdraws its troops", "a strike if the port is sold"
RULE_PROPOSER = "pattern.proposer"  # "Labour's plan", "SADC sanctions"
RULE_REFUSAL = "pattern.refusal"  # "Britain will not rejoin the customs union"
RULE_UNDECIDED = "pattern.undecided"  # "Brazil is weighing whether to back the fund"
RULE_VOTED_ON = "pattern.voted-on"  # "adopted the resolution, with Russia abstaining"
RULE_CALLED_ACTION = "pattern.called-action"  # "the union called a strike", "declared a state of emergency"
RULE_JUDGED = "pattern.judged"  # "said the deal was balanced and fair"
RULE_EFFECT = "pattern.effect"  # "warned that the rent freeze would hurt landlords"
RULE_DELIBERATING = "pattern.deliberating"  # "would study the bill", "is still reviewing the regulation"
RULE_UNDECIDED_VOTE = "pattern.undecided-vote"  # "has not decided how it will vote", "said she was undecided"
RULE_DEEMED = "pattern.deemed"  # "called the accord a victory", "described the cut as a responsible step"
RULE_DRAFTED = "pattern.drafted"  # "the British-drafted resolution": who drafted it backs it
RULE_BANNED = "pattern.banned"  # "Tanzania banned the export of unrefined gold": for the ban
# Collective actions that whoever calls them organises, and so backs ("the union called a strike"):
# `StanceReader._called_action`.
# Verbs a proposal does to the body that votes it through ("the bill passed the Senate", "cleared the House"):
# `StanceReader._passed_through`
PASSING_VERBS = {"pass", "clear"}
# Nouns of what one undertakes to do, whose infinitive its undertaker means to do ("launched a campaign to block
# the rent freeze", "filed a lawsuit to stop it"): `StanceReader._undertaken`
UNDERTAKINGS = {"campaign", "bid", "attempt", "drive", "push", "lawsuit", "suit", "challenge", "motion",
                "petition", "appeal", "initiative"}
# Verbs whose act puts a ban in force: who bans a thing backs the ban on it, as the annotation writes it
# ("Germany banned Mahan Air from flying": for the ban), not against the thing (`StanceReader._banned`).
BANNING_VERBS = {"ban", "prohibit", "outlaw"}
CALLED_ACTIONS = {"strike", "walkout", "stoppage", "protest", "boycott", "march", "rally", "demonstration",
                  "shutdown", "referendum"}

# Support cues whose negation withholds judgement rather than opposes ("won't endorse", "declined to endorse").
WITHHELD_WHEN_NEGATED = {"endorse", "commit", "recommend", "pledge"}
# Oppose cues that undo a proposal in force: not undoing it keeps it ("would not lift the ban", "refused to scrap
# the tax", "vowed never to repeal the law": for it), where not opposing it takes no side ("did not oppose").
KEPT_WHEN_NEGATED = {"lift", "scrap", "repeal", "abolish", "overturn", "revoke", "rescind", "reverse", "roll"}
# Cues of judgement, which "yet to" withholds ("has yet to endorse the bill", "has yet to back it": neutral);
# an act not yet done ("is yet to sign the amendment") is no judgement either way, and reads as before.
JUDGED_WHEN_PENDING = WITHHELD_WHEN_NEGATED | {"support", "back", "oppose", "reject"}
# Verbs (and adjectives of reluctance) that turn the action they govern into its refusal: "refused to sign
# the accord", "was reluctant to back the tax".
REFUSALS = {"refuse", "decline", "reject", "fail", "reluctant", "hesitant", "unwilling"}
# Verbs whose "whether" clause may be left undecided (`DocWords.undecided_clause`)
WHETHER_VERBS = UNDECIDED_VERBS | WITHHOLDING_VERBS
MODALS = {"should", "must", "ought", "need"}
# The cues of a vote, which may be cast with no object of its own ("with Russia abstaining", "voted against"):
# `StanceReader._voted_on`, `RULE_VOTED_ON`
VOTE_CUES = {"v.abstain", "v.vote_for", "v.vote_against"}
VOTE_IN_FAVOUR = Cue("v.vote_in_favour", "vote", "VERB", "", SUPPORT, 0.85)  # "voted in favour" (`_in_favour`)
HAPPEN_VERBS = {"happen", "come", "go", "start", "begin", "be", "proceed", "take"}
# What a threat made on a condition does ("threatened a strike if the port is privatised": against it):
# `StanceReader._conditioned`
THREATS = {"strike", "walkout", "stoppage", "protest", "boycott", "shutdown", "blockade", "block", "sue", "lawsuit",
           "quit", "resign", "retaliate", "retaliation", "veto"}
# Verbs whose passive says a proposal is to happen, not what is done to it: "called for a referendum to be held"
# is the referendum ("for sanctions to be lifted" is lifting them)
DONE_AS_IS = {"hold", "pass", "approve", "adopt", "sign", "ratify", "implement", "enact", "introduce", "apply",
              "carry", "conduct", "establish", "create", "set", "complete", "deliver", "respect", "honour", "honor"}
# Verbs of talking a proposal over, beside those of looking it over (`DELIBERATING_VERBS`): being for them takes
# no side on the proposal ("open to discussing the proposal")
DISCUSSING_VERBS = {"discuss", "debate", "negotiate"}
LOOKING_OVER = DELIBERATING_VERBS | DISCUSSING_VERBS
# Auxiliaries of a prediction: what a proposal "would" or "could" do (`StanceReader._effect`).
PREDICTING_AUX = {"would", "will", "could", "might", "may", "'ll", "wo"}
# ... and verbs of changing an amount, whose feeling is that of what changes ("would lower fares", "would boost
# costs"): no side by themselves.
AMOUNT_VERBS = {"lower", "raise", "cut", "slash", "reduce", "increase", "decrease", "boost", "double", "halve"}
# What is taken or given as a judgement ("would not take a position", "took no stance"): `_judgement_unmade`
JUDGEMENT_NOUNS = {"position", "stance", "view", "side", "decision"}
# Verbs that take or give a judgement (`JUDGEMENT_NOUNS`): "would not take a position", "gave no view"
JUDGEMENT_TAKING_VERBS = {"take", "adopt", "express", "give"}
# Verbs of a judgement that may be left unmade with nothing named ("had not yet decided", "abstained")
UNMADE_VERBS = {"decide", "commit", "abstain"} | JUDGEMENT_TAKING_VERBS
CONDITION_MARKS = {"if", "unless", "after", "until", "once", "provided", "when", "before"}
QUOTE_PAIRS = {"“": "”", "\"": "\"", "«": "»", "‘": "’"}
_QUOTE_MARKS = re.compile("[" + re.escape("".join(QUOTE_PAIRS)) + "]")
LIGHT_VERBS_OK = {"voice", "express", "give", "offer", "pledge", "show", "lend", "drum", "rally", "win", "gain",
                  "announce", "declare", "reiterate", "signal", "make", "issue", "launch", "throw", "state"}
# Noun cues that name what people do about a proposal, not only a position on it ("protests against
# the reform", "outrage over the decision"): the subject of the verb they are the object of holds the
# stance only where that verb is one of holding or voicing them ("staged protests against", "voiced
# outrage over"), not where it acts on them ("banned protests against", "the plan sparked outrage").
EVENT_NOUNS = {"protest", "outrage", "anger", "backlash", "strike", "walkout", "boycott"}
HOLDING_VERBS = LIGHT_VERBS_OK | {"stage", "hold", "lead", "join", "organise", "organize", "mount", "spearhead",
                                  "vent", "air", "lodge", "file", "register", "submit", "threaten", "begin",
                                  "stag"}  # "staged": the small pipeline's lemmatizer gives "stag"
# Nouns that frame a proposal: "the start of a process", "the implementation of reforms".
FRAME_NOUNS = {"start", "beginning", "launch", "creation", "introduction", "implementation", "adoption",
               "use", "idea", "principle", "goal", "aim", "prospect", "possibility", "passage", "approval",
               "establishment", "extension", "expansion", "continuation"}
# Cues whose object may be no proposal while the sentence says which one it is about.
FALLBACK_TARGET_CUES = {"agree", "welcome", "applaud", "praise", "hail"}
# Events done to a proposal, which "welcomed the signing" or "praised the vote" takes a side on through it
DONE_TO_NOUNS = {"signing", "vote", "announcement", "launch", "passage", "adoption", "approval", "ratification"}
# Verbs of asking: what they ask for is a proposal, whatever its words ("requested that the
# presidents shake hands"), where other cues need a policy verb or a proposal noun in the clause.
DEMAND_CUES = {"urge", "ask", "request", "demand", "call", "appeal", "press", "insist"}
# Verbs whose subject is given a stance by others: "the plan drew criticism from X", "has the backing of X".
RECEIVING_VERBS = {"draw", "attract", "face", "receive", "win", "have", "gain", "get", "enjoy", "earn", "garner",
                   "meet", "encounter", "spark", "provoke", "trigger", "prompt", "elicit"}
# Verbs that put a stance to someone else: "urged the ministry to back X" is the urger's stance on X.
URGING_VERBS = DEMAND_CUES | {"encourage", "persuade", "convince", "invite", "tell", "order", "instruct"}
CLAUSE_TARGET_CUES = {"urge", "ask", "request", "demand", "call", "appeal", "agree", "propose", "recommend",
                      "want", "prefer", "promise", "pledge", "vow", "insist", "commit", "push",
                      "press", "advocate", "refuse", "vote", "order", "threaten", "instruct", "tell"}


def relative_proposal(token: Token, dm: DocMentions) -> tuple[bool, Optional[Ref]]:
    """Whether `token` is a relative pronoun ("which", "that" opening a relative clause), and the
    proposal it means: the noun its clause hangs on ("the tax, which the Greens oppose"), or none
    ("the party, which opposes the tax"); where the parser hung it on a noun inside the proposal's
    phrase ("the air strike against the rebels, which Y condemned"), the proposal that phrase belongs to."""
    low = token.lower_
    if low not in ("which", "that") or token.head.dep_ != "relcl":
        return False, None
    t = token.head.head
    for _ in range(3):
        ref = dm.proposal_at(t)
        if ref is not None or t.dep_ not in ("pobj", "prep") or low != "which":
            return True, ref
        t = t.head
    return True, None


@dataclass
class Attribution:
    """Who speaks a stretch of text: a quotation or a reported clause."""

    start: int  # character offsets within the doc
    end: int
    speaker: Optional[Ref]


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quotation spans (inner offsets), pairing marks by type; an unmatched mark is skipped
    (textacy's direct_quotations raised on those: issues #379, #383), except an opening
    one before a word, which runs to the end of the text (a quote that goes on into the
    next paragraph, as news style has it, is closed only there)."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in QUOTE_PAIRS:
            close = QUOTE_PAIRS[ch]
            if ch == "‘" and i > 0 and text[i - 1].isalpha():
                i += 1
                continue
            j = text.find(close, i + 1)
            if close == "’":
                # an apostrophe is not a closing quote: look for one followed by a non-letter
                while j != -1 and j + 1 < n and text[j + 1].isalpha():
                    j = text.find(close, j + 1)
            if j == -1:
                if ch in ('"', "“") and i + 1 < n and text[i + 1].isalnum() and (i == 0 or text[i - 1] in " :(\n"):
                    # a quote that goes on into the next paragraph is not closed in this one
                    spans.append((i + 1, n))
                    break
                i += 1
                continue
            spans.append((i + 1, j))
            i = j + 1
            continue
        mark = _QUOTE_MARKS.search(text, i + 1)  # on to the next mark, not a Python step per character
        i = mark.start() if mark is not None else n
    return spans


def _looked_at(verb: Token) -> Optional[Token]:
    """What a verb of looking over looks at: its object ("study the bill"), "at" what ("look at the plan")."""
    if verb.lemma_.lower() == "look":
        at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"), None)
        return next((p for p in at.children if p.dep_ == "pobj"), None) if at is not None else None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _negated(verb: Token) -> bool:
    """The verb is negated ("not to build", "would not expand", "never to accept"), as the learned
    reading's features read it (`DocWords.negated`). A stance on its clause, whose label leaves the
    negation out, is the opposite stance on what the label names."""
    return verb.i in DocWords.of(verb.doc).negated


# Nouns of saying whose that-clause is what their maker says ("repeated her claim that the tax would be
# disastrous"): `StanceReader._reporter`
CLAIM_NOUNS = {"claim", "argument", "assertion", "contention", "insistence", "belief", "view", "warning"}
# Plural nouns of those sent by a country or body: "ministers from Croatia and Albania" act for them.
SENT_NOUNS = {"minister", "delegate", "delegation", "official", "diplomat", "envoy", "representative", "negotiator",
              "lawmaker", "legislator", "member", "mp", "senator", "deputy", "parliamentarian", "councillor", "councilor"}


def _sent_from(noun: Token, dm: "DocMentions") -> Optional[Ref]:
    """The country or body that plural envoys are "from" ("energy ministers from Croatia, Albania and
    Montenegro", "delegates from Kenya and Uganda": the annotation has the countries hold the stance)."""
    if noun.tag_ != "NNS" or noun.lemma_.lower() not in SENT_NOUNS:
        return None
    return next((dm.actor_at(p) for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                 for p in c.children if p.dep_ == "pobj" and dm.actor_at(p) is not None
                 and dm.actor_at(p).kind != "Person"), None)


def _copula_subject(attr: Token) -> Optional[Token]:
    """The subject of the copula an attribute hangs on ("[Norway] was the only country to ...", "[Ames] was
    among those who ..."), if any."""
    return next((c for c in attr.head.children if c.dep_ == "nsubj"), None)


def shared_passive_subject(verb: Token) -> Optional[Token]:
    """The passive subject a participle joined to a passive verb shares with it, where the participle has an agent
    of its own: "the ban is supported by Norway but [opposed] by Iceland" (the ban); else None."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or not any(c.dep_ == "agent" for c in verb.children) or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)


def _noun_infinitive(noun: Token, clause: Token) -> bool:
    """An infinitive the parser hangs on a noun as an adverbial clause: "calls to lift the ban",
    "calls for the ban to be lifted" (a noun takes no adverbial clause, so it is the noun's own)."""
    return noun.pos_ == "NOUN" and clause.dep_ == "advcl" and clause.pos_ in ("VERB", "AUX") and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def naming_complements(verb: Token) -> list[Token]:
    """What a naming verb calls its object, by the complement's head: "called the plan [a betrayal]",
    "described the cut as [a step]", and a verbless clause the parser makes of the two, "declared the strike
    [illegal]" (`NAMING_VERBS`; read by `StanceReader._deemed` and `learn._namings`)."""
    return [c for c in verb.children if c.dep_ == "oprd" or verbless_subject(c) is not None] + [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"] + [
        a for c in verb.children if c.dep_ == "dobj" for a in c.children if quoted_appositive(a)]


def quoted_appositive(tok: Token) -> bool:
    """An appositive of a naming verb's object that opens with a quotation mark: what the verb calls the object,
    in the speaker's words, which the parser hangs on the object ("called the accord [\"a strategic necessity\"]")."""
    start = tok.left_edge.i
    return tok.dep_ == "appos" and start > 0 and tok.doc[start - 1].is_quote and tok.head.dep_ == "dobj" \
        and tok.head.head.lemma_.lower() in NAMING_VERBS


def naming_verb_of(tok: Token) -> Optional[Token]:
    """The naming verb whose complement `tok` is, or the first of the words joined to it ("called the accord
    [a triumph]", "described the cut as [unfair] and [cruel]", "declared the strike [illegal]"); else None."""
    lead = complement_lead(tok)
    verb = complement_verb(lead)
    if verb.lemma_.lower() in NAMING_VERBS and any(c.i == lead.i for c in naming_complements(verb)):
        return verb
    return None


def complement_verb(lead: Token) -> Token:
    """The verb a complement says its object is by: its head, or the head above "as" ("described the cut as
    [a step]") or above the object a quoted complement hangs on ("called the accord [\"a necessity\"]")."""
    return lead.head.head if lead.head.lower_ == "as" or quoted_appositive(lead) else lead.head


def complement_lead(tok: Token) -> Token:
    """The first of the words joined to `tok` ("called the deal painful but [necessary]": "painful"), which
    has the place in the parse they all have."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def verbless_subject(comp: Token) -> Optional[Token]:
    """The subject of a clause with no verb, an adjective or a noun said of it: "declared [the strike]
    illegal", "considers [the bill] dangerous" (the parser's ccomp with its own subject); else None."""
    if comp.dep_ != "ccomp" or comp.pos_ not in ("ADJ", "NOUN") or any(
            c.dep_ in ("aux", "auxpass", "cop") for c in comp.children):
        return None
    return next((c for c in comp.children if c.dep_ == "nsubj" and c.i < comp.i), None)


class ClauseNegation(tuple):
    """A cue's (negated, negated above) where the negation is its target clause's own ("pledged not to sell
    the harbour land", "pledged that the town would not sell it"): a side against what the clause does, not a
    judgement withheld, as "did not pledge support" is."""


def misplaced_preps(noun: Token) -> list[Token]:
    """The preposition right after a noun of "in protest at X" that the parse hung on what "in" hangs on, or
    on that word's verb ("threatened to block roads in protest at the price cap": "at" on "block"); none
    where the noun is not the object of "in"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "in" or noun.pos_ != "NOUN":
        return []
    hung = noun.head.head
    return [c for x in ((hung,) if hung.head is hung else (hung, hung.head))
            for c in x.children if c.i == noun.i + 1 and c.dep_ == "prep"]


def evidence_of(sent: Span, offset: int) -> tuple[str, int, int]:
    """A sentence as evidence: its text and its offsets in the article, which slice out exactly the
    evidence (spaces around a sentence are not in it)."""
    text = DocWords.of(sent.doc).span_text(sent)
    lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
    return text.strip(), offset + sent.start_char + lead, offset + sent.end_char - trail


def quote_around(char: int, quotes: list[tuple[int, int]], offset: int) -> Optional[tuple[int, int]]:
    """The article offsets of the quotation that the doc's character `char` sits in, if any."""
    qi = StanceReader._inside_quote(char, quotes)
    if qi is None:
        return None
    qs, qe = quotes[qi]
    return offset + qs, offset + qe


class StanceReader:
    """Reads the stances of one article, paragraph by paragraph."""

    def __init__(self, lexicon: Lexicon, ctx: ArticleContext, article_text: str) -> None:
        self.lex = lexicon
        self.ctx = ctx
        self.text = article_text
        # the lemmas and forms the cue lexicon has an entry for: a word with neither has none (`_entries`)
        self._cue_words = {lemma for lemma, _ in lexicon.cues}
        self.last_speaker: Optional[Ref] = None
        self.quotes: list[tuple[int, int]] = []  # the quotations of the last doc read, and their speakers
        self.speakers: dict[int, Optional[Ref]] = {}

    # -- per doc --------------------------------------------------------------------------
    def read(self, doc: Doc, dm: DocMentions, offset: int, first_sent_no: int) -> Iterator[Stance]:
        quotes = find_quotes(DocWords.of(doc).text)
        sents = self.ctx.sentences(doc)
        speakers = self._attribute(doc, dm, sents, quotes, first_sent_no)
        # kept for the learned reading, which pairs a quote's speaker with what the quote names
        self.quotes, self.speakers = quotes, speakers
        for n, sent in enumerate(sents):
            sent_no = first_sent_no + n
            yield from self._sentence(doc, sent, dm, offset, sent_no, quotes, speakers)

    def _speech_subject(self, verb: Token, dm: DocMentions, sent_no: int) -> Optional[Ref]:
        """Who says it: the speech verb's subject, or that of the verb it is joined to
        ("He pledged ..., and stressed that ...")."""
        for subj in self.subjects_of(verb):
            ref = self.actor_of(subj, dm, sent_no) or self._document_speaker(subj, sent_no)
            if ref is not None:
                return ref
            if subj.lemma_.lower() in self.lex.roles:
                # "the CEO of the council, Ann Lee, said": the person named beside the role
                for c in subj.children:
                    ref = self.actor_of(c, dm, sent_no) if c.dep_ == "appos" else None
                    if ref is not None:
                        return ref
                # "a spokesman for Oxfam said": the body the role is held in
                for prep in subj.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                        for p in prep.children:
                            ref = self.actor_of(p, dm, sent_no) if p.dep_ == "pobj" else None
                            if ref is not None:
                                return ref
            if subj.head.i == verb.i:
                return None
        return None

    def _attribute(self, doc: Doc, dm: DocMentions, sents: list[Span], quotes: list[tuple[int, int]],
                   first_sent_no: int) -> dict[int, Optional[Ref]]:
        """Speaker of each quotation, by its index in `quotes`."""
        result: dict[int, Optional[Ref]] = {}
        sent_speaker: dict[int, Optional[Ref]] = {}
        unnamed: set[int] = set()  # sentences whose speaker is someone we cannot name ("a witness said")
        w = DocWords.of(doc)
        for n, sent in enumerate(sents):
            spk = None
            for i in range(sent.start, sent.end):
                if w.pos[i] in ("VERB", "AUX") and w.lemma[i] in self.lex.speech_verbs:
                    t = doc[i]
                    if self._inside_quote(t.idx, quotes):
                        continue
                    spk = self._speech_subject(t, dm, first_sent_no + n)
                    if spk is not None:
                        break
                    if any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in t.children):
                        unnamed.add(n)
            sent_speaker[n] = spk
        for qi, (qs, qe) in enumerate(quotes):
            # the sentence(s) the quote sits in; the speaker is named there, or just after, or just before
            ns = [n for n, s in enumerate(sents) if s.start_char < qe and s.end_char > qs]
            spk = None
            if ns and all(n in unnamed for n in ns):
                result[qi] = None  # the quote's own sentence names a speaker we do not know
                continue
            for n in ns:
                if sent_speaker.get(n) is not None:
                    spk = sent_speaker[n]
                    break
            if spk is None and ns and w.text[:max(qs - 1, 0)].rstrip().endswith(":"):
                # 'Sunak defended the record: "..."': the subject of the clause that introduces it
                root = sents[ns[0]].root
                subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                spk = self.actor_of(subj, dm, first_sent_no + ns[0]) if subj is not None else None
                if spk is None and subj is not None:
                    spk = self._document_speaker(subj, first_sent_no + ns[0])
            if spk is None and ns:
                after = ns[-1] + 1
                if after in sent_speaker and sent_speaker[after] is not None and sents[after].text.lstrip()[:1] not in QUOTE_PAIRS:
                    spk = sent_speaker[after]
            if spk is None and ns:
                before = ns[0] - 1
                spk = sent_speaker.get(before) if before >= 0 else None
            if spk is None and ns and not any(sent_speaker.get(n) for n in range(len(sents))):
                spk = self.last_speaker
            result[qi] = spk
            if spk is not None:
                self.last_speaker = spk
        for n in range(len(sents)):
            if sent_speaker.get(n) is not None:
                self.last_speaker = sent_speaker[n]
        return result

    @staticmethod
    def _leader(token: Token, dm: DocMentions) -> Optional[Ref]:
        """The actor a group is "led by" or "headed by"."""
        for c in token.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ("lead", "head", "spearhead"):
                for agent in c.children:
                    if agent.dep_ == "agent":
                        ref = next((dm.actor_at(p) for p in agent.children if p.dep_ == "pobj" and dm.actor_at(p)), None)
                        if ref is not None:
                            return ref
        return None

    @staticmethod
    def _members(token: Token, dm: DocMentions) -> list[Ref]:
        """The actors a group names as its members: "unions including Unite and the GMB", "politicians such
        as John McCain and Lindsey Graham", "supporters of the freeze include Ames and Ruiz" (who hold what
        the group holds)."""
        named = [p for c in token.children if c.dep_ == "prep" and (c.lower_ == "including" or c.lower_ == "as" and any(
            a.lower_ == "such" for a in c.children)) for p in c.children if p.dep_ == "pobj"]
        if token.dep_ == "nsubj" and token.head.lemma_.lower() == "include":
            named += [c for c in token.head.children if c.dep_ == "dobj"]
        return [r for r in (dm.actor_at(t) for p in named for t in [p, *p.conjuncts]) if r is not None]

    def _document_speaker(self, subj: Token, sent_no: int) -> Optional[Ref]:
        """"the joint statement said", and then "it also set a target": a document speaks for the
        authors it was said to be by. The Ref is the first author's, marked with the document noun
        (`head_lemma`) so the stances it states go to every author (`_authors_of`)."""
        lemma = subj.lemma_.lower()
        if subj.lower_ == "it" and self.last_speaker is not None and self.last_speaker.head_lemma in DOCUMENT_NOUNS:
            lemma = self.last_speaker.head_lemma
        authors = self.ctx.doc_authors.get(lemma) if lemma in DOCUMENT_NOUNS else None
        if not authors:
            return None
        return Ref(authors[0].key, authors[0].kind, subj.i, subj.i + 1, sent_no, head_lemma=lemma)

    def _authors_of(self, holder: Ref, speaker: Optional[Ref]) -> list[Ref]:
        """The other authors of the document that is speaking, where the holder is its speaker."""
        if speaker is None or holder.key != speaker.key or speaker.head_lemma not in DOCUMENT_NOUNS:
            return []
        return [a for a in self.ctx.doc_authors.get(speaker.head_lemma, []) if a.key != holder.key]

    @staticmethod
    def _inside_quote(char: int, quotes: list[tuple[int, int]]) -> Optional[int]:
        for qi, (qs, qe) in enumerate(quotes):
            if qs <= char < qe:
                return qi
        return None

    # -- resolution helpers ----------------------------------------------------------------
    def actor_of(self, token: Token, dm: DocMentions, sent_no: int,
                 speaker: Optional[Ref] = None) -> Optional[Ref]:
        sent = _sent_from(token, dm)
        if sent is not None:
            return sent  # "energy ministers from Croatia, Albania and Montenegro signed": the countries
        # "CEO of the Refugee Council Enver Solomon", "The MP for Winchester, Mark Oaten": a role word
        # whose apposition names the person
        for c in token.children:
            named = dm.actor_at(c)
            if named is not None and c.dep_ in ("appos", "compound") and named.kind == "Person":
                return named
            if c.dep_ == "prep" and (spokesperson(token.lemma_.lower()) or token.lemma_.lower() in self.lex.roles
                                     and token.tag_ == "NN"):
                # "a spokeswoman for Lufthansa, Anna Berg, said": the parser hangs the name on the body
                named = next((dm.actor_at(a) for p in c.children if p.dep_ == "pobj" and dm.actor_at(p) is not None
                              for a in p.children if a.dep_ == "appos" and dm.actor_at(a) is not None), None)
                if named is not None and named.kind == "Person":
                    return named
        if token.dep_ == "attr" and token.head.lemma_.lower() == "be" and any(
                c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in token.children) and (subj := _copula_subject(token)) is not None \
                and (ref := dm.actor_at(subj)) is not None:
            return ref  # "Norway was the only country to vote against the ban": who the country to do it is
        ref = dm.actor_at(token)
        if ref is not None:
            return ref
        for c in token.children:
            if c.dep_ == "appos" and dm.actor_at(c) is not None:
                return dm.actor_at(c)  # "the secularist magazine MicroMega": the apposition names it
        if token.dep_ == "attr" and token.tag_ in ("NNS", "NNPS") and (subj := _copula_subject(token)) is not None \
                and (ref := dm.actor_at(subj)) is not None:
            return ref  # "the Netherlands is one of the countries that back X": the countries meant are the subject
        leader = self._leader(token, dm)
        if leader is not None:
            return leader  # "five opposition groups headed by Al Wefaq": the named head of an unnamed group
        members = self._members(token, dm) or next((m for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                                                    for p in c.children if p.dep_ == "pobj"
                                                    for m in [self._members(p, dm)] if m), [])
        if members:
            return members[0]  # "a coalition of environmental groups, including Greenpeace, backed": its named members
        if token.lemma_.lower() in DOCUMENT_NOUNS:
            # "a statement from the association condemned X", "a report by the chamber criticised X", "the
            # association's statement": its author
            author = next((dm.actor_at(p) for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in (
                "from", "by") for p in c.children if p.dep_ == "pobj" and dm.actor_at(p) is not None), None) or next(
                (dm.actor_at(c) for c in token.children if c.dep_ == "poss" and dm.actor_at(c) is not None), None)
            if author is not None:
                return author
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "our", "my")), None)
        noun = self.lex.actor_nouns.get(token.lemma_.lower())
        if owner is not None and noun is not None and noun.kind != "Person":
            # "her party", "his ministry": the body the person just named speaks for
            person = self.ctx.resolve_person(sent_no, token.i) if owner.lower_ in ("his", "her") else speaker
            body = self.ctx.affiliation.get(person.key) if person is not None else None
            if body is not None:
                return Ref(body, noun.kind, token.i, token.i + 1, sent_no)
            if speaker is not None and (person is None or person.key == speaker.key):
                # "Tamm said her government would study the proposal": the body is not named, and the
                # one who speaks for it holds the stance (ANNOTATION.md: spokesman and body both)
                return speaker
        represented = noun is not None and (noun.kind != "Person" or noun.role)  # a body, or a role held in one
        if speaker is not None and represented and token.dep_ in SUBJ_DEPS \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
                and self._spokesperson_says(token.head):
            # "a spokeswoman for the ministry said the country was studying the cut", "... said the head of
            # state would study the law": whom a spokesperson speaks for, unnamed, is who the spokesperson
            # stands for
            return speaker
        low = token.lower_
        if low in PRONOUNS_SPEAKER and speaker is not None:
            return speaker
        if low in ("it", "they", "he", "she") and token.head.dep_ == "ccomp" and \
                token.head.head.lemma_.lower() in self.lex.speech_verbs:
            # "SADC has said it is calling for ...": the one who says it
            said = self._speech_subject(token.head.head, dm, sent_no)
            if said is not None and (low != "it" or said.kind != "Person") and (low not in ("he", "she") or said.kind == "Person"):
                return said
        if low == "it" and token.dep_ in SUBJ_DEPS:
            if expletive(token):
                return None  # "it was important to defeat the bill": an expletive, nobody's stance
            return self.ctx.resolve_thing_actor(sent_no, token.i)
        if low in ("who", "which", "that") and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if antecedent.lower_ == "those" and antecedent.dep_ == "attr":
                # "Ames was among those who voted against the freeze" (`mentions._hang_membership`): the subject
                subj = _copula_subject(antecedent)
                return self.actor_of(subj, dm, sent_no, speaker) if subj is not None else None
            return dm.actor_at(antecedent)
        return None

    def _said_of(self, token: Token, dm: DocMentions) -> Optional[Ref]:
        """The proposal a speech verb says its words are of: "\"It is a disaster,\" she said of the rent freeze"
        (the quotation's "it" and "this" come before what they mean)."""
        verb = next((v for v in token.ancestors if v.lemma_.lower() in self.lex.speech_verbs), None)
        return next((dm.proposal_at(p) for c in verb.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj" and dm.proposal_at(p) is not None),
                    None) if verb is not None else None

    def _spokesperson_says(self, clause: Token) -> bool:
        """`clause` is what a spokesperson says: "Pedro Alves, a spokesman for the ministry, said ...", "a
        spokeswoman for its energy ministry, Aigerim Nurlanova, said ...", "ministry spokesman Ivan Petrov said"."""
        if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in self.lex.speech_verbs:
            return False
        subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and any(spokesperson(t.lemma_.lower()) for t in [subj, *(
            c for c in subj.children if c.dep_ in ("appos", "compound"))])

    def proposal_of(self, token: Token, dm: DocMentions, sent_no: int, offset: int, doc: Doc) -> Optional[Ref]:
        ref = dm.proposal_at(token)
        if ref is not None:
            return ref
        relative, ref = relative_proposal(token, dm)
        if relative:
            return ref
        low = token.lower_
        if low in PRONOUNS_THING and token.pos_ in ("PRON", "DET") and not expletive(token):
            return self._said_of(token, dm) or self.ctx.resolve_proposal(None, sent_no, token.i)
        if low in ("them", "they", "these", "those") and token.pos_ == "PRON":
            # "He called them counterproductive": the proposals just named, unless a group of
            # people was named after them ("welcomed the refugees and supports them")
            ref = self.ctx.resolve_proposal(None, sent_no, token.i, plural=True)
            people = next((r for r in reversed(self.ctx.history) if r.plural and not ArticleContext._after(r, sent_no, token.i)), None)
            if ref is not None and people is not None and (people.sent_no, people.start) > (ref.sent_no, ref.start):
                return None
            return ref
        if token.pos_ == "VERB" and token.tag_ in ("VB", "VBG"):
            return self.ctx.clause_proposal(token, sent_no, offset, doc)
        return None

    def subject_of(self, verb: Token) -> Optional[Token]:
        """The nearest subject of a verb, climbing xcomp/conj/advcl chains ("tried to drum up support")."""
        return next(self.subjects_of(verb), None)

    def subjects_of(self, verb: Token) -> Iterator[Token]:
        """Subjects from the verb upwards: its own, then those of the verbs it hangs on
        (xcomp, conj, advcl; a ccomp only below a verb that is not a speech verb)."""
        v = verb
        for _ in range(8):
            own = False
            for child in v.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    own = True
                    yield child
            if own and v.dep_ == "conj":
                return  # "X endorsed the bill, but the governor has yet to back it": not X's
            if v.dep_ == "relcl":
                yield v.head
                return
            if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.dep_ in OBJ_DEPS and v.head.head.pos_ in ("VERB", "AUX"):
                # "made an appeal asking that ...": who made the appeal asks
                v = v.head.head
                continue
            if v.dep_ == "acl" and v.tag_ == "VB" and self._undertaken(v.head):
                # "launched a campaign to block the rent freeze": who launched it means to block it
                v = v.head.head
                continue
            if (v.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp", "pcomp", "prep")
                    or v.dep_ == "advmod" and v.lower_ == "short") and v.head is not v:  # "stopped short of"
                if v.dep_ == "ccomp" and v.head.lemma_.lower() in self.lex.speech_verbs:
                    return
                if v.dep_ == "xcomp" or v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.lower_ in ("of", "into", "from", "against"):
                    governor = v.head if v.dep_ == "xcomp" else v.head.head
                    obj = next((c for c in governor.children if c.dep_ in ("dobj", "obj") and c.i < v.i), None)
                    if obj is not None and not (v.dep_ == "xcomp" and governor.lemma_.lower() in URGING_VERBS):
                        # object control: in "accused Israel of implementing X" Israel implements; but
                        # in "urged the council to approve X" only the one who urges holds a stance
                        yield obj
                        return
                v = v.head
                continue
            return

    def _undertaken(self, noun: Token) -> bool:
        """The noun is an undertaking of the subject of the verb it is the object of, which that verb does or backs,
        not taken back nor denied: "launched a campaign (to block X)", "filed a lawsuit", "made a last-ditch bid",
        "backed a bid"; not "rejected a bid (to scrap X)" nor "dropped its bid"."""
        verb = noun.head
        return noun.lemma_.lower() in UNDERTAKINGS and noun.dep_ == "dobj" and verb.pos_ == "VERB" \
            and verb.lemma_.lower() not in RETRACTING_VERBS and all(c.polarity == SUPPORT for c in self._cues(verb)) \
            and not any(self.negation(verb))

    def negation(self, cue: Token) -> tuple[bool, bool]:
        """(negated at the cue, negated on a verb that governs it)."""
        direct = _negated(cue)
        governed = False
        t = cue
        for _ in range(8):
            if t.head is t or t.dep_ in ("ROOT",):
                break
            if t.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "dobj", "pobj", "prep", "acomp", "attr", "oprd", "pcomp", "relcl") :
                break
            t = t.head
            if t.lemma_.lower() in self.lex.speech_verbs and t.lemma_.lower() not in ("say", "mean"):
                break
            if _negated(t):
                # "will not hesitate to impose sanctions": a reluctance denied denies nothing
                governed = t.lemma_.lower() not in UNHESITATING
                break
            if t.lemma_.lower() in REFUSALS and cue.dep_ == "xcomp" and cue.head.i == t.i:
                direct = not direct  # "refused to sign the accord" is not signing it
                break
        return direct, governed

    def condition(self, verb: Token) -> Optional[str]:
        for child in verb.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children):
                return child.doc[child.left_edge.i: child.right_edge.i + 1].text
            if child.dep_ == "prep" and child.lower_ in ("after", "until", "once") :
                return child.doc[child.i: child.right_edge.i + 1].text
        return None

    # -- one sentence ------------------------------------------------------------------------
    def _sentence(self, doc: Doc, sent: Span, dm: DocMentions, offset: int, sent_no: int,
                  quotes: list[tuple[int, int]], speakers: dict[int, Optional[Ref]]) -> Iterator[Stance]:
        found: dict[tuple[str, str, str], Stance] = {}
        said_twice: set[tuple[str, str]] = set()  # (holder, document) whose content the holder backs

        def emit(holder: Ref, target: Ref, polarity: str, rule: str, conf: float, cue: Token,
                 reported_by: Optional[Ref] = None, speaker: Optional[Ref] = None) -> None:
            if holder.kind == PROPOSAL or target.kind != PROPOSAL or holder.key == target.key:
                return
            if sent.start <= holder.start < holder.end <= sent.end and sent.start <= target.start < target.end \
                    <= sent.end and supposed(w, doc[holder.start:holder.end].root.i,
                                             doc[target.start:target.end].root.i):
                return  # "the union will strike if the council approves the budget": the council's side supposed
            evidence, start, end = evidence_of(sent, offset)
            s = Stance(
                holder=holder.key, target=target.key, polarity=polarity,
                evidence=evidence, start=start, end=end,
                rule=rule, confidence=round(conf, 2),
                speaker=speaker.key if speaker is not None else None,
                reported_by=reported_by.key if reported_by is not None and reported_by.key != holder.key else None,
                condition=self.condition(cue.head if cue.pos_ != "VERB" else cue),
                quote=quote_around(cue.idx, quotes, offset),
            )
            k = (s.holder, s.polarity, s.target)
            if k not in found or found[k].confidence < s.confidence:
                found[k] = s
            self.ctx.debated.add(s.target)
            self.ctx.stances_on[s.target] = self.ctx.stances_on.get(s.target, 0) + 1

        w = DocWords.of(doc)
        cue_words = self._cue_words
        for i in range(sent.start, sent.end):
            # only cue words and the verbs the modal and condition patterns read need the rest; the
            # others are passed over without making a Token
            verb = w.pos[i] in ("VERB", "AUX") and (w.dep[i] in ("ROOT", "ccomp", "conj", "advcl") or (
                w.dep[i] == "relcl" and w.lemma[i] in NAMING_VERBS) or (  # "the plan, which she called a triumph"
                w.dep[i] == "xcomp" and (w.lemma[i] in WHETHER_VERBS  # "declined to say whether"
                                         or w.lemma[i] == "vote")) or (  # "before deciding how to vote"
                w.dep[i] in ("xcomp", "pcomp") and w.lemma[i] in UNMADE_VERBS))  # "before taking a position"
            # "the deal was fair", "the decision was good news": `_judged`
            judged = w.pos[i] == "ADJ" and w.dep[i] == "acomp" or w.pos[i] == "NOUN" and w.dep[i] == "attr"
            if not verb and not judged and (w.lemma[i] not in cue_words and w.lower[i] not in cue_words
                                            or not self._entries(w, i)):
                continue
            tok = doc[i]
            cues = self._cues(tok) if not w.bygone(i) else []  # "was once a critic of the pact"
            if not cues and not verb and not judged:
                continue
            if self._in_question(tok):
                continue
            qi = self._inside_quote(tok.idx, quotes)
            quote_speaker = speakers.get(qi) if qi is not None else None
            # a reported clause: "He said Trump agreed ..." -> reported by He
            reporter = self._reporter(tok, dm, sent_no)
            speaker = quote_speaker or reporter
            # "a petition asking the government to apply the law": what the document asks is the stance;
            # its author's backing of the document itself is the same stance, said twice
            carrier = self._document_carrier(tok, dm) if cues else None
            both_ways = w.neither_nor(i)  # "neither supporting nor opposing X": neutral
            pending = w.lemma[i] in JUDGED_WHEN_PENDING and w.pending(i)
            # "withdrew its support for the plan"
            taken_back = w.retractor(i, self.lex.proposal_nouns_not_objections) is not None
            stacked = self._against_objection(tok)  # "rejected criticism of the plan" is for the plan
            # votes cast with no object of their own ("with Russia abstaining", "while France was in favour")
            votes = [VOTE_IN_FAVOUR] if not cues and self._in_favour(tok) else []
            # "called the accord a strategic necessity": what a naming verb calls a proposal, read by its cue word
            deemed = RULE_DEEMED if cues and w.pos[i] in ("ADJ", "NOUN") and naming_verb_of(tok) is not None else None
            banned = self._banned(tok, dm, offset, sent_no, doc, speaker) if w.lemma[i] in BANNING_VERBS else []
            passed = self._passed_through(tok, dm, offset, sent_no, doc) if w.lemma[i] in PASSING_VERBS else []
            for cue in cues:
                if cue.polarity == WITHHELD and not (any(self.negation(tok)) or w.withholds(i)):
                    continue  # "took a position on X", "decided on X": no side said, nothing read
                if banned and cue.lemma in BANNING_VERBS or passed:
                    # "banned the export of gold": for the ban (below), not against the export; "the bill passed
                    # the Senate": the Senate's vote (below), with no holder for the cue
                    continue
                read = False
                for holder, target, conf_mult, negd in self._read_cue(tok, cue, dm, offset, sent_no, doc, speaker):
                    read = True
                    if carrier is not None and carrier.key != target.key:
                        said_twice.add((holder.key, carrier.key))
                    # "neither supporting nor opposing X", "has yet to endorse X": neutral
                    pol = NEUTRAL if both_ways or pending else self._polarity(cue.polarity, negd, cue.lemma)
                    on_objection = stacked is not None and target.start <= stacked.i < target.end
                    if on_objection and tok.lemma_.lower() in RETRACTING_VERBS:
                        continue  # "lifted its veto on the talks": the noun's reading, turned, says it all
                    if taken_back or stacked is not None and cue.pos == "VERB" and not on_objection:
                        pol = OPPOSITE.get(pol, pol)
                    hold_list = self._holders(holder, tok, dm, doc, speaker)
                    for tgt, m in self._with_items(target, doc, dm, sent_no, offset):
                        looked = self._looked_over(tgt, dm, sent_no, offset, doc) if pol == SUPPORT and \
                            tok.lemma_.lower() not in URGING_VERBS else None  # not "urged the EU to examine the ban"
                        if looked is not None:
                            # "open to discussing the proposal", "willing to consider the levy": ready to look
                            # it over, no side taken on it yet
                            for h in hold_list:
                                emit(h, looked, NEUTRAL, RULE_DELIBERATING, cue.confidence * conf_mult * m, tok,
                                     None, quote_speaker or reporter)
                            continue
                        for h in hold_list:
                            rep = reporter if reporter is not None and reporter.key != h.key else None
                            if rep is not None and h.key in {a.key for a in self.ctx.doc_authors.get(rep.head_lemma, [])}:
                                rep = None  # the joint statement's authors state it together
                            emit(h, tgt, pol, deemed or cue.id, cue.confidence * conf_mult * m, tok, rep,
                                 quote_speaker or reporter)
                if not read and cue.id in VOTE_CUES:
                    votes.append(cue)
            for cue in votes:
                for holder, target, conf in self._voted_on(tok, cue, dm, offset, sent_no, doc, speaker):
                    emit(holder, target, self._polarity(cue.polarity, self.negation(tok), cue.lemma), RULE_VOTED_ON,
                         conf, tok, None, quote_speaker or reporter)
            # "the rent freeze bill passed the Senate", "cleared the House": the body's vote for it
            for holder, target in passed:
                emit(holder, target, SUPPORT, RULE_VOTED_ON, 0.7, tok, None, speaker)
            # "will vote no on the rent freeze", "voted yes on the bill"
            for holder, target, pol in self._yes_no_vote(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, pol, RULE_VOTED_ON, 0.8, tok, None, quote_speaker or reporter)
            # modal proposal: "the first step should be an invitation", "it should happen now"
            res = self._modal(tok, dm, offset, sent_no, doc, speaker)
            if res is not None and speaker is not None:
                targets, negd = res
                for target in targets:
                    for tgt, m in self._with_items(target, doc, dm, sent_no, offset):
                        emit(speaker, tgt, OPPOSE if negd else SUPPORT, RULE_MODAL, 0.7 * m, tok, None, speaker)
            # "Britain will not rejoin the customs union": a refusal opposes what is refused
            refusal = self._refusal(tok, dm, offset, sent_no, doc, speaker)
            if refusal is not None:
                holder, target = refusal
                emit(holder, target, OPPOSE, RULE_REFUSAL, 0.6, tok, None, speaker)
            # "Brazil is weighing whether to back the climate fund": neither for nor against yet
            for holder, target in self._undecided(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, NEUTRAL, RULE_UNDECIDED, 0.6, tok, None, speaker)
            # "called the accord a victory", "described the cut as a responsible step": the words' feeling
            for holder, target, pol, conf in self._deemed(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, pol, RULE_DEEMED, conf, tok, None, quote_speaker or reporter)
            # "the party has not decided how it will vote", "Senator Lee said she was undecided"
            for holder, target, conf in self._undecided_vote(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, NEUTRAL, RULE_UNDECIDED_VOTE, conf, tok, None, speaker)
            # "said the deal was balanced and fair": the words' feeling, where no cue word says a side
            for holder, target, pol, conf in self._judged(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, pol, RULE_JUDGED, conf, tok, None, speaker)
            # "warned that the rent freeze would hurt landlords": what a proposal would do, by its feeling
            for holder, target, pol, conf in self._effect(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, pol, RULE_EFFECT, conf, tok, None, speaker)
            # "Tanzania banned the export of unrefined gold": who bans a thing backs the ban
            for holder, target, conf in banned:
                emit(holder, target, SUPPORT, RULE_BANNED, conf, tok, None, speaker)
            # "the union called a strike": who calls it organises it
            for holder, target, conf in self._called_action(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, SUPPORT, RULE_CALLED_ACTION, conf, tok, None, speaker)
            # "would study the bill before taking a position", "is still reviewing the regulation"
            for holder, target, conf in self._deliberating(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, NEUTRAL, RULE_DELIBERATING, conf, tok, None, speaker)
            # a demand put as a condition: "unless Romania withdraws its troops", "if reforms are not implemented"
            for holder, target, side in self._condition_demand(tok, dm, offset, sent_no, doc, speaker):
                emit(holder, target, side, RULE_CONDITION, 0.65, tok, None, speaker)
        # who puts a proposal forward backs it: "Labour's plan", "SADC sanctions", "our deals"
        for prop, author in self.ctx.authored:
            if sent.start <= author.i < sent.end and author.doc is doc:
                qi = self._inside_quote(author.idx, quotes)
                spk = speakers.get(qi) if qi is not None else self._reporter(author, dm, sent_no)
                holder = self.actor_of(author, dm, sent_no, spk)
                if holder is None and (author.text in self.ctx.acronyms or author.text in self.lex.aliases):
                    holder = self.ctx.name_ref(author, sent_no, offset)  # "SADC sanctions"
                if holder is None and author.text in self.lex.demonyms:
                    holder = self.ctx.demonym_ref(author, sent_no, offset)  # "a Swedish proposal"
                if holder is not None:
                    holders = self._holders(holder, author, dm, doc, spk)
                    for tgt, m in self._with_items(prop, doc, dm, sent_no, offset):
                        for h in holders:
                            emit(h, tgt, SUPPORT, RULE_DRAFTED if drafting(author) else RULE_PROPOSER, 0.6 * m,
                                 author, None, spk)
        for holder_key, carrier_key in said_twice:
            found.pop((holder_key, SUPPORT, carrier_key), None)
        yield from found.values()

    @staticmethod
    def _document_carrier(tok: Token, dm: DocMentions) -> Optional[Ref]:
        """The document whose content a cue states: "a petition asking (the council to close) X",
        "launched a petition ..., asking ..."."""
        v = tok
        while v.dep_ in ("xcomp", "ccomp", "conj") and v.head is not v:
            v = v.head
        if v.dep_ == "acl" and v.tag_ in ("VBG", "VBN"):
            return dm.proposal_at(v.head)
        if v.dep_ == "advcl" and v.tag_ == "VBG":
            obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
            return dm.proposal_at(obj) if obj is not None else None
        return None

    def _inner_cue_reads(self, verb: Token, dm: DocMentions) -> bool:
        """A clause whose verb is itself a stance cue with a proposal to read ("agreed to support
        the plan", "urged them to reject the bill"): that cue gives the stance, not the clause."""
        return bool(self._cues(verb)) and any(dm.proposal_at(t) for t in verb.subtree if t.i > verb.i)

    def _holders(self, holder: Ref, cue: Token, dm: DocMentions, doc: Doc, speaker: Optional[Ref]) -> list[Ref]:
        """The holder and who holds the stance with it: actors joined to it by "and"; the body a
        spokesperson speaks for; the member quoted on their body's stance ("Labour has a plan ...",
        said Labour's spokeswoman); a joint statement's other authors; the one leading a group
        ("three unions led by Unite")."""
        out = [holder] + self._conjuncts(holder, cue, dm, doc) + self._named_with(holder, doc, dm)
        for h in list(out):
            body = self.ctx.affiliation.get(h.key)
            if body is not None and h.kind == "Person":
                out.append(Ref(body, "Organisation", h.start, h.end, h.sent_no))
            if (speaker is not None and speaker.kind == "Person" and h.kind != "Person"
                    and self.ctx.affiliation.get(speaker.key) == h.key):
                out.append(speaker)
            out += self._authors_of(h, speaker)
            if h.end - 1 < len(doc) and dm.actor_at(doc[h.end - 1]) is h:
                leader = self._leader(doc[h.end - 1], dm)
                if leader is not None and leader.key != h.key:
                    out.append(leader)
                # the group a named member is named in ("unions including [Unite]", "supporters ... include [Ames]")
                last = doc[h.end - 1]
                group = last.head.head if last.dep_ == "pobj" and last.head.dep_ == "prep" else next(
                    (c for c in last.head.children if c.dep_ == "nsubj"), last) if last.dep_ == "dobj" \
                    and last.head.lemma_.lower() == "include" else last
                out += [m for m in self._members(group, dm) if m.key not in {o.key for o in out}]
        return out

    def _with_items(self, target: Ref, doc: Doc, dm: DocMentions, sent_no: int,
                    offset: int) -> Iterator[tuple[Ref, float]]:
        """The target, then the items the text lists with it (`ArticleContext.proposal_items`),
        a little less sure; an item that is itself a stance word ("and support the plan", "and
        make every effort to ...") is read by its own cue."""
        yield target, 1.0
        for item in self.ctx.proposal_items(target, doc, dm, sent_no, offset):
            root = doc[item.start: item.end].root
            if not any(self._cues(t) for t in [root, *(c for c in root.children if c.dep_ in OBJ_DEPS)]):
                yield item, 0.9

    def _looked_over(self, target: Ref, dm: DocMentions, sent_no: int, offset: int, doc: Doc) -> Optional[Ref]:
        """The proposal a clause target only looks over ("discussing the spill-fund proposal", "consider the
        levy", "look at the plan"), or None: being for looking it over takes no side on it."""
        if not 0 <= target.start < target.end <= len(doc):
            return None
        verb = doc[target.start: target.end].root
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in LOOKING_OVER:
            return None
        # "willing to look the levy over": a clause's own object first
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None) or _looked_at(verb)
        return self.proposal_of(obj, dm, sent_no, offset, doc) if obj is not None else None

    def _undecided(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                   speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref]]:
        """"is weighing whether to back X", "has not (yet) decided whether to join X", "declined to say
        whether she backs X": neutral on X ("decided whether" only when not done: having decided, they
        are not neutral; `DocWords.undecided_clause`)."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in WHETHER_VERBS:
            return
        w = DocWords.of(doc)
        clause = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"
                       and w.undecided_clause(c.i)), None)
        if clause is None:
            return
        holder, _ = self._verb_holder(tok, dm, sent_no, speaker)
        if holder is None:
            return
        target = None
        if self._cues(clause):  # "whether to back the fund": the fund; "whether to sign it": what "it" means
            target = next((dm.proposal_at(t) for t in clause.subtree if t.i > clause.i and dm.proposal_at(t)), None)
            obj = next((c for c in clause.children if c.dep_ == "dobj" and c.pos_ == "PRON"), None)
            if target is None and obj is not None:
                target = self.proposal_of(obj, dm, sent_no, offset, doc)
        target = target or self.ctx.clause_proposal(clause, sent_no, offset, doc, listed=True)
        if target is not None:
            yield holder, target

    def _refusal(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                 speaker: Optional[Ref]) -> Optional[tuple[Ref, Ref]]:
        """An actor's "will not" / "won't" / "would never" over a policy action: they refuse it.
        (A stance verb's own negation is read by its cue: "will not support X".)"""
        if tok.pos_ != "VERB" or tok.tag_ != "VB" or tok.lemma_.lower() not in self.lex.policy_verbs or self._cues(tok):
            return None
        auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if not auxes & {"will", "wo", "would", "shall", "'ll"} or not _negated(tok):
            return None
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        holder = self.actor_of(subj, dm, sent_no, speaker) if subj is not None else None
        if holder is None:
            return None
        target = self.ctx.clause_proposal(tok, sent_no, offset, doc, keep_neg=False)
        return (holder, target) if target is not None else None

    @staticmethod
    def _conditioned(tok: Token) -> Optional[tuple[Token, str]]:
        """The clause a stance is put on, as (the main verb, the side its holder takes on the clause): a
        demand ("unless Romania withdraws its troops", "if reforms are not implemented", "only if the
        government drops the cuts", "provided that the council exempts small firms", "as long as a
        referendum is held": for it) or what a threat is made against ("threatened a strike if the port
        is privatised", "would call a general strike if the peg were abandoned": against it)."""
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("advcl", "ccomp"):
            return None
        head = tok.head
        if tok.dep_ == "ccomp":  # "provided (that) the council exempts ...", which the parse makes a preposition
            return (head.head, SUPPORT) if head.lower_ in ("provided", "providing") and head.head is not head \
                and head.dep_ in ("prep", "advcl") else None
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if "unless" in marks or "if" in marks and _negated(tok):
            return head, SUPPORT
        if "as" in marks and head.lower_ == "long" and head.dep_ == "advmod":
            return head.head, SUPPORT  # "as long as"
        if "if" not in marks:
            return None
        if any(c.dep_ == "advmod" and c.lower_ == "only" for c in tok.children) or any(
                c.dep_ == "advmod" and c.lower_ == "only" and c.i < head.i for c in head.children):
            return head, SUPPORT  # "only if", "would only reconsider if"
        acts = [head] + [c for c in head.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
        acts += [p for c in acts if c.dep_ in ("xcomp", "ccomp") for p in c.children if p.dep_ == "dobj"]
        if any(a.lemma_.lower() in THREATS for a in acts) and not _negated(head):
            return head, OPPOSE
        return None

    def _condition_demand(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                          speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, str]]:
        found = self._conditioned(tok)
        if found is None:
            return
        main, side = found
        holder = None
        for subj in self.subjects_of(main):
            holder = self.actor_of(subj, dm, sent_no, speaker)
            if holder is not None:
                break
        holder = holder or speaker
        if holder is None:
            return
        for verb in [tok] + coordinated_verbs(tok):
            ref = self.ctx.clause_proposal(verb, sent_no, offset, doc, keep_neg=False, listed=verb is not tok)
            if ref is not None:
                yield holder, ref, side

    @staticmethod
    def _in_question(tok: Token) -> bool:
        """A cue in an embedded question ("whether he supports the plan") states no stance. (Walks
        the words up by index in the doc's `DocWords`; a root, its own head, ends the walk.)"""
        w = DocWords.of(tok.doc)
        dep, lower, kids = w.dep, w.lower, w.children
        t = tok.i
        for _ in range(6):
            # "whether he supports the plan", "deciding whether to sign it" (an infinitive the parse makes `xcomp`)
            if dep[t] in ("pcomp", "ccomp", "pobj", "advcl", "xcomp") and any(
                    dep[c] == "mark" and lower[c] in ("whether", "if") for c in kids[t]):
                return dep[t] != "advcl" or any(lower[c] == "whether" for c in kids[t])
            if w.head[t] == t:
                break
            t = w.head[t]
        return False

    @staticmethod
    def _named_with(ref: Ref, doc: Doc, dm: DocMentions) -> list[Ref]:
        """Who "they" means besides the one it was resolved to: the actors joined by "and" to that one's mention
        earlier in the sentence ("Poland and Austria have said [they] will vote against the accord": both, where
        the pronoun was resolved to the last of them)."""
        if ref.end != ref.start + 1 or not 0 <= ref.start < len(doc) or doc[ref.start].lower_ not in PRONOUNS_PLURAL:
            return []
        pron = doc[ref.start]
        for t in reversed(doc[pron.sent.start: pron.i]):
            named = dm.actor_at(t)
            if named is None or named.key != ref.key or named.start == ref.start:
                continue
            root = t
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            group = [dm.actor_at(x) for x in [root, *root.conjuncts]]
            return list({g.key: g for g in group if g is not None and g.key != ref.key and g.kind != PROPOSAL}.values())
        return []

    def _conjuncts(self, ref: Ref, cue: Token, dm: DocMentions, doc: Doc) -> list[Ref]:
        """Actors joined to the holder by "and": "Libya, France and the United States support ..."
        (only where the holder is the cue's own subject or agent, not reached through a relative clause)."""
        out: list[Ref] = []
        head = doc[ref.end - 1] if ref.end - 1 < len(doc) else None
        if head is None or head.i >= len(doc) or dm.actor_at(head) is not ref:
            return out
        t = head
        if _sent_from(t.head.head, dm) is ref:
            t = t.head.head  # "ministers from Croatia, Albania and Montenegro": the ministers are the subject
        elif t.dep_ == "pobj" and t.head.dep_ == "agent":
            t = t.head
        if t.dep_ not in ("nsubj", "nsubjpass", "agent", "conj") and t.head.i != cue.i:
            return out
        # "Greenpeace, along with WWF, backed ...", "Greenpeace, together with WWF and Oxfam, backed ...": those
        # named with the subject back it with it
        withs = [w for c in head.children if c.dep_ == "prep" for w in (
            [c] if c.lower_ == "with" and any(a.lower_ == "together" for a in c.children) else
            [x for x in c.children if x.dep_ == "prep" and x.lower_ == "with"] if c.lower_ == "along" else [])]
        along = [x for w in withs for p in w.children if p.dep_ == "pobj" for x in [p, *p.conjuncts]]
        for t in [*head.conjuncts, *along]:
            r = dm.actor_at(t)
            if r is not None and r.key != ref.key:
                out.append(r)
        first = ref.start - 1 if ref.start > 0 and doc[ref.start - 1].lower_ != "the" else ref.start - 2
        if not out and head.dep_ == "nsubj" and first > 0 and doc[first].lower_ == "and":
            # "with Libya, France, and the United States providing support": the parser took only
            # the last of the list for the subject; the actors before it, joined by commas, join it
            i = first
            while True:
                while i >= 0 and doc[i].lower_ in (",", "and"):
                    i -= 1
                r = dm.actor_at(doc[i]) if 0 <= i < first else None
                if r is None or r.kind == PROPOSAL or r.key == ref.key:
                    break
                out.append(r)
                i = r.start - 1
        return out

    def _reporter(self, tok: Token, dm: DocMentions, sent_no: int) -> Optional[Ref]:
        """Who reports the clause a cue is in: the subject of the verb of saying it is the complement
        of ("He said Trump agreed ..."), or the actor it is "according to" ("According to the minister,
        the cuts are a mistake")."""
        t = tok
        for _ in range(8):
            source = self._according_to(t, dm, sent_no)
            if source is not None:
                return source
            if t.dep_ == "ROOT" or t.head is t:
                return None
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.lex.speech_verbs:
                return self._speech_subject(t.head, dm, sent_no)
            if t.dep_ in ("acl", "ccomp") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in CLAIM_NOUNS:
                return self._claimant(t.head, dm, sent_no)
            t = t.head
        return None

    def _claimant(self, noun: Token, dm: DocMentions, sent_no: int) -> Optional[Ref]:
        """Who makes the claim a noun of saying names ("repeated her claim that the tax cut would be
        disastrous", "made the argument that ..."): the subject of the verb it is the object of, else its
        possessor."""
        if noun.dep_ in OBJ_DEPS and noun.head.pos_ in ("VERB", "AUX"):
            ref = self._speech_subject(noun.head, dm, sent_no)
            if ref is not None:
                return ref
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        return self.actor_of(owner, dm, sent_no) if owner is not None else None

    def _according_to(self, verb: Token, dm: DocMentions, sent_no: int) -> Optional[Ref]:
        """The actor a clause is "according to" (its verb's "according to X")."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in c.children:
                    if to.lower_ == "to":
                        obj = next((p for p in to.children if p.dep_ == "pobj"), None)
                        return self.actor_of(obj, dm, sent_no, None) if obj is not None else None
        return None

    def _entries(self, w: DocWords, i: int) -> list[Cue]:
        """The lexicon's cues for the doc's i-th word, before `_cues` checks their particles: by its
        lemma and part of speech (an auxiliary as a verb, a proper noun as a noun), or for a past
        participle with none, by its form as an adjective. Read from the doc's `DocWords`, so the
        sentence loop passes over the words with none without making a Token."""
        pos = w.pos[i]
        pos = "VERB" if pos == "AUX" else "NOUN" if pos == "PROPN" else pos
        cues = self.lex.cues_for(w.lemma[i], pos)
        if pos == "VERB" and w.tag[i] == "VBN":
            adjective = self.lex.cues_for(w.lower[i], "ADJ")
            if not cues or any(c.particle and any(w.lower[k] == c.particle for k in w.children[i]) for c in adjective):
                cues = adjective  # "is opposed to the freeze": the adjective, with its particle, not the passive verb
        return cues

    def _cues(self, tok: Token) -> list[Cue]:
        cues = self._entries(DocWords.of(tok.doc), tok.i)
        out = []
        for cue in cues:
            if cue.particle == "include":
                if not self._including_verbs(tok):
                    continue
            elif cue.particle == "inf":
                # "a plan to fast-track cases", "his intention to take part"
                if not any(c.dep_ in ("acl", "relcl", "xcomp") and c.tag_ == "VB" and
                           any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) or _noun_infinitive(tok, c)
                           for c in tok.children):
                    continue
            elif cue.particle == "self":
                pass  # the verb's own clause is the target
            elif neutral_row_misfits(cue.particle, cue.polarity, tok):
                continue  # "weighed in against X" is not weighing X
            elif cue.particle == "clause":
                # "concerned (that) the council will scrap the subsidy"
                if not any(c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") for c in tok.children):
                    continue
            elif cue.particle:
                # the particle hangs on the cue, or for an adjective on its copula ("remained neutral on X");
                # a noun received needs none: "the plan faced opposition from X" is X's opposition to it
                around = list(tok.children) + (list(tok.head.children) if tok.dep_ == "acomp" else []) \
                    + misplaced_preps(tok)
                if not any(c.lower_ == cue.particle and c.dep_ in ("prep", "prt", "agent", "dative", "advmod") for c in around) \
                        and self._marked_clause(tok, cue.particle) is None \
                        and not (cue.pos == "NOUN" and self._received(tok)):
                    continue
            out.append(cue)
        # a cue with a particle wins over the bare one ("call for" over "call")
        if any(c.particle for c in out):
            out = [c for c in out if c.particle]
        return out

    @staticmethod
    def _received(noun: Token) -> bool:
        """A noun a proposal receives from someone: the object of a receiving verb with a "from" or "of"
        phrase ("faced opposition from the Greens", "won the praise of the IMF")."""
        return noun.dep_ in OBJ_DEPS and noun.head.lemma_.lower() in RECEIVING_VERBS and any(
            c.dep_ == "prep" and c.lower_ in ("from", "of") for c in (*noun.children, *noun.head.children))

    @staticmethod
    def _marked_clause(tok: Token, particle: str) -> Optional[Token]:
        """A clause under `tok` introduced by the cue's particle: "called for [the crowd to march]"."""
        for c in tok.children:
            if c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ == particle for m in c.children):
                return c
        return None

    def _polarity(self, polarity: str, negd: tuple[bool, bool], lemma: str = "") -> str:
        """The side a cue states as the text puts it. A "withheld" cue is read only where it is
        withheld ("has not taken a position on X", "before deciding on X"): neutral."""
        direct, governed = negd
        if polarity == WITHHELD:
            return NEUTRAL
        if governed:
            return NEUTRAL
        if direct:
            if polarity == SUPPORT and lemma in WITHHELD_WHEN_NEGATED and not isinstance(negd, ClauseNegation):
                return NEUTRAL  # "won't endorse the plan" withholds judgement, it does not oppose
            if polarity == OPPOSE and lemma in KEPT_WHEN_NEGATED:
                return SUPPORT  # "would not lift the ban" keeps it
            return OPPOSE if polarity == SUPPORT else NEUTRAL
        return polarity

    def _voted_on(self, verb: Token, cue: Cue, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                  speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, float]]:
        """Who cast a vote with no object of its own, and on what: the proposal the clause it hangs on names
        ("adopted the resolution, with Russia abstaining", "the bill passed, while two senators voted
        against", "ten members backed the tariffs, five voted against")."""
        if any(c.dep_ in ("dobj", "ccomp", "xcomp") or c.dep_ == "aux" and c.lower_ == "to" or c.dep_ == "prep"
               and c.lower_ != "in" and any(p.dep_ in ("pobj", "pcomp") for p in c.children) for c in verb.children):
            return  # it has an object of its own ("to vote for their councillor"), or is an aim, not a vote cast
        v = verb.head if verb.dep_ == "pcomp" and verb.head.lower_ == "with" else verb
        target = None
        if v.dep_ in ("advcl", "conj", "prep") and v.head.pos_ in ("VERB", "AUX"):
            named = [c for c in v.head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
            named += [p for c in v.head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            target = next((ref for c in sorted(named, key=lambda t: t.i) if c.i < verb.i
                           for ref in [self.proposal_of(c, dm, sent_no, offset, doc)] if ref is not None), None)
        elif v.dep_ == "prep" and v.lower_ == "with" and v.head.pos_ == "NOUN":
            # "approved the bill, with the Greens voting against": the parse hangs "with" on the object
            target = self.proposal_of(v.head, dm, sent_no, offset, doc)
        mult = 0.8
        if target is None:
            # "China abstained.", "The party voted in favour.": on the proposal the story was just about
            target, mult = self.ctx.resolve_proposal(None, sent_no, verb.i, debated=True), 0.7
        if target is not None:
            for h, hmult in self._verb_holders(verb, dm, sent_no, doc, speaker):
                yield h, target, cue.confidence * hmult * mult

    def _deemed(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, str, float]]:
        """What a naming verb calls a proposal, where no cue word says a side: "called the accord a triumph",
        "described the cut as a responsible step", "called the bill a job killer dressed up as a raise".
        The side is the feeling of the words that name it, the complement's head and its modifiers
        (VADER's valence, general English, and the judgement words it lacks: `lexicon.valence`), at least one
        point either way ("a compromise" says nothing); a cue among them ("a betrayal", "a mistake") is read as a
        cue (`_adj`), not here."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in NAMING_VERBS or tok.lemma_.lower() == "call" and any(
                c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children):
            return  # "called for the ban", "called on them to": another verb
        comp = next(iter(naming_complements(tok)), None)
        obj = verbless_subject(comp) if comp is not None and comp.dep_ == "ccomp" else next(
            (c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None or comp is None or obj.pos_ == "PRON" and obj.tag_ != "WDT":
            return  # what "called it a mess" calls is less sure than the words' feeling ("the plan, which she
            # called a triumph": the relative pronoun is the plan)
        verdict = self._verdict(comp)
        comp = verdict if verdict is not None else comp
        words = [comp] + [c for c in comp.children if c.dep_ in ("amod", "compound", "advmod", "nmod", "acomp")]
        pol = self._feeling(words)
        if pol is None:
            return
        target = self.proposal_of(obj, dm, sent_no, offset, doc)
        if target is None:
            return
        if any(self.negation(tok)):
            pol = OPPOSITE[pol]  # "did not call it a success"
        for h, hmult in self._verb_holders(tok, dm, sent_no, doc, speaker):
            yield h, target, pol, 0.6 * hmult

    def _undecided_vote(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                        speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, float]]:
        """Who has not decided how to vote, or is undecided, with nothing named to decide on: neutral on the
        proposal the story is about (`ArticleContext.main_proposal`), not the amendment named last:
        "has not yet decided how it will vote", "would study the bill before deciding how to vote",
        "said she was undecided", "had not made up her mind", "had not yet decided", "would not take a
        position", "before taking a position", "most of its lawmakers abstained", "did not commit"; where the
        sentence named a proposal before such a judgement, that one ("discussed the fuel levy but had not
        yet taken a position")."""
        named = None  # "has not decided how to vote on the bill": the bill
        how = tok.pos_ == "VERB" and tok.lemma_.lower() == "vote" and tok.dep_ in ("xcomp", "ccomp") \
            and any(c.dep_ == "advmod" and c.lower_ == "how" for c in tok.children)
        if how:
            on = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"
                  for p in c.children if p.dep_ == "pobj"]
            named = self.proposal_of(on[0], dm, sent_no, offset, doc) if len(on) == 1 else None
        if self._judgement_unmade(tok):
            judge = tok
            # "would look at the idea with an open mind but had not yet taken a view": what the sentence named
            named = next((r for r in (dm.proposal_at(t) for t in reversed(doc[tok.sent.start:tok.i]))
                          if r is not None), None)
        elif self._mind_unmade(tok):
            judge = tok  # "had not made up her mind" ("... on the bill" is the withheld cue `n.mind_on`)
        elif named is None and any(c.dep_ in ("prep", "dobj") for c in tok.children):
            return  # "undecided about the tax": the cues read what is named
        elif how:
            judge = tok.head
            lemma = judge.lemma_.lower()
            if not (lemma in UNDECIDED_VERBS or lemma in WITHHOLDING_VERBS and DocWords.of(doc).withholds(judge.i)):
                return
        elif tok.lower_ == "undecided" and tok.dep_ == "acomp" and not any(self.negation(tok)):
            judge = tok.head
        else:
            return
        if judge.dep_ == "pcomp" and judge.head.dep_ == "prep" and not any(c.dep_ == "nsubj" for c in judge.children):
            judge = judge.head.head  # "would study the bill before deciding how to vote": who studies it
        target = named or self.ctx.main_proposal(sent_no, tok.i)
        if target is not None:
            for h, hmult in self._verb_holders(judge, dm, sent_no, doc, speaker):
                yield h, target, 0.7 * hmult

    def _judgement_unmade(self, verb: Token) -> bool:
        """A judgement not made, or withheld, with nothing named it is made on (`JUDGEMENT_NOUNS`): "had not yet
        decided", "has yet to decide", "would not take a position", "before taking a position", "took no
        stance", "abstained", "did not commit". Not "decided to back the bill" or "abstained on the vote", nor
        "did not abstain"."""
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in UNMADE_VERBS or any(
                c.dep_ in ("ccomp", "xcomp", "prt") or c.dep_ == "advcl" and not any(
                    m.dep_ == "mark" and m.lower_ in ("before", "until") for m in c.children)
                or c.dep_ == "prep" and (lemma != "abstain" or self._names_a_vote(c))
                for c in verb.children):
            return False  # (but "would not take a position before the court had ruled", "abstained over the wording")
        w = DocWords.of(verb.doc)
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        negated = any(self.negation(verb))
        withheld = negated or w.pending(verb.i) or (
            verb.dep_ == "pcomp" and verb.head.lower_ == "before")  # "before taking a position"
        if lemma in ("decide", "commit"):
            return not objs and withheld
        if lemma == "abstain":  # (not "passed 29-16, with three members abstaining": who they are, the members)
            return not objs and not negated and not (
                verb.dep_ == "pcomp" and verb.head.lower_ == "with" and not any(
                    c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children))
        if lemma in JUDGEMENT_TAKING_VERBS:
            return len(objs) == 1 and objs[0].lemma_.lower() in JUDGEMENT_NOUNS and not any(
                c.dep_ in ("prep", "acl", "relcl") for c in objs[0].children) and (
                withheld or any(c.dep_ == "det" and c.lower_ == "no" for c in objs[0].children))
        return False

    def _names_a_vote(self, prep: Token) -> bool:
        """A preposition that names what is voted on or in ("abstained on the resolution", "in the vote"), not
        why ("abstained over language on rights monitoring")."""
        return any(p.dep_ in ("pobj", "pcomp") and (p.lemma_.lower() in self.lex.proposal_nouns
                                                     or p.lemma_.lower() == "vote") for p in prep.children)

    def _mind_unmade(self, verb: Token) -> bool:
        """"Has not made up her mind", with nothing named it is made up on; or one still to be made up
        (`DocWords.pending`), where the sentence loop reads the verb ("has yet to make up her mind" hangs
        it as an infinitive, which the loop passes over)."""
        kids = list(verb.children)
        return verb.pos_ == "VERB" and verb.lemma_.lower() == "make" and any(
            c.dep_ == "prt" and c.lower_ == "up" for c in kids) and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "mind" and not any(p.dep_ == "prep" for p in c.children)
            for c in kids) and not any(c.dep_ == "prep" for c in kids) and (
            any(self.negation(verb)) or DocWords.of(verb.doc).pending(verb.i))

    def _called_action(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                       speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, float]]:
        """Who calls a strike, a protest or a referendum organises it and backs it: "Verdi called a 48-hour
        strike", "the unions called a national strike for next month", "warned it would call a general
        strike". Who declares a proposal puts it in force and backs it, whatever it is: "declared a state of
        emergency", "declared martial law", "declared a ceasefire" ("declare" is no cue: the model took it for
        one on "declared victory", "declared war on"). Not what a naming verb calls it ("called the walkout
        disproportionate", "declared the strike illegal": `_deemed`), not "called for" or "called on" (cues),
        not "called off" or "did not call"."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in ("call", "declare") or naming_complements(tok) or any(
                c.dep_ == "prt" or lemma == "call" and c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")
                for c in tok.children):
            return
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None or lemma == "call" and obj.lemma_.lower() not in CALLED_ACTIONS or any(self.negation(tok)):
            return
        target = self.proposal_of(obj, dm, sent_no, offset, doc)
        if target is None:
            return
        for h, hmult in self._verb_holders(tok, dm, sent_no, doc, speaker):
            yield h, target, 0.7 * hmult

    def _banned(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                speaker: Optional[Ref]) -> list[tuple[Ref, Ref, float]]:
        """Who bans a thing puts the ban in force and backs it: "Tanzania on Monday banned the export of unrefined
        gold", "the government banned political rallies", "said it will prohibit the sale of flavoured vapes". The
        target is the ban, the clause with its object ("ban the export of unrefined gold"), as the annotation
        writes it ("support: ban on exports of unrefined gold"); the "ban" cue would read the thing as opposed.
        Only a ban done or to be done by its subject (`ACT_DEPS`), not one sought ("voted to ban plastic bags",
        read as the clause it is), not denied ("did not ban"), nor passive; not what a measure does ("a measure
        that bans flights to Cuba": the measure is the ban)."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in BANNING_VERBS or tok.dep_ not in ACT_DEPS - {"relcl"} \
                or any(self.negation(tok)) or not any(c.dep_ == "dobj" for c in tok.children):
            return []
        holders = list(self._verb_holders(tok, dm, sent_no, doc, speaker))
        target = self.ctx.clause_proposal(tok, sent_no, offset, doc, listed=True) if holders else None
        return [(h, target, 0.7 * hmult) for h, hmult in holders] if target is not None else []

    def _judged(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, str, float]]:
        """What a speaker says a proposal is, where no cue word says a side: "said the deal was balanced and
        fair", "said the plan was reckless", "said the decision was good news". The side is the adjectives'
        feeling, or that of the noun and its modifiers (VADER's valence, as `_deemed` reads it), at least one
        point either way; after "but", the last word is the verdict. Not of a pronoun ("said it was fair"),
        which names less surely than the feeling says."""
        copula = tok.head
        if speaker is None or copula.lemma_.lower() != "be" or not (
                tok.pos_ == "ADJ" and tok.dep_ == "acomp" or tok.pos_ == "NOUN" and tok.dep_ == "attr"):
            return
        if tok.pos_ == "NOUN":
            # "was good news": the noun's modifiers say how it is felt; a cue noun reads itself ("was a mistake")
            pol = self._feeling([tok] + [c for c in tok.children if c.dep_ in ("amod", "compound")], read=[tok])
        else:
            verdict = self._verdict(tok)
            words = [verdict] if verdict is not None else [tok, *tok.conjuncts]
            pol = self._feeling(words + [c for t in words for c in t.children if c.dep_ == "advmod"])
        subj = self.subject_of(copula)
        if pol is None or subj is None or subj.pos_ == "PRON" and self._said_of(subj, dm) is None:
            return
        target = self.proposal_of(subj, dm, sent_no, offset, doc)
        if target is None:
            return
        if any(self.negation(copula)):
            pol = OPPOSITE[pol]  # "said the deal was not fair"
        for h in self._holders(speaker, copula, dm, doc, speaker):
            yield h, target, pol, 0.6

    def _passed_through(self, tok: Token, dm: DocMentions, offset: int, sent_no: int,
                        doc: Doc) -> list[tuple[Ref, Ref]]:
        """A proposal that passed a body was voted for by it: "the rent freeze bill passed the Senate on Tuesday",
        "the measure cleared the House 220-200", "this bill passed the Senate of the state". The subject is the
        proposal, the object the body (`PASSING_VERBS`); not "did not pass the Senate"."""
        if tok.pos_ != "VERB" or any(self.negation(tok)):
            return []
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        body = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if subj is None or body is None:
            return []
        holder = self.actor_of(body, dm, sent_no, None)
        target = self.proposal_of(subj, dm, sent_no, offset, doc) if holder is not None else None
        return [(holder, target)] if target is not None else []

    def _yes_no_vote(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                     speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, str]]:
        """A vote cast "yes" or "no" on a proposal: "will vote no on the rent freeze" (against), "voted yes on
        the bill" (for). The "no" is the vote, not a negation of it; "did not vote yes on" turns it."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() != "vote":
            return
        said = next((c.lower_ for c in tok.children if c.lower_ in ("yes", "no") and c.i > tok.i), None)
        obj = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"
                    for p in c.children if p.dep_ == "pobj"), None)
        target = self.proposal_of(obj, dm, sent_no, offset, doc) if said and obj is not None else None
        if target is None:
            return
        pol = SUPPORT if said == "yes" else OPPOSE
        if any(c.dep_ == "neg" for c in tok.children):
            pol = OPPOSITE[pol]
        for h, _ in self._verb_holders(tok, dm, sent_no, doc, speaker):
            yield h, target, pol

    def _effect(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, str, float]]:
        """What a speaker says a proposal would do, where the verb's feeling says whether that is good:
        "warned that the rent freeze would hurt landlords", "argued the tax would help families", "said the
        ban could destroy jobs" (VADER's valence of the verb, at least one point either way). Only a
        prediction ("would", "will", "could", "might", "may") of a clause the speaker says, with a
        proposal as its subject (not a pronoun, which names less surely than the feeling says), and no cue
        verb, which is read as a cue; not what would have been ("would have rewarded a rebel militia", where
        who is rewarded says more than the verb), nor a change of an amount ("would lower fares": `AMOUNT_VERBS`)."""
        aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if speaker is None or tok.pos_ != "VERB" or tok.dep_ != "ccomp" or not aux & PREDICTING_AUX or "have" in aux \
                or self._cues(tok):
            return  # ("the resolution would have rewarded a rebel militia": what did not happen, and to whom)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        feeling = valence().get(tok.lemma_.lower(), 0.0)
        if subj is None or subj.pos_ == "PRON" or abs(feeling) < 1.0 or tok.lemma_.lower() in AMOUNT_VERBS:
            return
        target = self.proposal_of(subj, dm, sent_no, offset, doc)
        if target is None:
            return
        pol = SUPPORT if feeling > 0 else OPPOSE
        if any(self.negation(tok)):
            pol = OPPOSITE[pol]  # "said the tax would not hurt anyone"
        for h in self._holders(speaker, tok, dm, doc, speaker):
            yield h, target, pol, 0.55

    @staticmethod
    def _verdict(comp: Token) -> Optional[Token]:
        """What comes after "but" in a judgement, which is its verdict ("painful but necessary"), or None
        where there is no "but"."""
        if any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in comp.children):
            return next((c for c in comp.children if c.dep_ == "conj"), comp)
        return None

    def _feeling(self, words: list[Token], read: Optional[list[Token]] = None) -> Optional[str]:
        """The side the words' feeling takes (VADER's valence, general English: `lexicon.valence`), at least
        one point either way; None where it is less, or where a cue among the words (among `read`, where
        only those are read as cues) says a side itself (read as a cue, not here)."""
        if any(self._cues(t) for t in (words if read is None else read)):
            return None
        table = valence()
        feeling = sum(table.get(t.lower_, table.get(t.lemma_.lower(), 0.0)) for t in words)
        return None if abs(feeling) < 1.0 else SUPPORT if feeling > 0 else OPPOSE

    def _deliberating(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                      speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, float]]:
        """Who is still looking a proposal over has taken no side on it yet: neutral. "would study the
        law before deciding", "said it would study the regulation", "was still reviewing the measures",
        "will look at the proposal", "would study the details of the bill". Only while it is pending (a
        future, a progressive, "still", or "before" a decision), not negated ("would not consider it"
        refuses) and not asked of another ("urged the Commission to examine the ban")."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in DELIBERATING_VERBS or tok.dep_ not in ("ROOT", "ccomp", "conj"):
            return
        kids = list(tok.children)
        obj = _looked_at(tok)
        if obj is None or any(self.negation(tok)) or any(c.dep_ == "prt" for c in kids):
            return
        aux = {c.lemma_.lower() for c in kids if c.dep_ == "aux"}
        pending = aux & FUTURE_AUX or DocWords.of(doc).progressive(tok.i) or any(
            c.dep_ == "advmod" and c.lower_ == "still" for c in kids) or any(
            c.dep_ in ("prep", "advcl") and c.lower_ == "before" for c in kids)
        if not pending:
            return
        holders: Optional[list[tuple[Ref, float]]] = None
        for item in [obj, *obj.conjuncts]:
            target = None
            if item.lemma_.lower() in PROPOSAL_PARTS:
                inner = next((g for c in item.children if c.dep_ == "prep" and c.lower_ == "of"
                              for g in c.children if g.dep_ == "pobj"), None)
                inner = inner if inner is not None else next((c for c in item.children if c.dep_ == "poss"), None)
                if inner is not None:
                    target = self.proposal_of(inner, dm, sent_no, offset, doc)
                if target is None and item.lemma_.lower() not in self.lex.proposal_nouns:
                    target = self.ctx.main_proposal(sent_no, item.i)
            if target is None:
                target = self.proposal_of(item, dm, sent_no, offset, doc)
            if target is None:
                continue
            if holders is None:  # who looks it over, found once for all the items looked over
                holders = list(self._verb_holders(tok, dm, sent_no, doc, speaker))
            for h, hmult in holders:
                yield h, target, 0.7 * hmult

    @staticmethod
    def _in_favour(verb: Token) -> bool:
        """"Voted in favour", "were in favour", with nothing it is in favour of: a vote for (`_voted_on`)."""
        return verb.lemma_.lower() in ("vote", "be") and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(
                p.dep_ == "pobj" and p.lower_ in ("favour", "favor") and not any(
                    x.dep_ == "prep" and x.lower_ == "of" for x in p.children) for p in c.children)
            for c in verb.children)

    def _against_objection(self, verb: Token) -> Optional[Token]:
        """The verb's object where it is an objection to something, with what it objects to ("rejected
        criticism of the reform", "dismissed objections to the plan"), else None: a side against an
        objection is the other side on what is objected to."""
        dobj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if verb.pos_ != "VERB" or dobj is None or dobj.pos_ != "NOUN" or verb.lemma_.lower() in URGING_VERBS:
            return None  # "I ask the opponents of the bill": whom a verb asks is no objection
        preps = {c.lower_ for c in dobj.children if c.dep_ == "prep"}
        return dobj if any(c.polarity == OPPOSE and c.particle in preps for c in self._cues(dobj)) else None

    def _read_cue(self, tok: Token, cue: Cue, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
                  speaker: Optional[Ref]) -> Iterator[tuple[Ref, Ref, float, tuple[bool, bool]]]:
        negd = self.negation(tok)
        if cue.pos == "VERB":
            if DocWords.of(doc).to_come(tok.i):
                return  # "must still ratify the agreement", "until parliament ratifies it": a step to come
            holder, hmult = self._verb_holder(tok, dm, sent_no, speaker)
            if holder is None:
                return
            for target, tmult in self._verb_targets(tok, cue, dm, offset, sent_no, doc):
                if tmult < 0:
                    # "pressed the EU not to publish": the negated clause is what the holder is against
                    yield holder, target, -tmult, ClauseNegation((not negd[0], negd[1]))
                else:
                    yield holder, target, hmult * tmult, negd
        elif cue.pos == "NOUN" and speaker is not None and (tok.dep_ == "attr" and not any(
                c.dep_ == "expl" for c in tok.head.children) or (  # ("there was no need for": its own holder)
                tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "attr")):
            # "Rice felt the conference was a success", "cutting aid is a matter of concern":
            # the speaker judges the subject, a proposal or an action
            copula = (tok if tok.dep_ == "attr" else tok.head.head).head
            subj = next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
            if subj is not None and subj.dep_ == "csubj" and subj.pos_ == "VERB":
                target = self.ctx.clause_proposal(subj, sent_no, offset, doc, listed=True)
            else:
                target = self.proposal_of(subj, dm, sent_no, offset, doc) if subj is not None else None
            if target is not None:
                yield speaker, target, 0.8, self.negation(copula)
        elif cue.pos == "NOUN" and tok.dep_ in OBJ_DEPS and tok.head.lemma_.lower() in RECEIVING_VERBS:
            # "the plan drew criticism from rights groups", "the bill has the backing of the Tories":
            # those it comes from hold the stance on the subject
            subj = self.subject_of(tok.head)
            target = self.proposal_of(subj, dm, sent_no, offset, doc) if subj is not None else None
            if target is None:
                return
            preps = list(tok.children) + [c for c in tok.head.children if c.i > tok.i]  # "drew criticism from X"
            for g in self._givers(preps, ("of", "from")):
                holder = self.actor_of(g, dm, sent_no, speaker)
                if holder is not None:
                    yield holder, target, 0.8, self.negation(tok.head)
        elif cue.pos == "NOUN" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() == "come":
            # "support for the plan came from Egypt and Qatar": those it comes from hold it
            holders = [h for h in (self.actor_of(t, dm, sent_no, speaker) for t in self._givers(tok.head.children))
                       if h is not None]
            for target, tmult in (self._prep_targets(tok, cue, dm, offset, sent_no, doc) if holders else ()):
                for holder in holders:
                    yield holder, target, 0.8 * tmult, self.negation(tok.head)
        elif cue.pos == "NOUN" and ((lead := complement_lead(tok)).dep_ == "oprd" or lead.dep_ == "pobj" and
                                    lead.head.lower_ == "as" or verbless_subject(lead) is not None
                                    or quoted_appositive(lead)):
            # "described the budget as a betrayal", "called the vote a sham", "considers the plan a
            # betrayal": read as an adjective is
            yield from self._adj(tok, cue, dm, offset, sent_no, doc, speaker, negd)
        elif cue.pos == "NOUN":
            holder, hmult = self._noun_holder(tok, dm, sent_no, speaker)
            if holder is None:
                return
            if tok.dep_ in OBJ_DEPS | {"pobj"}:
                direct, governed = self.negation(tok.head if tok.dep_ != "pobj" else tok.head.head)
                negd = (direct != _negated(tok), governed)  # "there was no need for": the noun's own "no"
            got = False
            for target, tmult in self._prep_targets(tok, cue, dm, offset, sent_no, doc):
                got = True
                yield holder, target, hmult * tmult, negd
            if not got and tok.dep_ in OBJ_DEPS and tok.head.lemma_.lower() in LIGHT_VERBS_OK:
                # "gave its backing to the reform plan": the light verb holds the preposition
                light = Cue(cue.id, cue.lemma, cue.pos, "", cue.polarity, cue.confidence)
                for target, tmult in self._prep_targets(tok.head, light, dm, offset, sent_no, doc):
                    yield holder, target, hmult * tmult * 0.9, negd
        elif cue.pos in ("ADJ", "ADP"):
            yield from self._adj(tok, cue, dm, offset, sent_no, doc, speaker, negd)

    def _verb_holders(self, verb: Token, dm: DocMentions, sent_no: int, doc: Doc,
                      speaker: Optional[Ref]) -> Iterator[tuple[Ref, float]]:
        """The verb's holder (`_verb_holder`) and who holds the stance with it (`_holders`), each with how
        sure the holder is."""
        holder, hmult = self._verb_holder(verb, dm, sent_no, speaker)
        if holder is not None:
            for h in self._holders(holder, verb, dm, doc, speaker):
                yield h, hmult

    def _verb_holder(self, verb: Token, dm: DocMentions, sent_no: int,
                     speaker: Optional[Ref]) -> tuple[Optional[Ref], float]:
        # passive: "backed by the African Union" -> the agent holds the stance; "when asked to condemn
        # them, he ...": who asks is not named, and the subject is who is asked
        if any(c.dep_ == "nsubjpass" for c in verb.children) or verb.tag_ == "VBN" and (
                verb.dep_ == "acl" or verb.dep_ in ("advcl", "relcl") and not any(
                    c.dep_ in ("aux", "nsubj") for c in verb.children)) or shared_passive_subject(verb) is not None:
            for c in verb.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            ref = self.actor_of(p, dm, sent_no, speaker)
                            if ref is not None:
                                return ref, 0.95
            return None, 0
        for n, subj in enumerate(self.subjects_of(verb)):
            ref = self.actor_of(subj, dm, sent_no, speaker)
            if ref is None:
                # "the Home Secretary and I are working to ...": another of the joined subjects; "several
                # unions, including Unite and the GMB, opposed": the members a group no one can name is said to have
                ref = next((r for r in (self.actor_of(c, dm, sent_no, speaker) for c in subj.conjuncts) if r), None) \
                    or next(iter(self._members(subj, dm)), None)
            if ref is not None:
                return ref, (0.9 if subj.pos_ == "PRON" else 1.0) * (1.0 if n == 0 else 0.85)
            if n == 0 and subj.pos_ in ("NOUN", "PROPN") and subj.dep_ == "nsubj" and subj.head.i == verb.i:
                return None, 0  # the verb's own subject is no actor ("cooperation was the way")
        if speaker is not None and not any(c.particle == "self" for c in self._cues(verb)):
            # "stressed that it was important to try and defeat the bill": the one who says it
            # (not for actions: who reports an invasion does not back it)
            return speaker, 0.75
        return None, 0

    def _noun_holder(self, noun: Token, dm: DocMentions, sent_no: int,
                     speaker: Optional[Ref]) -> tuple[Optional[Ref], float]:
        # "critics of the freeze, including Senator Ames", "supporters of the freeze include Senator Ames": the
        # named members of the group the noun names (the rest are added by `_holders`)
        members = self._members(noun, dm)
        if members:
            return members[0], 0.9
        overridden = noun.dep_ in OBJ_DEPS and noun.head.lemma_.lower() in OVERRIDING_VERBS
        for c in noun.children:
            if c.dep_ == "poss" and not overridden:  # (the governor's veto, overridden: the overriders' side)
                if c.pos_ == "PRON" and noun.dep_ in OBJ_DEPS and noun.head.pos_ in ("VERB", "AUX"):
                    # "Japan gave its backing": the possessive means the subject
                    subj = self.subject_of(noun.head)
                    ref = self.actor_of(subj, dm, sent_no, speaker) if subj is not None else None
                    if ref is not None:
                        return ref, 0.95
                ref = self.actor_of(c, dm, sent_no, speaker)
                if ref is not None:
                    return ref, 0.95
                if c.lower_ in ("his", "her"):
                    r = self.ctx.resolve_person(sent_no)
                    return (r, 0.85) if r is not None else (None, 0)
                if c.lower_ in ("their", "its"):
                    r = self.ctx.resolve_plural(sent_no)
                    return (r, 0.8) if r is not None else (None, 0)
        head = noun.head
        if noun.dep_ in OBJ_DEPS and head.pos_ in ("VERB", "AUX"):
            if noun.lemma_.lower() in EVENT_NOUNS and head.lemma_.lower() not in HOLDING_VERBS:
                return None, 0  # "refused to allow protests against the decision": not the refuser's protest
            if head.lemma_.lower() not in LIGHT_VERBS_OK and self._cues(head):
                return None, 0  # "dismissed calls for an election": the calls are not the dismisser's
            subj = self.subject_of(head)
            if subj is not None:
                ref = self.actor_of(subj, dm, sent_no, speaker)
                if ref is not None:
                    return ref, (0.9 if head.lemma_.lower() in LIGHT_VERBS_OK else 0.75)
        if noun.dep_ == "attr" and head.lemma_.lower() == "be" and speaker is not None and any(
                c.dep_ == "expl" for c in head.children):
            return speaker, 0.75  # "said there was no need for a rent freeze": the one who says it
        if noun.dep_ == "appos":  # "Ruth Adams, a longtime opponent of the sugar tax, ..."
            ref = self.actor_of(head, dm, sent_no, speaker)
            if ref is not None:
                return ref, 0.85
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in":
            verb = head.head
            if verb.pos_ == "NOUN" and verb.dep_ in OBJ_DEPS and verb.head.pos_ == "VERB":
                verb = verb.head  # "blocked roads in protest against the levy": the parse hangs "in" on the roads
            if verb.pos_ in ("VERB", "AUX"):
                subj = self.subject_of(verb)
                if subj is not None:
                    ref = self.actor_of(subj, dm, sent_no, speaker)
                    if ref is not None:
                        return ref, 0.8
        return None, 0

    def _verb_targets(self, verb: Token, cue: Cue, dm: DocMentions, offset: int, sent_no: int,
                      doc: Doc) -> Iterator[tuple[Ref, float]]:
        got = False
        if cue.particle == "self":
            if not _negated(verb):
                ref = self.ctx.clause_proposal(verb, sent_no, offset, doc)
                if ref is not None:
                    yield ref, 1.0
            return
        dobj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if cue.particle == "clause":
            # "fears (that) the council will scrap the subsidy": what the council would do
            yield from self._clause_target(verb, sent_no, offset, doc, dm)
            return
        if cue.particle and cue.particle not in ("self", "inf"):
            for ref, m in self._prep_targets(verb, cue, dm, offset, sent_no, doc):
                got = True
                yield ref, m
            clause = self._marked_clause(verb, cue.particle)
            if clause is None and any(c.dep_ == "prep" and c.lower_ == cue.particle and not list(c.children)
                                      for c in verb.children):
                # "called for [a referendum to be held]", the parse leaving "for" with no object of its own
                clause = next((c for c in verb.children if c.dep_ in ("ccomp", "advcl") and c.tag_ == "VBN"
                               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
            subj = next((a for a in clause.children if a.dep_ == "nsubjpass"), None) if clause is not None else None
            if not got and subj is not None and clause.lemma_.lower() in DONE_AS_IS:
                ref = self.proposal_of(subj, dm, sent_no, offset, doc)  # "for new elections to be held"
                if ref is not None:
                    yield ref, 0.8
                    return
            if not got and clause is not None:
                # "called for the crowd to march to the roundabout" parsed as a clause marked "for"
                ref = self.ctx.clause_proposal(clause, sent_no, offset, doc)
                if ref is not None:
                    yield ref, 0.8
                    return
            # (or a preposition the parse left with no object: "urged lawmakers to vote [down] the rent freeze")
            adverb = next((c for c in verb.children if c.lower_ == cue.particle and (
                c.dep_ in ("prt", "advmod") or c.dep_ == "prep" and not any(True for _ in c.children))), None)
            if adverb is not None and not got:
                # "pushed back against the reform": the particle is an adverb, a preposition (on the
                # verb or on the adverb) names the target
                for prep in ("", "from", "at"):  # "pushed back against X", "backed away from X", "lashed out at X"
                    bare = Cue(cue.id, cue.lemma, cue.pos, prep, cue.polarity, cue.confidence)
                    for t in (verb, adverb):
                        for ref, m in self._prep_targets(t, bare, dm, offset, sent_no, doc):
                            got = True
                            yield ref, m
            if got or cue.particle not in ("to", "on") and adverb is None:
                return
            # "appealed to all Mozambicans to respect the law": the clause after the addressee;
            # "bring forward the bill", "bring the bill forward": the object
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            # "a fast-track system backed by the British Red Cross": the participle's head is the target
            ref = self.proposal_of(verb.head, dm, sent_no, offset, doc)
            if ref is not None:
                yield ref, 0.9
            elif dm.actor_at(verb.head) is not None and verb.head.dep_ == "nsubj":
                # "Comoros, backed by African Union forces, has invaded the island": what the backed actor does
                action = verb.head.head
                if any(c.particle == "self" for c in self._cues(action)):
                    ref = self.ctx.clause_proposal(action, sent_no, offset, doc)
                    if ref is not None:
                        yield ref, 0.8
            return
        nsubjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) or shared_passive_subject(verb)
        if nsubjpass is not None:
            for t in [nsubjpass] + list(nsubjpass.conjuncts):
                ref = self.proposal_of(t, dm, sent_no, offset, doc)
                if ref is not None:
                    got = True
                    yield ref, 1.0
            if got:
                return
        if dobj is not None:
            for t in [dobj] + list(dobj.conjuncts):
                ref = self.proposal_of(t, dm, sent_no, offset, doc)
                if ref is not None:
                    got = True
                    yield ref, 1.0 if t.lower_ not in PRONOUNS_THING else 0.85
            if got:
                return
            # "urged the Parliament to take a stand", "asked the kidnappers to release Ion"
            for c in verb.children:
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                    if verb.lemma_.lower() in URGING_VERBS and self._inner_cue_reads(c, dm):
                        # "urged the ministry to back the reform": the inner cue reads it; the clauses
                        # joined to it without a cue of their own are asked for here
                        for v in coordinated_verbs(c):
                            ref = None if self._cues(v) else self.ctx.clause_proposal(v, sent_no, offset, doc, listed=True)
                            if ref is not None:
                                yield ref, 0.8
                        return
                    ref = self.ctx.clause_proposal(c, sent_no, offset, doc, keep_neg=False,
                                                   listed=verb.lemma_.lower() in DEMAND_CUES)
                    if ref is not None:
                        yield ref, -0.85 if _negated(c) else 0.85
                        return
            if dobj.lemma_.lower() in self.lex.undoings:
                return  # an undoing that names no proposal ("welcomed the end of the month") is no stance on its object
            if dobj.lemma_.lower() in FRAME_NOUNS:
                # "announced the start of a public process": the proposal is the frame noun's "of" object
                for c in dobj.children:
                    if c.dep_ == "prep" and c.lower_ == "of":
                        for p in c.children:
                            ref = self.proposal_of(p, dm, sent_no, offset, doc) if p.dep_ in ("pobj", "pcomp") else None
                            if ref is not None:
                                yield ref, 0.85
                                return
                # "advocated the creation of an international force": the frame phrase is the proposal
                ref = self.ctx.proposal_ref(doc, dobj, sent_no, offset)
                ent = self.ctx.entities.get(ref.key) if ref is not None else None
                if ref is not None and (ent is None or " " in ent.label):  # "the prospect" alone says nothing
                    yield ref, 0.75
                    return
            # "rejected objections to the plan"; not what a judgement is on ("announced her position on the
            # bill" says no side)
            particles = {c.particle for c in self._cues(dobj) if c.polarity in (SUPPORT, OPPOSE)}
            for prep in [c for c in list(dobj.children) + list(verb.children)
                         if c.dep_ == "prep" and (c.lower_ in ("of", "for", "over") or c.head.i == dobj.i
                                                  and c.lower_ in particles)]:
                # "accused the junta of rigging the election", "criticised Y for cutting aid"
                for p in prep.children:
                    ref = None
                    if p.dep_ == "pcomp" and p.pos_ == "VERB":
                        ref = self.ctx.clause_proposal(p, sent_no, offset, doc)
                    elif p.dep_ == "pobj":
                        ref = dm.proposal_at(p)
                    if ref is not None:
                        yield ref, 0.8
                        return
            if dm.actor_at(dobj) is not None:
                # "support Ukraine on its path to integration, including NATO membership"
                for t in verb.subtree:
                    if t.i > dobj.i and not self._inside_subject(t, verb):
                        ref = dm.proposal_at(t)
                        if ref is not None:
                            yield ref, 0.7
                            return
            for c in dobj.children:
                # "brushed aside calls to close the mine", its infinitive hung on the noun as either clause
                if c.dep_ == "acl" and c.tag_ == "VB" or c.dep_ == "xcomp" or _noun_infinitive(dobj, c):
                    if self._undertaken(dobj) and self._inner_cue_reads(c, dm):
                        return  # "launched a campaign to block the plan": the inner cue reads it, as its undertaker
                    ref = self.ctx.clause_proposal(c, sent_no, offset, doc)
                    if ref is not None:
                        yield ref, 0.8
                        return
        for c in verb.children:
            # a gerund the parse makes the verb's clause is its object: "opposes extending the retirement
            # age", "rejected scrapping the subsidy"
            gerund = c.tag_ == "VBG" and not any(a.dep_ in ("aux", "mark") for a in c.children)
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and (
                    verb.lemma_.lower() in CLAUSE_TARGET_CUES or gerund):
                if c.lemma_.lower() in ("be",):
                    continue
                if self._inner_cue_reads(c, dm):
                    return  # "agreed to support X": the inner cue reads it
                ref = self.ctx.clause_proposal(c, sent_no, offset, doc, keep_neg=False)
                if ref is not None:
                    yield ref, -0.8 if _negated(c) else 0.8
                    return
            if c.dep_ == "ccomp" and verb.lemma_.lower() in CLAUSE_TARGET_CUES and (any(
                    m.lower_ == "that" for m in c.children if m.dep_ == "mark") or small_clause(c)) or (
                    c.dep_ == "ccomp" and verb.lemma_.lower() in ("request", "demand", "urge", "propose", "recommend",
                                                                  "insist")):
                ref = self.ctx.clause_proposal(c, sent_no, offset, doc, listed=verb.lemma_.lower() in DEMAND_CUES)
                if ref is not None:
                    yield ref, -0.8 if _negated(c) else 0.8  # "agreed that NATO would not expand": against it
                    return
        for ref, m in self._prep_targets(verb, cue, dm, offset, sent_no, doc):
            got = True
            yield ref, m
        if got:
            return
        if verb.lemma_.lower() in CLAUSE_TARGET_CUES:
            # the parser hung "to release ..." on a word inside the object: take the first
            # infinitive clause after the cue in its subtree ("asked the men who ... to release X")
            for t in verb.subtree:
                if t.i > verb.i and t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                    if self._cues(t):
                        return  # "pledged to do all he could to defeat X": the inner cue reads it
                    ref = self.ctx.clause_proposal(t, sent_no, offset, doc)
                    if ref is not None:
                        yield ref, 0.7
                        return
        # the object is not a proposal ("agreed with my arguments"): the proposal the clause is about
        if verb.lemma_.lower() not in FALLBACK_TARGET_CUES:
            return
        for t in verb.subtree:
            if t.i != verb.i and t.dep_ not in SUBJ_DEPS:
                ref = dm.proposal_at(t)
                if ref is not None and not self._inside_subject(t, verb):
                    yield ref, 0.6
                    return
        # "welcomed the signing", "hailed the vote": an event the story told of, done to the proposal it was
        # talking about (the last one somebody took a side on or put forward, in the sentences before)
        event = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in DONE_TO_NOUNS
                      and any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)
                      and not any(d.dep_ in ("prep", "acl", "relcl") for d in c.children)), None)
        if event is not None:
            ref = self.ctx.resolve_proposal(None, sent_no - 1, debated=True)  # (any word of those sentences)
            if ref is not None:
                yield self.ctx.proposal_mention(ref, doc, event.i, event.i + 1, sent_no, offset), 0.6

    def _doer(self, clause: Token, dm: DocMentions, sent_no: int, offset: int, doc: Doc) -> Optional[Ref]:
        """The proposal that does what a that-clause under a cue fears or hopes for, where it is the clause's
        subject and the clause's verb acts on something ("worried that the rent freeze will drive landlords
        away", "fears the tariffs will hurt farmers": the rent freeze, the tariffs); else None. Not a verb with
        no object ("fears the deal will collapse" fears for the deal), nor a cue, which reads itself."""
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON" or self._cues(clause) or not any(
                c.dep_ in ("dobj", "obj") for c in clause.children):
            return None
        return self.proposal_of(subj, dm, sent_no, offset, doc)

    def _clause_target(self, tok: Token, sent_no: int, offset: int, doc: Doc,
                       dm: DocMentions) -> Iterator[tuple[Ref, float]]:
        """The proposal in the that-clause under a cue ("fears (that) the council will scrap the subsidy"), or
        the proposal that would do what it fears (`_doer`)."""
        for c in tok.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                ref = self._doer(c, dm, sent_no, offset, doc) or self.ctx.clause_proposal(c, sent_no, offset, doc)
                if ref is not None:
                    yield ref, 0.8
                    return

    @staticmethod
    def _inside_subject(tok: Token, verb: Token) -> bool:
        t = tok
        while t.i != verb.i and t.head is not t:
            if t.dep_ in SUBJ_DEPS and t.head.i == verb.i:
                return True
            t = t.head
        return False

    @staticmethod
    def _givers(preps, words: tuple[str, ...] = ("from",)) -> list[Token]:
        """Those a stance comes from, named in "from" (or "of") phrases among `preps`: "came from the unions
        and from Senator Kerr", "from several quarters, including Unite and ASLEF, as well as ..."."""
        heads = [c for c in preps if c.dep_ == "prep" and c.lower_ in words]
        heads += [j for c in heads for j in c.conjuncts if j.lower_ in words]  # "from X and from Y"
        pobjs = [p for c in heads for p in c.children if p.dep_ == "pobj"]
        pobjs += [q for p in pobjs for c in p.children if c.dep_ == "prep" and c.lower_ == "including"
                  for q in c.children if q.dep_ == "pobj"]  # "from rights groups, including Amnesty"
        return list(dict.fromkeys(t for p in pobjs for t in (p, *p.conjuncts)))

    @staticmethod
    def _including_verbs(noun: Token) -> list[Token]:
        """The verbs "include" that say what `noun` includes: "his priorities, which included ...",
        "the priorities include ..."."""
        verbs = [c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() == "include"]
        if noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "include":
            verbs.append(noun.head)
        if not verbs:
            # "his priorities once the island is stable, which included ...": the relative clause
            # hung on a verb after the noun; "which" still means the noun
            verbs = [t for t in noun.doc[noun.i + 1: noun.sent.end] if t.lemma_.lower() == "include"
                     and any(c.dep_ == "nsubj" and c.lower_ == "which" for c in t.children)][:1]
        return verbs

    def _include_targets(self, noun: Token, dm: DocMentions, offset: int, sent_no: int,
                         doc: Doc) -> Iterator[tuple[Ref, float]]:
        """"his priorities, which included holding elections, disarming the militias ...": what is included."""
        for verb in self._including_verbs(noun):
            for obj in verb.children:
                if obj.dep_ not in ("dobj", "xcomp", "ccomp", "attr"):
                    continue
                items = [obj, *obj.conjuncts] + coordinated_verbs(obj, "VBG" if obj.pos_ != "VERB" else "")
                for t in dict.fromkeys(items):
                    if t.pos_ == "VERB":
                        ref = self.ctx.clause_proposal(t, sent_no, offset, doc, listed=True)
                    else:
                        ref = self.proposal_of(t, dm, sent_no, offset, doc)
                    if ref is not None:
                        yield ref, 0.8

    def _prep_targets(self, tok: Token, cue: Cue, dm: DocMentions, offset: int, sent_no: int,
                      doc: Doc) -> Iterator[tuple[Ref, float]]:
        if cue.particle == "include":
            yield from self._include_targets(tok, dm, offset, sent_no, doc)
            return
        preps = ("for", "to", "of", "against", "on", "behind", "with", "about", "over", "in") if not cue.particle else (cue.particle,)
        children = list(tok.children)
        if cue.particle and not any(c.lower_ == cue.particle for c in children):
            children += misplaced_preps(tok)
        for c in children:
            if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        for t in [p] + list(p.conjuncts):
                            # "calls for the fuel tax to be scrapped": what is to be done to it
                            done = next((a for a in t.children if passive_infinitive(a)), None)
                            ref = self.ctx.clause_proposal(done, sent_no, offset, doc) if done is not None else None
                            later = passive_advcl(t) if ref is None and t is p else None
                            if later is not None and later.lemma_.lower() not in DONE_AS_IS:
                                # "called for sanctions on Iran to be lifted" (not "for a referendum to be held",
                                # which is the referendum)
                                ref = self.ctx.clause_proposal(later, sent_no, offset, doc, done_to=t)
                            if ref is not None:
                                yield ref, 0.8
                                continue
                            ref = self.proposal_of(t, dm, sent_no, offset, doc)
                            if ref is not None:
                                yield ref, 1.0
                                continue
                            # "called for the crowd to march to the roundabout"
                            inf = next((a for a in t.children if a.dep_ in ("acl", "relcl") and a.tag_ == "VB"
                                        and any(x.dep_ == "aux" and x.lower_ == "to" for x in a.children)), None)
                            if inf is not None:
                                ref = self.ctx.clause_proposal(inf, sent_no, offset, doc)
                                if ref is not None:
                                    yield ref, 0.8
                                    continue
                            # "support Ukraine on its path to integration", or a misparse that hangs
                            # the proposal under another noun: the first proposal below
                            for sub in t.subtree:
                                r2 = dm.proposal_at(sub)
                                if r2 is not None:
                                    yield r2, 0.75
                                    break
                # "call for X" where X is a particle-less continuation
            if c.dep_ in ("acl", "xcomp", "relcl") and c.tag_ == "VB" and tok.pos_ in ("NOUN", "ADJ") \
                    or _noun_infinitive(tok, c):
                for v in [c] + [x for x in c.conjuncts if x.pos_ == "VERB"]:
                    if (tok.pos_ == "ADJ" or self._undertaken(tok)) and self._inner_cue_reads(v, dm):
                        continue  # "willing to lift the ban", "a campaign to block the plan": the inner cue reads it
                    # "expressed concern this order could create tension": the order, not the tension
                    ref = self._doer(v, dm, sent_no, offset, doc) or self.ctx.clause_proposal(v, sent_no, offset, doc)
                    if ref is not None:
                        yield ref, 0.8

    def _adj(self, tok: Token, cue: Cue, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
             speaker: Optional[Ref], negd: tuple[bool, bool]) -> Iterator[tuple[Ref, Ref, float, tuple[bool, bool]]]:
        head = tok.head
        if tok.pos_ == "ADP" and tok.dep_ == "prep" and head.lemma_.lower() == "be":
            # "she was against the rent freeze": the copula's subject, on what the preposition governs
            subj = self.subject_of(head)
            holder = self.actor_of(subj, dm, sent_no, speaker) if subj is not None else None
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            target = self.proposal_of(obj, dm, sent_no, offset, doc) if obj is not None else None
            if holder is not None and target is not None:
                yield holder, target, 1.0, self.negation(head)
            return
        if tok.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # a participle used as an adjective with its own subject: "they were appalled by X"
            subj = next(c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass"))
            holder = self.actor_of(subj, dm, sent_no, speaker)
            if holder is not None:
                targets = (self._clause_target(tok, sent_no, offset, doc, dm) if cue.particle == "clause"
                           else self._prep_targets(tok, cue, dm, offset, sent_no, doc))
                for target, m in targets:
                    yield holder, target, m, self.negation(tok)
            elif speaker is not None and subj.dep_ == "nsubjpass" and subj.pos_ != "PRON" and not any(
                    c.dep_ == "agent" for c in tok.children):
                # "said the strike was justified": the adjective the parse made a passive, said of a proposal
                target = self.proposal_of(subj, dm, sent_no, offset, doc)
                if target is not None:
                    yield speaker, target, 0.8, self.negation(tok)
            return
        if tok.dep_ in ("acomp", "attr", "ROOT"):
            verb = head if tok.dep_ != "ROOT" else tok
            subj = self.subject_of(verb) if verb is not tok else next((c for c in tok.children if c.dep_ in SUBJ_DEPS), None)
            if subj is None:
                return
            holder = self.actor_of(subj, dm, sent_no, speaker)
            negd = self.negation(verb) if verb is not tok else negd
            if holder is not None:
                got = False
                for target, m in self._prep_targets(tok, cue, dm, offset, sent_no, doc):
                    got = True
                    yield holder, target, m, negd
                if not got and verb is not tok:
                    for target, m in self._prep_targets(verb, cue, dm, offset, sent_no, doc):
                        yield holder, target, m * 0.9, negd
                # "was confident (that) Ukraine would join the alliance"
                for c in list(tok.children) + ([c for c in verb.children if c.dep_ == "ccomp"] if verb is not tok else []):
                    if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                        ref = self._doer(c, dm, sent_no, offset, doc) if cue.particle == "clause" else None
                        ref = ref or self.ctx.clause_proposal(c, sent_no, offset, doc, with_subject=True)
                        if ref is None and cue.particle == "clause":
                            # "concerned the council will scrap the subsidy": what the council would do
                            ref = self.ctx.clause_proposal(c, sent_no, offset, doc)
                        if ref is not None:
                            yield holder, ref, 0.8, negd
                            break
                return
            if subj.lower_ == "it":
                # "It is shocking that journalists are being detained": the clause, said by someone;
                # "it was important to defeat the bill": an expletive it, never a proposal
                clause = next((c for c in list(tok.children) + list(verb.children) if c.dep_ in ("ccomp", "xcomp")), None)
                if clause is not None:
                    if speaker is not None and not self._cues(clause):
                        ref = self.ctx.clause_proposal(clause, sent_no, offset, doc)
                        if ref is not None:
                            yield speaker, ref, 0.75, negd
                    return
            # "the sentence is dangerous", said by someone
            target = self.proposal_of(subj, dm, sent_no, offset, doc)
            if target is not None and speaker is not None:
                yield speaker, target, 0.8, negd
            return
        lead = complement_lead(tok)  # "called the deal painful but [necessary]": said as the first of them is
        if lead.dep_ in ("oprd", "xcomp", "ccomp", "advcl") or lead.head.lower_ == "as" or quoted_appositive(lead):
            # "called the sentence dangerous", "viewed as illegal by X", "called the bill \"a disgrace\""
            verb = complement_verb(lead)
            target = None
            for c in list(verb.children) + [s for s in [verbless_subject(lead)] if s is not None]:
                if c.dep_ in ("dobj", "nsubjpass") or c.head.i == lead.i:
                    target = self.proposal_of(c, dm, sent_no, offset, doc)
            if target is None:
                return
            holder, m = self._verb_holder(verb, dm, sent_no, speaker)
            if holder is None:
                return
            yield holder, target, m * 0.9, self.negation(verb)
            for c in verb.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        for t in p.conjuncts:
                            r = dm.actor_at(t)
                            if r is not None:
                                yield r, target, m * 0.9, self.negation(verb)

    def _modal(self, tok: Token, dm: DocMentions, offset: int, sent_no: int, doc: Doc,
               speaker: Optional[Ref]) -> Optional[tuple[list[Ref], bool]]:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ROOT", "ccomp", "conj"):
            return None
        if not any(c.dep_ == "aux" and c.lemma_.lower() in MODALS for c in tok.children):
            return None
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        target = None
        lemma = tok.lemma_.lower()
        if lemma in HAPPEN_VERBS or tok.tag_ == "VBN":
            if lemma == "be":
                attr = next((c for c in tok.children if c.dep_ == "attr"), None)
                if attr is not None:
                    target = dm.proposal_at(attr)
                if target is None:
                    return None
            elif tok.tag_ == "VBN" and lemma in self.lex.policy_verbs:
                # "subsidies must be cut": cutting them is what is asked for, not the subsidies
                target = self.ctx.clause_proposal(tok, sent_no, offset, doc, keep_neg=False)
            else:
                target = self.proposal_of(subj, dm, sent_no, offset, doc) if subj.lower_ != "there" else None
        if target is None:
            return None
        targets = [target]
        if tok.tag_ == "VBN":
            # "higher eco-taxes should be combined with lower income taxes", "X and Y should be
            # introduced": every proposal the clause puts forward
            others = list(subj.conjuncts) + [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "by")
                                             for p in c.children if p.dep_ == "pobj"]
            for t in others:
                ref = dm.proposal_at(t)
                if ref is not None and all(ref.key != r.key for r in targets):
                    targets.append(ref)
        direct, _ = self.negation(tok)
        return targets, direct
