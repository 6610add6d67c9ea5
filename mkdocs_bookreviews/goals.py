"""Reading goals: the `goals` option (`goals: {2026: 52}`, books per year) read and checked,
and a year's progress towards its goal.

A goal counts the books finished in its year (each review read that year once, books not
finished left out), the same books the year's page lists. Nothing here imports MkDocs; the
config's check (`goal_problems`) runs in `glue/config.option_errors`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .groups import Year
from .text import shown

MOST_BOOKS = 100_000  # a goal above this is a typo
FIX = "write a year and a number of books, like `goals: {2026: 52}`"


def _year(key: object) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        number = key
    elif isinstance(key, str) and key.strip().isascii() and key.strip().isdigit():
        number = int(key.strip()[:5])
    else:
        return None
    return number if 1000 <= number <= 9999 else None


def _count(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MOST_BOOKS:
        return value
    return None


def goal_problems(goals: object) -> list[str]:
    """What is wrong with the `goals` option, one sentence per mistake."""
    if not isinstance(goals, Mapping):
        return [f"{shown(goals)} is not a mapping of years to books; {FIX}"]
    problems = []
    for key, value in goals.items():
        if _year(key) is None:
            problems.append(f"{shown(key)} is not a year (like 2026); {FIX}")
        elif _count(value) is None:
            problems.append(
                f"{key}: {shown(value)} is not a number of books (a whole number from 1 to "
                f"{MOST_BOOKS:,}); {FIX}"
            )
    return problems


def read_goals(goals: object) -> dict[int, int]:
    """The goals by year, the valid ones (the config's check has named the others)."""
    if not isinstance(goals, Mapping):
        return {}
    found = {}
    for key, value in goals.items():
        year, count = _year(key), _count(value)
        if year is not None and count is not None:
            found[year] = count
    return found


@dataclass(frozen=True)
class Goal:
    """One year's goal and how far it is: `done` books of `goal`."""

    year: int
    goal: int
    done: int

    @property
    def met(self) -> bool:
        return self.done >= self.goal

    @property
    def share(self) -> float:
        """How much of the bar is filled, in percent (at most 100)."""
        return round(min(self.done, self.goal) / self.goal * 100, 2)

    @property
    def now(self) -> int:
        """The bar's value (`aria-valuenow`), at most the goal."""
        return min(self.done, self.goal)


def progress(goals: Mapping[int, int], finished: Mapping[int, int]) -> list[Goal]:
    """Each goal's progress, newest year first; `finished`: books finished per year."""
    return [Goal(year, goals[year], finished.get(year, 0)) for year in sorted(goals, reverse=True)]


def finished_per_year(years: Iterable[Year]) -> dict[int, int]:
    """Books finished per year: each year's reviews, less those not finished."""
    return {year.year: len(year.reviews) - year.did_not_finish for year in years}
