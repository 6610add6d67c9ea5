"""A review's quotes: its top-level blockquotes, read from its Markdown, and their anchors.

The library is read in `on_files`, before any page is rendered, and a generated page may be
rendered before the reviews it shows (or, under `--dirty`, without them): so the quotes are read
from each review's Markdown source at read time, by Python-Markdown's own rules for a
blockquote, as far as a quote needs them:

- a blockquote starts at a line that opens with `>` (up to three spaces before it), anywhere in
  a block of lines (the lines before it are a paragraph of their own);
- every line after it up to a blank line belongs to it, `>` or not (lazy continuation), and so
  does a `>` block after blank lines only (Python-Markdown joins them into one blockquote);
  `> >` is a blockquote inside it, part of the same quote;
- a `>` inside a fenced code block (``` or ~~~), an indented code block, an HTML comment or a
  list item is no quote.

A quote preceded by the comment `<!-- bookreviews: not a quote -->` (on the line before it, or
with blank lines between) is left out: an HTML comment works on every site, needs no Markdown
extension, and is invisible in the page; Python-Markdown keeps it apart from the blockquote, so
the review page shows the blockquote as it was.

Each quote's anchor (`names.quote_anchor`) hashes its words, so it is stable across builds and
edits to other quotes. The review page gets the same id on the same blockquote (`anchor_quotes`,
over the rendered HTML: the words of a quote are the same either side of Markdown). A quote is
shown away from its review as Python-Markdown renders it, kept to a few tags without attributes
(`escaping.kept_html`), with its own quotation marks taken off when they enclose it (straight,
curly, low or guillemets): the quotes page gives every quote the same decorative mark.
"""

from __future__ import annotations

import functools
import hashlib
import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import markdown  # type: ignore[import-untyped]

from .escaping import Markup, escape, kept_html, valid_text
from .front_matter import markdown_after_front_matter
from .names import quote_anchor
from .render import mark_quotes

# How a reader writes "this is no quote of the book" (any case, the colon optional).
NOT_A_QUOTE = "<!-- bookreviews: not a quote -->"
_NOT_A_QUOTE = re.compile(r"<!--\s*bookreviews\s*:?\s*not\s+a\s+quote\s*-->", re.I)
_NOT_A_QUOTE_OPTIONS = re.compile(r"not\s+a\s+quote", re.I)
_QUOTE_LINE = re.compile(r"^ {0,3}>")
_DEQUOTE = re.compile(r"^ {0,3}> ?")
# A fenced code block's opening line (fenced_code: no indent; pymdownx.superfences: some).
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t]")
_COMMENT_START = re.compile(r"^ {0,3}<!--")
# Lines that end a block wherever they stand in it (Python-Markdown looks for them before it
# looks for a blockquote): an ATX heading, a rule; and a raw HTML block's opening tag.
_HEADING = re.compile(r"^#{1,6}")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})\s*$")
_SETEXT = re.compile(r"^[=-]+[ ]*$")
_HTML_BLOCK = re.compile(
    r"^<(?P<tag>address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer"
    r"|form|h[1-6]|header|main|nav|ol|p|pre|section|table|ul|video|audio|canvas|noscript"
    r"|script|style|iframe|math|svg)(?=[\s>/])",
    re.I,
)
# Quotation marks a quote may open and close with.
_OPENING = '"\u201c\u201e\u00ab\u00bb\u300c\u300e'
_CLOSING = '"\u201d\u201c\u00bb\u00ab\u300d\u300f'
_MARKS = re.compile(f"[{_OPENING}{_CLOSING}]")
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPHS = re.compile(r"\n\s*\n")
# Text that Python-Markdown would only wrap in paragraphs: no character that starts inline
# syntax or an entity, no line that starts a block (indented, a list, a rule or a heading's
# underline) or ends in a hard break. Most quotes are such prose, and skip Python-Markdown.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]<>&!#|~{}:\t\r]|^[ ]|^(?:[-+=]|\d+[.)])|  $", re.M)
_BLOCKQUOTE_TAG = re.compile(r"<(/?)blockquote\b[^>]*>", re.I)


def says_not_a_quote(options: str) -> bool:
    """Whether a `<!-- bookreviews ... -->` comment's options are "not a quote" (the mark of a
    blockquote that is no quote of the book, not a listing marker)."""
    return _NOT_A_QUOTE_OPTIONS.fullmatch(options.strip()) is not None


