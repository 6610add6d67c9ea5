"""Who made a book, for people: the role words, and the lines that credit a book's makers.

Nothing here imports MkDocs. A review names authors and other credits (`fields.Credit`: an
editor, a translator, a narrator); the review header, the cards, the cover's text alternative
and the "Title by Author" line of feeds and link previews all credit them the same way, so
they are worded here, once. `ROLE_PHRASES` is the one table of reader-visible role words (for
the message catalogs: each phrase holds the names, `%(names)s`, where the language puts them);
a role it does not know is shown as "role: name".
"""

from __future__ import annotations

from collections.abc import Sequence

from .fields import Credit
from .language import N_, gettext
from .text import join_names

AUTHOR = "author"
# How each role credits its names, in the order a byline lists them.
ROLE_PHRASES = {
    # TRANSLATORS: the book's authors, after its title or on its own line: "by Olga Tokarczuk".
    AUTHOR: N_("by %(names)s"),
    "editor": N_("edited by %(names)s"),
    "compiler": N_("compiled by %(names)s"),
    "reteller": N_("retold by %(names)s"),
    "adapter": N_("adapted by %(names)s"),
    "translator": N_("translated by %(names)s"),
    "illustrator": N_("illustrated by %(names)s"),
    # TRANSLATORS: the narrator of an audiobook.
    "narrator": N_("read by %(names)s"),
    "foreword": N_("foreword by %(names)s"),
    "introduction": N_("introduction by %(names)s"),
    "afterword": N_("afterword by %(names)s"),
}
# A role the table does not know, before its names: "cartographer: Ann Lee".
# TRANSLATORS: a role the plugin does not know, as the review writes it, and its names.
OTHER_ROLE = N_("%(role)s: %(names)s")


def phrase(role: str) -> str:
    """A role's credit, in the site's language, with `%(names)s` where its names go:
    "translated by %(names)s", or "cartographer: %(names)s" for a role the table does not know
    (its `%` written `%%`, so that only the names are filled in)."""
    known = ROLE_PHRASES.get(role)
    if known is not None:
        return gettext(known)
    return gettext(OTHER_ROLE) % {"role": role.replace("%", "%%"), "names": "%(names)s"}


def credit(role: str, names: str) -> str:
    """A role's credit of `names`: "translated by Jennifer Croft"."""
    return phrase(role) % {"names": names}


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
    return [credit(role, join_names(names)) for role, names in by_role(authors, credits)]


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
        # TRANSLATORS: a book's one-line name, in feeds, link previews and a cover's description.
        return gettext("%(title)s by %(names)s") % {"title": title, "names": join_names(authors)}
    if credits:
        separator = gettext(", ")
        parts = separator.join(byline_parts((), credits))
        return gettext("%(title)s, %(credits)s") % {"title": title, "credits": parts}
    return title
