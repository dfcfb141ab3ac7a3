"""Text from data, made inert for each kind of output: one function per output kind.

Every writer that puts ledger or upstream text (claimants, mediators, notes, titles, parameters)
into an output calls the function for that output, so data text never becomes markup:

- `html`: HTML text or attribute value (tags and entities shown as text)
- `markdown`: Markdown text (no link, image, emphasis, heading or raw HTML can come from it);
  `markdown_inert` for a whole Markdown source that has data text inside it
- `terminal`: text printed to a terminal (no ANSI/OSC escape or bidi override; consoles print
  with Rich markup off, so brackets in data stay brackets)
- `csv_cell`: a spreadsheet cell (no formula: = + - @ tab CR are defused with a leading ')
- `svg`: SVG/PDF text and metadata (no control characters, bounded length)
- `url`: a link target (http(s) with a host, else None: never javascript: or data:)
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from urllib.parse import urlsplit

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Line breaks other than \n that some readers honour (str.splitlines, JavaScript, Excel).
LINE_BREAKS = "\u2028\u2029\u0085\x0b\x0c\x1c\x1d\x1e"
# Directional formatting characters that reorder what a reader sees (Trojan Source).
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
METADATA_LIMIT = 2_000  # characters kept in SVG/PDF metadata fields
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&$])")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_INERT = re.compile(r"([\[\]<>])")
_BARE_WWW = re.compile(r"(?i)\bwww\.")
_NUMBER = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d+)?(e[+-]?\d+)?$", re.IGNORECASE)


def _visible(char: str) -> str:
    """A control, line-break or bidi character written as a visible \\uXXXX escape."""
    return f"\\u{ord(char):04X}"


def _is_hidden(char: str, keep: str = "") -> bool:
    """True for control characters (Cc), format characters (Cf: bidi, zero-width) and line breaks."""
    if char in keep:
        return False
    return char in LINE_BREAKS or unicodedata.category(char) in ("Cc", "Cf")


def plain(text: object, keep: str = "") -> str:
    """`text` as one string with every hidden character (controls, bidi, odd line breaks) made
    visible as \\uXXXX; characters in `keep` stay as they are."""
    value = "" if text is None else str(text)
    if not any(_is_hidden(c, keep) for c in value):
        return value
    return "".join(_visible(c) if _is_hidden(c, keep) else c for c in value)


def html(text: object) -> str:
    """HTML text or a quoted attribute value: < > & " ' escaped, hidden characters made visible
    (line breaks and tabs kept: HTML shows them as spaces)."""
    return _html.escape(plain(text, keep="\n\t"), quote=True)


def markdown(text: object) -> str:
    """Markdown source showing `text` literally: every Markdown/HTML punctuation backslash-escaped,
    so no link, image, emphasis, code span, heading or tag can come from it; on one line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text).replace("\n", " "))
    return escaped.replace("://", "\\://")  # no bare-URL autolink either


def markdown_inert(source: str) -> str:
    """A Markdown source written by code, with data text inside it, made unable to link: outside
    code spans, link and image brackets, angle brackets (autolinks, raw HTML) and bare URLs are
    escaped; emphasis, code spans and lists written by the code still render."""
    parts = _CODE_SPAN.split(source)
    # split keeps the captured groups: [text, ticks, code, text, ticks, code, ...]
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:
            out.append(_INERT.sub(r"\\\1", plain(part, keep="\n")).replace("://", "\\://"))
        elif kind == 1:
            out.append(part)
        else:
            out.append(part + parts[i - 1])
    return _BARE_WWW.sub(r"www\\.", "".join(out))


def terminal(text: object) -> str:
    """Terminal text: ANSI/OSC escapes, other control characters, bidi controls and odd line
    breaks made visible as \\uXXXX (print it with Rich markup off: the package's consoles are)."""
    return plain(text, keep="\n")


def csv_cell(value: object) -> object:
    """A spreadsheet cell: text starting with = + - @ tab or CR gets a leading apostrophe (OWASP
    CSV injection rule), unless it is a plain number; other values pass unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if _NUMBER.match(value):
        return value
    return "'" + value


def svg(text: object, limit: int = METADATA_LIMIT) -> str:
    """SVG/PDF text or metadata: hidden characters made visible, at most `limit` characters
    (XML escaping itself is the writer's job: matplotlib escapes text and metadata)."""
    value = plain(text, keep="\n")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def url(text: object) -> str | None:
    """`text` if it is an http(s) URL with a host (safe as a link target), else None."""
    value = "" if text is None else str(text).strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if any(_is_hidden(c) or c.isspace() for c in value):
        return None
    return value