@dataclass(frozen=True)
class Quote:
    """One quote of a review: its anchor id in the review page and its HTML to show (safe:
    a blockquote with a few tags, no attributes but the quote's classes)."""

    src_uri: str
    anchor: str
    html: Markup


@dataclass(frozen=True)
class Block:
    """A top-level blockquote of a review's Markdown: its text without the `>`, and whether it
    is marked as no quote."""

    markdown: str
    opted_out: bool = False


def blockquotes(text: str) -> list[Block]:
    """The top-level blockquotes of a page's Markdown, in order (see the module's rules)."""
    if ">" not in text:
        return []
    lines = text.expandtabs(4).split("\n")
    found: list[Block] = []
    current: list[str] | None = None  # the open blockquote's lines, `>` taken off
    opted_out = False  # the open blockquote was marked
    not_a_quote = False  # the marker came, and no block since
    in_block = False  # inside a block of non-blank lines (a paragraph, a list item...)
    in_list = False  # inside a list item's block
    list_open = False  # the last block was a list's: an indented block goes on with it
    index = 0

    def close() -> None:
        nonlocal current
        if current is not None:
            found.append(Block("\n".join(current).strip("\n"), opted_out))
            current = None

    while index < len(lines):
        line = lines[index]
        if not line.strip():
            if current is not None:
                current.append("")  # a blank line may end it: a `>` block may go on with it
            in_block = in_list = False
            index += 1
            continue
        if not in_block and not line.startswith("    ") and not _LIST_ITEM.match(line):
            list_open = False  # a block of its own after the list
        fence = _FENCE.match(line)
        if fence is not None and (end := _fence_end(lines, index, fence["fence"])) is not None:
            close()
            not_a_quote = in_block = in_list = list_open = False
            index = end
            continue
        html = _HTML_BLOCK.match(line)
        if html or _HEADING.match(line) or _RULE.match(line):
            close()
            not_a_quote = in_block = in_list = list_open = False
            index = _html_end(lines, index, html["tag"]) if html else index + 1
            continue
        open_quote = current is not None and current[-1] != ""
        if _COMMENT_START.match(line):
            end = _comment_end(lines, index)
            comment = "\n".join(lines[index:end])
            close()
            not_a_quote = _NOT_A_QUOTE.search(comment) is not None
            in_block = in_list = list_open = False
            index = end
            continue
        quote_line = _QUOTE_LINE.match(line) is not None
        if (
            quote_line
            and not in_block
            and index + 1 < len(lines)
            and (_SETEXT.match(lines[index + 1]))
        ):
            # A heading underlined with === or ---: its text is no quote.
            close()
            not_a_quote = False
            index += 2
            continue
        if current is not None and (open_quote or quote_line):
            # A `>` line or a lazy one; or a `>` block after blank lines only, which
            # Python-Markdown joins to the blockquote before it.
            current.append(_DEQUOTE.sub("", line, count=1))
        elif not in_block and line.startswith("    ") and list_open:
            # An indented block after a list is the list's, up to a blank line.
            close()
            in_list = in_block = True
            index += 1
            continue
        elif not in_block and line.startswith("    "):
            # Indented code, up to a line that is not indented.
            close()
            not_a_quote = False
            while index < len(lines) and lines[index].startswith("    "):
                index += 1
            continue
        elif (not in_block and _LIST_ITEM.match(line)) or in_list:
            # A list item: its `>` lines are the item's, up to a blank line.
            close()
            not_a_quote = False
            in_list = list_open = in_block = True
            index += 1
            continue
        elif quote_line:
            current = [_DEQUOTE.sub("", line, count=1)]
            opted_out = not_a_quote and not in_block
            not_a_quote = False
        else:  # a paragraph's line
            close()
            not_a_quote = False
            in_block = True
            index += 1
            continue
        in_block = True
        index += 1
    close()
    return found


def _fence_end(lines: Sequence[str], start: int, fence: str) -> int | None:
    """The index after the fenced block opened at `start` closes; None when it never does
    (then its lines are text)."""
    closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for index in range(start + 1, len(lines)):
        if closing.match(lines[index]):
            return index + 1
    return None


def _html_end(lines: Sequence[str], start: int, tag: str) -> int:
    """The index after the line that closes the raw HTML block opened at `start` (its lines
    are HTML, not Markdown); the end when it never closes."""
    tags = re.compile(rf"<(/?){tag}(?=[\s>/])", re.I)
    depth = 0
    for index in range(start, len(lines)):
        for found in tags.finditer(lines[index]):
            depth += -1 if found[1] else 1
        if depth <= 0:
            return index + 1
    return len(lines)


