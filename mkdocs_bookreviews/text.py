"""Values from front matter as text: one line, without invisible controls, and bounded.

Nothing here imports MkDocs. Front matter can hold anything YAML can: integers of thousands of
digits, and alias "bombs" whose nested lists would print as gigabytes. Every function here
costs at most what it returns: it walks and converts only as much of a value as it shows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from . import language
from .escaping import valid_text
from .front_matter import LongNumber

SHOWN_LIMIT = 60
# Integers up to about 3,900 digits convert to text (Python refuses more than 4,300).
_MAX_INT_BITS = 13_000


def clean_text(text: str) -> str:
    """One line of text: white space runs become one space; control characters, lone
    surrogates, bidi controls and zero-width spaces go (`escaping.INVALID["line"]`)."""
    if text.isprintable():  # no character of category C* (so no Cc, Cs or Cf): the usual case
        return " ".join(text.split())
    return " ".join(valid_text(text, "line").split())


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C", in the site's language ("A, B und C")."""
    return language.join(names)


def number_text(value: int | float) -> str | None:
    """A number as text, or None for an integer too long to convert (thousands of digits)."""
    if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
        return None
    return str(value)


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A value as a warning quotes it: repr-like, on one line, at most `limit` characters.

    Strings show their control characters escaped (a newline as `\\n`), so a warning is one
    line that says exactly what was written.
    """
    out: list[str] = []
    _preview(value, out, limit + 1)
    text = "".join(out)
    if len(text) <= limit:
        return text
    closing = text[0] if text[0] in "'\"[{" else ""
    closing = {"[": "]", "{": "}"}.get(closing, closing)
    return text[: limit - 1 - len(closing)] + "…" + closing


def bounded_text(value: object, limit: int = 1000) -> str:
    """A value as plain text for a theme to print (a list as "a, b"), at most `limit` long."""
    if isinstance(value, str):
        return value[:limit]
    if value is None:
        return ""
    if isinstance(value, list):
        out: list[str] = []
        budget = limit + 1
        for i, item in enumerate(value):
            if budget <= 0:
                break
            # Nested values show as a short preview: each level costs, so depth is bounded.
            nested = isinstance(item, (list, dict))
            item_text = shown(item, min(budget, 200)) if nested else bounded_text(item, budget)
            part = (", " if i else "") + item_text
            out.append(part)
            budget -= len(part)
        return "".join(out)[:limit]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = number_text(value)
        return (text if text is not None else shown(value))[:limit]
    return shown(value, limit)


def _preview(value: object, out: list[str], budget: int) -> int:
    """Append at most about `budget` characters of `value` to `out`; return what is left."""
    if budget <= 0:
        return 0
    if isinstance(value, LongNumber):
        piece = str(value)[:budget]
    elif isinstance(value, str):
        piece = "'" + visible(value[:budget]) + "'"
    elif value is None or isinstance(value, bool):  # as YAML writes them
        piece = {None: "null", True: "true", False: "false"}[value]
    elif isinstance(value, (dt.date, dt.datetime)):
        piece = value.isoformat()
    elif isinstance(value, float):
        piece = repr(value) if math.isfinite(value) else str(value)
    elif isinstance(value, int):
        text = number_text(value)
        piece = text if text is not None else f"<a number of about {_digits(value):,} digits>"
    elif isinstance(value, (list, tuple)):
        return _preview_items(iter(value), out, budget, "[]", _preview)
    elif isinstance(value, dict):
        return _preview_items(iter(value.items()), out, budget, "{}", _preview_pair)
    else:  # binary, a set, a timestamp with a zone: said by its kind, never walked
        piece = f"<{type(value).__name__}>"
    piece = piece[:budget]
    out.append(piece)
    return budget - len(piece)


def _preview_items(
    items: Iterator[Any],
    out: list[str],
    budget: int,
    brackets: str,
    each: Callable[[Any, list[str], int], int],
) -> int:
    """Bracketed items, each through `each`, until the budget runs out (never walks further)."""
    out.append(brackets[0])
    budget -= 1
    for i, item in enumerate(items):
        if budget <= 0:
            return 0
        if i:
            out.append(", ")
            budget -= 2
        budget = each(item, out, budget)
    out.append(brackets[1])
    return budget - 1


def _preview_pair(pair: tuple[object, object], out: list[str], budget: int) -> int:
    key, value = pair
    budget = _preview(key, out, budget)
    if budget <= 0:
        return 0
    out.append(": ")
    return _preview(value, out, budget - 2)


def visible(text: str) -> str:
    """`text` with every character that does not print (newline, tab, bidi controls) escaped
    as Python writes it (`\\n`, `\\u202e`), so a warning shows exactly what was written."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _digits(value: int) -> int:
    return int(value.bit_length() * math.log10(2)) + 1
