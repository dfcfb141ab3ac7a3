"""Finish a chart the newsroom way (after the BBC's `finalise_plot`): left-aligned title, a
subtitle stating measure and unit, y-gridlines only, a source line bottom-left built from the
sources of the plotted rows, an "as of" date and optional credit and logo bottom-right."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import matplotlib.image as mpimg
import polars as pl
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.transforms import Bbox

from analysis import escape
from analysis.charts.i18n import day, t
from analysis.charts.presets import LOGICAL_DPI, POINTS_PER_INCH, Preset
from analysis.charts.style import SUBTLE, TEXT
from analysis.wording import source_label

TITLE_SIZE = 14.0
SUBTITLE_SIZE = 10.5
FOOTER_SIZE = 8.0
PAD = 10.0  # points between the figure edge and its text
GAP = 6.0  # points between blocks
LINE = 1.25  # line height in font sizes
CHAR_WIDTH = 0.5  # average glyph width in font sizes, for wrapping
FOOTER_LINES = 2  # the source line names as many sources as fit in this many lines
SOURCE_NAME_MAX = 120  # characters of one source name drawn in the footer
MEASURE = RendererAgg(1, 1, LOGICAL_DPI)
WIDTH_MARGIN = 1.03  # measured widths are padded a little for renderers that space wider
MIN_PLOT = 0.2  # the plot keeps at least this share of the area between header and footer


def _source_ids(frame: pl.DataFrame) -> list[str]:
    """Source ids cited by the rows of `frame` (source_id, source_ids or source columns)."""
    ids: list[str] = []
    for col in ("source_id", "source_ids", "source"):
        if col in frame.columns:
            values = frame[col].drop_nulls().cast(pl.String).str.split(" ").explode()
            ids.extend(values.filter(values != "").to_list())
    return list(dict.fromkeys(ids))


def _host(url: str | None) -> str | None:
    """The host of a URL without its www. prefix."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def _publishers(sources: pl.DataFrame) -> dict[str, str]:
    """Publisher by URL host, from the rows that name one (so that a row with only a URL reads as
    its publisher: themoscowtimes.com → The Moscow Times)."""
    named = sources.filter(pl.col("publisher").is_not_null() & pl.col("url").is_not_null())
    return {
        host: publisher
        for url, publisher in named.select("url", "publisher").iter_rows()
        if (host := _host(url)) is not None
    }


def source_names(
    rows: pl.DataFrame | Sequence[pl.DataFrame],
    sources: pl.DataFrame | Sequence[str] | None,
    each: bool = False,
) -> tuple[str, ...]:
    """Publishers (else URL hosts) of the sources cited by the plotted rows, in order, once each.

    `sources` is the `sources` table or a list of names (used as is). When the rows cite no
    source ids, every publisher of the given table is listed. Ids that are not in the table
    (upstream datasets) read as their label (wording.source_label), never as the id.
    With `each`, one name per cited id (not deduplicated).
    """
    if sources is None:
        return ()
    if not isinstance(sources, pl.DataFrame):
        return tuple(dict.fromkeys(sources))
    frames = [rows] if isinstance(rows, pl.DataFrame) else list(rows)
    ids = list(dict.fromkeys(i for f in frames for i in _source_ids(f)))
    by_host = _publishers(sources)
    table = sources.select("source_id", "publisher", "url")
    if not ids:
        ids = table["source_id"].to_list()
    known = {row["source_id"]: row for row in table.iter_rows(named=True)}
    names = []
    for source_id in ids:
        row = known.get(source_id)
        if row is None:
            names.append(source_label(source_id, sources))
            continue
        host = _host(row["url"])
        names.append(row["publisher"] or by_host.get(host or "") or host or source_label(source_id, sources))
    return tuple(names) if each else tuple(dict.fromkeys(names))


def source_line(names: Sequence[str], limit: int | None = None) -> str:
    """ "Source: A" or "Sources: A, B" in the current chart language ("Source: not given" when
    there are no names); with `limit`, the first names and "and N more"."""
    if not names:
        return t("source.none")
    shown = list(names if limit is None or len(names) <= limit else names[:limit])
    listed = ", ".join(shown)
    if len(shown) < len(names):
        listed = t("source.more", names=listed, n=len(names) - len(shown))
    return t("source.many" if len(names) > 1 else "source.one", names=listed)


