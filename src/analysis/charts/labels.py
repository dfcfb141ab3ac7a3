"""In-plot labels placed once the layout is final: inside their axes and clear of each other.

Chart types draw their labels as annotations with `offset points`, leave them out of the layout
(`unplaced`), let `finalise` fit the axes, then call `place` (labels beside points) or
`make_room` (labels at bar ends: the value axis grows until every label fits).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.cbook import STEP_LOOKUP_MAP
from matplotlib.collections import Collection, LineCollection
from matplotlib.lines import Line2D
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from analysis.charts.presets import POINTS_PER_INCH

GAP = 2.0  # pixels kept between labels and from the axes edge
NUDGES = 8  # vertical positions tried above and below a label's own before dropping it
MAX_LINES = 3  # a label wraps to at most this many lines to fit its axes
MIN_BARS = 0.35  # `make_room` keeps at least this share of the axes width for the bars
MIN_LINES = 0.5  # ... and this share for lines with labels at their ends (labels wrap first)


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


def _line_shapes(line: Line2D) -> list[Bbox | Path]:
    """A drawn line as its path (steps included) and a box per marker, in display pixels."""
    x, y = (np.asarray(v, dtype=float) for v in line.get_data(orig=False))
    if not len(x):
        return []
    points = np.column_stack([x, y])
    step = STEP_LOOKUP_MAP.get(line.get_drawstyle())
    if step is not None and len(x) > 1:
        points = np.column_stack(step(x, y))
    xy = line.get_transform().transform(points)
    shapes: list[Bbox | Path] = []
    if line.get_linestyle() not in ("None", "", " ", "none") and len(xy) > 1:
        shapes.append(Path(xy))
    if line.get_marker() not in (None, "None", "", " ", "none"):
        half = line.get_markersize() * line.figure.dpi / POINTS_PER_INCH / 2
        marks = line.get_transform().transform(np.column_stack([x, y]))
        shapes += [Bbox.from_extents(a - half, b - half, a + half, b + half) for a, b in marks]
    return shapes


def _collection_shapes(collection: Collection) -> list[Bbox | Path]:
    """Scatter marks as boxes (their area's square) and line segments as paths."""
    if isinstance(collection, LineCollection):
        return [Path(collection.get_transform().transform(seg)) for seg in collection.get_segments()
                if len(seg) > 1]  # fmt: skip
    offsets = collection.get_offset_transform().transform(collection.get_offsets())
    sizes = collection.get_sizes() if len(collection.get_sizes()) else [36.0]
    scale = collection.figure.dpi / POINTS_PER_INCH
    boxes = []
    for i, (a, b) in enumerate(offsets):
        half = np.sqrt(sizes[i % len(sizes)]) * scale / 2
        boxes.append(Bbox.from_extents(a - half, b - half, a + half, b + half))
    return boxes


def drawn_shapes(ax: Axes) -> list[Bbox | Path]:
    """What is drawn in `ax` that a label must not cover: lines, markers, scatter marks, bars,
    hatches, range bars and bound arrows (display pixels). Gridlines are not included."""
    renderer = ax.figure.canvas.get_renderer()
    shapes: list[Bbox | Path] = []
    for line in ax.lines:
        if line.get_visible() and (line.get_alpha() is None or line.get_alpha() > 0):
            shapes += _line_shapes(line)
    for collection in ax.collections:
        if collection.get_visible():
            shapes += _collection_shapes(collection)
    shapes += [patch.get_window_extent(renderer) for patch in ax.patches if patch.get_visible()
               and patch.get_width() and patch.get_height()]  # fmt: skip
    for text in ax.texts:
        arrow = getattr(text, "arrow_patch", None)
        if arrow is not None and text.get_visible():
            text.update_positions(renderer)  # an arrow is laid out only when drawn: lay it out now
            shapes.append(arrow.get_window_extent(renderer))
    return shapes


def hits(box: Bbox, shapes: Sequence[Bbox | Path]) -> bool:
    """Whether `box` touches any of `shapes` (boxes by overlap, paths by crossing the box)."""
    for shape in shapes:
        if isinstance(shape, Path):
            if shape.intersects_bbox(box, filled=False):
                return True
        elif box.overlaps(shape):
            return True
    return False


def _nudge(label: Annotation, area: Bbox, taken: list[Bbox], shapes: list) -> bool:
    """Move the label up or down (its own side first, then the other) to the nearest position
    inside `area` clear of `taken` boxes and drawn `shapes`; False when there is none."""
    for _side in range(2 if label.get_horizontalalignment() in ("left", "right") else 1):
        box = _box(label)
        start = max(0.0, area.y0 - box.y0) - max(0.0, box.y1 - area.y1)  # back inside vertically
        step = (box.height + GAP) / 2
        for k in range(4 * NUDGES + 1):
            dy = start + (k + 1) // 2 * step * (1 if k % 2 else -1)
            moved = box.translated(0, dy)
            if _clear(moved, area, [t.padded(GAP / 2) for t in taken]) and not hits(moved.padded(GAP / 2), shapes):
                _shift(label, dy=dy)
                return True
        _flip(label)
    return False


def place(ax: Axes, labels: Sequence[Annotation], avoid: bool = True) -> list[Annotation]:
    """Keep each label (most important first) inside `ax`, clear of those placed before it, of
    tick labels and (with `avoid`) of everything drawn, moving it up and down or to the other
    side of its point. The rule for the rest: a label that finds no clear room is removed (the
    chart's CSV and alt text still carry its value). Returns the kept ones."""
    area = ax.bbox.padded(-GAP)
    taken: list[Bbox] = _obstacles(ax)
    shapes = drawn_shapes(ax) if avoid else []
    kept: list[Annotation] = []
    for label in labels:
        if not _fit_across(label, area) or not _nudge(label, area, taken, shapes):
            label.remove()
            continue
        taken.append(_box(label))
        kept.append(label)
    return kept


def _anchor(label: Annotation) -> tuple[float, float]:
    """The label's anchor point in data units (dates converted to numbers)."""
    x, y = label.xy
    return float(label.axes.xaxis.convert_units(x)), float(label.axes.yaxis.convert_units(y))


def _reach(label: Annotation) -> float:
    """Pixels the label reaches beyond its anchor point, in the direction it is aligned."""
    box, anchor = _box(label), label.axes.transData.transform(_anchor(label))[0]
    return box.x1 - anchor if label.get_horizontalalignment() == "left" else anchor - box.x0


def end_labels(ax: Axes, labels: Sequence[Annotation]) -> list[Annotation]:
    """Labels at the end of lines: room made beside the ends (the x axis grows), then placed
    clear of everything drawn; returns the kept ones."""
    ends = [_anchor(label)[0] for label in labels]
    before = ax.get_xlim()[1]
    make_room(ax, labels, keep=MIN_LINES)
    if ends and ax.get_xlim()[1] > before:  # no date ticks in the room made for the labels
        last, limits = max(max(ends), before), ax.get_xlim()
        kept = [t for t in ax.get_xticks() if limits[0] <= t <= last]
        if len(kept) >= 2:
            ax.set_xticks(kept)
            ax.set_xlim(*limits)  # setting ticks may widen the view; keep the room made
    return place(ax, labels)


def make_room(ax: Axes, labels: Sequence[Annotation], passes: int = 4, keep: float = MIN_BARS) -> None:
    """Widen the x limits (away from the bars) until every bar-end label fits inside `ax`;
    labels too wide for the room left beside the bars wrap first."""
    width = ax.bbox.width
    for label in labels:
        if _box(label).width > (1 - keep) * width:
            _wrap_to(label, (1 - keep) * width)
    for _ in range(passes):
        low, high = ax.get_xlim()
        for label in labels:
            x, room = _anchor(label)[0], width / (width - 2 * GAP - _reach(label))  # clear of place()'s margin
            if label.get_horizontalalignment() == "left":
                high = max(high, low + (x - low) * room)
            else:
                low = min(low, high - (high - x) * room)
        if (low, high) == ax.get_xlim():
            return
        ax.set_xlim(low, high)
