"""Escaping for every language the plugin writes, and the one rule for characters an output
cannot hold.

- HTML text and attribute values: `escape` and `Markup` (markupsafe). Templates are rendered
  by the one autoescaping Jinja2 environment (`render.make_environment`); HTML built by hand
  (a tag, a link, a data attribute) escapes every value with these.
- HTML that is written on as the text of an XML element (an RSS description): `unquoted_html`.
- JSON inside `<script>`: `script_json`.
- XML text and attribute values: ElementTree escapes them; `xml_text` drops the characters
  XML 1.0 cannot hold.
- YAML: `yaml_string` (one double-quoted scalar), `yaml_mapping` (a page's front matter).
- Markdown text: `markdown_text`, `markdown_line_start`, `markdown_link_address`.
- HTML rendered from a review's Markdown, shown away from it (a quote): `kept_html`, a few
  tags without attributes and escaped text.

Characters an output cannot hold at all are found by one function, `valid_text`, by one table
of rules (`INVALID`): XML 1.0's, YAML's, and that of one line of shown text (`text.clean_text`).
The three rules differ because the outputs do, and one rule for all would change what is
written: XML keeps DEL and the C1 controls, which YAML escapes and a shown line drops; XML and
YAML refuse U+FFFE and U+FFFF, which a shown line keeps; only YAML refuses the line breaks
U+0085, U+2028 and U+2029 (it would fold them); only a shown line drops bidi controls and
zero-width characters.

Markdown text is escaped so that it shows exactly that text on any site, whatever Markdown
extensions it enables, not only on plain Python-Markdown: extensions add syntax that a backslash
does not stop (pymdownx.blocks' `///`, Material's `===` tabs, snippets' `--8<--` and critic's
`{++ ++}` are read before any escape is), so every character that starts such syntax is
written as a numeric character reference (`&#61;` for `=`), which every Markdown reader shows
as the character and no extension reads as syntax. Only `\\`, `` ` ``, `*`, `_` (and a few line
starts) keep their backslash escapes, which are plain Markdown's and read by every extension
that gives those characters meaning.
"""

from __future__ import annotations

import html
import html.parser
import json
import re
from collections.abc import Callable, Mapping
from typing import Any, Literal
from urllib.parse import quote

import yaml
from markupsafe import Markup, escape

__all__ = [
    "INVALID",
    "Markup",
    "Output",
    "escape",
    "kept_html",
    "markdown_line_start",
    "markdown_link_address",
    "markdown_text",
    "script_json",
    "unquoted_html",
    "valid_text",
    "xml_text",
    "yaml_mapping",
    "yaml_string",
]

# --- characters an output cannot hold -----------------------------------------------------

Output = Literal["xml", "yaml", "line"]

INVALID: Mapping[Output, re.Pattern[str]] = {
    # XML 1.0's `Char`: no C0 control but tab, newline and return, no surrogate, no U+FFFE or
    # U+FFFF. Escaping cannot save these: a document holding one is not well-formed.
    "xml": re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"),
    # What YAML 1.1 does not take unescaped in a quoted scalar: characters outside its
    # "printable" set (C0 and C1 controls, DEL, surrogates, U+FFFE, U+FFFF), and the line
    # breaks it would fold (U+0085, U+2028, U+2029).
    "yaml": re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"),
    # One line of shown text (a title, a name, a genre): control characters that are not
    # white space (Python-Markdown uses \x02 and \x03 as placeholders), lone surrogates (they
    # cannot be written as UTF-8), and the characters that print nothing but change what is
    # around them: bidi embeddings, overrides, isolates and marks (in a title they can reverse
    # what follows it, " - Site name" in <title>) and zero-width characters that carry no
    # letter (which would hide in a genre name). White space controls stay, to be collapsed
    # by `text.clean_text`; so do the zero-width joiner and non-joiner, which emoji sequences
    # and several scripts need.
    "line": re.compile(
        "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff"
        "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
    ),
}


def valid_text(
    text: str, output: Output, replace: str | Callable[[re.Match[str]], str] = ""
) -> str:
    """`text` without the characters `output` cannot hold (`INVALID`); with `replace`, each of
    them replaced by it instead (a string, or a function of the match, as `re.sub` takes)."""
    return INVALID[output].sub(replace, text)


# --- HTML -----------------------------------------------------------------------------------


