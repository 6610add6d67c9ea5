"""MkDocs glue, page by page: what the plugin hands MkDocs and other plugins for each page.

read_source      a page's text as on_files read it; a review's front matter, already parsed,
                 is taken off it (MkDocs would parse the YAML a second time)...
give_meta        ...and given back as the page's meta, before any other plugin looks;
escape_meta      the titles and authors themes print raw, HTML-escaped (and the title as text
                 kept aside for a search index that escapes it itself);
render_content   a view's page rendered, listing markers in users' pages expanded, a review's
                 quotes styled and a one-line byline put above it (its header and onward
                 links rendered, kept for after_search);
title_for_search that title as text, for the search plugin indexing the page...
after_search     ...then the escaped title back for the theme, the review's full header in
                 the byline's place and its onward links (onward.py) after its text, and the
                 plugin's <h1> at the head of the page's table of contents.

Each reads and writes one `Build`'s state (build.py).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .. import onward
from ..escaping import escape
from ..front_matter import markdown_after_front_matter
from ..model import FieldNames
from ..quotes import anchor_quotes
from ..render import (
    anchor_heading,
    escape_theme_meta,
    has_own_heading,
    mark_quotes,
    search_line,
)
from .build import log

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from .build import Build


def read_source(build: Build, page: Page) -> str | None:
    """The page's text for MkDocs (None: MkDocs reads it itself). Also where a page that is not
    UTF-8, which stops MkDocs' own read, arrives mended."""
    src_uri = page.file.src_uri
    text, meta = build.sources.pop(src_uri, ("", None))
    if not text:
        return None
    # A review's header may close at the very end of the file, which MkDocs' pattern does
    # not accept: for reviews only, MkDocs gets the empty body (other pages stay its own).
    review = src_uri in build.library.reviews
    markdown = markdown_after_front_matter(text, closed_at_end=review) if meta else None
    if meta is None or markdown is None or "\r" in markdown:
        return text  # MkDocs parses the front matter itself
    # MkDocs would parse this YAML a second time. It gets the Markdown without it, behind a
    # blank line so that it does not look for MultiMarkdown meta, and the meta comes back
    # in give_meta.
    build.handed[src_uri] = (markdown, meta)
    return "\n" + markdown


def give_meta(build: Build, page: Page, markdown: str) -> None:
    """The front matter read_source took off the page, as its meta, unless another plugin
    gave MkDocs a text of its own."""
    handed = build.handed.pop(page.file.src_uri, None)
    if handed is not None and not page.meta and markdown == handed[0]:
        # Under serve the parsed copy stays in the cache for the next build.
        page.meta = copy.deepcopy(handed[1]) if build.session.serving else handed[1]


def escape_meta(build: Build, page: Page) -> None:
    """HTML-escape the meta themes print raw, on reviews and generated pages."""
    src_uri = page.file.src_uri
    if (listing := build.listings.get(src_uri)) is not None and "title" in page.meta:
        title = listing[1].title
        page.meta["title"] = escape(title)
    elif (review := build.library.reviews.get(src_uri)) is not None:
        fields = FieldNames.of(dict(build.config.fields))
        escape_theme_meta(
            page.meta,
            review,
            title_keys=fields.paths("title"),
            author_keys=fields.paths("author"),
            status_keys=fields.paths("status"),
        )
        title = review.title
    else:
        return
    if build.search_titles is not None:
        build.search_titles[src_uri] = title


def render_content(build: Build, html: str, page: Page) -> str:
    """The page's HTML once the plugin is done with it (after Markdown, which never has to
    parse our HTML)."""
    src_uri = page.file.src_uri
    if (listing := build.listings.get(src_uri)) is not None and build.site is not None:
        view, wanted = listing
        build.headings[src_uri] = escape(wanted.title)
        return _checked(view.render, wanted, page.url, build.site)
    if build.page_listings is not None and "<!--" in html:
        try:
            html, warnings = build.page_listings.expand(html, page.url, src_uri)
        except jinja2.TemplateError as error:
            raise PluginError(f"bookreviews: template listing.html.j2 failed: {error}") from error
        for warning in warnings:
            log.warning(warning)
    review = build.library.reviews.get(src_uri)
    if review is None or build.renderer is None:
        return html
    heading = not has_own_heading(html)
    header = _checked(build.renderer.header, review, page.url, heading=heading)
    if heading:
        build.headings[src_uri] = escape(review.title)
    byline = search_line(review)
    build.headers[src_uri] = (byline, header)
    if (ahead := build.onward.get(src_uri)) is not None:
        build.endings[src_uri] = _checked(onward.render, build.renderer, ahead, page.url)
    if build.reach is not None:
        build.reach.keep(review, html)
    # `quotes: false` leaves the blockquotes alone; on (or left to its default) they are the
    # book's quotes: styled, and anchored where the quotes page links to them.
    if build.config["quotes"] is False:
        return byline + html
    return byline + anchor_quotes(mark_quotes(html))


def title_for_search(build: Build, page: Page) -> None:
    """The title as text, for a search index whose theme escapes it itself."""
    if build.search_titles is not None and page.file.src_uri in build.search_titles:
        page.meta["title"] = build.search_titles[page.file.src_uri]


def after_search(build: Build, page: Page) -> None:
    """Once search plugins have indexed the page: the escaped title for the theme, and the
    review's full header in place of its byline."""
    src_uri = page.file.src_uri
    if build.search_titles is not None and src_uri in build.search_titles:
        page.meta["title"] = escape(build.search_titles.pop(src_uri))  # for the theme
    # Search plugins index page.content (at priority 0), parsing every tag: they get the
    # one-line byline, and only then does the full header take its place.
    byline, header = build.headers.pop(src_uri, ("", ""))
    if header and page.content is not None:
        content = page.content
        if content.startswith(byline):
            content = content[len(byline) :]
        page.content = header + content + build.endings.pop(src_uri, "")
    title = build.headings.pop(src_uri, None)
    if title is not None and page.content is not None:
        page.content, anchor = anchor_heading(page.content)
        if anchor is not None:
            _head_the_toc(page, title, anchor)


def _head_the_toc(page: Page, title: str, anchor: str) -> None:
    """Put the plugin's <h1> at the head of the page's table of contents, the page's own
    headings under it, as Markdown's own <h1> would be: themes that link the first entry
    (Material's "Skip to content") or show the page's title in it then find it; Material and
    `readthedocs` list only its children. Done once search plugins have indexed the page (with
    the id too), so that their entries stay as they were."""
    link = AnchorLink(title, anchor, 1)
    link.children = list(page.toc)
    link.active = True  # type: ignore[attr-defined]  # as MkDocs marks its first entry
    page.toc = TableOfContents([link])


def _checked(render: Any, *args: Any, **kwargs: Any) -> str:
    """Run a render call; a broken (user) template is a configuration error, not a crash."""
    try:
        return str(render(*args, **kwargs))
    except jinja2.TemplateError as error:
        where = getattr(error, "filename", None) or getattr(error, "name", None) or ""
        raise PluginError(f"bookreviews: template {where} failed: {error}") from error
