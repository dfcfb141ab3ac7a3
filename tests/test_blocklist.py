"""The domain blocklist: a row citing a blocked domain (or a subdomain of one) is refused by check."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.config import Paths
from analysis.evidence import blocked_by, host, normalise_domain, parse_blocklist
from analysis.ingest.collect import build, collect
from cli_runner import run

BLOCKLIST = {"news-pravda.com": "Pravda network", "bnnbreaking.com": "content farm"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://news-pravda.com/world/2025/07/17/1522524.html",
            ("news-pravda.com", "Pravda network"),
        ),
        (
            "https://turkey.news-pravda.com/en/world/2025/10/23/59615.html",
            ("news-pravda.com", "Pravda network"),
        ),
        ("https://WWW.BNNBreaking.com./x", ("bnnbreaking.com", "content farm")),
        ("https://bnnbreaking.com:443/x", ("bnnbreaking.com", "content farm")),
        ("https://notnews-pravda.com/x", None),
        ("https://news-pravda.com.example.org/x", None),
        ("https://www.pravda.com.ua/eng/news/2025/07/28/7523793/", None),
    ],
)
def test_blocked_by_matches_domain_and_parents_only(url: str, expected: object) -> None:
    assert blocked_by(url, BLOCKLIST) == expected


def test_host_and_domain_normalisation() -> None:
    assert host("https://www.Kyivindependent.com./a") == "kyivindependent.com"
    assert normalise_domain(" https://www.news-pravda.com/ ") == "news-pravda.com"
    assert normalise_domain("*.news-pravda.com") == "news-pravda.com"


def test_parse_blocklist_reports_bad_rows() -> None:
    records = [
        (2, {"domain": "news-pravda.com", "reason": "Pravda network"}, None),
        (3, {"domain": "bnnbreaking.com", "reason": " "}, None),
        (4, {"domain": "localhost", "reason": "x"}, None),
        (5, {"domain": "NEWS-PRAVDA.com", "reason": "again"}, None),
    ]
    blocklist, problems = parse_blocklist(records)
    assert blocklist == {"news-pravda.com": "Pravda network"}
    assert problems == [
        (3, "bnnbreaking.com", "reason: a blocked domain needs a reason"),
        (4, "localhost", "domain: not a domain"),
        (5, "news-pravda.com", "domain: listed twice"),
    ]


def _block(ledger: Path, *lines: str) -> None:
    (ledger / "blocked_domains.csv").write_text("domain,reason\n" + "\n".join(lines) + "\n")


def test_ingest_quarantines_row_citing_blocked_subdomain(project: Paths) -> None:
    ledger = project.root / "data" / "raw" / "ledger"
    _block(ledger, "trend.az,test: content farm")
    result = build(collect(project), project.root)
    rows = result.quarantine.filter(result.quarantine["file"] == "data/raw/ledger/totals.csv")
    assert rows.select("line", "column", "value", "reason").rows() == [
        (3, "source_urls", "https://en.trend.az/world/4048534.html",
         "source_urls: trend.az is on the blocklist (test: content farm)"),
    ]  # fmt: skip
    assert result.tables["totals"]["total_id"].to_list() == ["T0001"]


def test_check_fails_on_a_blocked_url_naming_file_line_column(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = project.root / "data" / "raw" / "ledger"
    _block(ledger, "ir-ia.com,test: syndication farm")
    code, out, _ = run(["check"], capsys)
    assert code != 0
    assert (
        "data/raw/ledger/totals.csv:2: source_urls: ir-ia.com is on the blocklist "
        "(test: syndication farm)"
    ) in " ".join(out.split())


def test_sources_csv_tier_blocked_is_refused_too(project: Paths) -> None:
    ledger = project.root / "data" / "raw" / "ledger"
    (ledger / "sources.csv").write_text(
        "url,publisher,title,published,tier,notes\n"
        "https://en.trend.az/world/4048534.html,Trend,T,,blocked,\n"
    )
    result = build(collect(project), project.root)
    held = result.quarantine.filter(result.quarantine["column"] == "source_urls")
    assert held.select("file", "line", "reason").rows() == [
        ("data/raw/ledger/events.csv", 10, "source_urls: marked tier 'blocked' in sources.csv"),
        ("data/raw/ledger/totals.csv", 3, "source_urls: marked tier 'blocked' in sources.csv"),
    ]


def test_blocklist_file_problems_are_quarantined(project: Paths) -> None:
    ledger = project.root / "data" / "raw" / "ledger"
    _block(ledger, "nonsense,some reason")
    result = build(collect(project), project.root)
    rows = result.quarantine.filter(
        result.quarantine["file"] == "data/raw/ledger/blocked_domains.csv"
    )
    assert rows.select("line", "reason").rows() == [(2, "domain: not a domain")]