def _comment_end(lines: Sequence[str], start: int) -> int:
    """The index after the line where the comment opened at `start` ends."""
    for index in range(start, len(lines)):
        if "-->" in lines[index]:
            return index + 1
    return len(lines)


_markdown: markdown.Markdown | None = None


def _to_html(text: str) -> tuple[str, Markup]:
    """A quote's HTML as Python-Markdown renders it (with `attr_list`, which many sites use:
    its `{: }` is not a quote's words), and that HTML made safe to show anywhere (kept to a few
    tags: `escaping.kept_html`). Plain prose is wrapped in its paragraphs without either."""
    if _NOT_PLAIN.search(text) is None:
        paragraphs = (valid_text(p.strip(), "line") for p in _PARAGRAPHS.split(text))
        plain = Markup("\n".join(f"<p>{escape(p)}</p>" for p in paragraphs if p))
        return plain, plain
    global _markdown
    if _markdown is None:
        _markdown = markdown.Markdown(extensions=["attr_list"])
    _markdown.reset()
    rendered = str(_markdown.convert(text))
    return rendered, kept_html(rendered)


def words_of(html: str) -> str:
    """The text of some HTML, tags taken off and references read (what an anchor hashes)."""
    return html_lib.unescape(_TAG.sub(" ", html))


def unmarked(text: str) -> str:
    """A quote's Markdown without the quotation marks that enclose it: a mark opening its first
    paragraph and one closing its last (and one opening each paragraph between, as a quote of
    several paragraphs is written), when those are all the quote's marks. Anything else (marks
    of a quote inside it, a mark only at one end) stays as written."""
    paragraphs = text.split("\n\n")
    first, last = paragraphs[0].lstrip(), paragraphs[-1].rstrip()
    if not first or first[0] not in _OPENING or not last or last[-1] not in _CLOSING:
        return text
    opening = [p.lstrip()[:1] in tuple(_OPENING) for p in paragraphs]
    if len(_MARKS.findall(text)) != sum(opening) + 1 or (len(paragraphs) == 1 and len(last) < 3):
        return text
    kept = []
    for paragraph, opens in zip(paragraphs, opening, strict=True):
        stripped = paragraph.lstrip()
        if opens:
            paragraph = paragraph[: len(paragraph) - len(stripped)] + stripped[1:]
        kept.append(paragraph)
    kept[-1] = kept[-1].rstrip()[:-1]
    return "\n\n".join(kept)


# Under `mkdocs serve` a review that did not change is not read again.
@functools.lru_cache(maxsize=32768)
def quotes_of(src_uri: str, text: str) -> tuple[Quote, ...]:
    """A review's quotes, in order, from its page text (front matter and Markdown); the
    blockquotes marked as no quote are left out (they still count for their anchors, as the
    review page's blockquotes do)."""
    body = markdown_after_front_matter(text, closed_at_end=True)
    blocks = blockquotes(text if body is None else body)
    quotes: list[Quote] = []
    seen: dict[str, int] = {}
    for block in blocks:
        rendered, shown = _to_html(unmarked(block.markdown))
        words = words_of(rendered)
        anchor = quote_anchor(words, seen)
        if block.opted_out or not words.strip():
            continue
        kept = mark_quotes(f"<blockquote>{shown}</blockquote>")
        quotes.append(Quote(src_uri, anchor, Markup(kept)))
    return tuple(quotes)


def anchor_quotes(html: str) -> str:
    """A review page's HTML with an id on each top-level blockquote (one that has none): the
    anchor its quote has on the quotes page (`quotes_of`)."""
    if "<blockquote" not in html:
        return html
    out: list[str] = []
    seen: dict[str, int] = {}
    depth = 0
    position = 0
    opening: re.Match[str] | None = None
    for tag in _BLOCKQUOTE_TAG.finditer(html):
        if not tag[1]:
            if depth == 0:
                opening = tag
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and opening is not None:
                anchor = quote_anchor(words_of(html[opening.end() : tag.start()]), seen)
                if " id=" not in opening[0]:
                    out += [html[position : opening.start() + 11], f' id="{anchor}"']
                    position = opening.start() + 11
    out.append(html[position:])
    return "".join(out)


def pick(quotes: Sequence[Quote], seed: str) -> Quote | None:
    """One of `quotes`, chosen by `seed` (a page's path): the same in every build of the same
    quotes, and most likely another for another page."""
    if not quotes:
        return None
    number = int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "big")
    return quotes[number % len(quotes)]
