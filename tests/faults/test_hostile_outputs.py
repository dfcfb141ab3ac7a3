"""Markup from data never reaches the reader (reliability audit P03-P05, C01, C02, X07, X08) and
the class-level test: one set of hostile strings pushed through every output the package writes
(processed CSV, chart SVG/PDF/alt text, report HTML and Markdown, the terminal output of each
command, extract CSV), each output checked in its own terms; HTML in headless Chromium."""

from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import append, command

from analysis import escape
from conftest import SEED_LEDGER

AS_OF = "2025-06-20"
NOTEBOOKS = ["brief", "exchanges", "casualty_claims", "repatriations", "explore"]
HOSTILE = {
    "md_link": "[UAE](javascript:window.__pwned='link')",
    "md_image": "![Zelensky](http://other.host/claimant.png)",
    "html": "<script>window.__pwned='script'</script><img src=http://other.host/i.png "
            "onerror=\"window.__pwned='img'\">",
    "rich": "[link=https://evil.example]Coordination HQ[/link] [/] [bold red]loud",
    "ansi": "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
    "formula": "=HYPERLINK(\"https://evil.example\",\"x\")",
    "signs": "+380 -1+1 @SUM(1)",
    "breaks": "first\u2028second\u2029third",
    "nel": "first\u0085second",
    "bidi": "txt\u202etxet\u2066isolate\u2069",
    "math": "$\\frac{1}{0}$ costs 5$",
    "long": "L" * 5000,
}  # fmt: skip
AGREEMENT = "x` ![t](https://other.host/t.png) [a](javascript:alert(document.domain)) `y"
HIDDEN = set(escape.BIDI + escape.LINE_BREAKS) | {chr(c) for c in range(32) if c != 10} | {"\x7f"}
EXIT = {"check": 4, "report-p03": 2}  # quarantined rows; a refused parameter; else 0
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colours the command itself prints on a terminal


def _hostile_ledger(ledger: Path) -> None:
    """One exchange, claim, total and source per hostile string, the string in every text cell."""
    for n, (key, text) in enumerate(HOSTILE.items(), start=1):
        url = f"https://example.org/{key}"
        append(ledger, "events", {
            "id": f"E90{n:02}", "event_id": f"2025-06-18-pow_exchange-{key.replace('_', '-')}",
            "mediator": text, "claimant": text, "notes": text, "source_urls": url})  # fmt: skip
        append(ledger, "claims", {"id": f"C90{n:02}", "claimant": text, "notes": text,
                                  "source_urls": url})  # fmt: skip
        append(ledger, "totals", {"id": f"T90{n:02}", "claimant": text, "notes": text,
                                  "as_of": f"2025-06-{n:02}", "source_urls": url})  # fmt: skip
        with (ledger / "sources.csv").open("a", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerow([url, text, text, "2025-06-18"])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A project whose ledger carries the hostile strings, ingested, exported and reported;
    every command's terminal output (as on a colour terminal) by name."""
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(SEED_LEDGER, root / "data" / "raw" / "ledger")
    (root / "data" / "raw" / "upstream").mkdir()
    env = {"ANALYSIS_ROOT": str(root), "FORCE_COLOR": "1", "COLUMNS": "400", "TERM": "xterm"}
    assert command(["ingest"], env=env).returncode == 0  # so the release notes list what follows
    _hostile_ledger(root / "data" / "raw" / "ledger")
    article = root / "article.txt"
    article.write_text("June 18, 2025\n\n" + "".join(
        f"{text} Ukraine brought home 15 prisoners of war, {text} said.\n\n"
        for text in HOSTILE.values()) + "Original url: javascript:alert(1)\n", encoding="utf-8")  # fmt: skip
    runs = {
        "ingest": ["ingest", "--allow-quarantine"],
        "check": ["check"],
        "tables": ["tables"],
        "reconcile": ["reconcile"],
        "extract": ["extract", str(article)],
        "extract-out": [
            "extract",
            str(article),
            "--url",
            "javascript:alert(1)",
            "--out",
            str(root / "cand.csv"),
        ],  # fmt: skip
        "extract-triage": ["extract", str(article), "--triage", str(root / "triage.csv")],
        "verify": ["verify", "--offline", "--csv", str(root / "verify.csv")],
        "export": ["export", "all", "--out", str(root / "charts")],
        "export-web": [
            "export",
            "all",
            "--out",
            str(root / "charts-web"),
            "--format",
            "html",
            "--format",
            "datawrapper",
        ],  # fmt: skip
        "report-p03": ["report", "repatriations", "--as-of", AS_OF, "--max-age-days", "0",
                       "-p", f"agreement={AGREEMENT}"],  # fmt: skip
        "report": ["report", *NOTEBOOKS, "--as-of", AS_OF, "--max-age-days", "0",
                   "-p", "start=2025-06-01"],  # fmt: skip
    }
    outputs = {name: command(argv, timeout=900, env=env) for name, argv in runs.items()}
    yield {"root": root, "outputs": outputs}


def _hidden(text: str) -> list[str]:
    """Hidden characters (controls, bidi, odd line breaks) in `text`, as code points."""
    return sorted({f"U+{ord(c):04X}" for c in text if c in HIDDEN})


# --- terminal (C01, C02 and every command) -----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ingest", "check", "tables", "reconcile", "extract",
                                  "extract-out", "extract-triage", "verify", "export", "export-web",
                                  "report-p03", "report"])  # fmt: skip
