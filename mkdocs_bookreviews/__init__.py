"""mkdocs-bookreviews: an MkDocs plugin that turns Markdown book reviews into a review site."""

from __future__ import annotations

__version__ = "0.1.0"
