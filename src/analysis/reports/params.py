"""Notebook parameters: read the `parameters` cell's declarations, validate and convert values.

The convention (docs: README "Reports"): the cell tagged `parameters` holds one plain assignment
per parameter with a literal default and a comment naming its type, then `;` and a help text:

    start = "2022-02-24"  # date; first day shown
    end = None  # date; last day shown (None: as_of)
    freq = "month"  # one of week, month, quarter, year; length of a period
    event_types = ["pow_exchange"]  # list of pow_exchange, body_repatriation; event types shown
    rolling = 7  # int; window of the rolling mean, in days

Types: str, int, float, bool, date (ISO YYYY-MM-DD), path, list (of strings), `one of A, B`,
`list of A, B`. A default of None makes a parameter optional. `str in TABLE.COLUMN` is a string
that must be one of the values of a processed table's column, checked before any kernel starts
(`source = "oryx"  # str in series.source; upstream source id`). Declarations are read with `ast`
(the cell is never executed to read them). papermill passes `-p` values as strings, ints, floats
or bools, so a notebook's next cell calls `bind(name, globals())` to get typed values.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import os
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from analysis import config
from analysis.config import PACKAGE_DIR, default_paths
from analysis.errors import ParameterError

NOTEBOOK = config.NOTEBOOK  # env: the notebook this kernel runs (read by tables.log_read)
SIMPLE_TYPES = ("str", "int", "float", "bool", "date", "path", "list")
NONE_WORDS = ("", "none", "null")
TRUE_WORDS = ("true", "yes", "1", "on")
FALSE_WORDS = ("false", "no", "0", "off")
MAX_TEXT = 1000  # characters in a text parameter (str, path, list, choice): ids, names and paths
SHOWN_TEXT = 60  # characters of a refused value quoted in its error message
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Param:
    """One declared parameter: its type, allowed values, default and help text."""

    name: str
    kind: str  # one of SIMPLE_TYPES or "choice"
    default: object
    choices: tuple[str, ...] = ()
    help: str = ""
    exists: tuple[str, str] | None = None  # (table, column) a given value must be found in

    @property
    def optional(self) -> bool:
        """True when None is an accepted value (the default is None)."""
        return self.default is None

    @property
    def type_text(self) -> str:
        """The declared type as written in the comment."""
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "list" and self.choices:
            return "list of " + ", ".join(self.choices)
        return f"{self.kind} in {'.'.join(self.exists)}" if self.exists else self.kind


def notebook_dir() -> Path:
    """The notebooks folder: $ANALYSIS_NOTEBOOKS, the project's notebooks/, else the checkout's."""
    if env := os.environ.get(config.NOTEBOOKS):
        return Path(env)
    project = default_paths().notebooks
    return project if project.is_dir() else PACKAGE_DIR.parents[1] / "notebooks"


def parameters_source(path: Path, name: str) -> str:
    """The source of the notebook's cell tagged `parameters` (read as plain JSON: nbformat's
    import costs over a second, and every notebook imports this module)."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ParameterError(f"{name}: cannot read {path} ({exc})") from None
    for cell in notebook.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "code" and "parameters" in tags:
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else source
    raise ParameterError(f"{name}: no cell tagged 'parameters'")


