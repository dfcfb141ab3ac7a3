"""Report parameters that try to inject code: refused in one line, or passed to the kernel as
inert data (checked with real kernels: no file is created, the value arrives unchanged)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import ingest
from analysis.config import Paths
from analysis.reports import execute, params, plan
from cli_runner import run

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
AS_OF = dt.date(2025, 6, 20)
PAYLOAD = ("x\" + __import__('os').system('touch PWNED') + \"'; import os; os.system('touch PWNED')"
           " # \\ {{ }} $(touch PWNED) ${HOME} <b>")  # fmt: skip
REFUSED = [
    ("a\x00b", r"repatriations: parameter agreement='a\x00b' contains control character U+0000"),
    ("a\nimport os", r"repatriations: parameter agreement='a\nimport os' contains control character U+000A"),
    ("x" * 100_000, "repatriations: parameter agreement is 100,000 characters long; the limit is 1,000"),
]  # fmt: skip


def _markdown(executed: Path) -> list[str]:
    """The Markdown outputs of an executed notebook."""
    notebook = nbformat.read(executed, as_version=4)
    return [o.data["text/markdown"] for c in notebook.cells if c.cell_type == "code"
            for o in c.outputs if "text/markdown" in o.get("data", {})]  # fmt: skip


def _no_pwned(*folders: Path) -> None:
    for folder in folders:
        assert not list(folder.rglob("PWNED")), folder


@pytest.mark.parametrize(("value", "message"), REFUSED)
def test_the_command_refuses_injection_values_in_one_line(
    project: Paths, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    code, _, err = run(["report", "repatriations", "-p", f"agreement={value}"], capsys)
    assert code == 2
    assert err == f"error: {message}\n"


@pytest.mark.parametrize(("value", "message"), REFUSED)
def test_bind_refuses_them_under_plain_papermill(
    monkeypatch: pytest.MonkeyPatch, value: str, message: str
) -> None:
    monkeypatch.setenv("ANALYSIS_NOTEBOOKS", str(NOTEBOOKS))
    with pytest.raises(params.ParameterError) as caught:
        params.bind("repatriations", {"agreement": value})
    assert str(caught.value) == message


def test_limits_apply_to_every_text_kind_and_long_values_are_shown_short() -> None:
    listed = params.Param("metrics", "list", [])
    with pytest.raises(
        params.ParameterError,
        match=r"^n: parameter metrics='a\\tb' contains control character U\+0009$",
    ):
        params.convert("n", listed, ["ok", "a\tb"])  # fmt: skip
    choice = params.Param("freq", "choice", "week", ("week", "month"))
    with pytest.raises(params.ParameterError) as caught:
        params.convert("n", choice, "w" * 500)
    assert str(caught.value) == (
        f"n: parameter freq='{'w' * 59}... (502 characters) is not one of week, month"
    )
    assert params.convert("n", params.Param("s", "str", ""), "y" * params.MAX_TEXT) == "y" * 1000


@pytest.mark.parametrize("item", ["__import__('os').system('x')=1", "a;b=1", "a\nb=1"])
def test_injection_in_parameter_names_is_refused(item: str) -> None:
    with pytest.raises(params.ParameterError, match="expected NAME=VALUE$"):
        plan.parse_assignments([item])


def test_a_value_not_in_the_data_is_refused_before_any_kernel(project: Paths, tmp_path: Path) -> None:
    """The runner checks `str in TABLE.COLUMN` values against the pinned data: the payload never
    reaches a kernel (plain papermill, below, still shows it stays inert there)."""
    ingest.ingest(project)
    with pytest.raises(params.ParameterError) as caught:
        execute.run(project, AS_OF, selected=["repatriations"], given={"agreement": PAYLOAD},
                    notebooks=NOTEBOOKS, max_age_days=0)  # fmt: skip
    assert str(caught.value) == (
        f"repatriations: parameter agreement={params.shown(PAYLOAD)} is not in the data "
        "(events.agreement_id holds: 2025-06-02-body_repatriation-istanbul_agreement)"
    )
    _no_pwned(project.root, tmp_path, Path.cwd())
    assert not project.reports.exists() or not any(project.reports.glob(".runs/*"))


@pytest.mark.slow
def test_code_in_a_value_stays_inert_under_plain_papermill(project: Paths) -> None:
    ingest.ingest(project)
    env = {**os.environ, "ANALYSIS_ROOT": str(project.root), "ANALYSIS_NOTEBOOKS": str(NOTEBOOKS)}
    env.pop("ANALYSIS_PROCESSED", None)
    papermill = Path(sys.executable).parent / "papermill"
    done = subprocess.run([papermill, str(NOTEBOOKS / "repatriations.ipynb"), "out.ipynb",
                           "-p", "agreement", PAYLOAD, "--no-progress-bar"], cwd=project.root,
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-1000:]
    _no_pwned(project.root)
    markdown = _markdown(project.root / "out.ipynb")
    assert any(f"The agreement `{PAYLOAD}` is not in the ledger" in m for m in markdown)
