"""Review text to Markdown: Goodreads' HTML and StoryGraph's plain text, every word kept.

A small converter over the standard library's `html.parser` rather than a dependency: reviews use
a handful of tags (`<br />`, `<b>`, `<i>`, `<a>`, `<blockquote>`, `<spoiler>`, lists), and what
matters most is the text *between* tags: it is escaped so that nothing in it becomes Markdown or
HTML (a review that mentions `<script>` or `*nix` shows exactly that), and unknown tags are
dropped with their text kept.

The escaping holds on any site, whatever Markdown extensions it enables, not only on plain
Python-Markdown: extensions add syntax that a backslash does not stop (pymdownx.blocks' `///`,
Material's `===` tabs, snippets' `--8<--` and critic's `{++ ++}` are read before any escape is),
so every character that starts such syntax is written as a numeric character reference
(`&#61;` for `=`), which every Markdown reader shows as the character and no extension reads
as syntax. Only `\\`, `` ` ``, `*`, `_` (and a few line starts) keep their backslash escapes,
which are plain Markdown's and read by every extension that gives those characters meaning.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

# What starts Markdown syntax inside a line, in Python-Markdown or an extension Material sites
# enable: emphasis and code (backslash-escaped), links, footnotes and abbreviations (`[`),
# attr_list and critic (`{`), tables (`|`), tilde, mark, caret, keys and critic (`~ = ^ +`),
# arithmatex (`$`), raw HTML and snippets (`<`), an entity (`&`), and a colon that is not
# followed by a space (emoji `:smile:`, icons); a colon before a space stays as it is.
_INLINE = re.compile(r"[\\`*_\[\]{}|~=^$+<]|:(?=\S)|&(?=#?[0-9A-Za-z]+;)")
_BACKSLASHED = frozenset("\\`*_")
# What makes a line a heading, quote, list item, rule or setext underline when it starts it,
# and the block syntax of extensions Material sites often enable: admonitions (`!!!`),
# details (`???`), blocks (`///`) and definitions (`: `); `=`, `~`, `+`, `|` are references
# wherever they are, so tabs (`===`), tilde fences and `+` items are taken care of already.
_LINE_START = re.compile(r"^(\s*)(#|>|[-+](?=\s|$)|\d+(?=[.)](?:\s|$))|-+\s*$|!|\?|/|:)")
# Line-start characters a backslash does not escape in Python-Markdown: written as references.
_AS_ENTITY = {"?": "&#63;", ":": "&#58;", "/": "&#47;"}
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLOCK = {"p", "div", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*", "u": "", "s": "", "strike": ""}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _BACKSLASHED:
        return "\\" + char
    if char == "<":
        return "&lt;"
    if char == "&":
        return "&amp;"
    return f"&#{ord(char)};"


def escape_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text, whatever extensions read it."""
    return _INLINE.sub(_escaped, text)


def _link_address(url: str) -> str:
    """A link's address as Markdown keeps it: percent-encoded where an extension would read it
    before the link is made (arithmatex's `$`, tilde's `~`, caret's `^`, `*`, parentheses);
    `=`, `+`, `&` and `;` stay, as they mean something else encoded in a query."""
    safe = quote(url, safe="/:?#&=%+;,@!'.-_")
    for char in "~()":  # quote never encodes `~`; parentheses would end the Markdown link
        safe = safe.replace(char, f"%{ord(char):02X}")
    return safe


def _escape_line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if not match:
        return line
    indent, mark = match.group(1), match.group(2)
    rest = line[match.end(1) :]
    if mark[0].isdigit():  # "1. " -> "1\. "
        return indent + mark + "\\" + rest[len(mark) :]
    if mark[0] in _AS_ENTITY:
        return indent + _AS_ENTITY[mark[0]] + rest[1:]
    return indent + "\\" + rest


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
    lines = [_escape_line_start(escape_text(line.strip())) for line in text.split("\n")]
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
        text = escape_text(data.replace("\x01", "").replace("\x02", ""))
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
                core = f"[{core}]({_link_address(url)})"
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
            line = _escape_line_start(line.replace("\x02", "").strip())
            if item and line:
                line = "- " + line
            if quoted and line:
                line = "> " + line
            lines.append(line)
        return _paragraphs("\n".join(lines))