def unquoted_html(text: str) -> str:
    """`text` as HTML text with only `&`, `<` and `>` escaped: for HTML that is written on as
    the text of an XML element (an RSS description), where the XML writer escapes it again
    and quotes need no escape. Everything else HTML goes through `escape`."""
    return html.escape(text, quote=False)


# Characters that could end a <script> or open a comment in it, or end a line in old
# JavaScript parsers, as JSON escapes: the JSON means the same, the HTML parser sees no tag.
_SCRIPT_SAFE = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(data: object) -> str:
    """`data` as JSON that is safe to put between <script> and </script> as it is (a title
    holding `</script>`, `<!--` or U+2028 neither ends the script nor breaks the JSON)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _SCRIPT_SAFE:
        text = text.replace(character, escaped)  # several times faster than str.translate
    return text


# --- XML ------------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 does not allow (escaping cannot save those); the
    XML writer (ElementTree) escapes the rest."""
    return valid_text(text, "xml")


# --- YAML -----------------------------------------------------------------------------------


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar that every YAML loader reads back as `text`.

    JSON strings are YAML, but `json.dumps` writes characters outside the Basic Multilingual
    Plane as surrogate pairs (`\\ud83d\\udc09`), which YAML refuses; and characters YAML does
    not allow raw (U+0085, U+FFFE, C1 controls) must be escaped (json.dumps has escaped tab,
    newline, return and the other C0 controls).
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return valid_text(quoted, "yaml", lambda match: f"\\u{ord(match.group()):04x}")


def yaml_mapping(mapping: Mapping[str, Any]) -> str:
    """A (nested) mapping as YAML block style, keys in their order and text as it is (PyYAML
    quotes and escapes what needs it), each value on one line so long titles stay greppable."""
    return yaml.safe_dump(
        mapping,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
    )


# --- Markdown -------------------------------------------------------------------------------

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


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _BACKSLASHED:
        return "\\" + char
    if char == "<":
        return "&lt;"
    if char == "&":
        return "&amp;"
    return f"&#{ord(char)};"


def markdown_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text, whatever extensions read it, inside
    a line (`markdown_line_start` takes care of what a line starts with)."""
    return _INLINE.sub(_escaped, text)


def markdown_line_start(line: str) -> str:
    """A line of Markdown text whose start would make it a heading, quote, list item, rule or
    an extension's block, with that start escaped ("1. " -> "1\\. ", "? " -> "&#63; ")."""
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


def markdown_link_address(url: str) -> str:
    """A link's address as Markdown keeps it: percent-encoded where an extension would read it
    before the link is made (arithmatex's `$`, tilde's `~`, caret's `^`, `*`, parentheses);
    `=`, `+`, `&` and `;` stay, as they mean something else encoded in a query."""
    safe = quote(url, safe="/:?#&=%+;,@!'.-_")
    for char in "~()":  # quote never encodes `~`; parentheses would end the Markdown link
        safe = safe.replace(char, f"%{ord(char):02X}")
    return safe


# --- HTML kept from Markdown (a review's quotes) ---------------------------------------------

# The tags a quote shown away from its review keeps (its paragraphs, emphasis, code, line
# breaks and quotes within it), never with an attribute; every other tag is dropped and its
# text kept, and what `script`, `style` and the like hold is dropped whole.
KEPT_TAGS = frozenset("p br em strong i b code cite q sub sup blockquote".split())
_VOID_TAGS = frozenset(("br",))
_DROPPED_WHOLE = frozenset("script style template textarea title iframe object svg math".split())


class _Kept(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WHOLE:
            self.dropping += 1
        elif not self.dropping and tag in KEPT_TAGS:
            self.out.append(f"<{tag}>")
            if tag not in _VOID_TAGS:
                self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.dropping and tag in _VOID_TAGS:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_WHOLE:
            self.dropping = max(0, self.dropping - 1)
        elif not self.dropping and tag in self.open:
            while self.open:  # close what was left open inside it too
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(str(escape(valid_text(data, "line"))))


def kept_html(source: str) -> Markup:
    """HTML made safe to show anywhere: only `KEPT_TAGS`, without attributes, every tag
    closed; all text escaped (for a review's quote, rendered from its Markdown)."""
    parser = _Kept()
    parser.feed(source)
    parser.close()
    parser.out.extend(f"</{tag}>" for tag in reversed(parser.open))
    return Markup("".join(parser.out))