def test_terminal_output_of_every_command_shows_data_as_text(
    name: str, hostile: dict[str, object]
) -> None:
    """Class: no ANSI/OSC escape, bidi control or odd line break from data reaches the terminal,
    and Rich markup in data is shown as typed (C01: no crash; C02: no hyperlink)."""
    done = hostile["outputs"][name]  # type: ignore[index]
    text = SGR.sub("", done.stdout + done.stderr)
    assert done.returncode == EXIT.get(name, 0), text[-2000:]
    assert "Traceback" not in text and "MarkupError" not in text, text[-2000:]
    assert _hidden(text.replace("\n", "")) == [], (name, text[:2000])
    assert "\x1b]8;" not in done.stdout + done.stderr


@pytest.mark.slow
def test_c01_c02_rich_markup_in_a_claimant_is_printed_as_typed(hostile: dict[str, object]) -> None:
    """C01 (`[/]` crashed reconcile) and C02 (`[link=…]` printed a terminal hyperlink)."""
    done = hostile["outputs"]["reconcile"]  # type: ignore[index]
    assert done.returncode == 0, done.stderr
    assert HOSTILE["rich"] in SGR.sub("", done.stdout)


# --- files: processed CSV, charts, extract CSV ------------------------------------------------


def _cells(path: Path) -> Iterator[str]:
    """Every cell of a CSV file, read by CSV's own line rule."""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            yield from row


def _formulas(paths: list[Path]) -> list[str]:
    """Cells a spreadsheet would run as a formula."""
    return [c[:40] for p in paths for c in _cells(p) if escape.csv_cell(c) != c]


@pytest.mark.slow
def test_processed_csv_holds_no_formula_and_keeps_its_rows(hostile: dict[str, object]) -> None:
    """Class: processed CSV cells are defused; each file has exactly its manifest's rows."""
    processed = Path(hostile["root"]) / "data" / "processed"  # type: ignore[arg-type]
    files = sorted(processed.glob("*.csv"))
    assert _formulas(files) == []
    tables = json.loads((processed / "manifest.json").read_text())["tables"]
    for path in files:
        with path.open(newline="", encoding="utf-8") as handle:
            assert sum(1 for _ in csv.reader(handle)) == tables[path.stem]["rows"] + 1, path.name


@pytest.mark.slow
def test_processed_release_notes_make_no_link_image_or_tag(hostile: dict[str, object]) -> None:
    """Class: the Markdown release notes of the processed version (data text in every row),
    rendered by a plain Markdown renderer, hold no link, image or raw HTML."""
    import mistune

    notes = Path(hostile["root"]) / "data" / "processed" / "RELEASE_NOTES.md"  # type: ignore[arg-type]
    source = notes.read_text(encoding="utf-8")
    assert "E9001" in source
    html = str(mistune.create_markdown(escape=False, plugins=["url"])(source))
    assert not re.search(r"<(a|img|script)\b", html), html[:2000]
    assert _hidden(source.replace("\n", "")) == []


