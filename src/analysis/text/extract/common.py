"""What every extraction step shares: regex helpers and the two sides."""

from __future__ import annotations

import re

FLAGS = re.IGNORECASE
OTHER_SIDE = {"ukraine": "russia", "russia": "ukraine"}


def rx(pattern: str) -> re.Pattern[str]:
    """Case-insensitive regex."""
    return re.compile(pattern, FLAGS)


def words(pattern: str) -> re.Pattern[str]:
    """Case-insensitive regex matching the alternatives as whole words."""
    return rx(rf"(?<!\w)(?:{pattern})(?!\w)")
