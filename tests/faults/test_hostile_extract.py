"""Hostile inputs to `analysis extract` (reliability audit X03, X05): an empty article is named as
such, a huge text is refused at once by its size instead of running for minutes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile import cli, one_line


def test_x03_an_empty_article_is_named_as_an_empty_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """X03: the message speaks of an article, not of a CSV header line."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, _, err = cli(["extract", str(path), "--date", "2025-02-05"], capsys)
    assert code == 3
    assert (
        one_line(err) == f"error: {path}: file is empty (0 bytes), expected the text of an article"
    )


def test_x05_a_huge_text_is_refused_by_its_size_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """X05: a 50 MB text took minutes with no output; an article is at most a few MB."""
    path = tmp_path / "big.txt"
    sentence = "Ukraine brought home 150 prisoners of war on Wednesday, Zelensky said.\n\n"
    path.write_text("February 5, 2025\n\n" + sentence * 700_000)
    started = time.monotonic()
    code, _, err = cli(["extract", str(path)], capsys)
    assert time.monotonic() - started < 10
    assert code == 3
    size = path.stat().st_size
    assert (
        one_line(err) == f"error: {path}: {size:,} bytes exceeds the cap of 2,097,152 (--max-bytes)"
    )