def _comments(source: str) -> dict[int, str]:
    """Line number -> the text of the comment on that line."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {t.start[0]: t.string.lstrip("#").strip() for t in tokens if t.type == tokenize.COMMENT}


def _exists(name: str, type_text: str) -> tuple[str, tuple[str, str] | None]:
    """`str in TABLE.COLUMN` as ("str", (table, column)); any other type text unchanged."""
    kind, sep, where = type_text.partition(" in ")
    if not sep or kind.strip() != "str":
        return type_text, None
    table, dot, column = where.strip().partition(".")
    if not (dot and table.isidentifier() and column.isidentifier()):
        raise ParameterError(f"{name}: expected `str in TABLE.COLUMN`, not {type_text!r}")
    return "str", (table, column)


def _parse_type(name: str, text: str, default: object) -> tuple[str, tuple[str, ...], str]:
    """(kind, choices, help) from a declaration comment; the type is inferred when there is none."""
    type_text, _, help_text = text.partition(";")
    type_text, _ = _exists(name, type_text.strip())
    for prefix, kind in (("one of ", "choice"), ("list of ", "list")):
        if type_text.startswith(prefix):
            choices = tuple(c.strip() for c in type_text[len(prefix) :].split(",") if c.strip())
            return kind, choices, help_text.strip()
    if type_text in SIMPLE_TYPES:
        return type_text, (), help_text.strip()
    inferred = {bool: "bool", int: "int", float: "float", str: "str", list: "list"}
    if type(default) in inferred:
        return inferred[type(default)], (), text.strip()
    raise ParameterError(f"{name}: cannot tell the type of this parameter; add a type comment")


def read_spec(path: Path) -> dict[str, Param]:
    """The parameters a notebook declares, in order, read from its parameters cell with ast."""
    name = path.stem
    source = parameters_source(path, name)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ParameterError(f"{name}: parameters cell line {exc.lineno}: {exc.msg}") from None
    comments = _comments(source)
    spec: dict[str, Param] = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):  # fmt: skip
            raise ParameterError(
                f"{name}: parameters cell line {node.lineno}: only `name = literal`"
            )
        target = node.targets[0].id
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterError(
                f"{name}: parameter {target}: the default must be a literal"
            ) from None
        kind, choices, help_text = _parse_type(
            f"{name}: parameter {target}", comments.get(node.lineno, ""), default
        )
        type_text = comments.get(node.lineno, "").partition(";")[0].strip()
        exists = _exists(f"{name}: parameter {target}", type_text)[1]
        param = Param(target, kind, default, choices, help_text, exists)
        if default is not None:  # a default its own declaration refuses is a bug in the notebook
            convert(name, param, default)
        spec[target] = param
    return spec


EXPECTED = {
    "str": "a string",
    "path": "a path",
    "int": "an integer",
    "float": "a number",
    "bool": "true or false",
    "date": "a date (YYYY-MM-DD)",
    "list": "a comma-separated list",
}


def shown(value: object) -> str:
    """A value as quoted in an error message: its repr, cut short when long."""
    text = repr(value)
    return text if len(text) <= SHOWN_TEXT else f"{text[:SHOWN_TEXT]}... ({len(text):,} characters)"


def _fail(notebook: str, param: Param, value: object) -> ParameterError:
    """The one-line error for a refused value."""
    expected = (
        EXPECTED.get(param.kind, param.type_text) if param.kind != "choice" else param.type_text
    )
    return ParameterError(f"{notebook}: parameter {param.name}={shown(value)} is not {expected}")


def _check_text(notebook: str, param: Param, value: object) -> None:
    """Refuse text too long to be a name, id or path, or holding a control character (NUL, newline)."""
    texts = value if isinstance(value, list | tuple) else [value]
    for text in (t for t in texts if isinstance(t, str)):
        if len(text) > MAX_TEXT:
            raise ParameterError(
                f"{notebook}: parameter {param.name} is {len(text):,} characters long; "
                f"the limit is {MAX_TEXT:,}"
            )
        if found := CONTROL.search(text):
            raise ParameterError(
                f"{notebook}: parameter {param.name}={shown(text)} contains control character "
                f"U+{ord(found.group()):04X}"
            )


def _to_list(value: object) -> list[str]:
    """A list of strings from a list or a comma-separated string."""
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


def convert(notebook: str, param: Param, value: object) -> object:
    """`value` (as typed on a command line or injected by papermill) as the declared type.

    Every value is checked as data (length, control characters) before it is converted; nothing
    in a value is ever evaluated.
    """
    _check_text(notebook, param, value)
    if value is None or (isinstance(value, str) and value.strip().lower() in NONE_WORDS):
        if param.optional:
            return None
        if isinstance(value, str) and param.kind in ("str", "path", "list"):
            return [] if param.kind == "list" else value.strip()
        raise _fail(notebook, param, value)
    text = value.strip() if isinstance(value, str) else value
    kind = param.kind
    if kind in ("str", "path"):
        return str(text)
    if kind == "date":
        if isinstance(text, dt.date):
            return text
        try:
            return dt.date.fromisoformat(str(text))
        except ValueError:
            raise _fail(notebook, param, value) from None
    if kind == "bool":
        if isinstance(text, bool):
            return text
        word = str(text).lower()
        if word in TRUE_WORDS + FALSE_WORDS:
            return word in TRUE_WORDS
        raise _fail(notebook, param, value)
    if kind in ("int", "float"):
        number_type = int if kind == "int" else float
        try:
            if isinstance(text, bool) or (kind == "int" and isinstance(text, float)):
                raise ValueError
            return number_type(text)
        except ValueError:
            raise _fail(notebook, param, value) from None
    if kind == "choice":
        if str(text) in param.choices:
            return str(text)
        raise _fail(notebook, param, value)
    items = _to_list(text)
    bad = [item for item in items if param.choices and item not in param.choices]
    if bad:
        choices = ", ".join(param.choices)
        raise ParameterError(
            f"{notebook}: parameter {param.name}: {shown(bad[0])} is not one of {choices}"
        )
    return items


def injectable(value: object) -> object:
    """A converted value as papermill injects it: dates as ISO strings, the rest unchanged."""
    return value.isoformat() if isinstance(value, dt.date) else value


def validate(notebook: str, spec: dict[str, Param], values: dict[str, object]) -> dict[str, object]:
    """Converted values for the names given; unknown names are refused."""
    unknown = [key for key in values if key not in spec]
    if unknown:
        known = ", ".join(spec) or "none"
        raise ParameterError(f"{notebook}: unknown parameter {unknown[0]!r} (parameters: {known})")
    return {key: convert(notebook, spec[key], value) for key, value in values.items()}


def bind(notebook: str, namespace: dict[str, object]) -> SimpleNamespace:
    """The notebook's parameters as typed values, taken from its namespace (call after the
    parameters cell). Reads only: the runner names each kernel's reads ($ANALYSIS_NOTEBOOK)."""
    spec = read_spec(notebook_dir() / f"{notebook}.ipynb")
    return SimpleNamespace(**{
        key: convert(notebook, param, namespace.get(key, param.default))
        for key, param in spec.items()
    })  # fmt: skip
