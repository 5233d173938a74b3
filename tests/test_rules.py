"""The rules on hand-built spaCy Docs (no trained model): one behaviour per test.

Each Doc is written out token by token (word, head, dep, pos, tag, lemma), so
the rules are tested on exactly the parse they are meant for, and a change in
a model's parse cannot hide a change in the rules.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from stancegraph.extract.lexicon import LexiconError, load_lexicon
from stancegraph.extract.pipeline import RuleExtractor
from stancegraph.extract.records import Article, Paragraph

VOCAB = spacy.blank("en").vocab  # English, for its noun_chunks syntax iterator


def make_doc(rows: list[tuple], ents: list[tuple[int, int, str]] = (), spaces: list[bool] = ()) -> Doc:
    """rows: (word, head index, dep, pos, tag, lemma); ents: (start, end, label); spaces: whether
    a space follows each word (by default one does, except before punctuation)."""
    words = [r[0] for r in rows]
    spaces = list(spaces) or [i + 1 < len(rows) and rows[i + 1][3] != "PUNCT" for i in range(len(rows))]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
              pos=[r[3] for r in rows], tags=[r[4] for r in rows], lemmas=[r[5] for r in rows],
              ents=[("B-" if i == s else "I-") + lab if s <= i < e else "O"
                    for i in range(len(rows)) for (s, e, lab) in [next(((s, e, l) for s, e, l in ents if s <= i < e), (0, 0, ""))]])
    return doc


def stances_of(*docs: Doc) -> set[tuple[str, str, str]]:
    texts, paras, pos = [], [], 0
    for d in docs:
        paras.append(Paragraph(pos, d.text))
        texts.append(d.text)
        pos += len(d.text) + 1
    art = Article(id="t", text="\n".join(texts), paragraphs=tuple(paras))
    res = RuleExtractor(nlp=object(), lexicon=load_lexicon()).read(art, list(docs))
    return {(res.entities[s.holder].label, s.polarity, res.entities[s.target].label) for s in res.stances}


# "Germany supports the sanctions."
GERMANY_SUPPORTS = [
    ("Germany", 1, "nsubj", "PROPN", "NNP", "Germany"),
    ("supports", 1, "ROOT", "VERB", "VBZ", "support"),
    ("the", 3, "det", "DET", "DT", "the"),
    ("sanctions", 1, "dobj", "NOUN", "NNS", "sanction"),
    (".", 1, "punct", "PUNCT", ".", "."),
]


def test_a_verb_cue_gives_subject_supports_object():
    doc = make_doc(GERMANY_SUPPORTS, ents=[(0, 1, "GPE")])
    assert stances_of(doc) == {("Germany", "support", "sanctions")}


def test_negation_on_the_cue_turns_support_into_opposition():
    rows = [
        ("Germany", 3, "nsubj", "PROPN", "NNP", "Germany"),
        ("does", 3, "aux", "AUX", "VBZ", "do"),
        ("not", 3, "neg", "PART", "RB", "not"),
        ("support", 3, "ROOT", "VERB", "VB", "support"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("sanctions", 3, "dobj", "NOUN", "NNS", "sanction"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ]
    assert stances_of(make_doc(rows, ents=[(0, 1, "GPE")])) == {("Germany", "oppose", "sanctions")}


def test_negation_on_a_governing_verb_makes_the_stance_neutral():
    # "Rutte said it does not mean he can support the plan."
    rows = [
        ("Rutte", 1, "nsubj", "PROPN", "NNP", "Rutte"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("it", 5, "nsubj", "PRON", "PRP", "it"),
        ("does", 5, "aux", "AUX", "VBZ", "do"),
        ("not", 5, "neg", "PART", "RB", "not"),
        ("mean", 1, "ccomp", "VERB", "VB", "mean"),
        ("he", 8, "nsubj", "PRON", "PRP", "he"),
        ("can", 8, "aux", "AUX", "MD", "can"),
        ("support", 5, "ccomp", "VERB", "VB", "support"),
        ("the", 11, "det", "DET", "DT", "the"),
        ("Marshall", 11, "compound", "PROPN", "NNP", "Marshall"),
        ("plan", 8, "dobj", "NOUN", "NN", "plan"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    got = stances_of(make_doc(rows, ents=[(0, 1, "PERSON")]))
    assert got == {("Rutte", "neutral", "Marshall plan")}


def test_a_noun_cue_takes_the_subject_of_its_light_verb_and_the_object_of_for():
    # "Baltic nations voiced support for an invitation."
    rows = [
        ("Baltic", 1, "amod", "ADJ", "JJ", "baltic"),
        ("nations", 2, "nsubj", "NOUN", "NNS", "nation"),
        ("voiced", 2, "ROOT", "VERB", "VBD", "voice"),
        ("support", 2, "dobj", "NOUN", "NN", "support"),
        ("for", 3, "prep", "ADP", "IN", "for"),
        ("an", 6, "det", "DET", "DT", "an"),
        ("invitation", 4, "pobj", "NOUN", "NN", "invitation"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ]
    assert stances_of(make_doc(rows)) == {("Baltic nations", "support", "invitation")}


def test_a_position_on_a_person_is_not_a_stance():
    # "Germany criticised Smith."
    rows = [
        ("Germany", 1, "nsubj", "PROPN", "NNP", "Germany"),
        ("criticised", 1, "ROOT", "VERB", "VBD", "criticise"),
        ("Smith", 1, "dobj", "PROPN", "NNP", "Smith"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    assert stances_of(make_doc(rows, ents=[(0, 1, "GPE"), (2, 3, "PERSON")])) == set()


def test_a_pronoun_holder_is_the_person_named_before():
    first = make_doc([
        ("Anna", 1, "compound", "PROPN", "NNP", "Anna"),
        ("Berg", 2, "nsubj", "PROPN", "NNP", "Berg"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ], ents=[(0, 2, "PERSON")])
    second = make_doc([
        ("She", 1, "nsubj", "PRON", "PRP", "she"),
        ("rejected", 1, "ROOT", "VERB", "VBD", "reject"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("bill", 1, "dobj", "NOUN", "NN", "bill"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ])
    assert stances_of(first, second) == {("Anna Berg", "oppose", "bill")}


def copy_lexicon(folder):
    """The packaged lexicon's files copied into `folder`, for a test to alter."""
    import shutil
    from importlib import resources

    for f in (resources.files("stancegraph.ontology") / "lexicons").iterdir():
        if f.name.endswith(".tsv"):
            shutil.copy(str(f), folder / f.name)


