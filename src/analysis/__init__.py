"""Sourced, validated time series of the human toll of the Russia–Ukraine war.

`analysis.load(name)` returns a processed table as a polars DataFrame. The import is lazy so the
command line starts fast (`analysis ingest` with unchanged inputs never imports polars).
"""

from __future__ import annotations

from typing import Any

__all__ = ["load", "load_all"]


def __getattr__(name: str) -> Any:
    """Import `load` / `load_all` from analysis.tables on first use."""
    if name in __all__:
        from analysis import tables

        return getattr(tables, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
