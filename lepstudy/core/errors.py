"""One error type for bad input, so every message names file, row, column and what was expected."""

from __future__ import annotations

from pathlib import Path


class DataError(ValueError):
    """Bad input data. The message says where (file, row, column) and what was expected.

    ``row`` is the 1-based line number in the file as a spreadsheet user sees it (header = line 1),
    or ``None`` when the problem concerns the whole file or a whole column.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
        expected: str | None = None,
        value: object = None,
    ) -> None:
        self.problem = problem
        self.key = key
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.expected = expected
        self.value = value
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(f"file {self.file}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        if self.key:
            where.append(f"key '{self.key}'")
        text = (", ".join(where) + ": " if where else "") + self.problem
        if self.value is not None:
            text += f" (found {self.value!r})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class DataErrors(ValueError):
    """Several problems in one file, reported together so a user can fix them in one pass."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        lines = [f"{len(errors)} problem(s) found:"] + [f"  - {e}" for e in errors[:50]]
        if len(errors) > 50:
            lines.append(f"  ... and {len(errors) - 50} more")
        super().__init__("\n".join(lines))


class Collector:
    """Gather cell-level problems so a user sees all of them at once, then raise."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []

    def attempt(self, function, *args, **kwargs):
        """Call ``function``; a DataError is recorded and None returned."""
        try:
            return function(*args, **kwargs)
        except DataErrors as many:
            self.errors.extend(many.errors)
        except DataError as error:
            self.errors.append(error)
        return None

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise DataErrors(self.errors)
