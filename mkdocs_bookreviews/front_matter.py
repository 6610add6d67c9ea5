"""Reading a page's YAML front matter as MkDocs does, with bounded cost and honest notes.

Nothing here imports MkDocs. The header is found with MkDocs' own pattern and read with the
same safe YAML loader, so what the plugin reads is what MkDocs would have given the page, but
hostile or careless input cannot crash or stall the build:

- a header larger than `MAX_HEADER_CHARS` is not read at all (MkDocs reads it itself);
- an integer too long for Python to convert becomes a `LongNumber` (text) instead of an error;
- aliases stay shared objects (a "billion laughs" header costs what its text costs), and
  everything downstream that shows a value walks only as much of it as it prints;
- a key given twice is noted (YAML keeps the last silently), and so is a header whose closing
  `---` line is missing;
- a closing `---` that is the file's last line, with no newline after it, closes the header
  (MkDocs' own pattern does not accept it: the plugin hands MkDocs the empty body of such a
  review itself, and leaves other pages to MkDocs, see `markdown_after_front_matter`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# The same front-matter boundaries MkDocs uses (mkdocs.utils.meta.YAML_RE), so that what we read
# as a review's header is exactly what MkDocs strips from the page...
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
# ...and one more: a closing line that ends the file, with no newline after it and no body.
# MkDocs' pattern wants a newline there and shows such a page's header as text; real collections
# have reviews like that (every field, no words), so a review's header may close there too.
_FRONT_MATTER_AT_END = re.compile(
    r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.UNICODE | re.DOTALL
)
_OPENING = re.compile(r"^-{3}[ \t]*\n")
# A top-level key at the start of a line: how a header that is not read still tells its keys.
_TOP_LEVEL_KEY = re.compile(r"^([^\s#:'\"\-?][^:\n]*?)[ \t]*:(?:[ \t]|$)", re.MULTILINE)
# Real front matter is a few hundred bytes; a megabyte is not a header but an accident or an
# attack, and reading it would cost the build more than MkDocs spends on the page.
MAX_HEADER_CHARS = 1024 * 1024
# How far into a page with an opening `---` and no closing one to look for its keys.
_UNCLOSED_SCAN_CHARS = 64 * 1024


class LongNumber(str):
    """An integer written with more digits than Python will convert (over 4,300): kept as the
    text that was written, so that it is a bad field, not a crash."""


@dataclass(frozen=True)
class FrontMatter:
    """What a page's front matter gave.

    `meta` is the parsed mapping (`{}` for an empty header), None when there is no header or it
    was not read; `error` says why a header is not valid YAML; `duplicates` holds each key given
    twice in one mapping, with both line numbers; `unread` says why a header was not read at
    all (too large, or no closing line), and `unread_keys` are the top-level keys of a header
    not read or not valid, as far as a line scan can tell, so a page that was meant as a
    review can still be warned about.
    """

    meta: dict[str, Any] | None = None
    error: str | None = None
    duplicates: tuple[tuple[str, int, int], ...] = ()
    unread: str | None = None
    unread_keys: frozenset[str] = field(default_factory=frozenset)


class _Loader(_BaseLoader):
    """PyYAML's safe loader (libyaml where installed, as MkDocs uses), noting duplicate keys and
    keeping over-long integers as text."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                line = key_node.start_mark.line
                if key_node.value in first_line:
                    self.duplicates.append((key_node.value, first_line[key_node.value], line))
                else:
                    first_line[key_node.value] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than int() converts: keep what was written
            return LongNumber(str(node.value))


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


def split_front_matter(text: str) -> FrontMatter:
    """Parse a page's YAML front matter as MkDocs would.

    A page with a valid header gets its mapping; a page with none (or whose `---` lines hold
    YAML that is not a mapping, which MkDocs shows as content) gets `meta=None`; a header that
    is not valid YAML gets `error`; one too large to read, or never closed, gets `unread`.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    match = _FRONT_MATTER_AT_END.match(text)
    if match is None:
        if _OPENING.match(text) is None:
            return FrontMatter()
        head = text[:_UNCLOSED_SCAN_CHARS].split("\n\n", 1)[0]
        return FrontMatter(unread="has no closing `---` line", unread_keys=_keys(head))
    header = match.group(1)
    if len(header) > MAX_HEADER_CHARS:
        return FrontMatter(
            unread=f"is {len(header):,} characters long, more than a review's header can be "
            f"({MAX_HEADER_CHARS:,})",
            unread_keys=_keys(header),
        )
    loader = _Loader(header)
    try:
        meta = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        return FrontMatter(
            error=f"{' '.join(str(problem).split())}{where}", unread_keys=_keys(header)
        )
    except (ValueError, RecursionError, MemoryError) as error:  # whatever else a loader raises
        return FrontMatter(
            error=f"cannot be read ({type(error).__name__})", unread_keys=_keys(header)
        )
    finally:
        loader.dispose()
    if meta is None:  # an empty header, or one holding only comments
        return FrontMatter(meta={})
    if not isinstance(meta, dict):
        # Not front matter but content (a page opening with a horizontal rule): MkDocs shows it.
        return FrontMatter()
    # Line numbers count from the top of the file: the opening `---` is line 1.
    duplicates = tuple((key, first + 2, again + 2) for key, first, again in loader.duplicates)
    return FrontMatter(meta=meta, duplicates=duplicates)


def markdown_after_front_matter(text: str, *, closed_at_end: bool = False) -> str | None:
    """The Markdown MkDocs keeps of a page whose front matter is a non-empty mapping: the text
    after the closing line, leading blank lines dropped (as `mkdocs.utils.meta.get_data`).

    None when there is no front matter to take off. With `closed_at_end`, a header whose
    closing line ends the file is taken off too (its Markdown is ""); MkDocs would keep it.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    match = (_FRONT_MATTER_AT_END if closed_at_end else _FRONT_MATTER).match(text)
    return None if match is None else text[match.end() :].lstrip("\n")


def _keys(header: str) -> frozenset[str]:
    return frozenset(match.group(1) for match in _TOP_LEVEL_KEY.finditer(header))