XLINK = "{http://www.w3.org/1999/xlink}href"


def _svg_problems(path: Path) -> list[str]:
    """Script, foreign objects, links other than http(s) with a host (a cited source), images
    other than embedded data, or hidden characters in an SVG file."""
    problems = []
    for element in ET.parse(path).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        href = str(element.get(XLINK) or element.get("href") or "")
        if tag in ("script", "foreignObject") or (
            (tag == "image" and not href.startswith("data:"))
            or (tag == "a" and escape.url(href) != href)
        ):
            problems.append(f"{path.name}: <{tag} {href[:60]}>")
        text = (element.text or "") + (element.tail or "")
        problems += [f"{path.name}: {c}" for c in _hidden(text.replace("\n", ""))]
    return problems


@pytest.mark.slow
def test_charts_svg_pdf_and_alt_text_hold_data_as_text(hostile: dict[str, object]) -> None:
    """Class: chart SVG (no script, link or hidden character), PDF (no action, link or script,
    metadata without hidden characters), alt text and data CSV of the exported and report charts."""
    root = Path(hostile["root"])  # type: ignore[arg-type]
    assert hostile["outputs"]["export"].returncode == 0, hostile["outputs"]["export"].stderr  # type: ignore[index]
    folders = [
        root / "charts",
        root / "charts-web",
        (root / "reports" / AS_OF / "charts").resolve(),
    ]
    svgs = [p for f in folders for p in f.glob("*.svg")]
    assert svgs
    assert [p for s in svgs for p in _svg_problems(s)] == []
    for pdf in (p for f in folders for p in f.glob("*.pdf")):
        data = pdf.read_bytes()
        assert not re.search(rb"/(JavaScript|JS|URI|Launch|OpenAction)\b", data), pdf.name
    for meta in (p for f in folders for p in f.glob("*.datawrapper.json")):
        values = json.loads(meta.read_text(encoding="utf-8")).values()
        assert _hidden("".join(str(v) for v in values)) == [], meta.name
    for alt in (p for f in folders for p in f.glob("*.alt.txt")):
        assert _hidden(alt.read_text(encoding="utf-8").replace("\n", "")) == [], alt.name
    assert _formulas([p for f in folders for p in f.glob("*.csv")]) == []


@pytest.mark.slow
def test_x07_x08_extract_csv_holds_no_formula_and_no_script_url(hostile: dict[str, object]) -> None:
    """X07 (sentences starting with = + - @) and X08 (--url javascript:) in extract --out; the
    triage CSV and verify's CSV hold no formula either."""
    root = Path(hostile["root"])  # type: ignore[arg-type]
    done = hostile["outputs"]["extract-out"]  # type: ignore[index]
    files = sorted(root.glob("cand-*.csv"))
    assert done.returncode == 0 and files, done.stderr
    assert _formulas([*files, root / "triage.csv", root / "verify.csv"]) == []
    for path in files:
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for url in (row.get("source_urls") or "").split():
                    assert escape.url(url) == url, url


@pytest.mark.slow
def test_chart_html_pages_run_no_script_and_load_nothing_remote(
    hostile: dict[str, object], browser: object
) -> None:
    """Class: the standalone chart pages (`export` writes <chart>.html beside the SVG) in
    Chromium: no script runs, nothing is requested from another host, links are http(s)."""
    from browser import serve

    folder = Path(hostile["root"]) / "charts-web"  # type: ignore[arg-type]
    pages = sorted(p.name for p in folder.glob("*.html"))
    assert pages
    with serve(folder) as base:
        for page in pages:
            visit = browser.visit(base + page)  # type: ignore[attr-defined]
            assert browser.evaluate("typeof window.__pwned") == "undefined", page  # type: ignore[attr-defined]
            assert [u for u in visit.requests if not u.startswith((base, "data:"))] == [], page
            links = browser.evaluate(  # type: ignore[attr-defined]
                "Array.from(document.querySelectorAll('a'))"
                ".map(a => typeof a.href === 'string' ? a.href : a.href.baseVal)"
                ".filter(h => !/^https?:[/][/][^/]/.test(h))"
            )
            assert links == [], page


