"""In-plot labels placed once the layout is final: inside their axes and clear of each other.

Chart types draw their labels as annotations with `offset points`, leave them out of the layout
(`unplaced`), let `finalise` fit the axes, then call `place` (labels beside points) or
`make_room` (labels at bar ends: the value axis grows until every label fits).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from analysis.charts.presets import POINTS_PER_INCH

GAP = 2.0  # pixels kept between labels and from the axes edge
NUDGES = 8  # vertical positions tried above and below a label's own before dropping it
MAX_LINES = 3  # a label wraps to at most this many lines to fit its axes
MIN_BARS = 0.35  # `make_room` keeps at least this share of the axes width for the bars


def unplaced(labels: Sequence[Annotation]) -> list[Annotation]:
    """The labels, left out of the layout so that `finalise` fits the axes without them."""
    for label in labels:
        label.set_in_layout(False)
    return list(labels)


def _box(label: Annotation) -> Bbox:
    """The label's extent in display pixels."""
    return label.get_window_extent(label.figure.canvas.get_renderer())


def _shift(label: Annotation, dx: float = 0.0, dy: float = 0.0) -> None:
    """Move the label by (dx, dy) display pixels."""
    per_pixel = POINTS_PER_INCH / label.figure.dpi
    x, y = label.xyann
    label.xyann = (x + dx * per_pixel, y + dy * per_pixel)


def _flip(label: Annotation) -> None:
    """Put a left- or right-aligned label on the other side of its point."""
    ha = label.get_horizontalalignment()
    if ha in ("left", "right"):
        label.set_horizontalalignment("right" if ha == "left" else "left")
        x, y = label.xyann
        label.xyann = (-x, y)


def _wrap_to(label: Annotation, width: float) -> bool:
    """Wrap the label into at most MAX_LINES lines no wider than `width` pixels; False if it cannot."""
    text = label.get_text().replace("\n", " ")
    per_char = _box(label).width / max(1, max(len(line) for line in label.get_text().split("\n")))
    lines = textwrap.wrap(text, max(1, int(width / per_char)))
    if len(lines) > MAX_LINES:
        return False
    label.set_text("\n".join(lines))
    return _box(label).width <= width


def _room(label: Annotation, area: Bbox) -> float:
    """Pixels between the label's anchor side and the axes edge it runs towards."""
    box = _box(label)
    return area.x1 - box.x0 if label.get_horizontalalignment() == "left" else box.x1 - area.x0


def _fit_across(label: Annotation, area: Bbox) -> bool:
    """Bring the label within the axes' width: flip to the side with room, else wrap it to the
    roomier side, else slide it; False if it cannot fit at all."""
    box = _box(label)
    if box.x1 > area.x1 or box.x0 < area.x0:
        here = _room(label, area)
        _flip(label)
        if _room(label, area) < box.width and here >= _room(label, area):
            _flip(label)
        if _room(label, area) < box.width:
            _wrap_to(label, _room(label, area))
    if _box(label).width > area.width and not _wrap_to(label, area.width):
        return False
    box = _box(label)
    _shift(label, dx=max(0.0, area.x0 - box.x0) - max(0.0, box.x1 - area.x1))
    return True


def _clear(box: Bbox, area: Bbox, taken: Sequence[Bbox]) -> bool:
    """Whether `box` lies inside `area` and touches none of `taken`."""
    inside = box.x0 >= area.x0 and box.x1 <= area.x1 and box.y0 >= area.y0 and box.y1 <= area.y1
    return inside and not any(box.overlaps(other) for other in taken)


def _tick_labels(ax: Axes) -> list[Text]:
    """The drawn tick labels of `ax` (matplotlib keeps spare ticks outside the view)."""
    found = []
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            if low <= tick.get_loc() <= high:
                found += [t for t in (tick.label1, tick.label2) if t.get_visible() and t.get_text()]
    return found


def _obstacles(ax: Axes) -> list[Bbox]:
    """Extents of the figure's tick labels, which may reach into `ax` from a neighbouring panel."""
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for other in ax.figure.axes for t in _tick_labels(other)]


def place(ax: Axes, labels: Sequence[Annotation]) -> list[Annotation]:
    """Keep each label (most important first) inside `ax` and clear of those placed before it
    and of tick labels, moving it across or up and down; labels that find no room are removed.
    Returns the kept ones."""
    area = ax.bbox.padded(-GAP)
    taken: list[Bbox] = _obstacles(ax)
    kept: list[Annotation] = []
    for label in labels:
        if not _fit_across(label, area):
            label.remove()
            continue
        box = _box(label)
        start = max(0.0, area.y0 - box.y0) - max(0.0, box.y1 - area.y1)  # back inside vertically
        step = box.height + GAP
        for k in range(2 * NUDGES + 1):
            dy = start + (k + 1) // 2 * step * (1 if k % 2 else -1)
            if _clear(box.translated(0, dy), area, [t.padded(GAP / 2) for t in taken]):
                _shift(label, dy=dy)
                taken.append(_box(label))
                kept.append(label)
                break
        else:
            label.remove()
    return kept


def _reach(label: Annotation) -> float:
    """Pixels the label reaches beyond its anchor point, in the direction it is aligned."""
    box, anchor = _box(label), label.axes.transData.transform(label.xy)[0]
    return box.x1 - anchor if label.get_horizontalalignment() == "left" else anchor - box.x0


def make_room(ax: Axes, labels: Sequence[Annotation], passes: int = 4) -> None:
    """Widen the x limits (away from the bars) until every bar-end label fits inside `ax`;
    labels too wide for the room left beside the bars wrap first."""
    width = ax.bbox.width
    for label in labels:
        if _box(label).width > (1 - MIN_BARS) * width:
            _wrap_to(label, (1 - MIN_BARS) * width)
    for _ in range(passes):
        low, high = ax.get_xlim()
        for label in labels:
            x, room = label.xy[0], width / (width - GAP - _reach(label))
            if label.get_horizontalalignment() == "left":
                high = max(high, low + (x - low) * room)
            else:
                low = min(low, high - (high - x) * room)
        if (low, high) == ax.get_xlim():
            return
        ax.set_xlim(low, high)
