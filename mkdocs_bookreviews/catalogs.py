"""The message catalogs' workflow: extract every message, update each language, add one.

    python -m mkdocs_bookreviews.catalogs extract      # locales/bookreviews.pot from the code
    python -m mkdocs_bookreviews.catalogs update       # ...and every .po merged with it
    python -m mkdocs_bookreviews.catalogs init ko      # a new language: locales/ko/.../*.po
    python -m mkdocs_bookreviews.catalogs status       # what each language lacks
    python -m mkdocs_bookreviews.catalogs resolve      # a git merge's conflicting catalogs

Messages are found in the package's Python (`gettext`, `ngettext` and `N_` from
`language.py`, Babel's keywords) and templates (Jinja2's `_()` and `ngettext()`, through
Jinja2's own Babel extractor), with the `TRANSLATORS:` comments beside them. The template is
written without line numbers, so that it changes only when a message does; a test extracts it
again and fails when the committed one differs (a message added without updating the
catalogs). Nothing here runs in a build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .language import DOMAIN, ENGLISH, LOCALES, TEMPLATE, placeholders

PACKAGE = Path(__file__).parent
# How each kind of file is read: Python by Babel, templates by Jinja2's extractor, with the
# options of `render.make_environment` (its whitespace control is the templates' own).
METHODS = [("**.py", "python"), ("templates/**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {
    "templates/**.j2": {
        "extensions": "jinja2.ext.i18n",
        "trim_blocks": "true",
        "lstrip_blocks": "true",
        "newstyle_gettext": "true",
    }
}
COMMENT_TAGS = ["TRANSLATORS:"]
WIDTH = 100


def extract() -> Catalog:
    """Every message of the package's code and templates, as a catalog template."""
    template = Catalog(
        project="mkdocs-bookreviews",
        domain=DOMAIN,
        msgid_bugs_address="",
        copyright_holder="mkdocs-bookreviews maintainers",
        fuzzy=False,
        charset="utf-8",
    )
    found = extract_from_dir(
        PACKAGE,
        method_map=METHODS,
        options_map=OPTIONS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = f"mkdocs_bookreviews/{Path(filename).as_posix()}"
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


HEADER = """\
# {what} of the texts mkdocs-bookreviews writes for readers.
# This file is distributed under the same license as the mkdocs-bookreviews project (MIT).
# Regenerate the template, and merge every language with it, with
# `python -m mkdocs_bookreviews.catalogs update` (see the README)."""


def template_text(template: Catalog) -> bytes:
    """A catalog template as the committed file holds it: no dates, no line numbers."""
    template.creation_date = template.revision_date = _EPOCH
    template.header_comment = HEADER.format(what="The message catalog template")
    out = io.BytesIO()
    write_po(out, template, width=WIDTH, omit_header=False, include_lineno=False)
    return _without_dates(out.getvalue())


def language_text(catalog: Catalog) -> bytes:
    """A language's catalog as its committed file holds it."""
    catalog.creation_date = catalog.revision_date = _EPOCH
    name = catalog.locale.english_name if catalog.locale else "A language"
    catalog.header_comment = HEADER.format(what=f"{name} translations")
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, include_lineno=False, ignore_obsolete=True)
    return _without_dates(out.getvalue())


def _without_dates(text: bytes) -> bytes:
    lines = text.splitlines(keepends=True)
    return b"".join(
        line
        for line in lines
        if not line.startswith((b'"POT-Creation-Date', b'"PO-Revision-Date', b'"Generated-By'))
    )


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=locale, domain=DOMAIN)


