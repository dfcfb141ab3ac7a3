"""The house style: presets, colours and order of the sides, fonts, source lines."""

from __future__ import annotations

import warnings

import pytest
from matplotlib import font_manager

import charts_frames as frames
from analysis import charts
from analysis.charts.presets import Preset
from analysis.charts.style import FONT


def test_presets_have_the_documented_sizes() -> None:
    sizes = {
        name: (p.pixels, tuple(round(v, 3) for v in p.points)) for name, p in charts.PRESETS.items()
    }
    assert sizes == {
        "web": ((1280, 900), (460.8, 324.0)),
        "social": ((1080, 1080), (777.6, 777.6)),
        "print-column": ((1051, 826), (252.283, 198.425)),
        "print-page": ((2161, 1417), (518.74, 340.157)),
    }


def test_custom_preset_and_bad_names() -> None:
    custom = Preset("banner", 1200, 300, "px", scale=1.5)
    assert charts.get_preset(custom) is custom
    assert custom.pixels == (1800, 450)
    with pytest.raises(
        ValueError,
        match="unknown preset 'poster'; presets are web, social, print-column, print-page",
    ):
        charts.get_preset("poster")
    with pytest.raises(ValueError, match="unit must be 'px' or 'mm', not 'cm'"):
        Preset("x", 10, 10, "cm")


def test_sides_keep_colour_blind_safe_colours_and_order() -> None:
    assert charts.SIDES == ("ukraine", "russia")
    assert charts.SIDE_COLOURS == {"ukraine": "#0072B2", "russia": "#D55E00"}
    chart = charts.cumulative(frames.cumulative())
    lines = {line.get_gid(): line.get_color() for line in chart.fig.axes[0].lines
             if str(line.get_gid()).startswith("line-")}  # fmt: skip
    assert lines == {"line-ukraine": "#0072B2", "line-russia": "#D55E00"}
    legend = [t.get_text() for t in chart.fig.axes[0].get_legend().get_texts()]
    assert legend == ["Ukraine", "Russia"]


def test_style_resolves_to_dejavu_sans() -> None:
    with charts.house_style():
        path = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert path.endswith("DejaVuSans.ttf")
    assert FONT == "DejaVu Sans"


def test_ukrainian_title_renders_without_missing_glyphs(tmp_path) -> None:
    title = "Обмін полоненими: ґ, є, ї, і — Ґанок, Їжак, Євген"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chart = charts.cumulative(frames.cumulative(), title=title, subtitle="Кількість людей")
        charts.export(chart, "uk", tmp_path, formats=("png", "pdf"))
    assert [str(w.message) for w in caught if "missing from" in str(w.message)] == []
    texts = [t.get_text() for t in chart.fig.texts]
    assert title in texts


def test_source_names_come_from_the_plotted_rows() -> None:
    sources = frames.sources()
    claims = frames.claims()
    assert charts.source_names(claims, sources) == ("Ukrinform", "bbc.com")
    assert charts.source_names(claims.filter(claims["source_id"] == "S1"), sources) == (
        "Ukrinform",
    )
    assert charts.source_names(claims, ["AP", "AP", "Reuters"]) == ("AP", "Reuters")
    assert charts.source_line(("AP",)) == "Source: AP"
    assert charts.source_line(("AP", "Reuters")) == "Sources: AP, Reuters"
    assert charts.source_line(()) == "Source: not given"  # never silently no source line


def test_finalise_places_title_subtitle_source_and_as_of() -> None:
    chart = charts.timeline(frames.events(), sources=frames.sources(), credit="Graphic: Kyiv Desk")
    texts = {t.get_gid(): t.get_text() for t in chart.fig.texts}
    assert texts["chart-title"] == "Exchanges and repatriations"
    assert texts["chart-source"] == "Sources: Ukrinform, TASS"
    assert texts["chart-as-of"] == "Data to 11 June 2025\nGraphic: Kyiv Desk"
    title = next(t for t in chart.fig.texts if t.get_gid() == "chart-title")
    source = next(t for t in chart.fig.texts if t.get_gid() == "chart-source")
    assert title.get_position()[0] == source.get_position()[0]  # left-aligned on one edge
    ax = chart.fig.axes[0]
    assert ax.yaxis._major_tick_kw["gridOn"] and not ax.xaxis._major_tick_kw["gridOn"]


def test_logo_goes_bottom_right(tmp_path) -> None:
    import matplotlib.image as mpimg
    import numpy as np

    logo = tmp_path / "logo.png"
    mpimg.imsave(logo, np.zeros((10, 30, 3)))
    chart = charts.per_period(frames.per_period(), logo=logo)
    [ax_logo] = [ax for ax in chart.fig.axes if ax.get_label() == "logo"]
    x0, y0, x1, _ = ax_logo.get_position().extents
    assert x1 == pytest.approx(1 - 10 / 460.8) and y0 == pytest.approx(10 / 324)
    assert (x1 - x0) * 460.8 == pytest.approx(3 * 2 * 8 * 1.25)


def test_long_source_lists_are_cut_to_two_lines() -> None:
    names = [f"Publisher number {i}" for i in range(40)]
    chart = charts.cumulative(frames.cumulative(), sources=names)
    line = next(t for t in chart.fig.texts if t.get_gid() == "chart-source").get_text()
    assert line.count("\n") == 1
    shown = line.replace("\n", " ").removeprefix("Sources: ").split(" and ")
    assert shown[1] == f"{40 - len(shown[0].split(', '))} more"
    assert chart.sources == tuple(names)  # metadata and alt text keep every source
    assert charts.source_line(("A", "B", "C"), limit=2) == "Sources: A, B and 1 more"


def test_a_header_too_tall_for_the_preset_is_refused() -> None:
    tiny = Preset("stamp", 200, 120, "px")
    with pytest.raises(ValueError, match="leave no room for the plot at preset 'stamp'"):
        charts.cumulative(frames.cumulative(), title="A very long title " * 6, preset=tiny)