# --- reports: Markdown and HTML (P03, P04, P05) ------------------------------------------------


def _run_folder(hostile: dict[str, object]) -> Path:
    """The published report folder of the hostile run (which must have succeeded)."""
    done = hostile["outputs"]["report"]  # type: ignore[index]
    assert done.returncode == 0, done.stdout + done.stderr
    return (Path(hostile["root"]) / "reports" / AS_OF).resolve()  # type: ignore[arg-type]


@pytest.mark.slow
def test_report_markdown_outputs_make_no_link_image_or_tag(hostile: dict[str, object]) -> None:
    """Class: every Markdown output of the executed notebooks, rendered by a plain Markdown
    renderer (as Jupyter or a code host would), holds no link, image or raw HTML from data."""
    import mistune

    folder = _run_folder(hostile)
    render = mistune.create_markdown(escape=False, plugins=["url", "strikethrough", "table"])
    for notebook in sorted(folder.glob("*.ipynb")):
        for cell in json.loads(notebook.read_text())["cells"]:
            for output in cell.get("outputs", []):
                source = "".join(output.get("data", {}).get("text/markdown", ""))
                html = str(render(source))
                assert not re.search(r"<(a|img|script)\b", html), (notebook.name, source[:300])


@pytest.mark.slow
def test_p03_a_markup_parameter_is_refused_in_one_line(hostile: dict[str, object]) -> None:
    """P03: `-p agreement=` with a Markdown image and a javascript: link is refused before any
    notebook runs (the agreement must exist in events.agreement_id), shown as typed."""
    done = hostile["outputs"]["report-p03"]  # type: ignore[index]
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert done.returncode == 2 and len(errors) == 1, done.stderr
    assert "agreement" in errors[0]


@pytest.mark.parametrize("render", ["report", "plain"])
def test_p03_markdown_from_a_finding_makes_no_link_whoever_renders_it(render: str) -> None:
    """P03 (the renderer's side): a finding quoting the payload, as the repatriations notebook
    did, renders with no link or image by the report's renderer and by a plain one."""
    import mistune

    from analysis.reports.render import output_markdown

    source = escape.markdown_inert(f"The agreement `{AGREEMENT}` is not in the ledger.")
    if render == "report":
        html = output_markdown(f"![t](https://other.host/t.png) [a](javascript:x) {source}")
    else:
        html = str(mistune.create_markdown(escape=False, plugins=["url"])(source))
    assert not re.search(r"<(a|img)\b", html), html


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium (skipped when none is installed)."""
    from browser import open_browser

    with open_browser() as chrome:
        yield chrome


PAGES = {  # case ids and a hostile text each page must show as text
    "repatriations.html": ("P03", None),
    "exchanges.html": ("P04", HOSTILE["md_link"]),
    "casualty_claims.html": ("P05", HOSTILE["md_image"]),
    "brief.html": ("class", HOSTILE["html"]),
    "index.html": ("class", AS_OF),
}


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_p03_p04_p05_report_pages_run_no_script_and_load_nothing_remote(
    page: str, hostile: dict[str, object], browser: object
) -> None:
    """P03 (-p agreement), P04 (mediator), P05 (claimant) and every page: in Chromium no script
    runs, nothing is requested from another host, no javascript: link exists, the text shows."""
    from browser import serve

    folder = _run_folder(hostile)
    with serve(folder) as base:
        visit = browser.visit(base + page)  # type: ignore[attr-defined]
        assert browser.evaluate("typeof window.__pwned") == "undefined"  # type: ignore[attr-defined]
        remote = [u for u in visit.requests if not u.startswith((base, "data:"))]
        assert remote == []
        links = browser.evaluate(  # type: ignore[attr-defined]
            "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
            ".filter(h => !h.startsWith(location.origin) && !/^https?:/.test(h))"
        )
        assert links == []
        text = browser.evaluate("document.body.innerText")  # type: ignore[attr-defined]
        assert PAGES[page][1] is None or PAGES[page][1] in text
