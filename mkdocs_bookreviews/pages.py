"""The Markdown of a generated page (see `views/`): front matter with its title and nothing
else; its body is rendered to HTML when MkDocs builds the page."""

from __future__ import annotations

from .escaping import yaml_string


def page_stub(title: str, *, searchable: bool = True) -> str:
    """The Markdown of a listing page: front matter with its title.

    `searchable=False` asks Material's search to skip the page (`search: exclude`).
    """
    search = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {yaml_string(title)}\n{search}---\n"