def languages() -> list[str]:
    """The languages that have a catalog (English has none: its texts are the ids)."""
    return sorted(path.parent.parent.name for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(tag: str) -> Path:
    return LOCALES / tag / "LC_MESSAGES" / f"{DOMAIN}.po"


def update(tags: Iterable[str]) -> None:
    """The template written again from the code, and each language's catalog merged with it
    (new messages untranslated, gone ones dropped, changed ones marked fuzzy)."""
    template = extract()
    TEMPLATE.write_bytes(template_text(template))
    for tag in tags:
        catalog = read(po_path(tag), tag)
        catalog.update(read(TEMPLATE), update_header_comment=False)
        po_path(tag).write_bytes(language_text(catalog))


def init(tag: str) -> Path:
    """A new language's catalog, every message untranslated."""
    locale = Locale.parse(tag.replace("-", "_"))
    path = po_path(str(locale))
    if path.exists():
        raise SystemExit(f"{path} is there already: `update` merges it with the template")
    catalog = Catalog(locale=locale, domain=DOMAIN, project="mkdocs-bookreviews", fuzzy=False)
    catalog.update(read(TEMPLATE), update_header_comment=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(language_text(catalog))
    return path


def problems(tag: str) -> list[str]:
    """What the language's catalog lacks or gets wrong: a message untranslated (or fuzzy, or
    with a plural form missing), a placeholder it drops or invents, a message the template
    does not have."""
    catalog = read(po_path(tag), tag)
    template = {_key(message): message for message in read(TEMPLATE) if message.id}
    found = []
    for message in catalog:
        if not message.id:
            continue
        key = _key(message)
        if key not in template:
            found.append(f"{tag}: {key!r} is not in the template")
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings) or len(strings) != _forms(catalog, message):
            found.append(f"{tag}: {key!r} is not translated")
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(placeholders(str(text)) for text in ids))
        for text in strings:
            have = placeholders(str(text))
            # A plural form may leave the number out ("once" for 1); nothing else.
            if (have - wanted) or (wanted - have - {"num"}):
                found.append(f"{tag}: {key!r}: {text!r} has {sorted(have)}, not {sorted(wanted)}")
    missing = set(template) - {_key(message) for message in catalog if message.id}
    found.extend(f"{tag}: {key!r} is missing" for key in sorted(missing))
    return found


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple) else message.id)


def _forms(catalog: Catalog, message: Message) -> int:
    return catalog.num_plurals if isinstance(message.id, tuple) else 1


_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def resolve() -> list[str]:
    """A git merge's conflicting catalogs settled: each language keeps the translations of both
    sides (ours where both translated a message), then every catalog is updated from the code
    as merged. Returns the languages resolved; they are left for `git add`."""
    listed = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=U", "--", str(LOCALES)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE,
    ).stdout.split()
    root = Path(
        subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
            cwd=PACKAGE,
        ).stdout.strip()
    )
    done = []
    for name in listed:
        path = root / name
        if path.suffix != ".po":
            continue
        tag = path.parent.parent.name
        sides = []
        for stage in (2, 3):
            shown = subprocess.run(
                ["git", "show", f":{stage}:{name}"], capture_output=True, check=True, cwd=root
            ).stdout
            sides.append(read_po(io.BytesIO(shown), locale=tag, domain=DOMAIN))
        ours, theirs = sides
        for message in theirs:
            if not message.id or not message.string or message.fuzzy:
                continue
            mine = ours.get(message.id, message.context)
            if mine is None:
                ours[message.id] = message
            elif (
                not mine.string
                or mine.fuzzy
                or not all(mine.string if isinstance(mine.string, tuple) else (mine.string,))
            ):
                mine.string, mine.flags = message.string, set(message.flags)
        path.write_bytes(language_text(ours))
        done.append(tag)
    update(languages())
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write locales/bookreviews.pot from the code")
    sub.add_parser("update", help="extract, then merge every language's .po with the template")
    new = sub.add_parser("init", help="start a language's .po from the template")
    new.add_argument("language", help="a language tag: ko, pt-BR")
    sub.add_parser("status", help="what each language's catalog lacks")
    sub.add_parser("resolve", help="settle a git merge's conflicting catalogs (both sides kept)")
    args = parser.parse_args(argv)
    if args.command == "extract":
        TEMPLATE.write_bytes(template_text(extract()))
    elif args.command == "update":
        update(languages())
    elif args.command == "init":
        print(init(args.language))
    elif args.command == "resolve":
        for tag in resolve():
            print(f"{tag}: both sides' translations kept; `git add` it when it looks right")
    else:
        found = [problem for tag in languages() for problem in problems(tag)]
        for problem in found:
            print(problem)
        print(f"{len(languages())} languages besides {ENGLISH}, {len(found)} problems")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