def test_a_bad_lexicon_row_names_the_file_and_line(tmp_path):
    copy_lexicon(tmp_path)
    cues = tmp_path / "stance_cues.tsv"
    cues.write_text(cues.read_text() + "v.bad\tendorse\tVERB\t\tmaybe\t0.5\n")
    with pytest.raises(LexiconError, match=r"stance_cues.tsv:\d+: polarity 'maybe'"):
        load_lexicon(tmp_path)
    cues.write_text(cues.read_text().replace("v.bad\tendorse\tVERB\t\tmaybe\t0.5\n", "v.support\tx\tVERB\t\tsupport\t0.5\n"))
    with pytest.raises(LexiconError, match="used twice"):
        load_lexicon(tmp_path)


def test_every_stance_names_the_lexicon_entry_that_produced_it():
    doc = make_doc(GERMANY_SUPPORTS, ents=[(0, 1, "GPE")])
    art = Article(id="t", text=doc.text, paragraphs=(Paragraph(0, doc.text),))
    res = RuleExtractor(nlp=object(), lexicon=load_lexicon()).read(art, [doc])
    assert [s.rule for s in res.stances] == ["v.support"]
    assert res.stances[0].evidence == "Germany supports the sanctions."
    assert (res.stances[0].start, res.stances[0].end) == (0, len(doc.text))


