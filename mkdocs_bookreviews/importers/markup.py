"""Review text to Markdown: Goodreads' HTML and StoryGraph's plain text, every word kept.

A small converter over the standard library's `html.parser` rather than a dependency: reviews use
a handful of tags (`<br />`, `<b>`, `<i>`, `<a>`, `<blockquote>`, `<spoiler>`, lists), and what
matters most is the text *between* tags: it is escaped so that nothing in it becomes Markdown or
HTML (a review that mentions `<script>` or `*nix` shows exactly that), on any site, whatever
Markdown extensions it enables (`escaping.markdown_text` and `escaping.markdown_line_start` say
how), and unknown tags are dropped with their text kept.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..escaping import markdown_line_start, markdown_link_address, markdown_text

_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLOCK = {"p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "u": "", "s": "", "strike": ""}


def _paragraphs(lines_text: str) -> str:
    """Lines joined as Markdown: blank lines part paragraphs, single breaks stay breaks."""
    paragraphs: list[list[str]] = [[]]
    for raw in lines_text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line)
    blocks = ["  \n".join(lines) for lines in paragraphs if lines]
    return "\n\n".join(blocks)


def text_to_markdown(text: str) -> str:
    """Plain text (StoryGraph's reviews) as Markdown paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [markdown_line_start(markdown_text(line.strip())) for line in text.split("\n")]
    return _paragraphs("\n".join(lines))


def html_to_markdown(html: str, *, site: str = "") -> str:
    """Goodreads' review HTML as Markdown paragraphs; no markup of the review gets through.
    Links to `/paths` are made absolute on `site` ("https://www.goodreads.com")."""
    converter = _Converter(site)
    converter.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    converter.close()
    return converter.markdown()


class _Converter(HTMLParser):
    def __init__(self, site: str) -> None:
        super().__init__(convert_charrefs=True)
        self.site = site
        # Each open inline element collects its text on a stack; the bottom is the document.
        self.stack: list[tuple[str, str, list[str]]] = [("", "", [])]
        self.quote_depth = 0
        self.list_depth = 0

    def _out(self, text: str) -> None:
        self.stack[-1][2].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._out("\n")
        elif tag in _EMPHASIS or tag == "a":
            href = dict(attrs).get("href") or "" if tag == "a" else ""
            self.stack.append((tag, href, []))
        elif tag in _BLOCK:
            self._close_inline()
            if tag == "blockquote":
                self.quote_depth += 1
            if tag in ("ul", "ol"):
                self.list_depth += 1
            self._out("\n\n")
            if tag == "li":
                self._out("\x02")  # a list-item mark, kept past escaping (see markdown())
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.handle_data(alt)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _EMPHASIS or tag == "a":
            if any(open_tag == tag for open_tag, _, _ in self.stack[1:]):
                while self.stack[-1][0] != tag:
                    self._pop()
                self._pop()
        elif tag in _BLOCK:
            self._close_inline()
            self._out("\n\n")
            if tag == "blockquote":
                self.quote_depth = max(0, self.quote_depth - 1)
            if tag in ("ul", "ol"):
                self.list_depth = max(0, self.list_depth - 1)

    def handle_data(self, data: str) -> None:
        text = markdown_text(data.replace("\x01", "").replace("\x02", ""))
        if self.quote_depth:
            text = text.replace("\n", "\n\x01")
            if not self.stack[-1][2] or self.stack[-1][2][-1].endswith("\n"):
                text = "\x01" + text
        self._out(text)

    def _close_inline(self) -> None:
        while len(self.stack) > 1:
            self._pop()

    def _pop(self) -> None:
        tag, href, parts = self.stack.pop()
        inner = "".join(parts)
        core = inner.strip()
        if not core:
            self._out(inner)
            return
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        if tag == "a":
            url = href.strip()
            if self.site and url.startswith("/") and not url.startswith("//"):
                url = self.site + url
            if url.lower().startswith(("http://", "https://")):
                core = f"[{core}]({markdown_link_address(url)})"
        else:
            mark = _EMPHASIS[tag]
            if "\n" not in core and "\x02" not in core:
                core = f"{mark}{core}{mark}"
        self._out(lead + core + trail)

    def markdown(self) -> str:
        self._close_inline()
        text = "".join(self.stack[0][2])
        lines = []
        for line in text.split("\n"):
            quoted = "\x01" in line
            line = line.replace("\x01", "").strip()
            item = line.startswith("\x02")
            line = markdown_line_start(line.replace("\x02", "").strip())
            if item and line:
                line = "- " + line
            if quoted and line:
                line = "> " + line
            lines.append(line)
        return _paragraphs("\n".join(lines))
