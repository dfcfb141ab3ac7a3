"""Parameter declarations, conversion and validation: refused before any kernel starts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import ingest
from analysis.config import Paths
from analysis.reports import params, plan
from analysis.reports.params import Param, ParameterError
from cli_runner import run

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _notebook(folder: Path, name: str, source: str) -> Path:
    """A notebook whose only cell is a parameters cell with `source`."""
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    path = folder / f"{name}.ipynb"
    nbformat.write(new_notebook(cells=[cell]), path)
    return path


def test_spec_reads_types_choices_defaults_and_help() -> None:
    spec = params.read_spec(NOTEBOOKS / "exchanges.ipynb")
    assert list(spec) == ["as_of", "start", "end", "freq", "event_types", "output_dir"]
    assert spec["start"] == Param("start", "date", "2022-02-24", (), "first day counted")
    assert spec["as_of"].optional and spec["as_of"].kind == "date"
    assert spec["freq"].kind == "choice"
    assert spec["freq"].choices == ("week", "month", "quarter", "year")
    assert spec["event_types"].kind == "list"
    assert spec["event_types"].default == ["pow_exchange"]
    assert "body_repatriation" in spec["event_types"].choices
    assert spec["output_dir"].kind == "path"


def test_type_is_inferred_from_the_default_without_a_comment(tmp_path: Path) -> None:
    path = _notebook(tmp_path, "plain", "n = 3\nx = 1.5\nflag = False\nname = 'a'\nitems = ['a']\n")
    spec = params.read_spec(path)
    assert [p.kind for p in spec.values()] == ["int", "float", "bool", "str", "list"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("start = today()  # date", "bad: parameter start: the default must be a literal"),
        ("import os", "bad: parameters cell line 1: only `name = literal`"),
        (
            "x = None",
            "bad: parameter x: cannot tell the type of this parameter; add a type comment",
        ),
        (
            "freq = 'day'  # one of week, month",
            "bad: parameter freq='day' is not one of week, month",
        ),
        (
            "start = '2024-02-30'  # date",
            "bad: parameter start='2024-02-30' is not a date (YYYY-MM-DD)",
        ),
        ("x = (", "bad: parameters cell line 1: '(' was never closed"),
    ],
)
def test_bad_declarations_are_refused(tmp_path: Path, source: str, message: str) -> None:
    with pytest.raises(ParameterError) as caught:
        params.read_spec(_notebook(tmp_path, "bad", source))
    assert str(caught.value) == message


def test_a_notebook_without_a_parameters_cell_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "none.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1")]), path)
    with pytest.raises(ParameterError, match="^none: no cell tagged 'parameters'$"):
        params.read_spec(path)


@pytest.fixture
def spec() -> dict[str, Param]:
    """The declarations of the exchanges notebook plus an int, a float and a bool."""
    return {
        **params.read_spec(NOTEBOOKS / "exchanges.ipynb"),
        "rolling": Param("rolling", "int", 7),
        "scale": Param("scale", "float", 1.0),
        "flag": Param("flag", "bool", True),
    }


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("start", "2024-01-01", dt.date(2024, 1, 1)),
        ("start", dt.date(2024, 1, 1), dt.date(2024, 1, 1)),
        ("as_of", "None", None),
        ("as_of", "", None),
        ("as_of", None, None),
        ("freq", " week ", "week"),
        ("event_types", "pow_exchange, body_repatriation", ["pow_exchange", "body_repatriation"]),
        ("event_types", ["child_return"], ["child_return"]),
        ("event_types", "", []),
        ("rolling", "14", 14),
        ("rolling", 14, 14),
        ("scale", "2.5", 2.5),
        ("scale", 3, 3.0),
        ("flag", "no", False),
        ("flag", "True", True),
        ("output_dir", "/tmp/x", "/tmp/x"),
    ],
)
def test_values_are_converted_to_the_declared_type(
    spec: dict[str, Param], name: str, value: object, expected: object
) -> None:
    assert params.validate("exchanges", spec, {name: value}) == {name: expected}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("start", "2024-13-01", "exchanges: parameter start='2024-13-01' is not a date (YYYY-MM-DD)"),
        ("start", "yesterday", "exchanges: parameter start='yesterday' is not a date (YYYY-MM-DD)"),
        ("start", None, "exchanges: parameter start=None is not a date (YYYY-MM-DD)"),
        ("freq", "day", "exchanges: parameter freq='day' is not one of week, month, quarter, year"),
        ("event_types", "pow_exchange,swap", "exchanges: parameter event_types: 'swap' is not one of "
         "pow_exchange, body_repatriation, civilian_return, wounded_transfer, child_return, other"),
        ("rolling", "7.5", "exchanges: parameter rolling='7.5' is not an integer"),
        ("rolling", 7.5, "exchanges: parameter rolling=7.5 is not an integer"),
        ("rolling", True, "exchanges: parameter rolling=True is not an integer"),
        ("scale", "lots", "exchanges: parameter scale='lots' is not a number"),
        ("flag", "maybe", "exchanges: parameter flag='maybe' is not true or false"),
    ],
)  # fmt: skip
def test_bad_values_are_one_line_errors(
    spec: dict[str, Param], name: str, value: object, message: str
) -> None:
    with pytest.raises(ParameterError) as caught:
        params.validate("exchanges", spec, {name: value})
    assert str(caught.value) == message
    assert caught.value.exit_code == 2


def test_unknown_names_are_refused(spec: dict[str, Param]) -> None:
    with pytest.raises(ParameterError) as caught:
        params.validate("exchanges", spec, {"strat": "2024-01-01"})
    assert str(caught.value).startswith(
        "exchanges: unknown parameter 'strat' (parameters: as_of, start,"
    )


def test_injected_values_are_what_papermill_can_write() -> None:
    assert params.injectable(dt.date(2024, 1, 1)) == "2024-01-01"
    assert params.injectable(["a", "b"]) == ["a", "b"]
    assert params.injectable(7) == 7


def test_bind_types_the_values_papermill_injected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANALYSIS_NOTEBOOKS", str(NOTEBOOKS))
    bound = params.bind("exchanges", {"start": "2024-01-01", "event_types": "pow_exchange,other"})
    assert bound.start == dt.date(2024, 1, 1)
    assert bound.event_types == ["pow_exchange", "other"]
    assert bound.freq == "month"  # not in the namespace: the declared default
    assert bound.end is None


def test_plan_sends_each_value_to_the_notebooks_that_declare_it() -> None:
    notebooks = plan.available(NOTEBOOKS)
    jobs = plan.plan(
        notebooks,
        ["exchanges", "brief"],
        {"start": "2024-01-01"},
        {"as_of": dt.date(2025, 6, 30), "period": "month", "output_dir": "/r/charts"},
    )
    values = {job.name: job.values for job in jobs}
    assert values["exchanges"] == {"as_of": dt.date(2025, 6, 30), "output_dir": "/r/charts",
                                   "start": dt.date(2024, 1, 1)}  # fmt: skip
    assert values["brief"] == {"as_of": dt.date(2025, 6, 30), "period": "month",
                               "output_dir": "/r/charts"}  # fmt: skip
    assert jobs[0].effective["freq"] == "month"


def test_plan_refuses_a_name_no_selected_notebook_declares() -> None:
    with pytest.raises(ParameterError) as caught:
        plan.plan(plan.available(NOTEBOOKS), ["brief"], {"start": "2024-01-01"}, {})
    assert str(caught.value) == (
        "unknown parameter 'start': no selected notebook declares it "
        "(parameters: as_of, max_age_days, output_dir, period)"
    )


def test_plan_refuses_an_unknown_notebook() -> None:
    with pytest.raises(ParameterError, match="^unknown notebook 'exchange' \\(notebooks: brief, "):
        plan.plan(plan.available(NOTEBOOKS), ["exchange"], {}, {})


@pytest.mark.parametrize("item", ["start", "=2024", "a b=1"])
def test_malformed_assignments_are_refused(item: str) -> None:
    with pytest.raises(ParameterError) as caught:
        plan.parse_assignments([item])
    assert str(caught.value) == f"-p {item!r}: expected NAME=VALUE"


def test_parse_assignments_keeps_equals_signs_in_values() -> None:
    assert plan.parse_assignments(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "strat=2024-01-01"], "error: unknown parameter 'strat': no selected notebook declares it"),
        (["exchanges", "-p", "start=2024-02-30"],
         "error: exchanges: parameter start='2024-02-30' is not a date (YYYY-MM-DD)"),
        (["--as-of", "soon"], "error: --as-of 'soon' is not a date (YYYY-MM-DD)"),
        (["--period", "day"], "error: --period 'day' is not one of week, month"),
    ],
)  # fmt: skip
def test_the_command_refuses_bad_parameters_in_one_line(
    project: object, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    ran = run(["report", *args], capsys)
    assert ran.code == 2
    assert ran.err.startswith(message)
    assert len(ran.err.strip().splitlines()) == 1
    assert ran.out == ""


def test_committed_notebooks_declare_valid_defaults() -> None:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        spec = params.read_spec(path)
        assert spec, path.name
        source = json.loads(path.read_text())
        code = "".join("".join(c["source"]) for c in source["cells"] if c["cell_type"] == "code")
        assert f'params.bind("{path.stem}", globals())' in code, path.name


def test_a_value_checked_against_the_data_is_declared_as_str_in_table_column(
    tmp_path: Path,
) -> None:
    spec = params.read_spec(_notebook(tmp_path, "nb", 'source = "oryx"  # str in series.source; id'))
    assert spec["source"] == Param("source", "str", "oryx", (), "id", ("series", "source"))
    assert spec["source"].type_text == "str in series.source"
    with pytest.raises(ParameterError) as caught:
        params.read_spec(_notebook(tmp_path, "bad", 'source = "x"  # str in series; id'))
    assert str(caught.value) == "bad: parameter source: expected `str in TABLE.COLUMN`, not 'str in series'"


def test_an_unknown_source_or_agreement_exits_2_naming_the_choices(
    project: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    ingest.ingest(project)
    code, _, err = run(["report", "upstream_series", "-p", "source=nosuch"], capsys)
    assert (code, err) == (2, (
        "error: upstream_series: parameter source='nosuch' is not in the data "
        "(series.source is empty: nothing ingested)\n"
    ))  # fmt: skip
    code, _, err = run(["report", "-p", "agreement=nosuch", "--max-age-days", "0"], capsys)
    assert (code, err) == (2, (
        "error: repatriations: parameter agreement='nosuch' is not in the data "
        "(events.agreement_id holds: 2025-06-02-body_repatriation-istanbul_agreement)\n"
    ))  # fmt: skip
    assert not project.reports.exists() or not any(project.reports.glob(".runs/*"))
