"""The committed notebooks: no outputs, a parameters cell first among code cells, the python3 kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = ["brief", "casualty_claims", "exchanges", "explore", "repatriations", "upstream_series"]


def test_every_notebook_is_there() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_committed_without_outputs(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(notebook)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert "papermill" not in notebook.metadata
    assert all(
        "papermill" not in c.metadata and "execution" not in c.metadata for c in notebook.cells
    )


@pytest.mark.parametrize("name", EXPECTED)
def test_parameters_cell_is_the_first_code_cell(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0]
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebooks_open_with_the_question_they_answer(name: str) -> None:
    notebook = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
