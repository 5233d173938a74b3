"""Reading article files into `Article` records.

Supported inputs (by extension, case-insensitive):

* ``.txt`` (and any file given explicitly with an unknown extension): plain text.
  A short header is recognised: ``publisher / headline / body`` (line 1 and 2
  short, without a final period) or ``headline / blank line / body`` (the
  Wikinews layout), optionally with a date line such as
  ``Thursday, March 6, 2008``.
* ``.md`` / ``.markdown``: YAML-ish front matter (``key: value`` lines) gives
  metadata; heading markers, link syntax and emphasis markers are removed.
* ``.html`` / ``.htm``: main text via trafilatura (never fetching anything),
  falling back to the ``<p>`` elements.
* ``.json``: one object or a list of objects; ``.jsonl``: one object a line.

`Article.text` is the text as read (newlines normalised to ``\\n``, header lines
included); `Article.paragraphs` are the body lines after the header, each with
its start offset, so ``text[p.start:p.end] == p.text`` always holds.

A ``SOURCES.tsv`` beside the files (columns ``file``, ``title``, ``date``, a URL
column; the layout of the shared Wikinews corpus) fills in metadata that the
file itself does not carry.
"""
from __future__ import annotations

import codecs
import csv
import json
import os
import re
import stat
import warnings
from datetime import datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from .errors import ArticleError, DecodingWarning, MetadataWarning, ReadError
from .records import Article, Paragraph

# Files larger than this are refused (bytes); read at call time, so it can be patched.
MAX_FILE_BYTES = 20 * 1024 * 1024
# An article with more text than this is refused (characters): the parser holds about 3 KB of
# memory per character of the article it is reading (200,000 characters: 0.8 GB, 13 s; a 1.3 MB
# article took 2.3 GB and two minutes).
# A JSON Lines file within MAX_FILE_BYTES may hold any number of articles under this limit.
MAX_ARTICLE_CHARS = 200_000

TEXT_EXTENSIONS = (".txt",)
MARKDOWN_EXTENSIONS = (".md", ".markdown")
HTML_EXTENSIONS = (".html", ".htm")
JSON_EXTENSIONS = (".json",)
JSONL_EXTENSIONS = (".jsonl",)
ARTICLE_EXTENSIONS = (
    TEXT_EXTENSIONS + MARKDOWN_EXTENSIONS + HTML_EXTENSIONS + JSON_EXTENSIONS + JSONL_EXTENSIONS
)

# When walking a folder, these are documentation, not articles (given explicitly they are read).
_NOT_ARTICLES = {"readme", "license", "licence", "changelog", "contributing", "notice", "authors"}

# Sidecar metadata table beside the articles (the shared Wikinews corpus has one).
SIDECAR_NAMES = ("SOURCES.tsv", "sources.tsv")

# JSON field names, first match wins.
TEXT_FIELDS = ("text", "body", "content", "article")
TITLE_FIELDS = ("title", "headline")
PUBLISHER_FIELDS = ("publisher", "source")
DATE_FIELDS = ("date", "published")
URL_FIELDS = ("url",)
ID_FIELDS = ("id",)

# A line longer than this is never a header line (publisher, headline).
HEADER_MAX_CHARS = 150

_BINARY_MAGIC = (
    (b"%PDF", "PDF", "extract its text first (e.g. `pdftotext FILE.pdf FILE.txt`) and read the .txt"),
    (b"\x89PNG", "PNG image", "give the article as text, HTML, Markdown or JSON"),
    (b"\xff\xd8\xff", "JPEG image", "give the article as text, HTML, Markdown or JSON"),
    (b"GIF8", "GIF image", "give the article as text, HTML, Markdown or JSON"),
    (b"PK\x03\x04", "ZIP archive or Word/ODF document", "unpack it or save the document as .txt/.html first"),
    (b"\x1f\x8b", "gzip archive", "unpack it first"),
    (b"\xd0\xcf\x11\xe0", "old Office document", "save it as .txt or .html first"),
)


# --------------------------------------------------------------------------- public API