def dates_text(as_of: dt.date | None, published: dt.date | None) -> str:
    """The chart's two dates in its language, one a line: "Data to 6 March 2026", "Published
    1 December 2026" (either left out when not known)."""
    lines = [t("data_to", date=day(as_of))] if as_of else []
    return "\n".join(lines + ([t("published", date=day(published))] if published else []))


def _footer(names: Sequence[str], size: float, width_pt: float) -> str:
    """The source line wrapped to at most FOOTER_LINES lines, naming as many sources as fit."""
    limit = len(names)
    for measure in (False, True):  # estimate first (fast), then measure from there
        text = wrap_text(source_line(names, limit), size, width_pt, measure=measure)
        while text.count("\n") >= FOOTER_LINES and limit > 1:
            limit -= 1
            text = wrap_text(source_line(names, limit), size, width_pt, measure=measure)
    return text


def text_width(line: str, size: float, weight: str = "normal") -> float:
    """Width in points of one line of text at font `size` in the current style's font, as Agg
    draws it at the figures' dpi (hinting makes text there wider than at 72 or 300 dpi)."""
    font = FontProperties(size=size, weight=weight)
    pixels = MEASURE.get_text_width_height_descent(line, font, ismath=False)[0]
    return pixels * POINTS_PER_INCH / LOGICAL_DPI * WIDTH_MARGIN


def wrap_text(
    text: str, size: float, width_pt: float, weight: str = "normal", measure: bool = True
) -> str:
    """Wrap `text` to lines that fit `width_pt` at font `size`: measured, or with `measure`
    False estimated from an average glyph width."""
    chars = max(10, int(width_pt / (size * CHAR_WIDTH)))
    lines = textwrap.wrap(text, chars)
    while measure and chars > 10 and max((text_width(x, size, weight) for x in lines), default=0) > width_pt:
        chars -= max(1, chars // 20)
        lines = textwrap.wrap(text, chars)
    return "\n".join(lines)


def _height(text: str, size: float) -> float:
    """Height in points of wrapped `text` at font `size` (0 when empty)."""
    return (text.count("\n") + 1) * size * LINE if text else 0.0


def _fit_axes(fig: Figure, axes: list, area: Bbox, passes: int = 4) -> None:
    """Place the axes grid so that axes, tick labels, legends and labels fill `area` (figure
    fraction); repeated because labels anchored to data move as the axes shrink."""
    fig.subplots_adjust(left=area.x0, right=area.x1, bottom=area.y0, top=area.y1)
    renderer = fig.canvas.get_renderer()
    for _ in range(passes):
        tight = Bbox.union([ax.get_tightbbox(renderer) for ax in axes]).transformed(
            fig.transFigure.inverted()
        )
        inner = Bbox.union([ax.get_position() for ax in axes])
        left, right = inner.x0 + (area.x0 - tight.x0), inner.x1 - (tight.x1 - area.x1)
        bottom, top = inner.y0 + (area.y0 - tight.y0), inner.y1 - (tight.y1 - area.y1)
        if right - left < MIN_PLOT * area.width or top - bottom < MIN_PLOT * area.height:
            return  # labels too large for the figure: keep the last workable placement
        fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)


def _header(fig: Figure, title: str, subtitle: str, sizes: dict[str, float], pad: float,
            gap: float) -> float:  # fmt: skip
    """Title and subtitle from the top left, wrapped to the width; returns where they end
    (points from the bottom)."""
    w_pt, h_pt = (v * POINTS_PER_INCH for v in fig.get_size_inches())
    usable = w_pt - 2 * pad
    title_text = wrap_text(title, sizes["title"], usable, weight="bold")
    subtitle_text = wrap_text(subtitle, sizes["subtitle"], usable)
    y = h_pt - pad
    fig.text(pad / w_pt, y / h_pt, title_text, ha="left", va="top", fontsize=sizes["title"],
             fontweight="bold", color=TEXT, gid="chart-title")  # fmt: skip
    y -= _height(title_text, sizes["title"]) + gap / 2
    fig.text(pad / w_pt, y / h_pt, subtitle_text, ha="left", va="top", fontsize=sizes["subtitle"],
             color=TEXT, gid="chart-subtitle")  # fmt: skip
    return y - _height(subtitle_text, sizes["subtitle"]) - gap


