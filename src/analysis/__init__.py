"""Sourced, validated time series of the human toll of the Russia–Ukraine war."""

from analysis.tables import load, load_all

__all__ = ["load", "load_all"]
