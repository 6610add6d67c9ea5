"""The Markdown of a generated page (see `views/`): front matter with its title and nothing
else; its body is rendered to HTML when MkDocs builds the page."""

from __future__ import annotations

import json
import re


def page_stub(title: str, *, searchable: bool = True) -> str:
    """The Markdown of a listing page: front matter with its title.

    `searchable=False` asks Material's search to skip the page (`search: exclude`).
    """
    search = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {yaml_string(title)}\n{search}---\n"


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar that every YAML loader reads back as `text`.

    JSON strings are YAML, but `json.dumps` writes characters outside the Basic Multilingual
    Plane as surrogate pairs (`\\ud83d\\udc09`), which YAML refuses; and characters YAML does
    not allow raw (U+0085, U+FFFE, C1 controls) must be escaped.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


# Characters YAML 1.1 does not take unescaped in a quoted scalar: those outside its "printable"
# set, and the line breaks it would fold (json.dumps has escaped tab, newline and return).
_NOT_YAML_PRINTABLE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