def _logo(fig: Figure, logo: Path, size: float, pad: float, gap: float) -> float:
    """The logo bottom right, two footer lines tall; returns the width it takes (points)."""
    w_pt, h_pt = (v * POINTS_PER_INCH for v in fig.get_size_inches())
    image = mpimg.imread(str(logo))
    logo_h = 2 * size * LINE
    logo_w = logo_h * image.shape[1] / image.shape[0]
    ax_logo = fig.add_axes(
        ((w_pt - pad - logo_w) / w_pt, pad / h_pt, logo_w / w_pt, logo_h / h_pt), label="logo"
    )
    ax_logo.imshow(image)
    ax_logo.set_axis_off()
    return logo_w + gap


def _bottom(fig: Figure, sources: Sequence[str], right: str, note: str, logo: Path | None,
            size: float, pad: float, gap: float) -> float:  # fmt: skip
    """Source line bottom left, as-of date and credit (and logo) bottom right, the note above;
    returns where they end (points from the bottom)."""
    w_pt, h_pt = (v * POINTS_PER_INCH for v in fig.get_size_inches())
    usable = w_pt - 2 * pad
    names = [escape.svg(n, limit=SOURCE_NAME_MAX) for n in sources]  # data text: drawn as is
    widest = max((text_width(line, size) for line in right.split("\n")), default=0.0)
    room = usable - widest - gap if right else usable
    footer = _footer(names, size, min(usable * 0.7, room) if right else usable)
    note_text = wrap_text(note, size, usable)
    fig.text(pad / w_pt, pad / h_pt, footer, ha="left", va="bottom", fontsize=size,
             color=SUBTLE, gid="chart-source", parse_math=False)  # fmt: skip
    logo_w = _logo(fig, logo, size, pad, gap) if logo is not None else 0.0
    fig.text((w_pt - pad - logo_w) / w_pt, pad / h_pt, right, ha="right", va="bottom",
             fontsize=size, color=SUBTLE, gid="chart-as-of")  # fmt: skip
    bottom = pad + max(_height(footer, size), _height(right, size))
    if note_text:
        bottom += gap / 2
        fig.text(pad / w_pt, bottom / h_pt, note_text, ha="left", va="bottom",
                 fontsize=size, color=SUBTLE, gid="chart-note")  # fmt: skip
        bottom += _height(note_text, size)
    return bottom + gap


def finalise(
    fig: Figure,
    *,
    title: str,
    subtitle: str,
    sources: Sequence[str],
    as_of: dt.date | None,
    preset: Preset,
    note: str = "",
    credit: str = "",
    logo: Path | None = None,
    grid_axis: str = "y",
    published: dt.date | None = None,
) -> None:
    """Add title, subtitle, note, source line, the dates ("Data to ... / Published ..."), credit
    and logo; fit the plot between.

    Gridlines run along the value axis only: `grid_axis` "y" (default) or "x" for horizontal bars.
    """
    scale = preset.font_scale
    w_pt, h_pt = (v * POINTS_PER_INCH for v in fig.get_size_inches())
    pad, gap = PAD * scale, GAP * scale
    sizes = {
        "title": TITLE_SIZE * scale,
        "subtitle": SUBTITLE_SIZE * scale,
        "footer": FOOTER_SIZE * scale,
    }
    right = "\n".join(p for p in (dates_text(as_of, published), credit) if p)
    plot_axes = list(fig.axes)
    top = _header(fig, title, subtitle, sizes, pad, gap)
    bottom = _bottom(fig, sources, right, note, logo, sizes["footer"], pad, gap)
    for ax in plot_axes:
        ax.grid(False, axis="both")
        ax.grid(True, axis=grid_axis)
    if top - bottom < MIN_PLOT * h_pt:
        raise ValueError(
            f"title, subtitle, note and source line leave no room for the plot at preset {preset.name!r}"
        )
    area = Bbox.from_extents(pad / w_pt, bottom / h_pt, 1 - pad / w_pt, top / h_pt)
    _fit_axes(fig, plot_axes, area)
