"""Who made a book, for people: the role words, and the lines that credit a book's makers.

Nothing here imports MkDocs. A review names authors and other credits (`fields.Credit`: an
editor, a translator, a narrator); the review header, the cards, the cover's text alternative
and the "Title by Author" line of feeds and link previews all credit them the same way, so
they are worded here, once. `ROLE_PHRASES` is the one table of reader-visible role words (for
the message catalogs to come); a role it does not know is shown as "role: name".
"""

from __future__ import annotations

from collections.abc import Sequence

from .fields import Credit
from .text import join_names

AUTHOR = "author"
# How each role credits its names, in the order a byline lists them.
ROLE_PHRASES = {
    AUTHOR: "by",
    "editor": "edited by",
    "compiler": "compiled by",
    "reteller": "retold by",
    "adapter": "adapted by",
    "translator": "translated by",
    "illustrator": "illustrated by",
    "narrator": "read by",
    "foreword": "foreword by",
    "introduction": "introduction by",
    "afterword": "afterword by",
}
# A role the table does not know, before its names: "cartographer: Ann Lee".
OTHER_ROLE = "{role}:"


def phrase(role: str) -> str:
    """The words before a role's names: "translated by", or "cartographer:" for a role the
    table does not know."""
    return ROLE_PHRASES.get(role) or OTHER_ROLE.format(role=role)


def by_role(authors: Sequence[str], credits: Sequence[Credit]) -> list[tuple[str, list[str]]]:
    """(role, names) for each role that has names: authors first, then the table's order,
    then unknown roles as written."""
    groups: dict[str, list[str]] = {AUTHOR: list(authors)} if authors else {}
    for credit in credits:
        groups.setdefault(credit.role, []).append(credit.name)
    order = {role: index for index, role in enumerate(ROLE_PHRASES)}
    return sorted(groups.items(), key=lambda group: order.get(group[0], len(order)))


def byline_parts(authors: Sequence[str], credits: Sequence[Credit]) -> list[str]:
    """Each role's credit: ["by Olga Tokarczuk", "translated by Jennifer Croft"]."""
    return [f"{phrase(role)} {join_names(names)}" for role, names in by_role(authors, credits)]


def made_by(authors: Sequence[str], credits: Sequence[Credit]) -> str:
    """Who a book is by, as a card shows it: its authors ("A and B"), or, for a book without
    an author, its credits ("retold by X · illustrated by Y"); "" for nobody."""
    if authors:
        return join_names(authors)
    return " · ".join(byline_parts((), credits))


def titled(title: str, authors: Sequence[str], credits: Sequence[Credit]) -> str:
    """A book's one-line name: "Title by Author", "Title, edited by Alice Wong", or the
    title alone."""
    if authors:
        return f"{title} {phrase(AUTHOR)} {join_names(authors)}"
    if credits:
        return f"{title}, " + ", ".join(byline_parts((), credits))
    return title
