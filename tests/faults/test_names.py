"""Output names cannot escape their folder."""

from __future__ import annotations

import pytest

from analysis.files import safe_name


@pytest.mark.parametrize(
    "name", ["../etc/passwd", "/tmp/x", "a/b", "a\x00b", "..", ".hidden", "", "x" * 129, "a\\b"]
)
def test_escaping_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="is not allowed: use letters, digits"):
        safe_name(name, "chart name")


@pytest.mark.parametrize("name", ["cumulative", "per_period-2025.v2", "A1"])
def test_plain_names_pass(name: str) -> None:
    assert safe_name(name) == name