def read_article(path: Union[Path, str]) -> Article:
    """Read one article from `path`; raise `ArticleError` if it cannot be read.

    A JSON list or a JSON Lines file holding several articles is an error here;
    use `read_articles` or `iter_articles` for those.
    """
    path = Path(path)
    articles = read_articles(path)
    if len(articles) != 1:
        raise ArticleError(
            path,
            f"holds {len(articles)} articles, not one",
            "read it with read_articles() or iter_articles()",
        )
    return articles[0]


def read_articles(path: Union[Path, str]) -> list[Article]:
    """Read every article in one file (several for JSON lists and JSON Lines).

    Raises the first `ArticleError` met.
    """
    path = Path(path)
    out: list[Article] = []
    for item in _read_file(path):
        if isinstance(item, ArticleError):
            raise item
        out.append(item)
    return out


def iter_articles(paths: Iterable[Union[Path, str]]) -> Iterator[Union[Article, ReadError]]:
    """Yield the articles in `paths` (files and folders), a `ReadError` for each failure.

    Folders are walked recursively in sorted order, picking the article
    extensions and skipping hidden files and folders; a file given explicitly
    is read whatever its extension (unknown ones as plain text). One bad file
    never stops the others.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[str] = set()
    for given in paths:
        given = Path(given)
        if given.is_dir():
            files = list(_walk(given))
            if not files:
                yield ReadError(
                    given,
                    f"{given}: folder holds no article files ({', '.join(ARTICLE_EXTENSIONS)}); "
                    "check the path",
                )
        elif given.exists():
            files = [given]
        elif given.is_symlink():
            yield ReadError(
                given,
                f"{given}: is a broken symbolic link (to {_link_target(given)}); "
                "point it at the article file or remove it",
            )
            continue
        else:
            yield ReadError(given, f"{given}: no such file or folder; check the path")
            continue
        for path in files:
            key = _identity(path)
            if key in seen:
                continue
            seen.add(key)
            yield from _read_file_safely(path)


# --------------------------------------------------------------------------- files and folders


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "nowhere"


def _identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def _walk(folder: Path) -> Iterator[Path]:
    """Article files under `folder`, recursively, in sorted order, no hidden ones."""
    visited: set[str] = set()

    def walk(d: Path) -> Iterator[Path]:
        real = _identity(d)
        if real in visited:  # symlink loop
            return
        visited.add(real)
        try:
            entries = sorted(d.iterdir(), key=lambda p: p.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                yield from walk(entry)
            elif (
                (entry.is_file() or (entry.is_symlink() and not entry.exists()))  # a broken link is reported
                and entry.suffix.lower() in ARTICLE_EXTENSIONS
                and entry.stem.lower() not in _NOT_ARTICLES
            ):
                yield entry

    yield from walk(folder)


def _read_file_safely(path: Path) -> Iterator[Union[Article, ReadError]]:
    try:
        for item in _read_file(path):
            if isinstance(item, ArticleError):
                yield ReadError(item.path, str(item))
            else:
                yield item
    except ArticleError as err:
        yield ReadError(err.path, str(err))
    except Exception as err:  # a bug or a library failure must not stop the other files
        yield ReadError(
            path,
            f"{path}: could not be read ({type(err).__name__}: {' '.join(str(err).split())}); "
            "please report this with the file",
        )


def _read_file(path: Path) -> Iterator[Union[Article, ArticleError]]:
    """Articles in one file; per-item problems (a bad JSON Lines line) come as ArticleError items."""
    for item in _file_items(path):
        if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
            where = f" ({item.id})" if item.id != _article_id(path) else ""
            item = ArticleError(
                path,
                f"article{where} has {len(item.text):,} characters of text, over the "
                f"{MAX_ARTICLE_CHARS:,}-character limit for one article (parsing it would need "
                "gigabytes of memory)",
                "split it into several articles (or raise extract.readers.MAX_ARTICLE_CHARS)",
            )
        yield item


def _file_items(path: Path) -> Iterator[Union[Article, ArticleError]]:
    raw = _read_bytes(path)
    ext = path.suffix.lower()
    if ext in HTML_EXTENSIONS:
        yield _html_article(path, raw)
    elif ext in JSON_EXTENSIONS:
        yield from _json_articles(path, raw)
    elif ext in JSONL_EXTENSIONS:
        yield from _jsonl_articles(path, raw)
    elif ext in MARKDOWN_EXTENSIONS:
        yield _markdown_article(path, _decode(path, raw))
    else:
        yield _text_article(path, _decode(path, raw))


def _read_bytes(path: Path) -> bytes:
    limit = MAX_FILE_BYTES
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(st.st_mode):
            # a FIFO, a device (/dev/zero) or a socket: reading it could block or never end
            raise ArticleError(
                path,
                f"is not a regular file (a {_file_kind(st.st_mode)})",
                "give the article as an ordinary file",
            )
        size = st.st_size
        if size > limit:
            raise ArticleError(
                path,
                f"is {_mb(size)}, over the {_mb(limit)} limit for one article file",
                "split it into smaller files (or raise extract.readers.MAX_FILE_BYTES)",
            )
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)  # never more than the limit, whatever stat said
    except ArticleError:
        raise
    except IsADirectoryError:
        raise ArticleError(path, "is a folder, not a file", "pass the folder to iter_articles()") from None
    except OSError as err:
        if path.is_symlink() and not path.exists():
            raise ArticleError(
                path, f"is a broken symbolic link (to {_link_target(path)})", "point it at the article file or remove it"
            ) from None
        raise ArticleError(
            path, f"could not be read ({err.strerror or err})", "check that it exists and is readable"
        ) from None
    if len(raw) > limit:  # grew since stat
        raise ArticleError(
            path,
            f"is over the {_mb(limit)} limit for one article file",
            "split it into smaller files (or raise extract.readers.MAX_FILE_BYTES)",
        )
    return raw


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _mb(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


# --------------------------------------------------------------------------- decoding


def _decode(path: Path, raw: bytes, declared: Optional[str] = None) -> str:
    """Bytes -> text with `\\n` newlines; refuse binary and empty files."""
    if raw.startswith(codecs.BOM_UTF8):
        text = _decode_bom(path, raw[len(codecs.BOM_UTF8):], "utf-8")
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text = _decode_bom(path, raw, "utf-32")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_bom(path, raw, "utf-16")
    else:
        _check_not_binary(path, raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            _check_not_binary_junk(path, raw)
            text = None
            if declared and codecs.lookup(declared).name != "utf-8":
                try:
                    text = raw.decode(declared)
                except UnicodeDecodeError:
                    text = None
            if text is None:
                text = raw.decode("utf-8", errors="replace")
                _warn_replaced(path, "UTF-8")
    text = normalise_newlines(text)
    if not text.strip():
        raise ArticleError(path, "is empty (no text)", "remove it or fill it with the article text")
    return text


def _decode_bom(path: Path, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)  # utf-16/32: the BOM gives the byte order and is dropped
    except UnicodeDecodeError:
        _warn_replaced(path, encoding.upper())
        return raw.decode(encoding, errors="replace")


def _warn_replaced(path: Path, encoding: str) -> None:
    warnings.warn(
        f"{path}: not valid {encoding}; undecodable bytes were replaced with U+FFFD. "
        "Re-save the file as UTF-8 to keep every character.",
        DecodingWarning,
        stacklevel=4,
    )


def _check_not_binary(path: Path, raw: bytes) -> None:
    head = raw[:8192]
    for magic, what, hint in _BINARY_MAGIC:
        if head.startswith(magic):
            raise ArticleError(path, f"looks like a binary file ({what}), not text", hint)
    if b"\x00" in head:
        raise ArticleError(
            path,
            "looks like a binary file (PDF? Word? image?), not text: it has NUL bytes",
            "save the article as UTF-8 text, HTML, Markdown or JSON",
        )


# C0 control bytes that no text encoding uses for letters (tab, newlines and form feed aside), and DEL.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
# Share of control bytes in a file that is not UTF-8 above which it is binary, not text in
# another encoding: random bytes have about 10 %, Latin-1 or cp1253 text none.
BINARY_CONTROL_SHARE = 0.03


def _check_not_binary_junk(path: Path, raw: bytes) -> None:
    """Bytes that are not UTF-8 and full of control bytes are binary data (no magic number needed)."""
    head = raw[:8192]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls / len(head) > BINARY_CONTROL_SHARE:
        raise ArticleError(
            path,
            f"looks like a binary file, not text: it is not UTF-8 and {controls} of its first "
            f"{len(head)} bytes are control characters",
            "save the article as UTF-8 text, HTML, Markdown or JSON",
        )


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR -> LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- dates


_DATE_FORMATS = (
    "%A, %B %d, %Y",  # Thursday, March 6, 2008
    "%A %B %d, %Y",
    "%A, %b %d, %Y",
    "%B %d, %Y",  # March 6, 2008
    "%B %d %Y",
    "%b %d, %Y",  # Mar 6, 2008
    "%b. %d, %Y",
    "%A, %d %B %Y",  # Thursday, 6 March 2008
    "%A %d %B %Y",
    "%d %B %Y",  # 6 March 2008
    "%d %B, %Y",
    "%d %b %Y",
    "%Y/%m/%d",
)
_DATE_PREFIX = re.compile(r"^(?:published|updated|posted|date|dated)(?:\s+on)?\s*:?\s*", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)


def parse_date(value: Any) -> Optional[str]:
    """An ISO date ("2008-03-06") from a date string in a common news format, else None."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None  # a bare number is too ambiguous (year? epoch?)
    s = " ".join(str(value).split())
    s = _DATE_PREFIX.sub("", s).strip().rstrip(".").strip()
    if not s or len(s) > 60:
        return None
    iso = s[:-1] + "+00:00" if s.endswith("Z") else s
    try:
        return datetime.fromisoformat(iso).date().isoformat()
    except ValueError:
        pass
    s = _ORDINAL.sub("", s)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _metadata_date(path: Path, value: Any) -> Optional[str]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    iso = parse_date(value)
    if iso is None:
        warnings.warn(
            f"{path}: date {str(value)[:60]!r} not understood; the article gets no date "
            "(write it as YYYY-MM-DD)",
            MetadataWarning,
            stacklevel=4,
        )
    return iso


