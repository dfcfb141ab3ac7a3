"""The reports in a real browser: headless Chromium, driven over the DevTools protocol.

Every page of a run is served from 127.0.0.1 and opened; the page must load without console
errors or exceptions, every image must be decoded, and nothing may be requested from another host.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from analysis.reports import model
from browser import Browser, open_browser, serve
from test_reports_run import shared_run


@pytest.fixture(scope="module")
def report_run(tmp_path_factory: pytest.TempPathFactory) -> model.RunResult:
    """The run shared with test_reports_run (made once per session)."""
    return shared_run(tmp_path_factory)[1]


@pytest.fixture(scope="module")
def served(report_run: model.RunResult) -> Iterator[str]:
    """The run folder served on 127.0.0.1; yields the base URL."""
    with serve(report_run.folder) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A headless Chromium (skipped when none is installed)."""
    with open_browser() as chrome:
        yield chrome


def _pages(run: model.RunResult) -> list[str]:
    """index.html and every HTML report of a run."""
    return ["index.html", *(f"{o.name}.html" for o in run.outcomes)]


@pytest.mark.slow
def test_pages_load_cleanly_from_this_host_only(
    report_run: model.RunResult,
    served: str,
    browser: Browser,
) -> None:
    images = 0
    for page in _pages(report_run):
        visit = browser.visit(served + page)
        assert visit.errors == [], page
        assert visit.requests[0] == served + page
        foreign = [u for u in visit.requests if not u.startswith((served, "data:"))]
        assert foreign == [], page
        assert all(image["loaded"] for image in visit.images), (page, visit.images)
        images += len(visit.images)
    assert images > 0  # the reports hold charts, and they were drawn


@pytest.mark.slow
def test_a_page_asking_another_host_is_caught(
    report_run: model.RunResult,
    served: str,
    browser: Browser,
) -> None:
    """The check above can fail: a page with a remote script and a broken image is flagged."""
    bad = report_run.folder / "zz-bad.html"
    bad.write_text('<html><head><link rel="icon" href="data:,">'
                   '<script src="http://cdn.example.invalid/x.js"></script></head>'
                   '<body><img src="missing.png"></body></html>')  # fmt: skip
    try:
        visit = browser.visit(served + "zz-bad.html")
    finally:
        bad.unlink()
    assert "http://cdn.example.invalid/x.js" in visit.requests
    assert visit.images == [{"src": served + "missing.png", "loaded": False}]
    assert visit.errors


OVERFLOW = """(() => {
  const boxes = [...document.querySelectorAll('body *')].filter(e =>
    getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1);
  return {page: document.documentElement.scrollWidth,
          boxes: boxes.slice(0, 3).map(e => e.tagName + '.' + e.className)};
})()"""


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_scrolls_sideways(
    report_run: model.RunResult, served: str, browser: Browser, width: int
) -> None:
    """At a laptop's and a phone's width, neither the page nor any box in it scrolls sideways
    (a table cut off inside a scrolling box hides its right-hand columns as surely)."""
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=900,
                 deviceScaleFactor=1, mobile=False)  # fmt: skip
    try:
        for page in _pages(report_run):
            browser.visit(served + page)
            measured = browser.evaluate(OVERFLOW)
            assert measured == {"page": width, "boxes": []} or (
                measured["page"] <= width and measured["boxes"] == []
            ), (page, measured)
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride")


@pytest.mark.slow
def test_a_page_wider_than_the_screen_is_caught(
    report_run: model.RunResult, served: str, browser: Browser
) -> None:
    """The measure above can fail: a 2,000 px wide table is seen."""
    wide = report_run.folder / "zz-wide.html"
    wide.write_text('<html><head><link rel="icon" href="data:,"></head><body>'
                    '<table style="width:2000px"><tr><td>x</td></tr></table></body></html>')  # fmt: skip
    browser.call("Emulation.setDeviceMetricsOverride", width=390, height=900,
                 deviceScaleFactor=1, mobile=False)  # fmt: skip
    try:
        browser.visit(served + "zz-wide.html")
        assert browser.evaluate(OVERFLOW)["page"] > 390
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride")
        wide.unlink()
