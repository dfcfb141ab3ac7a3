"""Size presets: logical width and height, a unit (px or mm), and the scale or dpi of the output.

One logical pixel is 1/100 inch (matplotlib's figure dpi), so `web` is a 6.4 × 4.5 in figure
written at 200 dpi: 1280 × 900 pixels for retina screens. Millimetre presets are written at their
dpi. Pass a `Preset` of your own anywhere a preset name is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4
POINTS_PER_INCH = 72
LOGICAL_DPI = 100


@dataclass(frozen=True)
class Preset:
    """An output size: width and height in `unit` ("px" logical pixels or "mm")."""

    name: str
    width: float
    height: float
    unit: str = "px"
    scale: float = 1.0  # px presets: output pixels per logical pixel
    dpi: float = 300.0  # mm presets: raster resolution
    font_scale: float = 1.0  # text and line sizes relative to the style sheet

    def __post_init__(self) -> None:
        if self.unit not in ("px", "mm"):
            raise ValueError(f"preset {self.name!r}: unit must be 'px' or 'mm', not {self.unit!r}")
        if self.width <= 0 or self.height <= 0:
            raise ValueError(f"preset {self.name!r}: width and height must be positive")

    @property
    def inches(self) -> tuple[float, float]:
        """Figure size in inches."""
        per_inch = LOGICAL_DPI if self.unit == "px" else MM_PER_INCH
        return (self.width / per_inch, self.height / per_inch)

    @property
    def raster_dpi(self) -> float:
        """The dpi at which PNGs are written."""
        return LOGICAL_DPI * self.scale if self.unit == "px" else self.dpi

    @property
    def pixels(self) -> tuple[int, int]:
        """Size of the PNG in pixels (whole pixels, truncated as matplotlib does: 89 mm at 300 dpi
        is 1051.18 px, written as 1051)."""
        w, h = self.inches
        return (int(w * self.raster_dpi), int(h * self.raster_dpi))

    @property
    def points(self) -> tuple[float, float]:
        """Page size of the PDF (and SVG) in points."""
        w, h = self.inches
        return (w * POINTS_PER_INCH, h * POINTS_PER_INCH)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("web", 640, 450, "px", scale=2),
        Preset("social", 1080, 1080, "px", scale=1, font_scale=1.6),
        Preset("print-column", 89, 70, "mm", dpi=300, font_scale=0.8),
        Preset("print-page", 183, 120, "mm", dpi=300),
    )
}


def get_preset(preset: str | Preset) -> Preset:
    """A preset by name (or the preset itself)."""
    if isinstance(preset, Preset):
        return preset
    try:
        return PRESETS[preset]
    except KeyError:
        raise ValueError(f"unknown preset {preset!r}; presets are {', '.join(PRESETS)}") from None
