"""Reading article files: what a user sees for each kind of input (no spaCy model needed)."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from stancegraph.extract import readers
from stancegraph.extract.errors import ArticleError, DecodingWarning, ReadError, StancegraphError
from stancegraph.extract.readers import iter_articles, parse_date, read_article, read_articles
from stancegraph.extract.records import Article

from conftest import CORPUS, ROOT

SEED = ROOT / "seeds" / "000_98ceb06b7a6a85b3.txt"


def _wikinews_dir() -> Path | None:
    """The shared corpus beside the repository (tests/conftest.py's CORPUS), if it is there."""
    if CORPUS.is_dir() and any(CORPUS.glob("*.txt")):
        return CORPUS
    return None


def assert_offsets(article: Article) -> None:
    assert article.paragraphs, f"{article.id} has no paragraphs"
    for p in article.paragraphs:
        assert article.text[p.start : p.start + len(p.text)] == p.text
        assert p.text == p.text.strip() and p.text


def split(items):
    articles = [x for x in items if isinstance(x, Article)]
    errors = [x for x in items if isinstance(x, ReadError)]
    assert len(articles) + len(errors) == len(items)
    return articles, errors


# --------------------------------------------------------------------------- the seed article


def test_seed_article_header_and_offsets():
    a = read_article(SEED)
    assert a.id == "000_98ceb06b7a6a85b3"
    assert a.publisher.startswith("European Centre")
    assert a.title == "Zelensky brings Victory Plan to Brussels, but NATO invite seems out of reach"
    assert a.source == str(SEED)
    assert_offsets(a)
    # the body starts at line 3: header lines are in the text but not in the paragraphs
    assert a.paragraphs[0].text.startswith("washingtonpost – Ukrainian President Volodymyr Zelensky")
    assert all(a.title not in p.text and "European Centre" not in p.text for p in a.paragraphs)
    assert a.text.startswith("European Centre")
    assert len(a.paragraphs) == len([ln for ln in a.text.split("\n") if ln.strip()]) - 2


def test_source_tag_becomes_publisher_only_without_one(tmp_path):
    f = tmp_path / "tagged.txt"
    f.write_text(
        "reuters – The minister said on Monday that he backs the plan.\n"
        "Critics said they oppose it.\nA third line of text.\n",
        encoding="utf-8",
    )
    a = read_article(f)
    assert a.publisher == "reuters"
    assert a.title is None
    assert a.paragraphs[0].text.startswith("reuters – The minister")
    assert_offsets(a)


@pytest.mark.parametrize("dateline", ["BRUSSELS, March 3 (Reuters) - ", "KYIV, Ukraine, Oct. 17 - ", "WASHINGTON — ",
                                      "(AP) — ", "LONDON/PARIS, May 2, 2024 (Reuters) -- ", "Beirut (dpa) - ",
                                      "BERLIN (dpa) - ", "Paris (AFP) — "])
def test_a_wire_dateline_is_not_part_of_the_first_paragraph(tmp_path, dateline):
    f = tmp_path / "wire.txt"
    f.write_text("EU ministers split over gas price cap\n\n" + dateline +
                 "European Union energy ministers failed to agree on a cap.\nHungary rejected it.\n", encoding="utf-8")
    a = read_article(f)
    assert a.paragraphs[0].text == "European Union energy ministers failed to agree on a cap."
    assert a.paragraphs[1].text == "Hungary rejected it."
    assert dateline in a.text  # the text as read keeps it; offsets still slice the paragraphs out of it
    assert_offsets(a)


@pytest.mark.parametrize("first", ["NATO – the alliance said it backs the plan.", "UNICEF - the agency backs it.",
                                   "US - China talks resumed on Monday.", "EU leaders met in Brussels.",
                                   "The Senate (left) - voted on Monday.", "Berlin - Paris trains resumed."])
def test_a_sentence_that_only_looks_like_a_dateline_is_kept_whole(tmp_path, first):
    f = tmp_path / "plain.txt"
    f.write_text(first + "\nHungary rejected it.\n", encoding="utf-8")
    assert read_article(f).paragraphs[0].text == first


# --------------------------------------------------------------------------- folders of mixed formats


HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Leaders back the peace plan | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2024-10-17T09:30:00Z">
<link rel="canonical" href="https://example.org/news/peace-plan"></head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather forecast menu</a></li><li><a href="/login">Subscribe and log in</a></li>
</ul></nav></header>
<main><article>
<h1>Leaders back the peace plan</h1>
<p>The European Union said on Thursday that it supports the peace plan proposed by Ukraine,
which aims to end the war and restore the country's borders.</p>
<p>Germany opposed parts of the proposal, saying that it needed more time to study the details
of the plan before the summit in Brussels next month.</p>
<p>Hungary rejected the plan outright, its foreign minister told reporters in Budapest.</p>
</article></main>
<footer><p>Copyright 2024 Daily Planet. All rights reserved. Privacy policy. Cookie settings.</p>
<ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body></html>
"""


def test_folder_of_every_format(tmp_path):
    (tmp_path / "a_plain.txt").write_text(
        "The mayor said he supports the new bridge.\nThe council opposed it.\n", encoding="utf-8"
    )
    (tmp_path / "b_notes.md").write_text(
        "---\ntitle: \"Council votes on bridge\"\ndate: 2024-05-02\npublisher: City Times\n"
        "url: https://example.org/bridge\n---\n"
        "# Ignored heading\n\nThe **council** voted on the [bridge plan](https://example.org/plan).\n"
        "Residents _mostly_ welcomed it.\n",
        encoding="utf-8",
    )
    (tmp_path / "c_page.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "d_one.json").write_text(
        json.dumps({"headline": "Union backs deal", "body": "The union backs the deal.", "source": "Wire"}),
        encoding="utf-8",
    )
    (tmp_path / "e_many.jsonl").write_text(
        json.dumps({"text": "First line article."})
        + "\n\n"
        + json.dumps({"id": "custom-id", "content": "Third line article.", "published": "March 6, 2008"})
        + "\n",
        encoding="utf-8",
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "f_nested.txt").write_text("A nested article about the plan.\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this folder\n", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")

    articles, errors = split(list(iter_articles([tmp_path])))
    assert errors == []
    # sorted walk: files and folders by name, recursively
    assert [a.id for a in articles] == [
        "a_plain",
        "b_notes",
        "c_page",
        "d_one",
        "e_many-1",
        "custom-id",
        "f_nested",
    ]
    for a in articles:
        assert_offsets(a)
    by_id = {a.id: a for a in articles}

    md = by_id["b_notes"]
    assert (md.title, md.date, md.publisher, md.url) == (
        "Council votes on bridge",
        "2024-05-02",
        "City Times",
        "https://example.org/bridge",
    )
    assert "The council voted on the bridge plan." in md.text
    assert "Residents mostly welcomed it." in md.text
    assert "---" not in md.text and "**" not in md.text and "](" not in md.text and "#" not in md.text

    js = by_id["d_one"]
    assert (js.title, js.publisher, js.text) == ("Union backs deal", "Wire", "The union backs the deal.")
    assert by_id["custom-id"].date == "2008-03-06"
    assert by_id["custom-id"].source == str(tmp_path / "e_many.jsonl")


def test_json_list_and_explicit_unknown_extension(tmp_path):
    f = tmp_path / "batch.json"
    f.write_text(json.dumps([{"text": "One."}, {"article": "Two.", "id": 7}]), encoding="utf-8")
    odd = tmp_path / "story.article"
    odd.write_text("Read as plain text because it was named explicitly.\n", encoding="utf-8")
    articles, errors = split(list(iter_articles([f, odd])))
    assert errors == []
    assert [a.id for a in articles] == ["batch-1", "7", "story"]
    with pytest.raises(ArticleError, match="2 articles"):
        read_article(f)
    assert [a.text for a in read_articles(f)] == ["One.", "Two."]


def test_markdown_first_heading_is_title(tmp_path):
    f = tmp_path / "post.markdown"
    f.write_text(
        "# Senate *rejects* the [budget](http://x.org)\n\nSome senators said they ***oppose*** it.\n"
        "> A quoted line.\n- a bullet point\n",
        encoding="utf-8",
    )
    a = read_article(f)
    assert a.title == "Senate rejects the budget"
    assert [p.text for p in a.paragraphs] == [
        "Some senators said they oppose it.",
        "A quoted line.",
        "a bullet point",
    ]
    assert_offsets(a)


# --------------------------------------------------------------------------- HTML


def test_html_main_text_not_menu(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    a = read_article(f)
    assert "supports the peace plan proposed by Ukraine" in a.text
    assert "Hungary rejected the plan outright" in a.text
    for boilerplate in ("Weather forecast menu", "Subscribe and log in", "All rights reserved", "Cookie"):
        assert boilerplate not in a.text
    assert a.title == "Leaders back the peace plan"
    assert a.publisher == "Daily Planet"
    assert a.date == "2024-10-17"
    assert a.url == "https://example.org/news/peace-plan"
    # the headline line is a header, not a body paragraph
    assert all(p.text != a.title for p in a.paragraphs)
    assert_offsets(a)


def test_html_without_text_is_an_error(tmp_path):
    f = tmp_path / "shell.htm"
    f.write_text("<html><head><title>App</title><script>render()</script></head><body><div id=app></div></body></html>")
    with pytest.raises(ArticleError, match="no article text"):
        read_article(f)


def test_html_short_page_falls_back_to_paragraphs(tmp_path):
    f = tmp_path / "short.html"
    f.write_text("<html><body><p>Short.</p><p>Tiny.</p></body></html>", encoding="utf-8")
    a = read_article(f)
    assert "Short." in a.text and "Tiny." in a.text
    assert_offsets(a)


# --------------------------------------------------------------------------- encodings and newlines


def test_utf16_with_bom(tmp_path):
    f = tmp_path / "utf16.txt"
    f.write_bytes("Zelensky’s plan — backed by Kyiv.\nSecond line.\n".encode("utf-16"))
    a = read_article(f)
    assert a.text.startswith("Zelensky’s plan — backed by Kyiv.")
    assert "\ufeff" not in a.text
    assert_offsets(a)


def test_utf8_bom_is_stripped(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfHello there.\n")
    assert read_article(f).text.startswith("Hello there.")


def test_latin1_is_replaced_with_a_warning_naming_the_file(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Café owners in Zürich said they support the reform.\n".encode("latin-1"))
    with pytest.warns(DecodingWarning, match="latin1.txt"):
        a = read_article(f)
    assert "\ufffd" in a.text
    assert "owners in Z" in a.text
    assert_offsets(a)


def test_valid_utf8_gives_no_warning(tmp_path):
    f = tmp_path / "ok.txt"
    f.write_text("Café owners in Zürich.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "Zürich" in read_article(f).text


def test_crlf_and_cr_become_lf(tmp_path):
    f = tmp_path / "windows.txt"
    f.write_bytes(b"First paragraph.\r\n\r\nSecond paragraph.\rThird paragraph.\r\n")
    a = read_article(f)
    assert "\r" not in a.text
    assert [p.text for p in a.paragraphs] == ["First paragraph.", "Second paragraph.", "Third paragraph."]
    assert_offsets(a)


def test_paragraph_offsets_with_indentation(tmp_path):
    f = tmp_path / "indent.txt"
    f.write_text("   Indented first.  \n\n\t Tabbed second.\n\n\n  \nLast.", encoding="utf-8")
    a = read_article(f)
    assert [p.text for p in a.paragraphs] == ["Indented first.", "Tabbed second.", "Last."]
    assert a.paragraphs[0].start == 3
    assert_offsets(a)


# --------------------------------------------------------------------------- bad files


def test_bad_files_give_read_errors_and_the_rest_is_read(tmp_path):
    (tmp_path / "a_good.txt").write_text("The president backs the deal.\n", encoding="utf-8")
    (tmp_path / "b_empty.txt").write_text("  \n\n\t\n", encoding="utf-8")
    (tmp_path / "c_paper.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "d_nul.txt").write_bytes(b"abc\x00\x01\x02def")
    (tmp_path / "e_fields.json").write_text(json.dumps({"headline": "No text", "summary": "x"}), encoding="utf-8")
    (tmp_path / "f_broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "g_lines.jsonl").write_text(
        json.dumps({"text": "Good line."}) + "\n{oops\n" + json.dumps({"title": "t"}) + "\n", encoding="utf-8"
    )
    (tmp_path / "h_good.md").write_text("Another good article.\n", encoding="utf-8")

    articles, errors = split(list(iter_articles([tmp_path])))
    assert [a.id for a in articles] == ["a_good", "g_lines-1", "h_good"]
    by_name = {}
    for e in errors:
        assert isinstance(e, ReadError)
        assert "\n" not in e.message
        assert str(e.path) in e.message  # names the file
        by_name.setdefault(e.path.name, []).append(e.message)
    assert "empty" in by_name["b_empty.txt"][0]
    assert "binary" in by_name["c_paper.txt"][0] and "PDF" in by_name["c_paper.txt"][0]
    assert "binary" in by_name["d_nul.txt"][0]
    msg = by_name["e_fields.json"][0]
    assert "text" in msg and "headline" in msg and "summary" in msg  # what it looked for, what it has
    assert "not valid JSON" in by_name["f_broken.json"][0]
    assert len(by_name["g_lines.jsonl"]) == 2
    assert "line 2" in by_name["g_lines.jsonl"][0] and "line 3" in by_name["g_lines.jsonl"][1]


def test_read_article_raises_article_error(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 binary stuff")
    with pytest.raises(ArticleError) as info:
        read_article(pdf)
    err = info.value
    assert isinstance(err, StancegraphError)
    assert err.path == pdf
    assert str(pdf) in str(err) and "binary file (PDF" in str(err)


def test_missing_path_and_empty_folder(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    errors = list(iter_articles([tmp_path / "missing.txt", empty]))
    assert all(isinstance(e, ReadError) for e in errors) and len(errors) == 2
    assert "no such file" in errors[0].message and "missing.txt" in errors[0].message
    assert "no article files" in errors[1].message


def test_size_limit(tmp_path, monkeypatch):
    f = tmp_path / "huge.txt"
    f.write_text("word " * 500, encoding="utf-8")
    assert readers.MAX_FILE_BYTES == 20 * 1024 * 1024
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 1024 * 1024 // 2)
    f.write_bytes(b"a" * (1024 * 1024))
    with pytest.raises(ArticleError, match=r"over the 0\.5 MB limit"):
        read_article(f)


# --------------------------------------------------------------------------- Wikinews layout and dates


def test_wikinews_style_headline_and_date_line(tmp_path):
    f = tmp_path / "wn.txt"
    f.write_text(
        "South American leaders end border dispute\n\nThursday, March 6, 2008\n\n"
        "An exchange of handshakes at a summit marked the end of the dispute.\n\n"
        "The presidents agreed to end the conflict.\n",
        encoding="utf-8",
    )
    a = read_article(f)
    assert a.title == "South American leaders end border dispute"
    assert a.publisher is None
    assert a.date == "2008-03-06"
    assert a.paragraphs[0].text.startswith("An exchange of handshakes")
    assert_offsets(a)


def test_wikinews_corpus_file():
    folder = _wikinews_dir()
    if folder is None:
        pytest.skip("shared Wikinews corpus not present")
    path = folder / "010-colombia-ecuador-venezuela-end-dispute.txt"
    a = read_article(path)
    assert a.id == "010-colombia-ecuador-venezuela-end-dispute"
    assert a.title == "South American leaders end border dispute"  # line 1, followed by a blank line
    assert a.publisher is None
    assert a.paragraphs[0].text.startswith("An exchange of handshakes")
    if (folder / "SOURCES.tsv").exists():  # the corpus keeps each article's date and URL there
        assert a.date == "2008-03-08"
        assert a.url.startswith("https://en.wikinews.org/wiki/")
    assert_offsets(a)


def test_wikinews_corpus_folder_reads_every_article():
    folder = _wikinews_dir()
    if folder is None:
        pytest.skip("shared Wikinews corpus not present")
    articles, errors = split(list(iter_articles([folder])))
    assert errors == []
    assert len(articles) == len(list(folder.glob("*.txt")))  # README.md is not an article
    for a in articles:
        assert a.title and a.title == a.text.split("\n", 1)[0].strip()
        assert_offsets(a)


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Thursday, March 6, 2008", "2008-03-06"),
        ("March 6, 2008", "2008-03-06"),
        ("6 March 2008", "2008-03-06"),
        ("Thursday, 6 March 2008", "2008-03-06"),
        ("Mar 6th, 2008", "2008-03-06"),
        ("2008-03-06", "2008-03-06"),
        ("2024-10-17T09:30:00Z", "2024-10-17"),
        ("Published: October 17, 2024", "2024-10-17"),
        ("Zelensky brings Victory Plan to Brussels", None),
        ("", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso
