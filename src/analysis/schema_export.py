"""The schema declaration exported for other tools: Frictionless Table Schema (datapackage.json)
and pandera (for users who validate processed tables in their own code)."""

from __future__ import annotations

import polars as pl

from analysis.schema import MIN_DATE, Table


def frictionless_schema(table: Table) -> dict[str, object]:
    """The table's Frictionless Table Schema (for datapackage.json)."""
    types = {
        pl.String: "string",
        pl.Int64: "integer",
        pl.Float64: "number",
        pl.Date: "date",
        pl.Boolean: "boolean",
    }
    fields = []
    for f in table.fields:
        spec: dict[str, object] = {
            "name": f.name,
            "type": types[type(f.dtype)],
            "description": f.description,
        }
        constraints: dict[str, object] = {}
        if f.required:
            constraints["required"] = True
        if f.enum:
            constraints["enum"] = list(f.enum)
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, object] = {"fields": fields, "primaryKey": list(table.key)}
    if table.source_column:
        schema["foreignKeys"] = [
            {
                "fields": table.source_column,
                "reference": {"resource": "sources", "fields": "source_id"},
            }
        ]
    return schema


def pandera_schema(table: Table):  # noqa: ANN201 - pandera is imported lazily
    """A pandera DataFrameSchema for a processed table (for users who validate in their own code)."""
    import pandera.polars as pa

    columns = {}
    for f in table.fields:
        checks = []
        if f.enum:
            checks.append(pa.Check.isin(list(f.enum)))
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.is_date:
            checks.append(pa.Check.ge(MIN_DATE))
        columns[f.name] = pa.Column(f.dtype, checks=checks, nullable=not f.required)
    return pa.DataFrameSchema(columns, unique=list(table.key), strict=True, name=table.name)
