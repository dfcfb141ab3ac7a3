"""Reading an article: plain text, Markdown or HTML into lines, with its date and URL."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from analysis.config import MAX_ARTICLE_BYTES
from analysis.ingest.adapters.csvfile import read_text
from analysis.text import parse, rules
from analysis.text.extract.common import FLAGS, rx


@dataclass(frozen=True)
class Line:
    """One line of the article's plain text; headings carry no figures of their own."""

    text: str
    heading: bool = False


class _HTMLText(HTMLParser):
    """Collects the visible text of an HTML page as lines, plus its date and canonical URL."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "title",
            "article",
            "section",
            "header",
            "blockquote",
        ]
    )
    HIDDEN = frozenset({"script", "style", "noscript", "nav", "footer"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.hidden = 0
        self.heading = False
        self.meta: dict[str, str] = {}

    def _flush(self) -> None:
        text = parse.clean_text("".join(self.parts))
        if text:
            self.lines.append(Line(text, self.heading))
        self.parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self._flush()
            self.heading = tag in {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
        if tag == "meta" and values.get("property", values.get("name")) in {
            "article:published_time", "date", "og:url", "pubdate"
        }:  # fmt: skip
            self.meta[values.get("property") or values.get("name", "")] = values.get("content", "")
        if tag == "link" and values.get("rel") == "canonical":
            self.meta["canonical"] = values.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self._flush()
            self.heading = False

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_MD_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)")
_HTML_RE = re.compile(r"<(?:html|body|p|div|article|h1)\b", FLAGS)
_URL_LINE_RE = rx(rf"^(?:{rules.URL_LABELS})?\s*:?\s*<?(https?://[^\s>]+)>?$")
_URL_LABEL_RE = rx(rf"^(?:{rules.URL_LABELS})\s*:$")
_SKIP_LINE_RE = rx(rf"^(?:{rules.SKIP_LINES})\b")
# "MOSCOW, December 30, 2024", "KYIV, Ukraine, May 24, 2025", "Geneva, 10 September 2025"
_DATELINE_RE = re.compile(r"^(?:[A-ZА-ЯІЇЄҐ][^\W\d]*(?:[ .'-]+[^\W\d]+)*,\s*){1,2}")
_TIME_RE = re.compile(
    rf",?\s*(?:(?:{rules.TIME_PREFIX})\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s*(?:{rules.TIME_ZONES}|\(.*\))?$",
    FLAGS,
)


def markdown_lines(text: str) -> list[Line]:
    """Plain-text or Markdown lines: links become their text, '#' lines are headings."""
    lines = []
    for raw in text.splitlines():
        heading = raw.lstrip().startswith("#")
        cleaned = parse.clean_text(_MD_EMPHASIS_RE.sub("", _MD_LINK_RE.sub(r"\1", raw)))
        cleaned = cleaned.lstrip("#> ").strip()
        if cleaned:
            lines.append(Line(cleaned, heading))
    return lines


def html_lines(text: str) -> tuple[list[Line], dict[str, str]]:
    """Visible text lines of an HTML page, and its date/URL meta tags."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines, parser.meta


def _line_date(text: str) -> dt.date | None:
    """The date a line consists of ('June 11, 2025', '11 червня 2025, 14:30'), else None."""
    try:
        value = parse.parse_date(_TIME_RE.sub("", _DATELINE_RE.sub("", text)).strip(" ,|"))
    except parse.NormaliseError:
        return None
    return value.date if value.precision == "day" else None


@dataclass
class Article:
    """An article's text lines, publication date and URL."""

    lines: list[Line]
    date: dt.date | None = None
    url: str | None = None


def _metadata_line(line: Line) -> tuple[str, str] | None:
    """('url', value) or ('date', iso) when a line only carries metadata."""
    url = _URL_LINE_RE.match(line.text)
    if url:
        return "url", url.group(1)
    day = _line_date(line.text)
    return ("date", day.isoformat()) if day else None


def parse_article(text: str) -> Article:
    """Split raw text (plain, Markdown or HTML) into lines and read its date and URL lines."""
    meta: dict[str, str] = {}
    if _HTML_RE.search(text[:2000]):
        lines, html_meta = html_lines(text)
        meta["url"] = html_meta.get("canonical") or html_meta.get("og:url") or ""
        published = html_meta.get("article:published_time") or html_meta.get("date") or ""
        meta["date"] = published[:10]
    else:
        lines = markdown_lines(text)
    kept: list[Line] = []
    for line in lines:
        found = _metadata_line(line)
        if found:
            meta[found[0]] = meta.get(found[0]) or found[1]
        elif not (_URL_LABEL_RE.match(line.text) or _SKIP_LINE_RE.match(line.text)):
            kept.append(line)
    date = iso_date(meta["date"]) if meta.get("date") else None
    return Article(kept, date, meta.get("url") or None)


def iso_date(text: str) -> dt.date | None:
    """A YYYY-MM-DD date, None when it does not parse."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def read_input(source: str) -> str:
    """The text of FILE, or of standard input for '-'."""
    if source == "-":
        return sys.stdin.read()
    return read_text(Path(source), empty="expected the text of an article", limit=MAX_ARTICLE_BYTES)
