"""Reading and writing the CSV files of the stance data sets, with one-line errors."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from ..errors import input_error

# Article bodies run to tens of thousands of characters in one field.
csv.field_size_limit(2**24)


def read_rows(path: str | Path, *, dataset: str, what: str, columns: Sequence[str]) -> list[dict[str, str]]:
    """The rows of a CSV file with a header naming at least `columns`.

    E050 when the file cannot be read as UTF-8 CSV, E051 when it lacks a column.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                article = "an" if dataset[0].lower() in "aefhilmnorsx" else "a"
                raise input_error(
                    "E051", source=str(path), description=" ".join(filter(None, (article, dataset, what))),
                    reason=f"no column {', '.join(repr(c) for c in missing)}"
                    + (f" (found {', '.join(header)})" if header else " (the file is empty)"),
                    expected=", ".join(columns),
                )
            return [dict(row) for row in reader]
    except FileNotFoundError as error:
        raise input_error("E050", source=str(path), dataset=dataset, reason="file not found") from error
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise input_error("E050", source=str(path), dataset=dataset, reason=error) from error


def write_rows(path: str | Path, rows: Sequence[dict[str, str]], predicted: Sequence[str]) -> None:
    """Write `rows` as they were read, each with its prediction in a last column `Predicted`."""
    path = Path(path)
    fields = list(rows[0]) if rows else []
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=[*fields, "Predicted"])
            writer.writeheader()
            for row, label in zip(rows, predicted):
                writer.writerow({**row, "Predicted": label})
    except OSError as error:
        raise input_error("E055", source=str(path), path=str(path), reason=error.strerror or error) from error