def test_a_plural_the_lemmatizer_missed_is_put_back_to_the_lexicon_word():
    # the small model lemmatizes "taxes" to "taxis": the lexicons' "tax" is put back, nothing else is touched
    doc = make_doc([
        ("Norway", 1, "nsubj", "PROPN", "NNP", "Norway"),
        ("opposes", 1, "ROOT", "VERB", "VBZ", "oppose"),
        ("new", 3, "amod", "ADJ", "JJ", "new"),
        ("taxes", 1, "dobj", "NOUN", "NNS", "taxis"),
        ("and", 3, "cc", "CCONJ", "CC", "and"),
        ("taxis", 3, "conj", "NOUN", "NNS", "taxi"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ], ents=[(0, 1, "GPE")])
    assert stances_of(doc) == {("Norway", "oppose", "taxes")}
    assert [t.lemma_ for t in doc] == ["Norway", "oppose", "new", "tax", "and", "taxi", "."]


def test_a_hyphenated_proposal_word_split_in_three_gets_its_lexicon_lemma():
    doc = make_doc([
        ("Unite", 1, "nsubj", "PROPN", "NNP", "Unite"),
        ("organised", 1, "ROOT", "VERB", "VBD", "organise"),
        ("a", 5, "det", "DET", "DT", "a"),
        ("sit", 5, "compound", "NOUN", "NN", "sit"),
        ("-", 5, "punct", "PUNCT", "HYPH", "-"),
        ("in", 1, "dobj", "NOUN", "NN", "in"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ], ents=[(0, 1, "ORG")], spaces=[True, True, True, False, False, False, False])
    assert doc.text == "Unite organised a sit-in."
    assert stances_of(doc) == {("Unite", "support", "sit-in")}
    assert doc[5].lemma_ == "sit-in"


def test_a_name_in_apposition_to_another_is_not_part_of_its_title():
    # "President Lind, Prime Minister Vance and President Ortiz backed the treaty": Vance is a prime
    # minister, not "Lind Prime Minister Vance" (a label the scorer and a reader would take for Lind)
    from stancegraph.extract.mentions import ArticleContext

    rows = [("President", 1, "compound", "PROPN", "NNP", "President"), ("Lind", 10, "nsubj", "PROPN", "NNP", "Lind"),
            (",", 1, "punct", "PUNCT", ",", ","), ("Prime", 4, "compound", "PROPN", "NNP", "Prime"),
            ("Minister", 5, "compound", "PROPN", "NNP", "Minister"), ("Vance", 1, "appos", "PROPN", "NNP", "Vance"),
            ("and", 5, "cc", "CCONJ", "CC", "and"), ("President", 8, "compound", "PROPN", "NNP", "President"),
            ("Ortiz", 5, "conj", "PROPN", "NNP", "Ortiz"), ("quickly", 10, "advmod", "ADV", "RB", "quickly"),
            ("backed", 10, "ROOT", "VERB", "VBD", "back"), ("the", 12, "det", "DET", "DT", "the"),
            ("treaty", 10, "dobj", "NOUN", "NN", "treaty"), (".", 10, "punct", "PUNCT", ".", ".")]
    doc = make_doc(rows, ents=[(1, 2, "PERSON"), (5, 6, "PERSON"), (8, 9, "PERSON")])
    ctx = ArticleContext(load_lexicon(), doc.text)
    ctx.register_people([doc])
    ctx.find_mentions(doc, 0)
    assert ctx.entities["person/vance"].alt_labels == {"Prime Minister Vance"}
    assert ctx.entities["person/lind"].alt_labels == {"President Lind"}


# A proposal's phrase too long for its label keeps what fits of it in whole phrases, not the head
# noun alone ("plan to build", "proposal") nor a phrase cut inside ("in old port of").
LONG_LABELS = [
    pytest.param(  # an infinitive: "the plan to build a casino in the old port of Lower Dunmore"
        [("Councillor", 2, "compound", "PROPN", "NNP", "Councillor"), ("Brigid", 2, "compound", "PROPN", "NNP", "Brigid"),
         ("Farrow", 3, "nsubj", "PROPN", "NNP", "Farrow"), ("opposed", 3, "ROOT", "VERB", "VBD", "oppose"),
         ("the", 5, "det", "DET", "DT", "the"), ("plan", 3, "dobj", "NOUN", "NN", "plan"),
         ("to", 7, "aux", "PART", "TO", "to"), ("build", 5, "acl", "VERB", "VB", "build"),
         ("a", 9, "det", "DET", "DT", "a"), ("casino", 7, "dobj", "NOUN", "NN", "casino"),
         ("in", 9, "prep", "ADP", "IN", "in"), ("the", 13, "det", "DET", "DT", "the"),
         ("old", 13, "amod", "ADJ", "JJ", "old"), ("port", 10, "pobj", "NOUN", "NN", "port"),
         ("of", 13, "prep", "ADP", "IN", "of"), ("Lower", 16, "compound", "PROPN", "NNP", "Lower"),
         ("Dunmore", 14, "pobj", "PROPN", "NNP", "Dunmore"), (".", 3, "punct", "PUNCT", ".", ".")],
        [(1, 3, "PERSON"), (15, 17, "GPE")], ("Brigid Farrow", "oppose", "plan to build a casino in the old port"),
        id="infinitive"),
    pytest.param(  # what it is for: "the proposal for a sharp increase in the retirement age for teachers and nurses"
        [("Norway", 1, "nsubj", "PROPN", "NNP", "Norway"), ("condemned", 1, "ROOT", "VERB", "VBD", "condemn"),
         ("the", 3, "det", "DET", "DT", "the"), ("proposal", 1, "dobj", "NOUN", "NN", "proposal"),
         ("for", 3, "prep", "ADP", "IN", "for"), ("a", 7, "det", "DET", "DT", "a"),
         ("sharp", 7, "amod", "ADJ", "JJ", "sharp"), ("increase", 4, "pobj", "NOUN", "NN", "increase"),
         ("in", 7, "prep", "ADP", "IN", "in"), ("the", 11, "det", "DET", "DT", "the"),
         ("retirement", 11, "compound", "NOUN", "NN", "retirement"), ("age", 8, "pobj", "NOUN", "NN", "age"),
         ("for", 11, "prep", "ADP", "IN", "for"), ("teachers", 12, "pobj", "NOUN", "NNS", "teacher"),
         ("and", 13, "cc", "CCONJ", "CC", "and"), ("nurses", 13, "conj", "NOUN", "NNS", "nurse"),
         (".", 1, "punct", "PUNCT", ".", ".")],
        [(0, 1, "GPE")], ("Norway", "oppose", "proposal for a sharp increase in the retirement age"),
        id="prepositional-phrase"),
]


@pytest.mark.parametrize("rows, ents, expected", LONG_LABELS)
def test_a_long_proposal_phrase_keeps_what_fits_of_it_in_whole_phrases(rows, ents, expected):
    assert stances_of(make_doc(rows, ents=ents)) == {expected}


def _position(negated: bool, yet: bool = False) -> list[tuple]:
    """"Germany has (not|yet to) taken a position on the sanctions." as the parser has it."""
    if yet:  # "Germany has yet to take a position on the sanctions."
        return [("Germany", 1, "nsubj", "PROPN", "NNP", "Germany"), ("has", 1, "ROOT", "VERB", "VBZ", "have"),
                ("yet", 1, "advmod", "ADV", "RB", "yet"), ("to", 4, "aux", "PART", "TO", "to"),
                ("take", 1, "xcomp", "VERB", "VB", "take"), ("a", 6, "det", "DET", "DT", "a"),
                ("position", 4, "dobj", "NOUN", "NN", "position"), ("on", 6, "prep", "ADP", "IN", "on"),
                ("the", 9, "det", "DET", "DT", "the"), ("sanctions", 7, "pobj", "NOUN", "NNS", "sanction"),
                (".", 1, "punct", "PUNCT", ".", ".")]
    rows = [("Germany", 3, "nsubj", "PROPN", "NNP", "Germany"), ("has", 3, "aux", "AUX", "VBZ", "have"),
            ("not", 3, "neg", "PART", "RB", "not"), ("taken", 3, "ROOT", "VERB", "VBN", "take"),
            ("a", 5, "det", "DET", "DT", "a"), ("position", 3, "dobj", "NOUN", "NN", "position"),
            ("on", 5, "prep", "ADP", "IN", "on"), ("the", 8, "det", "DET", "DT", "the"),
            ("sanctions", 6, "pobj", "NOUN", "NNS", "sanction"), (".", 3, "punct", "PUNCT", ".", ".")]
    if not negated:  # "Germany has taken a position on the sanctions."
        rows = [(w, h - (h > 2), d, p, t, lem) for n, (w, h, d, p, t, lem) in enumerate(rows) if n != 2]
    return rows


@pytest.mark.parametrize("negated, yet, expected", [
    (True, False, {("Germany", "neutral", "sanctions")}),   # has not taken a position on: neutral
    (False, True, {("Germany", "neutral", "sanctions")}),   # has yet to take a position on: neutral
    (False, False, set()),                                  # has taken a position on: no side said
])
def test_a_withheld_cue_is_neutral_only_where_the_judgement_is_not_made(negated, yet, expected):
    doc = make_doc(_position(negated, yet), ents=[(0, 1, "GPE")])
    assert stances_of(doc) == expected




def test_a_surname_two_people_share_goes_to_the_same_one_in_every_run():
    """Full names as long ("Bahia Hariri", "Rafik Hariri"): the surname alone goes to the first in
    alphabetical order in every run, not to whichever a set gives first (that changes with Python's
    hash seed, from one process to the next)."""
    import os
    import subprocess
    import sys

    code = ("import spacy\n"
            "from spacy.tokens import Doc\n"
            "from stancegraph.extract.lexicon import load_lexicon\n"
            "from stancegraph.extract.mentions import ArticleContext\n"
            "words = 'Rafik Hariri , Bahia Hariri , Saad Hariri and Ahmad Hariri'.split()\n"
            "ents = ['B-PERSON', 'I-PERSON', 'O'] * 3 + ['B-PERSON', 'I-PERSON']\n"
            "doc = Doc(spacy.blank('en').vocab, words=words, ents=ents)\n"
            "ctx = ArticleContext(load_lexicon(), doc.text)\n"
            "ctx.register_people([doc])\n"
            "print(ctx.surnames['Hariri'])\n")
    got = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in range(6)}
    assert got == {"Ahmad Hariri"}


@pytest.mark.parametrize("text, label", [
    ("[T]his impulsive decision", "This impulsive decision"),  # the bracket inside a word closes up
    ("the [new] border plan", "new border plan"),
    ("plan[s] to build a dam", "plans to build a dam"),
    ("“the ceasefire,”", "ceasefire"),
    # a quotation or a bracket the label's words cut across loses its marks; a whole one keeps them
    ('fight against "the forces of extremism', "fight against the forces of extremism"),
    ("divert forces to “start to retake", "divert forces to start to retake"),
    ("Petrobras (Brazilian Petroleum", "Petrobras Brazilian Petroleum"),
    ('cut the "slush fund" grants', 'cut the "slush fund" grants'),
    ("Marriage (Same Sex Couples) Bill", "Marriage (Same Sex Couples) Bill"),
])
def test_a_label_drops_editors_brackets_and_cut_quotation_marks(text, label):
    from stancegraph.extract.mentions import clean_label

    assert clean_label(text) == label


def _end(prep: str, obj: tuple, date: bool = False) -> tuple[list[tuple], list[tuple]]:
    """"Germany called for an end {prep} the {obj}." as the parser has it."""
    rows = [("Germany", 1, "nsubj", "PROPN", "NNP", "Germany"), ("called", 1, "ROOT", "VERB", "VBD", "call"),
            ("for", 1, "prep", "ADP", "IN", "for"), ("an", 4, "det", "DET", "DT", "an"),
            ("end", 2, "pobj", "NOUN", "NN", "end"), (prep, 4, "prep", "ADP", "IN", prep),
            ("the", 7, "det", "DET", "DT", "the"), (obj[0], 5, "pobj", "NOUN", obj[1], obj[2]),
            (".", 1, "punct", "PUNCT", ".", ".")]
    return rows, [(0, 1, "GPE")] + ([(6, 8, "DATE")] if date else [])


@pytest.mark.parametrize("prep, obj, date, expected", [
    # an undoing is named with what it undoes, as the annotation names it ("support: end to violence")
    ("to", ("blockade", "NN", "blockade"), False, {("Germany", "support", "end to the blockade")}),
    # with "of" where what it undoes is a proposal: not a stance on the blockade itself
    ("of", ("blockade", "NN", "blockade"), False, {("Germany", "support", "end of the blockade")}),
    # "the end of the month" names no proposal, nor does "an end" alone
    ("of", ("month", "NN", "month"), True, set()),
    ("of", ("month", "NN", "month"), False, set()),
])
def test_an_undoing_is_named_with_what_it_undoes(prep, obj, date, expected):
    rows, ents = _end(prep, obj, date)
    assert stances_of(make_doc(rows, ents=ents)) == expected


def test_the_lexicon_says_which_preposition_an_undoing_needs(tmp_path):
    """`needs` in proposal_nouns.tsv: a lexicon that lets "end" take "of" names "an end of the ward"."""
    copy_lexicon(tmp_path)
    nouns = tmp_path / "proposal_nouns.tsv"
    nouns.write_text(nouns.read_text().replace("p.end\tend\t\t0\tto\n", "p.end\tend\t\t0\tof\n"))
    rows, ents = _end("of", ("ward", "NN", "ward"))  # "an end of the ward": no proposal noun
    doc = make_doc(rows, ents=ents)
    art = Article(id="t", text=doc.text, paragraphs=(Paragraph(0, doc.text),))
    res = RuleExtractor(nlp=object(), lexicon=load_lexicon(tmp_path)).read(art, [doc])
    labels = {res.entities[s.target].label for s in res.stances}
    assert labels == {"end of the ward"}
    assert not stances_of(doc)  # the packaged lexicon: "end to", or "end of" a proposal
    nouns.write_text(nouns.read_text().replace("p.end\tend\t\t0\tof\n", "p.end\tend\t\t0\tto the\n"))
    with pytest.raises(LexiconError, match=r"proposal_nouns.tsv:\d+: needs must be one preposition"):
        load_lexicon(tmp_path)


@pytest.mark.parametrize("adjective, expected", [
    # "the regional body": the last body named, as "the body" is
    ("regional", {("SADC", "oppose", "coup")}),
    # a body the article had not named before is one of its own ("the Ukrainian body" is Ukraine's)
    ("Ukrainian", {("Ukrainian body", "oppose", "coup")}),
])
def test_a_body_named_by_a_plain_adjective_is_the_last_body_named(adjective, expected):
    """"SADC met. The regional body condemned the coup." as the parser has it."""
    rows = [("SADC", 1, "nsubj", "PROPN", "NNP", "SADC"), ("met", 1, "ROOT", "VERB", "VBD", "meet"),
            (".", 1, "punct", "PUNCT", ".", "."),
            ("The", 5, "det", "DET", "DT", "the"), (adjective, 5, "amod", "ADJ", "JJ", adjective.lower()),
            ("body", 6, "nsubj", "NOUN", "NN", "body"), ("condemned", 6, "ROOT", "VERB", "VBD", "condemn"),
            ("the", 8, "det", "DET", "DT", "the"), ("coup", 6, "dobj", "NOUN", "NN", "coup"),
            (".", 6, "punct", "PUNCT", ".", ".")]
    ents = [(0, 1, "ORG")] + ([(4, 5, "NORP")] if adjective[0].isupper() else [])
    assert stances_of(make_doc(rows, ents=ents)) == expected


def _described_as(name: str, lemma: str) -> list[tuple]:
    # "Norway described the levy as a {name}.", the parse hanging "as" on the object
    return [
        ("Norway", 1, "nsubj", "PROPN", "NNP", "Norway"),
        ("described", 1, "ROOT", "VERB", "VBD", "describe"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("levy", 1, "dobj", "NOUN", "NN", "levy"),
        ("as", 3, "prep", "ADP", "IN", "as"),
        ("a", 6, "det", "DET", "DT", "a"),
        (name, 4, "pobj", "NOUN", "NN", lemma),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]


def test_what_a_naming_verb_calls_its_object_is_hung_on_the_verb_unless_it_names_a_proposal():
    """"Norway described the levy as a mistake": the parse hangs "as" on the object, and the verb seemed to
    call it nothing; it is the verb's. "... as a plan" names a proposal, not a judgement, and stays."""
    from stancegraph.extract.mentions import repair_attachments

    lex = load_lexicon()
    judged = make_doc(_described_as("mistake", "mistake"))
    repair_attachments(judged, lex.noun_prepositions, lex.noun_infinitives, lex.proposal_nouns.keys())
    assert judged[4].head.i == 1
    assert stances_of(make_doc(_described_as("mistake", "mistake"))) == {("Norway", "oppose", "levy")}
    proposed = make_doc(_described_as("plan", "plan"))
    repair_attachments(proposed, lex.noun_prepositions, lex.noun_infinitives, lex.proposal_nouns.keys())
    assert proposed[4].head.i == 3
