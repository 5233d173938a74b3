"""The learned stance reading: the packaged model, what it reads, and training it again.

Sentences are read through the whole product path (spaCy parse, mentions, the rules'
candidates, the model) as `stancegraph build` reads them. The table in
`tests/data/stance_sentences.tsv` was written for these tests from the kinds of miss
found on silver dev (none is taken from an article); each row names a word the holder's
label must hold, the polarity, and the words that say which proposal the target is.
"""
from __future__ import annotations

import csv
import json
import re
import weakref

import numpy as np
import pytest

from conftest import ROOT, SEEDS

from stancegraph.extract.learn import MODEL_NAME, ModelFileError, StanceModel, model_dir
from stancegraph.extract.readers import split_paragraphs
from stancegraph.extract.records import OPPOSITE, Article

pytestmark = pytest.mark.model

TABLE = ROOT / "tests" / "data" / "stance_sentences.tsv"
# Rows of the table the packaged model does not read right yet, measured with it (see the README's
# evaluation section); they run, and are reported as xfail, so a better model shows as XPASS.
KNOWN_MISSES_FILE = ROOT / "tests" / "data" / "known_misses.txt"


def _known_misses() -> set[str]:
    if not KNOWN_MISSES_FILE.exists():
        return set()
    return {line.split()[0] for line in KNOWN_MISSES_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


MISSES = _known_misses()


def known(test):
    """Mark a test the packaged model is measured to fail (listed in known_misses.txt) as xfail."""
    return pytest.mark.xfail(test.__name__ in MISSES, reason="a known miss of the packaged model",
                             strict=False)(test)


@pytest.fixture(scope="module")
def learned(nlp):
    from stancegraph.extract.pipeline import RuleExtractor

    return RuleExtractor(nlp=nlp, stance_model="default")


_READINGS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # extractor -> text -> its reading


def read(extractor, text: str) -> list[tuple[set[str], str, str, object]]:
    """(holder labels, polarity, target label, stance) for every stance of `text` read as one article
    (each text read once per extractor: the table's tests and the one-way test share the readings)."""
    done = _READINGS.setdefault(extractor, {})
    if text not in done:
        done[text] = _read(extractor, text)
    return done[text]


def _read(extractor, text: str) -> list[tuple[set[str], str, str, object]]:
    art = Article(id="t", text=text, paragraphs=split_paragraphs(text))
    res = extractor.extract_one(art)
    out = []
    for s in res.stances:
        h, t = res.entities[s.holder], res.entities[s.target]
        out.append(({h.label, *h.alt_labels}, s.polarity, t.label, s))
    return out


def candidates(extractor, text: str, docs=None) -> list:
    """The candidate pairs the extractor's finder proposes in `text` read as one article, paragraph
    by paragraph (`docs`: the paragraphs' Docs, where a test has altered the parse)."""
    from stancegraph.extract.learn import CandidateFinder

    art = Article(id="t", text=text, paragraphs=split_paragraphs(text))
    docs = docs if docs is not None else list(extractor.nlp.pipe([p.text for p in art.paragraphs]))
    finder, out = None, []
    for rp in extractor.paragraphs(art, docs):
        finder = finder or CandidateFinder(rp.ctx, extractor.priors)
        out += finder.paragraph(rp.doc, rp.dm, rp.first_sent_no, rp.para.start, rp.rules, rp.quotes, rp.speakers)
    return out


def words(label: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", label.lower())


def has_words(label: str, wanted: str) -> bool:
    """Every wanted word starts a word of the label ("levy" fits "levies"); the wanted words are split
    as the label's are ("four-day week": four, day, week)."""
    got = words(label)
    return all(any(g.startswith(w[: max(3, len(w) - 2)]) for g in got) for w in words(wanted))


# Words that undo what follows them: a stance on "scrapping the coal mine" is the opposite stance on
# the coal mine. The silver annotation the model learns from names such targets by their undoing
# verb ("support: repeal of the sugar levy"), and the issue's repeal sentence accepts either framing.
UNDOING = ("scrap", "repeal", "drop", "halt", "withdraw", "abandon", "cancel", "reject", "abolish", "stop",
           "block", "revok", "rescind", "overturn", "lift")


def undoes(label: str) -> bool:
    got = words(label)
    return bool(got) and got[0].startswith(UNDOING)


def found(stances, holder: str, polarity: str, target_words: str, not_words: str = "") -> bool:
    """A stance of the holder on the target, in either framing: `polarity` on the target's words
    (none of `not_words` in its label), or the opposite polarity on undoing them, where the row's
    undoing words ("scrap") are what the label begins with."""
    for labels, pol, target, _ in stances:
        if not any(holder in words(lab) for lab in labels) or not has_words(target, target_words):
            continue
        barred = [w for w in not_words.split() if w in words(target)]
        if pol == polarity and not barred:
            return True
        if pol == OPPOSITE.get(polarity) and undoes(target) and not undoes(target_words) \
                and not any(not w.startswith(UNDOING) for w in barred):
            return True
    return False


def readings(stances) -> list[tuple[str, str, str]]:
    """(a holder label, polarity, target label) of each stance `read` gives: what a failing test shows."""
    return [(sorted(h)[0], p, t) for h, p, t, _ in stances]


def read_right(stances, holder: str, polarity: str, target_words: str, not_words: str = "") -> bool:
    """The stance is found, and the holder is not also read to take the opposite one on it."""
    return found(stances, holder, polarity, target_words, not_words) and not (
        polarity in OPPOSITE and found(stances, holder, OPPOSITE[polarity], target_words, not_words))


# --- the issue's sentences ---------------------------------------------------------------------

ISSUE_SENTENCES = [  # issue #11: ordinary sentences the rules read nothing (or the wrong thing) in
    ("veto", "Mayor Ann Lee vetoed the new parking rules.", "lee", "oppose", "parking rules"),
    ("ruling-out", "Chancellor Olaf Scholz has ruled out sending Taurus missiles.", "scholz", "oppose", "taurus"),
    ("unaffordable", "Finance Minister Jon Berg said the tax cut was unaffordable.", "berg", "oppose", "tax cut"),
    ("protest", "Residents of Oakfield protested against the proposed landfill.", "oakfield", "oppose", "landfill"),
    ("struck-down", "The court struck down the abortion ban.", "court", "oppose", "abortion ban"),
]


@pytest.mark.parametrize("text, holder, polarity, target", [
    pytest.param(*row[1:], id=row[0], marks=[pytest.mark.xfail(reason="a known miss of the packaged model",
                                                                strict=False)] if row[0] in MISSES else [])
    for row in ISSUE_SENTENCES])
def test_an_ordinary_sentence(learned, text, holder, polarity, target):
    got = read(learned, text)
    assert read_right(got, holder, polarity, target), readings(got)


@known
def test_calling_for_a_repeal_opposes_what_is_repealed(learned):
    got = read(learned, "Senator Maria Lopez called for the repeal of the sugar levy.")
    assert found(got, "lopez", "oppose", "sugar levy", "repeal") or found(got, "lopez", "support", "repeal levy")
    assert not found(got, "lopez", "support", "sugar levy", "repeal")


# --- the table -----------------------------------------------------------------------------------

def _rows() -> list[dict]:
    with TABLE.open(encoding="utf-8", newline="") as fh:
        # no quoting: a row's text may open with a quotation mark ("\"The dam project is overdue,\" said ...")
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _cases():
    misses = MISSES
    for n, row in enumerate(_rows(), 1):
        case_id = f"{n:03d}-{row['category']}"
        marks = [pytest.mark.xfail(reason="a known miss of the packaged model", strict=False)] \
            if case_id in misses else []
        yield pytest.param(row, id=case_id, marks=marks)


def test_the_table_has_a_hundred_rows_over_the_kinds_of_miss():
    rows = _rows()
    assert len(rows) >= 100
    assert {r["polarity"] for r in rows} == {"support", "oppose", "neutral"}
    assert len({r["category"] for r in rows}) >= 8


@pytest.mark.parametrize("row", list(_cases()))
def test_table_row(learned, row):
    got = read(learned, row["text"])
    assert read_right(got, row["holder"], row["polarity"], row["target_words"], row["not_words"] or ""), \
        readings(got)


def test_a_clause_that_says_what_a_proposal_is_takes_the_nouns_side(learned):
    """"Rejected a demand from the Fishing Council to extend the quota": the noun is what Norway's words reach,
    against it; the clause alone had read Norway for extending the quota as well. The noun's author, named
    inside it, keeps the clause's side: the council is for extending it."""
    got = read(learned, "Norway rejected a demand from the Fishing Council to extend the quota.")
    assert {p for h, p, t, _ in got if any("norway" in words(x) for x in h)} == {"oppose"}, readings(got)
    assert "support" in {p for h, p, t, _ in got if any("council" in words(x) for x in h)}, readings(got)
    got = read(learned, "Mayor Ann Lee cast doubt on the plan to close the library.")
    sides = {p for h, p, t, _ in got if any("lee" in words(x) for x in h) and "library" in words(t)}
    assert sides == {"oppose"}, readings(got)


def test_a_pronoun_or_a_group_needs_a_surer_reading():
    """A holder named by a pronoun or a group holder needs 0.4, a target named by "it" 0.5, where a
    named holder and target need the model's threshold; so does a target named by a relative pronoun
    ("the tax, which the Greens oppose"), which means the noun its clause hangs on: no guess."""
    from stancegraph.extract.learn import T_GUESSED, Row, decide

    kinds = {"named": {}, "he": {"h.pron=True": 1.0}, "protesters": {"h.kind=Group": 1.0},
             "it": {"t.kind=pronoun": 1.0, T_GUESSED: 1.0}, "which": {"t.kind=pronoun": 1.0}}
    rows = [Row(f"h/{name}", f"p/{name}", f"plan {name}", (f"h/{name}", 0, n), {"bias": 1.0, **features},
                ("plan", frozenset({name}))) for n, (name, features) in enumerate(kinds.items())]

    def read(p_support: float) -> set[str]:
        probs = np.array([[1.0 - p_support, p_support, 0.0, 0.0]] * len(rows))
        return {c.holder_key.split("/")[1] for c, _, _ in decide(rows, probs, 0.3)}

    assert read(0.35) == {"named", "which"}
    assert read(0.45) == {"named", "which", "he", "protesters"}
    assert read(0.55) == set(kinds)


def test_a_neutral_the_rules_and_the_words_both_read_stands_on_less():
    """A neutral read by the rules and by the words on the path ("has yet to take a position on the plan")
    stands where the model is only a little sure it is a stance at all (`RULED_BAR`), as a side the rules
    read does; one read by either alone needs the model's threshold, and so does not commenting ("declined
    to comment on the plan"), which the annotation does not hold for a neutral stance."""
    from stancegraph.extract.learn import COMP_NEUTRAL, RULE_NEUTRAL, Row, decide

    kinds = {"both": {RULE_NEUTRAL: 1.0, COMP_NEUTRAL: 1.0}, "rules": {RULE_NEUTRAL: 1.0},
             "words": {COMP_NEUTRAL: 1.0}, "comment": {RULE_NEUTRAL: 1.0, COMP_NEUTRAL: 1.0, "path.lca=comment": 1.0}}
    rows = [Row(f"h/{name}", f"p/{name}", f"plan {name}", (f"h/{name}", 0, n), {"bias": 1.0, **features},
                ("plan", frozenset({name}))) for n, (name, features) in enumerate(kinds.items())]

    def read(p_stance: float) -> dict[str, str]:
        probs = np.array([[1.0 - p_stance, p_stance / 2, p_stance / 2, 0.0]] * len(rows))
        return {c.holder_key.split("/")[1]: polarity for c, polarity, _ in decide(rows, probs, 0.3)}

    assert read(0.2) == {"both": "neutral"}
    assert read(0.35) == {name: "neutral" for name in kinds}


def test_a_relative_pronoun_names_the_noun_its_clause_hangs_on(learned):
    """"Which" opening a relative clause is no guess at the proposal named before: it is the noun its
    clause hangs on, a proposal ("the carbon tax, which ...") or none ("the Green Party, which ...")."""
    text = "The council debated the fuel levy. The Green Party, which won ten seats, held a rally."
    assert not [c for c in candidates(learned, text) if c.target.kind == "pronoun"]
    text = "The council debated the fuel levy. The carbon tax, which the Green Party opposes, takes effect in May."
    which = [c for c in candidates(learned, text) if c.target.kind == "pronoun"]
    assert which and {c.target.label for c in which} == {"carbon tax"}
    assert not any(c.target.guessed for c in which)


def test_a_noun_that_states_the_holders_side_is_no_proposal(learned):
    """"Beijing lodged a protest over the arms sale": the protest is Beijing's side on the sale, not a
    proposal Beijing takes a side on; someone else's protest still can be ("police banned the protest")."""
    pairs = {(c.holder.key, c.target.label) for c in candidates(
        learned, "Beijing has lodged a formal protest over the arms sale to Taiwan.")}
    assert ("place/beijing", "arms sale to Taiwan") in pairs
    assert not [t for h, t in pairs if h == "place/beijing" and "protest" in t]
    text = "The CGT union staged a protest over the pension reform. Police banned the protest over the pension reform."
    assert any("protest" in c.target.label and "police" in c.holder.key for c in candidates(learned, text))


def test_a_stance_supposed_in_an_if_clause_is_no_stance(learned):
    """"If Pyongyang wanted to attack the alliance, ...": a supposition, not a stance; the same words
    said outright are one."""
    supposed = "If Pyongyang wanted to abolish the sanctions regime, it would have said so."
    said = "Pyongyang wanted to abolish the sanctions regime, its envoy said."
    def pairs(text: str) -> list:
        return [c for c in candidates(learned, text)
                if "pyongyang" in c.holder.key and "sanctions" in c.target.label and c.target.kind != "pronoun"]

    assert not pairs(supposed)
    assert pairs(said)


def test_saying_one_is_still_studying_a_proposal_is_neutral_on_it(learned):
    """"The EU said it was studying the proposal": still looking it over, the EU has taken no side yet,
    neutral (`pattern.deliberating`), where "the EU studied the proposal" says nothing of a side; saying it
    backs the proposal supports it."""
    def eu(text: str) -> set:
        return {(pol, lab) for holders, pol, lab, _ in read(learned, text) if "European Union" in holders}

    assert eu("The European Union said it was studying the ceasefire proposal.") == {("neutral", "ceasefire proposal")}
    assert eu("The European Union said it was examining the ceasefire proposal and had no position yet.") == \
        {("neutral", "ceasefire proposal")}
    assert eu("The European Union studied the ceasefire proposal in March.") == set()
    assert eu("The European Union said it backed the ceasefire proposal.") == {("support", "ceasefire proposal")}


def test_a_step_still_required_or_awaited_takes_no_side(learned):
    """"Montenegro's parliament must still ratify the agreement", "must still be approved by Congress",
    "until the parliament ratifies it": a step to come, not a side its holder takes (read as support,
    0.55-0.75, before)."""
    def holders(text: str) -> set:
        return {h for hs, _, _, _ in read(learned, text) for h in hs}

    assert not {"Montenegro's parliament", "Parliament"} & holders(
        "Serbia and Montenegro signed a pipeline agreement. Montenegro's parliament must still ratify the agreement.")
    assert "Colombia's Congress" not in holders(
        "The government signed a peace deal with the rebels. The deal must still be approved by Colombia's Congress.")
    assert "Turkey's parliament" not in holders(
        "Senator Robert Kellerman said he would not approve the jet sale until Turkey's parliament ratifies Sweden's "
        "membership.")
    assert "Montenegro's parliament" in holders(
        "Serbia and Montenegro signed a pipeline agreement. Montenegro's parliament ratified the agreement.")


def test_who_speaks_for_an_unnamed_body_holds_its_stance(learned):
    """"Tamm said her government would study the proposal": the government is not named, and the one who
    speaks for it holds the stance (ANNOTATION.md: the spokesman and the body both); likewise "our party"
    and "the company" in what the speaker says. Not a body the speaker does not speak of as theirs
    ("said the court would review the ban"). Before, nobody held these stances, and the model read the
    speaker as for the proposal."""
    def stances(text: str) -> set:
        return {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}

    assert ("Marta Kallas", "neutral", "merger proposal") in stances(
        "Economy Minister Marta Kallas said her government would study the merger proposal before taking a position.")
    assert ("Pedro Alves", "neutral", "fuel levy") in stances(
        "Pedro Alves, a spokesman for the energy ministry, said the country was still reviewing the fuel levy.")
    assert ("Ines Duarte", "neutral", "pension reform") in stances(
        'Ines Duarte said: "Our party will study the pension reform before we decide anything."')
    assert ("Eva Novak", "neutral", "judicial law") in stances(
        "Parliament passed the judicial law. A spokeswoman for the presidential office, Eva Novak, said the head of "
        "state would study the law before deciding whether to sign it.")
    assert not any(h == "Lena Varga" for h, _, _ in stances(
        "Lena Varga said the court would review the smoking ban before the summer."))


def test_a_judgement_is_no_proposal_and_giving_one_takes_no_side(learned):
    """"Would announce her position later": a position, a view or a stance is what a holder takes on a
    proposal, never the proposal (the model read support on "position"). And giving one says no side of
    its own: "would announce her position on the bill next week", "set out his views on the pipeline"
    (the rules read "announce" as support through "position on", 0.81, and the model "set out" at 0.37)."""
    text = "Senator Ana Ruiz said she was studying the bill and would announce her position later."
    assert {(p, t) for _, p, t, _ in read(learned, text)} == {("neutral", "bill")}, readings(read(learned, text))
    for text in ("Senator Ana Ruiz said she would announce her position on the rent bill next week.",
                 "Governor Tom Reyes said he would set out his views on the pipeline on Friday.",
                 "Prime Minister Jan Novak said the cabinet would explain its stance on the treaty soon."):
        assert not read(learned, text), readings(read(learned, text))
    assert {(p, t) for _, p, t, _ in read(learned, "Senator Ana Ruiz said she opposed the rent bill.")} == \
        {("oppose", "rent bill")}


def test_a_possessed_subject_is_named_after_whose_it_is(learned):
    """"Said his party supported the border fence": the party is the body the speaker leads where the text
    says so (Civic Union party), never a holder labelled "party" that every party of a graph would
    share; "whose district" names no holder at all."""
    text = "Marek Novak, leader of the Civic Union party, said his party supported the border fence."
    holders = {h for hs, _, _, _ in read(learned, text) for h in hs}
    assert "Civic Union party" in holders and "party" not in holders, readings(read(learned, text))
    text = "Legislator Huang Mei, whose district opposed the waste tax, spoke to reporters on Monday."
    assert not {"district", "the district"} & {h for hs, _, _, _ in read(learned, text) for h in hs}


def test_a_decision_against_a_proposal_is_a_proposal_of_its_own(learned):
    """"The Commission blocked the merger ... Lufthansa would appeal the decision": the decision is the act
    against the merger, and who appeals it is for the merger, not against it (read as Lufthansa against
    the merger before, and BEUC, who welcomed the block, as for it). A decision after an act for the
    proposal is that proposal ("approved the reform ... criticised the decision": against the reform)."""
    def stances(text: str) -> set:
        return {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}

    got = stances("The European Commission on Monday blocked the airline merger.\n\nLufthansa said it would "
                  "appeal the decision.\n\nConsumer group BEUC welcomed the decision.")
    assert {("Lufthansa", "oppose", "decision to block the merger"),
            ("BEUC", "support", "decision to block the merger")} <= got, got
    assert not {s for s in got if s[0] in ("Lufthansa", "BEUC") and s[2] == "airline merger"}, got
    got = stances("The European Union approved the pension reform on Monday.\n\nThe unions criticised the decision.")
    assert ("unions", "oppose", "pension reform") in got, got


def test_what_a_speaker_says_a_proposal_is_in_a_noun(learned):
    """"Said the decision was good news", "said the tax was a terrible idea": the feeling of the noun's
    words (VADER), where no cue says a side; "good", a cue where it is what the proposal is ("the deal is
    good"), is only a feeling beside a noun (the rules read nothing before, and the model nothing sure).
    "The main issue" has no feeling to read."""
    def stances(text: str) -> set:
        return {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}

    assert ("Ana Ruiz", "support", "pension reform") in stances(
        "Senator Ana Ruiz said the pension reform was good news.")
    assert ("Tom Berg", "oppose", "fuel tax") in stances("Senator Tom Berg said the fuel tax was a terrible idea.")
    text = "Senator Tom Berg said the fuel tax was the main issue of the campaign."
    assert not any("pattern.judged" in st.rule for _, _, _, st in read(learned, text))  # no feeling in the words


def test_a_vote_cast_beside_the_passing_of_a_proposal(learned):
    """"Approved the fishing quota bill, with the Green Party voting against": the parse hangs the vote on
    the bill, so the party sat inside the target's words and the learned reading never paired them, though
    the rules read it; now the pair is proposed where the rules read a side on it."""
    text = "The regional assembly approved the fishing quota bill, with the Green Party voting against."
    assert ("Green Party", "oppose", "fishing quota bill") in {
        (h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}, readings(read(learned, text))


def test_still_deciding_whether_to_sign_takes_no_side(learned):
    """"Is deciding whether to sign it", "before deciding whether to sign it": the question is open, so
    the signing in it is no support (the rules' "sign" cue read support, 0.63, where the parse makes the
    "whether" clause an infinitive, `xcomp`, which the embedded question test did not take)."""
    for text in ("Parliament passed the judicial law. President Peter Kollar is deciding whether to sign it.",
                 "Parliament passed the judicial law. President Peter Kollar would wait for the court's opinion "
                 "before deciding whether to sign it."):
        got = {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}
        assert not {s for s in got if s[0] == "Peter Kollar" and s[1] == "support"}, got
    got = {(h, p, t) for hs, p, t, _ in read(learned, "Parliament passed the judicial law. President Peter "
                                                    "Kollar is deciding whether to sign it.") for h in hs}
    assert ("Peter Kollar", "neutral", "judicial law") in got, got


def test_a_mind_not_made_up_is_neutral(learned):
    """"Said she had not made up her mind" with nothing named is undecided on the proposal the story is
    about (`pattern.undecided-vote`), as "said she was undecided" is; the model had read the senator
    against the bill beside it ("and would not rush the bill", 0.34)."""
    text = ("The Senate will vote on the pension bill next week. Senator Carla Mendes said she had not made up "
            "her mind and would not rush the bill.")
    got = {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}
    assert ("Carla Mendes", "neutral", "pension bill") in got and not {s for s in got if s[1] == "oppose"}, got


def test_it_is_no_place_named_only_as_where(learned):
    """"Talks in Jeddah ... The delegation said it accepted the exchange": "it" is not Jeddah, which the
    text names as where, not as who (read Jeddah's support before)."""
    text = ("Mediators at peace talks in Jeddah proposed an exchange of prisoners. The army's delegation said "
            "it accepted the prisoner exchange.")
    assert not [hs for hs, _, _, _ in read(learned, text) if "Jeddah" in hs]


def test_each_participle_joined_to_a_passive_says_its_own_agents_side(learned):
    """"Supported by Norway but opposed by Iceland": Iceland's side is "opposed", not the first verb's (the
    model read both agents by their nearest common word, "supported")."""
    got = readings(read(learned, "The fishing ban is supported by Norway but opposed by Iceland."))
    assert ("Iceland", "oppose", "fishing ban") in got and ("Norway", "support", "fishing ban") in got, got


def test_the_only_one_to_take_a_side_is_the_subject(learned):
    """"Norway was the only country to vote against the fishing ban": Norway holds it (the rules had read
    "only country", the model the pair under its threshold)."""
    got = readings(read(learned, "Norway was the only country to vote against the fishing ban."))
    assert got == [("Norway", "oppose", "fishing ban")], got


def test_how_a_proposal_stands_is_no_proposal(learned):
    """"Opposed the dam \"in its current form\"": the form is how the dam stands, not a proposal of its own
    (read the party against "current form" before)."""
    text = 'The Green Party said it opposed the new dam "in its current form".'
    assert not [t for _, _, t, _ in read(learned, text) if "form" in t]


def test_a_label_ends_before_the_subject_of_the_clause_after_it_and_a_tally_is_no_proposal(learned):
    """"scrap a tax on nuclear waste that it says ...": the label is "scrap a tax on nuclear waste", not
    "... that it"; "passed by 98 votes to 37" counts votes, it names no vote anyone takes a side on."""
    text = ("The industry group Foro Nuclear urged the government to scrap a tax on nuclear waste that it says "
            "makes the plant unprofitable. The aid package passed the lower house by 98 votes to 37.")
    labels = {lab for _, _, lab, _ in read(learned, text)}
    assert "scrap a tax on nuclear waste" in labels
    assert not [lab for lab in labels if lab.endswith((" it", " that")) or "98 votes" in lab]
    assert not [c for c in candidates(learned, text) if "votes" in c.target.label]


def test_the_body_a_spokesperson_speaks_for_holds_the_stance_too(learned):
    """ANNOTATION.md: "when a spokesman speaks for a body, the body and the spokesman are both holders
    where the text names both"; a party leader is not its party's spokesperson."""
    def holders(text: str) -> set:
        return {h for hs, pol, lab, _ in read(learned, text) if pol == "oppose" and "strike" in lab for h in hs}

    assert {"Lufthansa", "Anna Berg"} <= holders("Lufthansa spokeswoman Anna Berg criticised the pilots' strike.")
    assert {"Commission", "Elise Marchetti"} <= holders(
        "A Commission spokeswoman, Elise Marchetti, rejected the planned strike.")
    assert "Labour" not in holders("Labour leader Anna Berg criticised the pilots' strike.")
    # the parser hangs the name on the body: "a spokeswoman for [Lufthansa, Anna Berg]"
    assert {"Lufthansa", "Anna Berg"} <= holders(
        "A spokeswoman for Lufthansa, Anna Berg, criticised the pilots' strike.")


def test_an_expletive_it_names_no_proposal(learned):
    """"It was not in the city's interest to raise taxes": "it" stands for the clause after it, not for
    the levy named before; "it was a mistake" still means the levy."""
    before = "The council proposed a fuel levy on Monday. "
    text = before + "Mayor Tom Hart said it was not in the city's interest to raise taxes."
    assert not [c for c in candidates(learned, text) if c.target.kind == "pronoun"]
    text = before + "Mayor Tom Hart said it was a mistake."
    assert {c.target.label for c in candidates(learned, text) if c.target.kind == "pronoun"} == {"fuel levy"}


def test_who_reports_a_stance_does_not_hold_it():
    """"Reed said Lopez wants to repeal the levy": the stance is Lopez's, Reed reports it (ANNOTATION.md).
    A holder who is the subject of a verb of saying loses a stance read at least as surely for a named
    subject of the words the target hangs under; not one read less surely, nor one a pronoun holds. Who
    is reported keeps a stance read far less surely than the reporter's ("Fico said Slovakia would not
    support X")."""
    from stancegraph.extract.learn import H_SAYS, Row, decide

    said = {"bias": 1.0, H_SAYS: 1.0, "h.dep=nsubj": 1.0, "h.gov=say": 1.0, "h.pron=False": 1.0, "t.anc=want": 1.0}
    wants = {"bias": 1.0, "h.dep=nsubj": 1.0, "h.gov=want": 1.0, "t.anc=want": 1.0}

    def read(p_reporter: float, p_subject: float, pronoun: bool = False) -> set[str]:
        sign = ("repeal", frozenset({"levy"}))
        rows = [Row("person/reed", "p/levy", "repeal the levy", ("person/reed", 0, 5), said, sign),
                Row("person/lopez", "p/levy", "repeal the levy", ("person/lopez", 0, 5),
                    {**wants, f"h.pron={pronoun}": 1.0}, sign)]
        probs = np.array([[1.0 - p, p, 0.0, 0.0] for p in (p_reporter, p_subject)])
        return {c.holder_key.split("/")[1] for c, _, _ in decide(rows, probs, 0.3)}

    assert read(0.6, 0.6) == {"lopez"}
    assert read(0.6, 0.7) == {"lopez"}
    assert read(0.7, 0.6) == {"reed", "lopez"}
    assert read(0.6, 0.6, pronoun=True) == {"reed", "lopez"}
    # and who is reported is not dropped as an actor far less likely than the reporter (`LONE_HOLDER_SHARE`)
    assert read(0.8, 0.35) == {"reed", "lopez"}


def _row(holder: str, sent: int, n: int, target: str = "levy"):
    """A candidate as `decide` takes it: `holder` and the one-word `target` at word `n` of sentence `sent`."""
    from stancegraph.extract.learn import Row

    return Row(holder, f"p/{target}", target, (holder, sent, n), {"bias": 1.0}, (target, frozenset({target})))


def test_one_statement_read_onto_a_lesser_phrase_of_its_sentence_is_dropped():
    """Of one holder's stances of one side in one sentence, those far less likely than the likeliest
    (under `RIVAL_SHARE` of it) are the same statement read onto another phrase; those nearly as
    likely, the other side, and other holders or sentences stand."""
    from stancegraph.extract.learn import RIVAL_SHARE, decide

    rows = [_row("h/lee", 0, 1, "levy"), _row("h/lee", 0, 2, "conference"), _row("h/lee", 0, 3, "tariff"),
            _row("h/lee", 0, 4, "quota"), _row("h/kim", 0, 5, "press"), _row("h/lee", 1, 6, "meeting")]
    top = 0.8
    weak = top * RIVAL_SHARE - 0.1
    near = top * RIVAL_SHARE + 0.05
    probs = np.array([[1 - top, top, 0, 0], [1 - weak, weak, 0, 0], [1 - near, near, 0, 0],
                      [1 - weak, 0, weak, 0], [1 - weak, weak, 0, 0], [1 - weak, weak, 0, 0]])
    got = {(c.holder_key, c.target_label, pol) for c, pol, _ in decide(rows, probs, 0.3)}
    assert got == {("h/lee", "levy", "support"), ("h/lee", "tariff", "support"), ("h/lee", "quota", "oppose"),
                   ("h/kim", "press", "support"), ("h/lee", "meeting", "support")}


def test_a_stance_on_a_negated_clause_is_the_other_stance_on_what_its_label_names():
    """A clause target whose own verb is negated ("promised not to raise taxes") is labelled without the
    negation ("raise taxes"): the model's side is turned, and its lesser readings of the side it read
    before turning ("for taxes") are that statement read onto other phrases, dropped as such."""
    from stancegraph.extract.learn import T_NEGATED, Row, decide

    clause = Row("h/lee", "p/raise-taxes", "raise taxes", ("h/lee", 0, 3), {"bias": 1.0, T_NEGATED: 1.0},
                 ("raise", frozenset({"raise", "taxes"})))
    rows = [clause, _row("h/lee", 0, 4, "taxes"), _row("h/kim", 1, 9, "levy")]
    probs = np.array([[0.15, 0.8, 0.05, 0], [0.55, 0.45, 0, 0], [0.2, 0.8, 0, 0]])
    got = {(c.holder_key, c.target_label, pol) for c, pol, _ in decide(rows, probs, 0.3)}
    assert got == {("h/lee", "raise taxes", "oppose"), ("h/kim", "levy", "support")}


def test_a_clause_whose_verb_takes_a_side_is_a_stance_on_its_object():
    """"announced plans to oppose the bill": the model reads a stance for the clause "oppose the bill";
    the stance is against the bill, as the annotation has it. The clause's reading, turned by its verb,
    goes to the object, and the clause reads none."""
    from stancegraph.extract.learn import Row, decide

    def row(holder, n, label, kind, side=None):
        return Row(holder, f"p/{label}", label, (holder, 0, n), {"bias": 1.0, "t.kind=" + kind: 1.0},
                   (label.split()[-1], frozenset(label.split())), verb_side=side)

    rows = [row("h/union", 3, "oppose the bill", "clause", ("oppose", 5, 5)), row("h/union", 5, "bill", "proposal"),
            row("h/kim", 3, "back the levy", "clause", ("support", 5, 5)), row("h/kim", 5, "levy", "proposal"),
            # an object that is no proposal ("to condemn the violence") takes nothing: the clause stands
            row("h/ng", 3, "condemn the violence", "clause", ("oppose", 5, 5)), row("h/ng", 5, "violence", "np"),
            # "promised to fight the housing bill": the bill alone read as supported, and surer of a stance
            row("h/holt", 3, "fight the housing bill", "clause", ("oppose", 6, 6)),
            row("h/holt", 6, "housing bill", "proposal"),
            # "vowed to veto the start of membership talks": the object frames the talks; the start of
            # them, read alone as supported, is the same object read without its verb
            row("h/orban", 3, "veto the start of membership talks", "clause", ("oppose", 5, 8)),
            row("h/orban", 5, "start of membership talks", "np+"), row("h/orban", 8, "membership talks", "proposal"),
            # "voted to oppose the new runway": a verb that is nothing but a side gives it to any object
            Row("h/greens", "p/oppose-the-new-runway", "oppose the new runway", ("h/greens", 0, 3),
                {"bias": 1.0, "t.kind=clause": 1.0}, ("oppose", frozenset({"oppose", "new", "runway"})),
                verb_side=("oppose", 6, 6)),
            row("h/greens", 6, "new runway", "np")]
    probs = np.array([[0.2, 0.8, 0, 0], [0.6, 0.4, 0, 0],
                      [0.1, 0.85, 0.05, 0], [0.05, 0.9, 0.05, 0],
                      [0.3, 0.7, 0, 0], [0.9, 0.1, 0, 0],
                      [0.2, 0.8, 0, 0], [0.1, 0.5, 0.4, 0],
                      [0.2, 0.8, 0, 0], [0.37, 0.63, 0, 0], [0.5, 0.1, 0.4, 0],
                      [0.4, 0.6, 0, 0], [0.9, 0.1, 0, 0]])
    got = {(c.holder_key, c.target_label, pol, round(p, 2)) for c, pol, p in decide(rows, probs, 0.3)}
    # the union's support for opposing the bill is opposition to it; Kim's own reading of the levy is
    # the same side and surer, and stands; the clause says Holt's side, the bill's own reading that it
    # is a stance; Orban is against the talks, and nothing is read on their start
    assert got == {("h/union", "bill", "oppose", 0.8), ("h/kim", "levy", "support", 0.9),
                   ("h/ng", "condemn the violence", "support", 0.7), ("h/holt", "housing bill", "oppose", 0.9),
                   ("h/orban", "membership talks", "oppose", 0.8), ("h/greens", "new runway", "oppose", 0.6)}


def test_a_side_read_on_an_action_and_on_what_it_acts_on_stands_on_the_action():
    """Of one holder's readings of one side in one sentence, one on an action (a clause, a change of an
    amount: "cuts to the school budget") goes before one on what it acts on ("school budget"), where
    it is read at least `RIVAL_SHARE` as likely: the thing alone may be the other side of it."""
    from stancegraph.extract.learn import RIVAL_SHARE, Row, decide

    def row(holder, n, label, head, content, action=False):
        return Row(holder, f"p/{label}", label, (holder, 0, n), {"bias": 1.0}, (head, frozenset(content)),
                   action=action)

    rows = [row("h/lee", 1, "school budget", "budget", {"school", "budget"}),
            row("h/lee", 2, "cuts to the school budget", "cut", {"cut", "school", "budget"}, action=True),
            row("h/kim", 3, "levy", "levy", {"levy"}),
            row("h/kim", 4, "raise the levy", "raise", {"raise", "levy"}, action=True)]
    weak = 0.8 * RIVAL_SHARE - 0.05
    probs = np.array([[0.18, 0, 0.82, 0], [0.35, 0, 0.65, 0], [0.2, 0.8, 0, 0], [1 - weak, weak, 0, 0]])
    got = {(c.holder_key, c.target_label, pol) for c, pol, _ in decide(rows, probs, 0.3)}
    assert got == {("h/lee", "cuts to the school budget", "oppose"), ("h/kim", "levy", "support")}


def test_a_side_on_bringing_a_thing_about_is_not_contradicted_on_the_thing():
    """One holder in one sentence against imposing a tax is against the tax: a reading for the tax itself,
    less sure, is the statement misread onto the thing's words and goes. A side on undoing a thing ("scrap
    the levy") may well be the other side on it, and both stand."""
    from stancegraph.extract.learn import Row, decide

    def row(holder, n, label, head, content, action=False):
        return Row(holder, f"p/{label}", label, (holder, 0, n), {"bias": 1.0}, (head, frozenset(content)),
                   action=action)

    rows = [row("h/lee", 1, "impose the sales tax", "impose", {"sales", "tax"}, action=True),
            row("h/lee", 2, "sales tax", "tax", {"sales"}),
            row("h/kim", 3, "scrap the levy", "scrap", {"levy"}, action=True),
            row("h/kim", 4, "levy", "levy", set())]
    probs = np.array([[0.35, 0, 0.65, 0], [0.41, 0.59, 0, 0], [0.3, 0.7, 0, 0], [0.4, 0, 0.6, 0]])
    got = {(c.holder_key, c.target_label, pol) for c, pol, _ in decide(rows, probs, 0.3)}
    assert got == {("h/lee", "impose the sales tax", "oppose"), ("h/kim", "scrap the levy", "support"),
                   ("h/kim", "levy", "oppose")}


@pytest.mark.parametrize("text, target", [
    ("Senator Ana Ruiz opposed cuts to the school budget.", "cuts school budget"),
    ("Senator Ana Ruiz warned against cutting the school budget.", "cutting school budget"),
])
def test_a_side_taken_on_a_change_is_not_read_onto_what_it_changes(learned, text, target):
    got = read(learned, text)
    shown = readings(got)
    assert read_right(got, "ruiz", "oppose", target), shown
    assert not any(p == "oppose" and not any(w.startswith("cut") for w in words(t)) for _, p, t, _ in got), shown


@pytest.mark.parametrize("text, holder, target", [
    ("Senator Nadia Okafor promised not to raise taxes on small businesses.", "okafor", "raise taxes"),
    ("Mayor Ivo Brandt urged the council not to close the central library.", "brandt", "close library"),
    ("Prime Minister Kari Holmgren vowed never to accept the peace deal.", "holmgren", "accept peace deal"),
])
def test_a_negated_clause_is_read_against_what_it_names(learned, text, holder, target):
    got = read(learned, text)
    shown = readings(got)
    assert read_right(got, holder, "oppose", target), shown
    assert not any(p == "support" for _, p, _, _ in got), shown


def test_a_proposal_named_by_whose_it_is_keeps_the_name(learned):
    """"Hale's suggestion", "the Parliament's suggestion": the name says which suggestion, where
    "suggestion" alone says nothing in a graph of many articles."""
    got = read(learned, "Senator Ana Ruiz rejected Hale's suggestion.")
    assert read_right(got, "ruiz", "oppose", "hale suggestion"), readings(got)
    assert not any(t == "suggestion" for _, _, t, _ in got), readings(got)


@pytest.mark.parametrize("text, holder, polarity, target, not_target", [
    ("Senator Ana Ruiz welcomed the pension reform at a press conference in the capital.", "ruiz", "support",
     "pension reform", "conference"),
    ("President Omar Said rejected the peace deal, saying the facts spoke for themselves.", "said", "oppose",
     "peace deal", "facts"),
    ("Senator Tom Hale opposed the mining bill and the faculty that drafted it.", "hale", "oppose", "mining bill",
     "faculty"),
])
def test_a_stance_is_not_read_again_onto_a_lesser_phrase(learned, text, holder, polarity, target, not_target):
    got = read(learned, text)
    assert read_right(got, holder, polarity, target), readings(got)
    assert not any(not_target in t for _, _, t, _ in got), readings(got)


def test_the_actor_a_stance_is_about_holds_no_part_of_it():
    """Of the holders of one side of one target in one sentence, those under `LONE_HOLDER_SHARE` of the
    likeliest one's probability are dropped; those nearly as likely stand, and another sentence's
    holders are not compared."""
    from stancegraph.extract.learn import LONE_HOLDER_SHARE, decide

    rows = [_row("h/lee", 0, 1), _row("h/kim", 0, 2), _row("h/ray", 0, 3), _row("h/kim", 1, 4)]
    top = 0.8
    weak, near = top * LONE_HOLDER_SHARE - 0.05, top * LONE_HOLDER_SHARE + 0.05
    probs = np.array([[1 - p, p, 0, 0] for p in (top, weak, near, weak)])
    got = {(c.holder_key, c.slot[1]) for c, _, _ in decide(rows, probs, 0.3)}
    assert got == {("h/lee", 0), ("h/ray", 0), ("h/kim", 1)}


def test_holders_joined_by_and_share_a_side_at_the_lower_bar():
    """"Greece and Cyprus opposed the accord": holders both named joined by "and" stand down to
    `HOLDER_SHARE` of the likeliest; another holder of the sentence needs `LONE_HOLDER_SHARE`."""
    from dataclasses import replace

    from stancegraph.extract.learn import HOLDER_SHARE, LONE_HOLDER_SHARE, decide

    greece, cyprus, turkey = _row("h/greece", 0, 1), _row("h/cyprus", 0, 3), _row("h/turkey", 0, 5)
    rows = [replace(greece, joined=True), replace(cyprus, joined=True), turkey]
    top = 0.8
    between = top * (HOLDER_SHARE + LONE_HOLDER_SHARE) / 2
    probs = np.array([[1 - p, p, 0, 0] for p in (top, between, between)])
    assert {c.holder_key for c, _, _ in decide(rows, probs, 0.3)} == {"h/greece", "h/cyprus"}
    rows = [greece, cyprus, turkey]  # not joined: only the likeliest stands
    assert {c.holder_key for c, _, _ in decide(rows, probs, 0.3)} == {"h/greece"}


def test_a_holder_named_with_and_is_joined(learned):
    """`Candidate.joined`, as the parser names the holders: both conjuncts, and not the accord's owner (nor
    the party it is with, who is no holder of it)."""
    got = {c.holder.key.split("/")[-1]: c.joined
           for c in candidates(learned, "Greece and Cyprus opposed Turkey's accord with Libya.")}
    assert got == {"greece": True, "cyprus": True, "turkey": False}


@pytest.mark.parametrize("text, holder, target, not_holder", [
    ("Amnesty International demanded the release of opposition leader Leo Marsh.", "amnesty", "release", "marsh"),
    ("The Harbour Workers' Union urged the government to secure the release of union organiser Tom Bale.",
     "harbour", "release", "bale"),
])
def test_who_is_to_be_released_does_not_demand_it(learned, text, holder, target, not_holder):
    got = read(learned, text)
    assert read_right(got, holder, "support", target), readings(got)
    assert not any(not_holder in words(" ".join(h)) for h, _, _, _ in got), readings(got)


@pytest.mark.parametrize("name", ["Femi Oduya", "Amos Ndlovu", "Tunde Bakare"])
def test_a_name_in_apposition_with_a_role_holds_the_stance_not_the_role(learned, name):
    """The entity tagger leaves the first name untyped, calls the second a place and the third an
    organisation, and the parser hangs each on the union rather than on "head": each is the person
    who heads it, and "the head of the union" is no holder of its own beside them."""
    got = read(learned, f"The head of the Ashby Dock Workers Union, {name}, rejected the port levy.")
    shown = readings(got)
    assert read_right(got, name.split()[-1].lower(), "oppose", "port levy"), shown
    assert not any("head" in words(lab) for h, _, _, _ in got for lab in h), shown


def test_a_surname_the_tagger_left_untyped_is_the_person_named_before(learned):
    """"Hawkridge attacked ...": the tagger types no name, and the subject is the mayor named in full
    before, not a group of its own (which the higher bar for groups had kept from any stance)."""
    got = read(learned, "Mayor Ana Hawkridge spoke at the rally. Hawkridge attacked the media and backed the rent freeze.")
    shown = readings(got)
    assert any(h == {"Ana Hawkridge"} or "Ana Hawkridge" in h for h, p, t, _ in got if p == "support" and "rent" in t), shown


def test_an_actor_named_inside_a_proposal_is_not_paired_with_it(learned):
    """"a televised debate with Democratic nominee Ana Pennock": she is part of what the governor agreed
    to, not a holder of it; a proposal's owner ("Ana Pennock's plan") still is."""
    pairs = [(c.holder.key, c.target.label) for c in candidates(
        learned, "Governor Tom Reyes agreed to a televised debate with Democratic nominee Ana Pennock. "
                 "Ana Pennock's plan drew praise.")]
    assert any(h.endswith("tom-reyes") and "Pennock" in t for h, t in pairs), pairs
    assert not any(h.endswith("ana-pennock") and "debate" in t and "Pennock" in t for h, t in pairs), pairs
    assert any(h.endswith("ana-pennock") and "plan" in t for h, t in pairs), pairs


def test_a_report_named_with_its_noun_is_not_named_twice(learned):
    """"The annual World Fisheries Report": the name holds the document noun, and the node is not
    "World Fisheries Report report"."""
    got = read(learned, "The annual World Fisheries Report backed the fishing quota.")
    labels = {lab for h, _, _, _ in got for lab in h}
    assert "World Fisheries Report" in labels and not any(lab.endswith("Report report") for lab in labels), labels


def test_an_instrument_the_tagger_typed_a_body_holds_no_stance(learned):
    """"Royal Charter" is tagged an organisation: a charter, an act or a treaty is a proposal, and
    never the holder of a stance on another."""
    got = read(learned, "The Danish government rejected the fishing plan and will proceed with a Royal Charter "
                        "backed by the two main parties.")
    shown = readings(got)
    assert read_right(got, "danish", "oppose", "fishing plan"), shown
    assert not any("charter" in words(lab) for h, _, _, _ in got for lab in h), shown


def test_a_change_is_named_by_what_it_changes(learned):
    """"The increase in defence spending" is labelled so, not "increase": the label says which change."""
    res = learned.extract_one(Article(
        id="t", text="Senator Ruth Ambrose approved the increase in defence spending after a briefing."))
    labels = {e.label for e in res.entities.values() if e.kind == "Proposal"}
    assert "increase in defence spending" in labels, labels


def test_a_holder_naming_one_proposal_twice_holds_one_stance_on_its_fuller_name():
    from stancegraph.extract.learn import fold_nested
    from stancegraph.extract.records import Stance

    def stance(holder, target, polarity="support"):
        return Stance(holder, target, polarity, "evidence", 0, 8, "model:test", 0.5)

    names = {"p/short": ["the importing of U.S. beef"], "p/long": ["resume the importing of U.S. beef"],
             "p/tariff": ["the beef tariff"], "p/alt": ["beef imports", "importing of U.S. beef"]}
    got = fold_nested([stance("lee", "p/short"), stance("lee", "p/long"), stance("kim", "p/short"),
                       stance("lee", "p/short", "oppose"), stance("lee", "p/tariff"), stance("lee", "p/alt")], names)
    assert [(s.holder, s.polarity, s.target) for s in got] == [
        ("lee", "support", "p/long"), ("lee", "support", "p/long"),  # the same side of one proposal: one stance
        ("kim", "support", "p/short"),  # another holder named it only once
        ("lee", "oppose", "p/short"),  # the other side is another stance
        ("lee", "support", "p/tariff"),  # other words: another proposal
        ("lee", "support", "p/long"),  # one of its names is enough
    ]


def test_a_request_to_do_something_and_the_thing_done_are_one_proposal():
    """"The request to halt building in the area" and, later, "halt building in the area on the grounds
    of ...": the words beside the generic "request" are the other's, so one stance, on the fuller
    name; one distinctive word in common ("the Jerusalem decision") is not enough."""
    from stancegraph.extract.learn import nested_targets

    names = {"p/request": ["request to halt building in the area"],
             "p/halt": ["halt building in the area on the grounds of security"],
             "p/decision": ["the Jerusalem decision"], "p/homes": ["build homes in east Jerusalem"]}
    got = nested_targets([("kerr", "support", k) for k in names], names)
    assert got == {("kerr", "support", "p/request"): "p/halt"}


def test_a_role_a_demonym_names_is_not_another_countrys_person(learned):
    # "the Syrian president" is not the American president named before; "the Kenyan president" is
    # the Kenyan one
    got = read(learned, "U.S. President Barack Obama met the leaders on Monday. "
                        "The Syrian president rejected the peace plan.")
    assert not any("Barack Obama" in h or ("Syrian president" in h and len(h) > 1) for h, _, _, _ in got), got
    got = read(learned, "Kenyan President Mwai Kibaki arrived on Monday. The Kenyan president backed the power-sharing deal.")
    assert any("Mwai Kibaki" in h and p == "support" and "deal" in t for h, p, t, _ in got), got


def test_a_sentence_reads_a_holder_one_way_on_a_proposal(learned):
    """"Criticised plans to replace the library" names the plans twice (the noun phrase and the
    clause in it) and both merge into one node: the holder opposes it, never both opposes and backs."""
    for row in _rows():
        seen: dict[tuple, set] = {}
        for *_, s in read(learned, row["text"]):
            seen.setdefault((s.holder, s.target, s.start), set()).add(s.polarity)
        assert all(len(p) == 1 for p in seen.values()), (row["text"], seen)


@pytest.mark.parametrize("text, holder, polarity, target", [
    ("Calls for the mayor to resign came from the teachers' union.", "union", "support", "mayor resign"),
    ("The dockers' union announced a two-day strike in protest at the port sale.", "union", "support", "strike"),
])
def test_a_side_the_rules_read_too_stands_on_less(learned, text, holder, polarity, target):
    """Where the rules read the side the model finds likeliest, a lower probability carries it
    (`RULED_BAR`): the model alone reads these under its threshold."""
    got = read(learned, text)
    assert read_right(got, holder, polarity, target), readings(got)


def test_undoing_a_proposal_is_a_proposal_of_its_own(learned):
    """"Decided to cancel the leadership ballot" after "planned to hold a leadership ballot": the two
    share their words but undo each other, so they are two nodes, and the decision to cancel is read,
    not folded into backing the ballot it cancels."""
    got = read(learned, "The Green Party had planned to hold a leadership ballot in March.\n\n"
                        "On Monday the Green Party decided to cancel the leadership ballot.")
    assert found(got, "green", "support", "cancel leadership ballot"), readings(got)
    assert not any(has_words(t, "cancel") and has_words(t, "hold") for *_, t, _ in got), readings(got)


@pytest.mark.parametrize("text, holder, polarity, target", [
    ("The city council rejected a plan that would close three fire stations.", "council", "oppose", "fire stations"),
    ("The union opposed a proposal which would extend the working week to fifty hours.", "union", "oppose",
     "working week"),
])
def test_a_relative_clause_says_which_proposal(learned, text, holder, polarity, target):
    got = read(learned, text)
    assert read_right(got, holder, polarity, target), readings(got)
    assert all(len(words(t)) <= 10 for *_, t, _ in got)


@pytest.mark.parametrize("text, holder, target", [
    ("Senator Ann Moss sponsored the bill to ban fracking.", "moss", "bill to ban fracking"),
])
def test_an_infinitive_after_a_proposal_says_which_proposal(learned, text, holder, target):
    """"Sponsored the bill to ban fracking": the parser may hang "to ban fracking" on the verb, as her
    purpose; hung back on the noun it names the bill, which had been read as "bill" beside a second
    stance on "ban fracking"."""
    got = read(learned, text)
    assert any(holder in " ".join(h).lower() and t == target for h, _, t, _ in got), readings(got)
    assert not any(t == "bill" for *_, t, _ in got), readings(got)


def test_a_long_proposal_label_ends_on_a_whole_phrase(learned):
    """Cut near ten words, a label takes the head of the noun phrase it is in ("... the national weather
    service", not "... the national weather"), and never more than twelve words (the scorer's limit)."""
    got = read(learned, "Opposition lawmakers blocked a bill that would let private companies run the national "
                        "weather service.")
    labels = [t for h, p, t, _ in got if p == "oppose" and any("lawmakers" in words(x) for x in h)]
    assert labels and all(words(t)[-2:] == ["weather", "service"] and len(words(t)) <= 12 for t in labels), labels


def test_a_label_says_what_the_proposal_is_not_when_it_was_said(learned):
    """"On Tuesday", "last week", "next month" at a label's end say when, not which proposal: the rules'
    proposal noun phrase and the model's clause both end before them; a deadline ("by 2030") stays."""
    from stancegraph.extract.words import trailing_when

    got = read(learned, "Turkey's parliament approved Sweden's bid to join NATO on Tuesday. "
                        "The union rejected the offer made on Monday morning. "
                        "The council approved the plan to build homes by 2030.")
    labels = {t for _, _, t, _ in got}
    assert "bid to join NATO" in labels and "offer made" in labels, labels
    assert not any(w in words(t) for t in labels for w in ("tuesday", "monday", "morning")), labels
    assert any(words(t)[-2:] == ["by", "2030"] for t in labels), labels
    assert trailing_when("comments i made last week".split()) == 2
    assert trailing_when("elections in may".split()) == 0 and trailing_when("accept this".split()) == 0


# --- provenance and confidence -------------------------------------------------------------------

def test_every_stance_names_the_model_and_a_probability(learned):
    text = ("Senator Dana Whitfield endorsed a bill capping rent increases at five percent. "
            "The landlords' association condemned the bill.")
    got = read(learned, text)
    assert got
    model = StanceModel.load()
    for _, _, _, s in got:
        assert s.rule.startswith(f"model:{model.name}")
        assert 0.0 < s.confidence <= 1.0


@known
def test_a_proposal_label_says_which_proposal(learned):
    got = read(learned, "Senator Dana Whitfield endorsed a bill capping rent increases at five percent.")
    targets = [t for h, p, t, _ in got if p == "support" and any("whitfield" in words(x) for x in h)]
    assert targets and all("rent" in words(t) and len(words(t)) <= 10 for t in targets), targets


def test_min_confidence_keeps_only_the_surer_stances(nlp):
    from stancegraph.extract.pipeline import RuleExtractor

    text = SEEDS.joinpath("000_98ceb06b7a6a85b3.txt").read_text(encoding="utf-8")
    every = read(RuleExtractor(nlp=nlp, stance_model="default"), text)
    sure = read(RuleExtractor(nlp=nlp, stance_model="default", min_confidence=0.6), text)
    assert 0 < len(sure) < len(every)
    assert all(s.confidence >= 0.6 for *_, s in sure)


# --- the packaged model ---------------------------------------------------------------------------

def test_the_packaged_model_is_small_and_says_what_it_was_trained_on():
    folder = model_dir()
    weights, meta = folder / f"{MODEL_NAME}.npz", folder / f"{MODEL_NAME}.json"
    assert weights.stat().st_size <= 25 * 1024 * 1024
    info = json.loads(meta.read_text(encoding="utf-8"))
    assert info["training_data"]["version"] and info["training_data"]["train_articles"] > 100
    assert 0 < info["scores"]["dev"]["f1"] <= 1
    assert 0 < info["scores"]["dev_candidate_recall"]["recall"] <= 1
    assert 0 < info["threshold"] < 1 and info["temperature"] > 0


def test_the_packaged_model_maps_a_stance_to_how_often_such_stances_are_right(learned):
    """The packaged model carries its stance-level map, fitted on the dev split's stances: a stance a rule
    read the same way is more often right than one the model read alone at the same probability, and a
    surer reading is more often right than a less sure one."""
    model = learned.model
    cal = model.meta["stance_calibration"]
    assert "dev split" in cal["fitted_on"] and len(cal["weights"]) == 3
    assert model.stance_confidence(0.4, True, False) > model.stance_confidence(0.4, False, False)
    assert model.stance_confidence(0.8, False, False) > model.stance_confidence(0.3, False, False)
    assert all(0 < model.stance_confidence(p, r, n) < 1 for p in (0.01, 0.5, 0.99) for r in (0, 1) for n in (0, 1))


def test_a_built_stance_says_how_often_such_stances_are_right(learned):
    """The confidence a build gives is the stance-level map of the probability the stance was read with."""
    model = learned.model
    raw = model.without_calibration()
    assert raw.stance_confidence(0.37, True, False) == 0.37  # no map: the probability itself
    text = "Mayor Ann Lee vetoed the new parking rules."
    art = Article(id="t", text=text, paragraphs=split_paragraphs(text))
    mapped = learned.extract_one(art).stances
    learned.model = raw
    try:
        plain = learned.extract_one(art).stances
    finally:
        learned.model = model
    assert [s.polarity for s in mapped] == [s.polarity for s in plain] == ["oppose"]
    assert mapped[0].confidence == model.stance_confidence(plain[0].confidence, "+" in plain[0].rule, False)


def test_the_stance_level_map_learns_what_the_outcomes_say():
    from stancegraph.extract.train import fit_stance_calibration

    assert fit_stance_calibration([(0.5, True, False, True)] * 5) is None  # too few, and all right
    # rule-agreeing stances right four times in five, the others one in three; surer ones more often
    outcomes = [(0.6, True, False, n % 5 != 0) for n in range(50)]
    outcomes += [(0.6, False, False, n % 3 == 0) for n in range(60)]
    outcomes += [(0.9, False, False, n % 4 != 0) for n in range(20)]
    outcomes += [(0.2, False, False, n % 5 == 0) for n in range(20)]
    cal = fit_stance_calibration(outcomes)
    assert cal is not None and cal["weights"][0] > 0 and cal["weights"][1] > 0
    model = StanceModel(np.zeros((4, 8)), np.zeros(4), {"stance_calibration": cal})
    assert abs(model.stance_confidence(0.6, True, False) - 0.8) < 0.1
    assert abs(model.stance_confidence(0.6, False, False) - 1 / 3) < 0.1


def test_the_model_reads_the_parsers_own_token_vectors(nlp, learned):
    """The dense features are the rows of `doc.tensor` of the pipeline the model was trained with:
    the packaged model has weights for them, of that pipeline's width, and they move its scores."""
    model = learned.model
    width = model.meta["dense_features"]["width"]
    assert nlp("The council rejected the plan.").tensor.shape[1] == width
    assert float(np.abs(model.dense_coef).sum()) > 0
    cands = candidates(learned, "The council rejected the new parking plan.")
    assert cands and all(c.dense is not None and c.dense.shape == (model.dense_coef.shape[1],) for c in cands)
    with_vectors = model.score(cands)
    without = model.proba([c.features for c in cands])
    assert not np.allclose(with_vectors, without)


def test_a_saved_model_loads_with_its_dense_weights(learned, tmp_path):
    learned.model.save(tmp_path)
    again = StanceModel.load(tmp_path)
    assert np.array_equal(again.dense_coef, learned.model.dense_coef)
    assert np.array_equal(again.dense_mean, learned.model.dense_mean)


def test_a_missing_model_is_an_error_that_says_how_to_build_one(tmp_path):
    with pytest.raises(ModelFileError, match="stancegraph train"):
        StanceModel.load(tmp_path)


def test_training_rebuilds_a_model_end_to_end(nlp, tmp_path):
    """A small model from a handful of articles: trained, written, loaded and used for a build."""
    from stancegraph.extract.pipeline import RuleExtractor
    from stancegraph.extract.train import train

    model = train(ROOT / "corpus", tmp_path / "m", limit=4, nlp=nlp, c_grid=(0.5,), log=lambda m: None)
    info = json.loads((tmp_path / "m" / f"{MODEL_NAME}.json").read_text(encoding="utf-8"))
    assert info["training_data"]["train_articles"] == 4 and info["seed"] == model.meta["seed"]
    assert info["training_data"]["stances"] > 0
    assert "stance_calibration" in info  # fitted where the dev stances are enough, else null
    again = RuleExtractor(nlp=nlp, stance_model=tmp_path / "m")
    assert again.model.name == model.name
    read(again, "Norway rejected the fishing agreement. Chile backed it.")  # runs end to end


def test_training_labels_a_negated_clause_as_the_model_reads_it(learned):
    """The silver side of a clause whose verb is negated ("oppose: raise taxes", from "promised not to
    raise taxes") is turned in training, as `decide` turns the model's side back: the model learns
    the side as if the clause were not negated. Its other pairs keep the annotation's side."""
    from stancegraph.extract.learn import CLASSES, T_NEGATED
    from stancegraph.extract.train import article_candidates

    text = "Senator Nadia Okafor promised not to raise taxes on small businesses."
    art = Article(id="t", text=text, paragraphs=split_paragraphs(text))
    gold = {"article": "t", "stances": [{"holder": "Nadia Okafor", "holder_keys": [["okafor"]], "polarity": "oppose",
                                         "target": "raising taxes", "target_keys": [["tax"]], "evidence": text}]}
    docs = list(learned.nlp.pipe([p.text for p in art.paragraphs]))
    ac = article_candidates(learned, art, docs, gold, learned.priors)
    sides = {(row.target_label, T_NEGATED in row.features): CLASSES[y] for row, y in zip(ac.cands, ac.labels)
             if row.holder_key.endswith("okafor") and y > 0}
    assert sides.get(("raise taxes on small businesses", True)) == "support", sides
    assert sides.get(("taxes", False)) == "oppose", sides


def test_the_page_and_the_named_query_show_what_read_each_stance(seed_build):
    from typer.testing import CliRunner

    from stancegraph.cli import app

    out, _ = seed_build
    model = StanceModel.load()
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert f"read by model:{model.name}" in page and "confidence 0." in page
    rows = CliRunner().invoke(app, ["query", str(out / "graph.ttl"), "--name", "stances", "--format", "csv"])
    assert rows.exit_code == 0, rows.output
    lines = list(csv.DictReader(rows.output.splitlines()))
    assert lines and all(r["rule"].startswith(f"model:{model.name}") and 0 < float(r["confidence"]) <= 1
                         for r in lines)


def test_a_name_the_tagger_gave_no_type_is_no_proposal(nlp, learned):
    """Positions on people as such are no stances: a plain noun phrase headed by a proper noun the
    entity tagger left untyped (a name it missed) is not proposed as a target; a common noun's is."""
    text = "Premier Jean Roux backed Kalvex and the flood levy."
    doc = nlp(text)
    name = next(t for t in doc if t.text == "Kalvex")
    assert name.pos_ == "PROPN"
    doc.ents = [e for e in doc.ents if not (e.start <= name.i < e.end)]  # as where the tagger misses a name
    labels = {c.target.label for c in candidates(learned, text, [doc])}
    assert not any("Kalvex" in label for label in labels), labels
    assert any("levy" in label for label in labels), labels


def test_people_named_by_a_common_noun_are_no_proposal(learned):
    """Positions on people as such are no stances: a noun phrase headed by a plural person or group noun
    of the actor lexicon ("Latin American leaders") is not proposed as a target, even where no mention
    made it an actor."""
    text = "President Hugo Lima said the other Latin American leaders applauded the trade pact."
    labels = {c.target.label for c in candidates(learned, text)}
    assert not any("leaders" in label for label in labels), labels
    assert any("trade pact" in label for label in labels), labels


def test_the_noun_of_a_complex_preposition_is_no_proposal(learned):
    """"In the wake of", "on behalf of": the noun is part of a preposition, and what follows it is
    proposed on its own ("violence over the election"), not as "wake of the violence"."""
    text = "Amnesty International urged restraint in the wake of the violence over the election."
    labels = {c.target.label for c in candidates(learned, text)}
    assert not any(label.startswith("wake") for label in labels), labels
    assert "violence over the election" in labels, labels


@pytest.mark.parametrize("text", [
    "President Lena Ortiz welcomed the prospect of Brazil joining the regional trade pact as a full member.",
    "King Omar Hamad welcomed the prospect of India becoming involved in the region as a stabilising influence.",
])
def test_a_frame_noun_alone_names_no_proposal(learned, text):
    """"The prospect", "prospect of": a frame noun whose "of" phrase is too long to keep names nothing
    a reader could tell apart; the stance is on what the phrase names, or on nothing."""
    labels = [t for _, _, t, _ in read(learned, text)]
    assert not any(t.split()[-1] in ("of", "prospect") for t in labels), labels


def test_a_clause_ends_before_a_verb_of_another_form_joined_to_it(learned):
    """"Urged the embassy to reconsider its decision and spoke with the minister": the parse joins
    "spoke" to "reconsider", but what was urged ends before it."""
    text = "Foreign Secretary Dominic Raab urged the embassy to reconsider its decision and spoke with the minister."
    labels = {c.target.label for c in candidates(learned, text) if c.target.kind == "clause"}
    assert "reconsider its decision" in labels, labels
    assert not any("spoke" in label for label in labels), labels


@pytest.mark.parametrize("text, addressee", [
    ("Senator Mia Holt called on the city to halt the stadium plan.", "city"),
    ("Foreign Secretary Dominic Raab urged the embassy to reconsider its decision.", "embassy"),
])
def test_whom_a_verb_asks_to_act_is_no_proposal(learned, text, addressee):
    """The object of "urged X to", "called on X to" is who is asked, not what is asked for."""
    labels = {c.target.label for c in candidates(learned, text)}
    assert addressee not in labels, labels
    assert any(label.startswith(("halt", "reconsider")) for label in labels), labels


@pytest.mark.parametrize("text, requested", [
    ("The governor requested more federal troops to guard the border crossings.", "federal troops"),
    ("The fishermen demanded two patrol boats to guard the harbour.", "two patrol boats"),
])
def test_what_a_request_names_is_a_proposal(learned, text, requested):
    """"Requested more federal troops to guard the border": the object of "request" or "demand" is what
    is asked for, even with an infinitive after it, not whom (as in "urged the embassy to reconsider")."""
    labels = {c.target.label for c in candidates(learned, text)}
    assert requested in labels, labels


@pytest.mark.parametrize("text, clause", [
    ("Councillor Ada Finch said that closing the Elm Street library would be a mistake.",
     "closing the Elm Street library"),
    ("\"Raising the bridge toll is the only way to pay for repairs,\" said engineer Tom Varga.",
     "Raising the bridge toll"),
])
def test_a_gerund_subject_is_proposed(learned, text, clause):
    """What a statement says of an action named by its subject ("closing the library would be a
    mistake") is a stance on that action: the gerund clause is a candidate target."""
    labels = {c.target.label for c in candidates(learned, text) if c.target.kind == "clause"}
    assert clause in labels, labels


def test_who_a_target_is_of_does_not_hold_it(learned):
    """"Called for the release of Council Speaker Aziz Dweik": the one the release is of is named inside
    the target's phrase, even where its label stops before the name, and holds no stance on it."""
    text = ("Israel arrested Palestinian Legislative Council Speaker Aziz Dweik in 2006. The Islamic Action "
            "Party called on the international community to work for the release of Palestinian "
            "Legislative Council Speaker Aziz Dweik.")
    pairs = {(c.holder.key, c.target.label) for c in candidates(learned, text) if c.target.kind == "proposal"}
    assert not any("dweik" in h and "release" in t for h, t in pairs), pairs
    assert any("action-party" in h and "release" in t for h, t in pairs), pairs


def test_the_party_a_deal_is_with_does_not_hold_it(learned):
    """"Opposition to the trade agreement with Mercosur": Mercosur is the other party to the agreement,
    named inside the target's phrase though its label stops before the name, and holds no stance on it."""
    text = "The French government expressed opposition to the trade agreement with Mercosur."
    pairs = {(c.holder.key, c.target.label) for c in candidates(learned, text) if c.target.kind == "proposal"}
    assert not any("mercosur" in h and "agreement" in t for h, t in pairs), pairs
    assert any("government" in h and "agreement" in t for h, t in pairs), pairs


@pytest.mark.parametrize("text, holder, target", [
    ("Senator Ruth Adams is opposed to raising the retirement age.", "adams", "raising the retirement age"),
    ("Mayor Joan Pell was highly critical of the plan to close the fire station.", "pell",
     "plan to close the fire station"),
])
def test_a_copulas_complement_on_the_path_counts_once(learned, text, holder, target):
    """"Is opposed to the plan": the copula takes its complement's side for a subject target ("the tax
    cut was unaffordable"), but where the target hangs under the complement, the complement is on the
    path itself; counted twice, its two oppose cues had composed support."""
    comps = {k for c in candidates(learned, text) if c.target.label == target and holder in c.holder.key
             for k in c.features if k.startswith("comp=")}
    assert comps == {"comp=-1"}, comps


@pytest.mark.parametrize("text", [
    "Senator Ruth Adams declined to say whether she would back the housing bill.",
    "Mayor Joan Pell refused to comment on the stadium plan.",
])
def test_a_clause_that_says_rather_than_does_is_no_proposal(learned, text):
    """"Declined to say whether she would back the bill": what she would say is no proposal (the bill is, and
    she withholds judgement on it); the model had read support for "say whether she would back the bill"."""
    clauses = {c.target.label for c in candidates(learned, text) if c.target.kind == "clause"}
    assert not any(label.split()[0] in ("say", "comment") for label in clauses), clauses
    assert not any(p != "neutral" for _, p, _, _ in read(learned, text)), readings(read(learned, text))


@pytest.mark.parametrize("text", [
    "Mayor Joan Pell commented on the stadium plan.",
    "Mayor Joan Pell discussed the stadium plan with residents.",
    "Mayor Joan Pell mentioned the stadium plan in her speech.",
    "Mayor Joan Pell will vote on the stadium plan next week.",
    "Mayor Joan Pell described the stadium plan in detail.",
])
def test_naming_a_proposal_takes_no_side(learned, text):
    """A verb that names or handles a proposal takes no side on it: the model had read support for the
    plan its subject "mentioned", and opposition to the one she "described"."""
    assert read(learned, text) == [], readings(read(learned, text))


def test_a_rules_target_the_candidates_name_in_the_same_words_carries_the_rules_reading(learned):
    """"Is in favour of sending fighter jets": the rules read the clause, which the candidates also name
    (without a key of their own); the clause's pair carries the rule's reading, and no bare copy of the
    rule's target stands beside it."""
    cands = [c for c in candidates(learned, "Poland is in favour of sending fighter jets to the region.")
             if "poland" in c.holder.key]
    clause = next(c for c in cands if c.target.label.startswith("sending fighter jets"))
    assert clause.rule is not None and clause.rule.polarity == "support"
    assert "rule=support" in clause.features and "rule.holder_elsewhere" not in clause.features
    assert not any(c.target.kind == "rule" for c in cands)


def test_a_target_only_the_rules_name_has_its_words_and_a_path(learned):
    """"Britain will not rejoin the customs union": the rules read the refusal on "rejoin the customs union",
    which no candidate names; its pair is read with the words' head and the path to them, like any other,
    where it had been a bare target the model could read nothing of."""
    cands = [c for c in candidates(learned, "Britain will not rejoin the customs union, Prime Minister Eva Lind said.")
             if c.rule is not None]
    assert cands and all(c.target.kind == "clause" and c.target.head.lemma_ == "rejoin" for c in cands)
    assert all(any(k.startswith("path=") for k in c.features) for c in cands)


def test_what_a_naming_verb_calls_a_proposal_is_no_target(learned):
    """"called the sale a betrayal of the money Latvians poured into the airline": the sale is what the
    party opposes, not the money; "what it called an inadequate offer" still names the offer."""
    def labels(text: str) -> set:
        return {c.target.label for c in candidates(learned, text)}

    assert not [lab for lab in labels("The National Alliance called the sale a betrayal of the money Latvians "
                                      "poured into the airline.") if "money" in lab]
    assert not [lab for lab in labels("Julien Castel called the ban a gift to the black market.") if "market" in lab]
    assert [lab for lab in labels("The union rejected what it called an inadequate pay offer.") if "offer" in lab]


def test_a_participle_after_a_proposal_says_what_it_does(learned):
    """"an amendment exempting newer buildings" is a target in its own words, as "an amendment that would
    exempt" is; a proposal is not named by what a participle reports ("the air strike saying ...")."""
    def labels(text: str) -> set:
        return {c.target.label for c in candidates(learned, text)}

    assert "amendment exempting newer buildings" in labels(
        "Republicans offered an amendment exempting newer buildings.")
    assert not [lab for lab in labels("Karzai condemned the air strike saying it had killed civilians.")
                if "saying" in lab]


def test_a_pronoun_does_not_mean_the_clause_it_is_in(learned):
    """"urged the president to reject it": "it" is the reform named before, not "reject it"."""
    text = "Parliament passed the judicial reform on Tuesday. The judges' union urged the president to reject it."
    assert not [c for c in candidates(learned, text) if c.target.kind == "pronoun" and "reject" in c.target.label]
    assert any(pol == "oppose" and "judicial reform" in lab for _, pol, lab, _ in read(learned, text))


def test_a_stance_put_on_a_condition_stands(learned):
    """What a condition asks is backed ("would vote against the budget unless the coal subsidy was scrapped":
    for scrapping it), and what a threat is made on is opposed ("threatened a national strike if the port was
    privatised"). The rules read both (`pattern.condition-demand`); the model had read the subsidy itself as
    backed (0.35) and the threat as nothing."""
    text = "The Green Party said it would vote against the budget unless the coal subsidy was scrapped."
    got = {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}
    assert ("Green Party", "support", "scrap the coal subsidy") in got, got
    assert ("Green Party", "support", "coal subsidy") not in got, got
    text = "The dockers' union threatened a national strike if the port was privatised."
    got = {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}
    assert ("dockers' union", "oppose", "privatise the port") in got, got


def test_the_proposal_is_what_was_proposed(learned):
    """"The government proposed raising the pension age ... the Alliance rejected the proposal": the
    proposal is what the verb of that name put forward, however many sentences and other proposals came
    between (it was read as "setting up a clash", the last clause a verb put forward). A clause
    too long for a label keeps what is done to what ("raising the country's pension age"); a participle
    after a comma ("setting up a clash with the unions") says what the act led to, and is no proposal."""
    text = ("The Danish government on Monday proposed raising the country's pension age to 70 by 2040 from 67 now, "
            "setting up a clash with the unions.\n\nThe new age would be written into a pension law that needs "
            "parliamentary approval.\n\nFinance Minister Lars Holm said the government would ask parliament to "
            "extend the so-called transition clause, which allows workers in heavy jobs to retire early, but warned "
            "that savings would be needed.\n\nThe Red-Green Alliance rejected the proposal outright.")
    got = {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}
    assert found(read(learned, text), "alliance", "oppose", "raising pension age"), got
    assert not {s for s in got if "clash" in s[2] or s[0] == "Red-Green Alliance" and "transition" in s[2]}, got


def test_who_reports_a_person_stance_does_not_take_it(learned):
    """"Ana Lima said, 'Ortega wanted a blockade of the port'": the stance is Ortega's, Lima reports it
    (ANNOTATION.md). The reporter's reading gave way only to a surer one for the subject (0.42 against her
    0.63 here); for a person named as the subject it gives way to any. A spokesperson's body stays a holder
    beside them ("the spokesman said the company supported the merger")."""
    got = {(h, p, t) for hs, p, t, _ in read(learned, 'Former minister Ana Lima said, "Ortega wanted a blockade '
                                                     'of the port, and he wanted it quickly."') for h in hs}
    assert ("Ortega", "support", "blockade of the port") in got and not {s for s in got if s[0] == "Ana Lima"}, got
    got = {h for hs, _, _, _ in read(learned, "Spokesman Kevin Lindahl said the company supported the merger.")
           for h in hs}
    assert "Kevin Lindahl" in got, got


def test_a_judgement_in_a_noun_vader_does_not_list(learned):
    """"Called the export ban 'populism without a plan'": a noun that judges what it names, which VADER does
    not list, is a cue against (the model had read the leader for the delay the miners asked for, 0.4)."""
    text = ('The miners asked for a delay of the export ban. Opposition leader Neema Lyimo called the export ban '
            '"populism without a plan".')
    got = {(h, p, t) for hs, p, t, _ in read(learned, text) for h in hs}
    assert ("Neema Lyimo", "oppose", "export ban") in got, got


def test_calling_for_sanctions_to_be_lifted_is_not_backing_them(learned):
    """"Called for sanctions on Iran to be lifted", with the passive infinitive hung on the verb, is for lifting
    them: it was read as for the sanctions (0.93), the rules and the model both taking the "for" phrase alone."""
    got = read(learned, "Senator Ruth Avila called for sanctions on Iran to be lifted.")
    assert not found(got, "avila", "support", "sanctions iran", "lift"), readings(got)
    assert found(got, "avila", "support", "lift sanctions") or found(got, "avila", "oppose", "sanctions iran"), \
        readings(got)


def test_being_open_to_discussing_a_proposal_takes_no_side(learned):
    """"Open to discussing the spill-fund proposal", "willing to consider the levy": ready to look it over, no
    side on it (the model read support for the clause "discussing the spill-fund proposal", 0.55)."""
    got = {(h, p, t) for hs, p, t, _ in read(learned, "Trans Mountain said it was open to discussing the "
                                                     "spill-fund proposal.") for h in hs}
    assert ("Trans Mountain", "neutral", "spill-fund proposal") in got and not {
        s for s in got if s[1] == "support"}, got


def test_a_law_named_bill_is_no_person(learned):
    """The tagger types the last word of "the Artificial Intelligence (High-Risk Systems) Bill" a person: a bill's
    name holds no stance (it held one against the Greens amendment)."""
    got = read(learned, "The Senate accepted a Greens amendment restricting facial recognition. The Artificial "
                        "Intelligence (High-Risk Systems) Bill passed 38-31, with two crossbench senators abstaining.")
    assert not any(lab == "Bill" for h, _, _, _ in got for lab in h), readings(got)


def test_not_undoing_a_proposal_keeps_it(learned):
    """"Refused to lift the curfew", "would not scrap the levy": not undoing a proposal in force keeps it, a stance
    for it (both were read neutral, as "did not oppose" is; that one still is)."""
    got = read(learned, "Mayor Ruth Ames refused to lift the curfew.")
    assert found(got, "ames", "support", "curfew") and not found(got, "ames", "neutral", "curfew"), readings(got)
    got = read(learned, "Senator Tom Ruiz said he would not scrap the sugar levy.")
    assert found(got, "ruiz", "support", "sugar levy"), readings(got)
    got = read(learned, "Senator Tom Ruiz did not oppose the sugar levy.")
    assert found(got, "ruiz", "neutral", "sugar levy"), readings(got)


def test_what_a_naming_verb_calls_a_proposal_in_quotes(learned):
    """"Called the port deal \"a strategic necessity\"": the parser hangs a quoted complement on the object as an
    appositive; it is what the deal is called, and the cue word says the side (the model read it as against)."""
    got = read(learned, "Economy Minister Tom Ruiz called the port deal \"a strategic necessity\" at a time of "
                        "rising tariffs.")
    assert found(got, "ruiz", "support", "port deal") and not found(got, "ruiz", "oppose", "port deal"), readings(got)


def test_what_a_proposal_would_do_says_the_side(learned):
    """"Warned that the rent freeze would hurt landlords", "said the port deal could destroy jobs": what a speaker
    says a proposal would do, by the verb's feeling, is their side on it (nothing was read of either)."""
    got = read(learned, "Senator Ruth Ames warned that the rent freeze would hurt landlords.")
    assert found(got, "ames", "oppose", "rent freeze"), readings(got)
    got = read(learned, "Senator Tom Ruiz argued that the port deal would help local firms.")
    assert found(got, "ruiz", "support", "port deal"), readings(got)


def test_who_bans_a_thing_backs_the_ban(learned):
    """"Banned plastic bags": the ban is the proposal, and who bans backs it (as the annotation writes it); the
    "ban" cue had the bags as opposed, or nothing at all."""
    got = read(learned, "Governor Tom Ruiz outlawed the death penalty in 2019.")
    assert found(got, "ruiz", "support", "outlaw the death penalty"), readings(got)
    assert not found(got, "ruiz", "oppose", "death penalty"), readings(got)


def test_a_quoted_name_with_the_object_hung_on_it(learned):
    """"Called the draft law \"interference in local affairs\"": the parse makes "the draft law" a modifier of the
    quoted words; it is what the verb names, and "interference" (a judgement word VADER lacks) says the side."""
    got = read(learned, 'Senator Ruth Ames called the draft law "interference in local affairs" and left.')
    assert found(got, "ames", "oppose", "draft law") and not found(got, "ames", "support", "draft law"), readings(got)



def test_a_target_in_another_subjects_clause_is_not_the_holders(learned):
    """"Praised the port deal, while the Green Party criticised the pension reform": the pension reform is the
    Greens' target in a clause of their own, not the senator's, so the senator is no candidate holder of it
    ("would never back X while households struggled with energy bills" had been read as support for the bills)."""
    text = "Senator Ruth Ames praised the port deal, while the Green Party criticised the pension reform."
    pairs = {(c.holder.key, c.target.label) for c in candidates(learned, text)}
    assert not [p for p in pairs if "ames" in p[0] and "pension" in p[1]], pairs
    assert [p for p in pairs if "green" in p[0] and "pension" in p[1]], pairs
    assert [p for p in pairs if "ames" in p[0] and "port deal" in p[1]], pairs
