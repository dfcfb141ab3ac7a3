"""The newsroom export of issue 16: bodies returned to Ukraine per month in 2025, print column,
own title, in three languages, as a sourced SVG, a Datawrapper-ready CSV with its sidecar and an
HTML page; the page checked in headless Chromium."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import polars as pl
import pytest

from analysis.charts import i18n
from cli_runner import run
from conftest import LEDGER

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
TITLES = {"en": "Bodies returned to Ukraine, 2025", "uk": "Тіла, повернені в Україну, 2025",
          "ru": "Тела, возвращённые в Украину, 2025"}  # fmt: skip
MONTHLY = [757, 757, 909, 909, 909, 6057, 1000, 1000, 1000, 1000, 1000, 1003]  # 16,301 in all


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The done-check command run once per language on the bundled ledger."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(LEDGER, root / "data" / "raw" / "ledger")
    (root / "data" / "raw" / "upstream").mkdir()
    mp = pytest.MonkeyPatch()
    mp.setenv("ANALYSIS_ROOT", str(root))
    capture = _Capture()
    assert run(["ingest"], capture)[0] == 0
    folders = {}
    for lang, title in TITLES.items():
        folders[lang] = root / "out" / lang
        code, out, err = run(["export", "per_period", "--event-type", "body_repatriation",
                              "--side", "ukraine", "--freq", "month", "--start", "2025-01-01",
                              "--end", "2025-12-31", "--preset", "print-column", "--lang", lang,
                              "--title", title, "--format", "svg", "--format", "datawrapper",
                              "--format", "html", "--out", str(folders[lang])], capture)  # fmt: skip
        assert code == 0, err
    yield folders
    mp.undo()


class _Capture:
    """A stand-in for pytest's capsys in a module-scoped fixture (cli_runner reads it)."""

    def readouterr(self) -> object:
        """Nothing captured: cli_runner's own buffers hold the output."""
        return type("Captured", (), {"out": "", "err": ""})()


@pytest.mark.parametrize("lang", list(TITLES))
def test_svg_has_the_language_tooltips_and_source_links(exported: dict, lang: str) -> None:
    root = ET.parse(exported[lang] / "per_period.svg").getroot()
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert TITLES[lang] in " ".join(texts)  # a title may wrap onto two text lines
    assert any(t.startswith(i18n.t("data_to", lang, date="")) for t in texts)
    assert i18n.number(6000, lang) in texts
    links = [a for a in root.iter(f"{SVG}a")]
    assert len(links) == 12  # one per monthly bar
    assert all(a.get(f"{XLINK}href", "").startswith("https://") for a in links)
    tips = [t.text for a in links for t in a.iter(f"{SVG}title")]
    june = i18n.period(dt.date(2025, 6, 1), "month", lang)
    assert any(tip.startswith(f"{june}: {i18n.number(6057, lang)}") for tip in tips)
    assert "body_repatriation" not in ET.tostring(root, encoding="unicode")


@pytest.mark.parametrize("lang", list(TITLES))
def test_datawrapper_csv_is_wide_positive_and_readable(exported: dict, lang: str) -> None:
    data = pl.read_csv(exported[lang] / "per_period.datawrapper.csv")
    with i18n.using(lang):
        assert data.columns == [i18n.t("column.date"), i18n.t("received_by.ukraine"),
                                i18n.t("column.notes")]  # fmt: skip
    assert data[:, 0].to_list()[:2] == ["2025-01-01", "2025-02-01"]
    assert data[:, 1].to_list() == MONTHLY
    meta = json.loads((exported[lang] / "per_period.datawrapper.json").read_text(encoding="utf-8"))
    assert meta["title"] == TITLES[lang]
    assert meta["data_to"] == "2025-12-31"  # the ledger covers every day of the window
    assert meta["unit"] == i18n.t("unit.bodies", lang)
    assert meta["source"].startswith(i18n.t("source.many", lang, names="").strip())
    assert meta["language"] == lang


def test_html_page_in_chromium_shows_tooltips_and_links(exported: dict) -> None:
    from browser import open_browser, serve

    folder = exported["uk"]
    with serve(folder) as base, open_browser() as browser:
        visit = browser.visit(base + "per_period.html")
        assert visit.errors == []
        titles = browser.evaluate(
            "Array.from(document.querySelectorAll('svg a title')).map(t => t.textContent)")
        hrefs = browser.evaluate(
            "Array.from(document.querySelectorAll('svg a')).map(a => a.getAttribute('href'))")
        rows = browser.evaluate("document.querySelectorAll('table tbody tr').length")
        lang = browser.evaluate("document.documentElement.lang")
    assert len(titles) == 12 and titles[0].startswith("січень 2025: 757")
    assert hrefs[0] == "https://unn.ua/en/news/ukraine-returns-bodies-of-757-fallen-defenders"
    assert rows == 12 and lang == "uk"