# --------------------------------------------------------------------------- paragraphs and headers


_LINE = re.compile(r"[^\n]+")


# A line longer than this is cut into paragraphs at sentence ends (else at a space): the parser
# needs memory in proportion to a paragraph's length, and spaCy refuses texts over 1,000,000
# characters, so one article written as a single huge line must not stop the build.
MAX_PARAGRAPH_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


# A wire dateline opening a story: "BRUSSELS, March 3 (Reuters) -", "KYIV, Ukraine -", "WASHINGTON -",
# "(AP) -". The place is in capitals; a bare place needs five letters or two words ("NATO - the
# alliance said" is a sentence, not a dateline), and the body goes on with a capital or a quote.
_AGENCY = r"\([A-Za-z][\w .&'’-]{0,30}\)"  # "(Reuters)", "(dpa)"
_DASH = r"\s*[-–—]{1,2}\s+(?=[A-Z0-9\"“‘'(])"  # the dash, then the story with a capital or a quote
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’]+(?:[ /-][A-Z][A-Z.'’]+)*)?"
    r"(?P<region>(?:,\s*[A-Z][A-Za-z.'’]+(?:\s+[A-Z][A-Za-z.'’]+)*){0,2}?)"
    r"(?P<date>,?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?)?"
    r"\s*(?P<agency>" + _AGENCY + r")?" + _DASH)
# ... and a place written in title case, only with the agency after it: "Beirut (dpa) -", "Hamburg (AFP) -"
_TITLED_DATELINE = re.compile(
    r"[A-Z][a-z.'’]+(?:[ -][A-Z][a-z.'’]+){0,2}(?:,\s*[A-Z][A-Za-z.'’]+)?\s*" + _AGENCY + _DASH)


def dateline_end(text: str) -> int:
    """Where a paragraph starts after a wire dateline, 0 if it opens with none: the dateline is no part
    of the first sentence (its place would otherwise be read into the first holder's name)."""
    titled = _TITLED_DATELINE.match(text)
    if titled is not None:
        return titled.end()
    m = _DATELINE.match(text)
    if m is None or not (m["place"] or m["agency"]):
        return 0
    place = m["place"] or ""
    if not (m["region"] or m["date"] or m["agency"] or " " in place or len(place) >= 5):
        return 0
    return m.end()


def split_paragraphs(text: str, start: int = 0) -> tuple[Paragraph, ...]:
    """Non-empty lines of `text[start:]`, stripped, with their offsets in `text`
    (a line longer than `MAX_PARAGRAPH_CHARS` becomes several paragraphs); one that opens with a wire
    dateline begins after it (`dateline_end`: the story's first, wherever the header ends)."""
    out = []
    for m in _LINE.finditer(text, start):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        out.extend(_cut_long(m.start() + lead, stripped))
    return tuple(Paragraph(p.start + cut, p.text[cut:]) if (cut := dateline_end(p.text)) else p for p in out)


def _cut_long(start: int, text: str) -> Iterator[Paragraph]:
    limit = MAX_PARAGRAPH_CHARS
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = None
        for m in _SENTENCE_END.finditer(window):
            if m.end() > limit // 4:
                cut = m.end()
        if cut is None:
            space = max(window.rfind(" "), window.rfind("\t"))
            cut = space + 1 if space > 0 else limit
        piece = window[:cut]
        stripped = piece.strip()
        if stripped:
            yield Paragraph(start + pos + len(piece) - len(piece.lstrip()), stripped)
        pos += cut
    rest = text[pos:]
    if rest.strip():
        yield Paragraph(start + pos + len(rest) - len(rest.lstrip()), rest.strip())


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of every line, blank ones included."""
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line.strip()))
        pos += len(line) + 1
    return out


def _ends_sentence(line: str) -> bool:
    return bool(re.search(r"\.[\"'”’)\]]*$", line))


def _header_like(line: str) -> bool:
    return 0 < len(line) < HEADER_MAX_CHARS and not _ends_sentence(line)


def _is_date_line(line: str) -> Optional[str]:
    if not line or len(line) > 60:
        return None
    return parse_date(line)


def _same(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _skip_title_line(text: str, title: Optional[str]) -> int:
    """Offset where the body starts: after the first line if it repeats the title."""
    for start, end, line in _lines(text):
        if not line:
            continue
        return end if _same(line, title) else 0
    return 0


_SOURCE_TAG = re.compile(r"^([A-Za-z][\w.&]*)\s+[–—-]\s+\S")


def _plain_header(text: str) -> dict[str, Any]:
    """Publisher, title, date and where the body starts, from the first lines of plain text."""
    lines = _lines(text)
    nonblank = [i for i, (_, _, s) in enumerate(lines) if s]
    meta: dict[str, Any] = {"title": None, "publisher": None, "date": None, "body_start": 0}
    if not nonblank:
        return meta
    i = nonblank[0]
    body_start = 0

    def next_nonblank(j: int) -> Optional[int]:
        for k in range(j + 1, len(lines)):
            if lines[k][2]:
                return k
        return None

    # A leading date line.
    if len(nonblank) >= 3 and _is_date_line(lines[i][2]):
        meta["date"] = _is_date_line(lines[i][2])
        body_start = lines[i][1]
        i = next_nonblank(i)
        nonblank = nonblank[1:]

    if i is not None and len(nonblank) >= 3 and _header_like(lines[i][2]):
        first = lines[i][2]
        j = i + 1
        second = lines[j][2] if j < len(lines) else ""
        if second and _header_like(second) and not _is_date_line(second):
            # publisher / headline / body (the seed layout)
            meta["publisher"], meta["title"] = first, second
            body_start = lines[j][1]
            last = j
        else:
            # headline / (blank line or date line) / body (the Wikinews layout)
            meta["title"] = first
            body_start = lines[i][1]
            last = i
        # An optional date line right after the header.
        k = next_nonblank(last)
        if k is not None and meta["date"] is None:
            iso = _is_date_line(lines[k][2])
            if iso and next_nonblank(k) is not None:
                meta["date"] = iso
                body_start = lines[k][1]
    meta["body_start"] = body_start

    # A source tag opening the body ("washingtonpost – ..."): the publisher if none was found.
    k = next((n for n in range(len(lines)) if lines[n][0] >= body_start and lines[n][2]), None)
    if k is not None and meta["publisher"] is None:
        m = _SOURCE_TAG.match(lines[k][2])
        if m:
            meta["publisher"] = m.group(1)
    return meta


# --------------------------------------------------------------------------- plain text


def _article_id(path: Path) -> str:
    return path.stem


def _text_article(path: Path, text: str) -> Article:
    head = _plain_header(text)
    side = _sidecar(path)
    return Article(
        id=_article_id(path),
        text=text,
        source=str(path),
        title=head["title"] or side.get("title"),
        publisher=head["publisher"] or side.get("publisher"),
        date=head["date"] or side.get("date"),
        url=side.get("url"),
        paragraphs=split_paragraphs(text, head["body_start"]),
    )


# --------------------------------------------------------------------------- sidecar SOURCES.tsv


def _sidecar(path: Path) -> dict[str, str]:
    for name in SIDECAR_NAMES:
        table = path.parent / name
        try:
            mtime = table.stat().st_mtime
        except OSError:
            continue
        return _load_sidecar(str(table), mtime).get(path.name, {})
    return {}


@lru_cache(maxsize=32)
def _load_sidecar(table: str, mtime: float) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    try:
        with open(table, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return out
    for row in rows:
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name = row.get("file")
        if not name:
            continue
        meta: dict[str, str] = {}
        title = row.get("title") or row.get("headline")
        if title:
            meta["title"] = title
        if row.get("publisher"):
            meta["publisher"] = row["publisher"]
        iso = parse_date(row.get("date") or row.get("published"))
        if iso:
            meta["date"] = iso
        for key in ("url", "source_url", "source_url_or_id"):
            value = row.get(key, "")
            if value.startswith(("http://", "https://")):
                meta["url"] = value
                break
        out[name] = meta
    return out


# --------------------------------------------------------------------------- Markdown


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_ATX_HEADING = re.compile(r"^(\s{0,3})#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HRULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_EMPHASIS = (
    re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*"),
    re.compile(r"___(?=\S)(.+?)(?<=\S)___"),
    re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"),
    re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\*\w])"),
    re.compile(r"(?<![_\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![_\w])"),
    re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"),
    re.compile(r"`([^`\n]+)`"),
)
_BLOCKQUOTE = re.compile(r"^(\s*)(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(?=\S)")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or key[:1].isspace():
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        meta.setdefault(key.strip().lower(), value)
    return meta, text[m.end():]


def _inline_markdown(line: str) -> str:
    line = _IMAGE.sub(r"\1", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    for pattern in _EMPHASIS:
        line = pattern.sub(r"\1", line)
    return line


def markdown_to_text(md: str) -> tuple[str, Optional[str]]:
    """Markdown (front matter already removed) -> plain text and its first heading."""
    md = _HTML_COMMENT.sub("", md)
    src = md.split("\n")
    out: list[str] = []
    first_heading: Optional[str] = None
    in_fence = False
    for n, line in enumerate(src):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        nxt = src[n + 1] if n + 1 < len(src) else ""
        heading = None
        m = _ATX_HEADING.match(line)
        if m:
            heading = m.group(2)
        elif line.strip() and _SETEXT_RULE.match(nxt) and not _HRULE.match(line):
            heading = line.strip()
        elif _SETEXT_RULE.match(line) and out and out[-1].strip():
            continue  # the underline of a setext heading
        elif _HRULE.match(line) or _REF_DEF.match(line):
            out.append("")
            continue
        if heading is not None:
            heading = _inline_markdown(heading).strip()
            if first_heading is None and heading:
                first_heading = heading
            out.append(heading)
            continue
        line = _BLOCKQUOTE.sub(r"\1", line)
        line = _BULLET.sub(r"\1", line)
        out.append(_inline_markdown(line))
    return "\n".join(out), first_heading


def _markdown_article(path: Path, text: str) -> Article:
    front, body = _front_matter(text)
    plain, first_heading = markdown_to_text(body)
    plain = plain.strip("\n")
    if not plain.strip():
        raise ArticleError(path, "has no text besides its front matter", "add the article text")
    title = _first(front, TITLE_FIELDS) or first_heading
    side = _sidecar(path)
    return Article(
        id=_article_id(path),
        text=plain,
        source=str(path),
        title=title or side.get("title"),
        publisher=_first(front, PUBLISHER_FIELDS) or side.get("publisher"),
        date=_metadata_date(path, _first(front, DATE_FIELDS)) or side.get("date"),
        url=_first(front, URL_FIELDS) or side.get("url"),
        paragraphs=split_paragraphs(plain, _skip_title_line(plain, title)),
    )


# --------------------------------------------------------------------------- HTML


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _declared_charset(raw: bytes) -> Optional[str]:
    m = _META_CHARSET.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_trafilatura_warned = False


def _trafilatura():
    global _trafilatura_warned
    try:
        import trafilatura  # noqa: WPS433 (heavy; imported when an HTML file comes)

        return trafilatura
    except Exception as err:  # ImportError, or a broken dependency (lxml_html_clean)
        if not _trafilatura_warned:
            _trafilatura_warned = True
            warnings.warn(
                f"trafilatura could not be imported ({err}); HTML main text falls back to the "
                "<p> elements. Install it with `pip install trafilatura lxml_html_clean`.",
                RuntimeWarning,
                stacklevel=2,
            )
        return None


def _html_article(path: Path, raw: bytes) -> Article:
    html = _decode(path, raw, declared=_declared_charset(raw))
    meta: dict[str, Optional[str]] = {}
    text: Optional[str] = None
    traf = _trafilatura()
    if traf is not None:
        try:
            text = traf.extract(
                html,
                include_comments=False,
                include_tables=False,
                output_format="txt",
                with_metadata=False,
            )
        except Exception:
            text = None
        try:
            doc = traf.extract_metadata(html)
        except Exception:
            doc = None
        if doc is not None:
            meta = {
                "title": getattr(doc, "title", None),
                "date": getattr(doc, "date", None),
                "publisher": getattr(doc, "sitename", None),
                "url": getattr(doc, "url", None),
            }
    if not text or not text.strip():
        text = _html_paragraphs(html)
    if not meta:
        meta = _html_metadata(html)
    if not text or not text.strip():
        raise ArticleError(
            path,
            "no article text found in the HTML (no main content and no <p> paragraphs)",
            "check that it is the article page itself, not a script-rendered shell or an index page",
        )
    text = normalise_newlines(text).strip("\n")
    title = _clean(meta.get("title"))
    side = _sidecar(path)
    return Article(
        id=_article_id(path),
        text=text,
        source=str(path),
        title=title or side.get("title"),
        publisher=_clean(meta.get("publisher")) or side.get("publisher"),
        date=_metadata_date(path, meta.get("date")) or side.get("date"),
        url=_clean(meta.get("url")) or side.get("url"),
        paragraphs=split_paragraphs(text, _skip_title_line(text, title)),
    )


def _parse_html(html: str):
    import lxml.html

    try:
        # lxml refuses str with an encoding declaration; give it bytes then.
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except Exception:
        return None


def _html_paragraphs(html: str) -> Optional[str]:
    """Fallback main text: the text of the <p> elements, one per line."""
    root = _parse_html(html)
    paras: list[str] = []
    if root is not None:
        for bad in root.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        paras = [" ".join(p.text_content().split()) for p in root.iter("p")]
        paras = [p for p in paras if p]
    if not paras:
        # libxml2 drops what is nested deeper than 256 elements (5,000 nested <div>s): read the
        # <p> elements with the standard library's tokenizer, which has no depth limit
        paras = _ParagraphReader.read(html)
    return "\n".join(paras) or None


class _ParagraphReader(HTMLParser):
    """The text of the <p> elements of a page, however deep, without building a tree."""

    SKIP = {"script", "style", "noscript", "template"}
    BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "ul", "ol",
              "li", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
              "pre", "form", "body", "html"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self._skip = 0
        self._current: Optional[list[str]] = None

    @classmethod
    def read(cls, html: str) -> list[str]:
        reader = cls()
        try:
            reader.feed(html)
            reader.close()
        except Exception:  # the tokenizer is lenient; whatever it read so far is kept
            pass
        reader._end()
        return reader.paras

    def _end(self) -> None:
        if self._current is not None:
            text = " ".join("".join(self._current).split())
            if text:
                self.paras.append(text)
        self._current = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self._end()
            if tag == "p":
                self._current = []
        elif tag == "br" and self._current is not None:
            self._current.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._end()

    def handle_data(self, data):
        if self._current is not None and not self._skip:
            self._current.append(data)


def _html_metadata(html: str) -> dict[str, Optional[str]]:
    root = _parse_html(html)
    if root is None:
        return {}

    def first(xpath: str) -> Optional[str]:
        for value in root.xpath(xpath):
            value = " ".join(str(value).split())
            if value:
                return value
        return None

    return {
        "title": first("//meta[@property='og:title']/@content") or first("//title/text()") or first("//h1//text()"),
        "publisher": first("//meta[@property='og:site_name']/@content"),
        "date": first("//meta[@property='article:published_time']/@content")
        or first("//meta[@name='date']/@content")
        or first("//time/@datetime"),
        "url": first("//link[@rel='canonical']/@href") or first("//meta[@property='og:url']/@content"),
    }


def _clean(value: Any) -> Optional[str]:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


# --------------------------------------------------------------------------- JSON


def _first(obj: dict, fields: tuple[str, ...]) -> Any:
    for name in fields:
        value = obj.get(name)
        if value is None:
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return value
    return None


def _meta_str(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if value is None or isinstance(value, (dict, list)):
        return None
    return _clean(value)


def _json_text(value: Any) -> Optional[str]:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)  # a list of paragraphs
    return None


def _json_article(path: Path, obj: Any, default_id: str, where: str) -> Article:
    at = f" ({where})" if where else ""
    if not isinstance(obj, dict):
        raise ArticleError(
            path,
            f"holds a JSON {type(obj).__name__}{at} where an article object was expected",
            'give each article as an object like {"title": ..., "text": ...}',
        )
    value = _first(obj, TEXT_FIELDS)
    if value is None:
        fields = ", ".join(sorted(map(str, obj))) or "none"
        raise ArticleError(
            path,
            f"JSON object{at} has no article text field ({' / '.join(TEXT_FIELDS)}); its fields are: {fields}",
            "put the article text in a 'text' field",
        )
    text = _json_text(value)
    if text is None:
        raise ArticleError(
            path,
            f"JSON object{at} has a non-string text field ({type(value).__name__})",
            "make the article text one string",
        )
    text = normalise_newlines(text).strip("\n")
    if not text.strip():
        raise ArticleError(path, f"JSON object{at} has an empty text field", "fill it or remove the object")
    raw_id = _first(obj, ID_FIELDS)
    article_id = _clean(raw_id) if raw_id is not None and not isinstance(raw_id, (dict, list)) else None
    title = _meta_str(_first(obj, TITLE_FIELDS))
    return Article(
        id=article_id or default_id,
        text=text,
        source=str(path),
        title=title,
        publisher=_meta_str(_first(obj, PUBLISHER_FIELDS)),
        date=_metadata_date(path, _meta_str(_first(obj, DATE_FIELDS))),
        url=_meta_str(_first(obj, URL_FIELDS)),
        paragraphs=split_paragraphs(text, _skip_title_line(text, title)),
    )


def _json_articles(path: Path, raw: bytes) -> Iterator[Union[Article, ArticleError]]:
    text = _decode(path, raw)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ArticleError(
            path,
            f"is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})",
            "fix the JSON, or rename the file to .txt if it is plain text",
        ) from None
    stem = _article_id(path)
    if isinstance(data, list):
        if not data:
            raise ArticleError(path, "holds an empty JSON list", "add article objects or remove the file")
        for n, obj in enumerate(data, start=1):
            try:
                yield _json_article(path, obj, f"{stem}-{n}", f"item {n}")
            except ArticleError as err:
                yield err
    else:
        yield _json_article(path, data, stem, "")


def _jsonl_articles(path: Path, raw: bytes) -> Iterator[Union[Article, ArticleError]]:
    text = _decode(path, raw)
    stem = _article_id(path)
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield ArticleError(
                path,
                f"line {line_no} is not valid JSON (column {err.colno}: {err.msg})",
                "give one JSON object per line",
            )
            continue
        try:
            yield _json_article(path, obj, f"{stem}-{line_no}", f"line {line_no}")
        except ArticleError as err:
            yield err
