"""The `bookreviews` command: check a library, start a review, import an export, fetch covers.

Click wiring only: options in, the pure modules called, their results printed. Settings come from
mkdocs.yml (or properdocs.yml) through `glue.settings.load_settings`, so what is checked and written
is what the plugin reads. Exit codes: 0 all well; 1 problems found (check) or some rows could not be
imported, or a file would be overwritten (new); 2 the command could not run (bad option, no config
or a mistake in it, neither MkDocs nor ProperDocs installed, not an export, a folder to import into
that cannot be made or written). `covers` exits 1 when a cover could not be fetched or Open Library
asked it to stop, 2 when it cannot run (nowhere the build would find a cover), 130 when interrupted.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
from collections.abc import Collection
from pathlib import Path
from typing import Any

import click

from . import __version__, language
from .checking import check_pages
from .fetching import (
    CACHE_NAME,
    SUGGESTED_PATTERN,
    CoverCache,
    Outcome,
    Run,
    Wanted,
    fetch_covers,
    leftover_parts,
    needing_covers,
)
from .fetching import plan as plan_covers
from .fields import DID_NOT_FINISH, READ, READING, WANTED, Bad, read_date
from .fields import status as parse_status
from .glue.settings import SettingsError, SiteSettings, default_config_file, load_settings
from .importers import ExportError, ImportedBook, read_export
from .importers.shelves import ShelfRule, shelf_key
from .importing import (
    DEFAULT_SHELVES,
    Action,
    ShelfReport,
    choose_genres,
    plan,
    scan,
    shelf_name,
    write,
)
from .model import Library, Problem, read_library
from .openlibrary import (
    RATE,
    RATE_WITH_CONTACT,
    TIMEOUT,
    URL_VARIABLE,
    Client,
    Endpoints,
    contact_problem,
)
from .paths import PathError, in_a_view, inside_root
from .sources import mend
from .writing import NEW_REVIEW_BODY, Schema, file_name, review_page

PROGRESS_FROM = 200  # books written before a progress bar is shown

config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The site's configuration, with the bookreviews plugin in it. Default: mkdocs.yml or "
    "properdocs.yml, whichever is here; when both are, the one the build reads: mkdocs.yml "
    "when MkDocs is installed, else properdocs.yml (ProperDocs reads it first).",
)


def _settings(config_file: Path | None, *, list_files: bool = True) -> SiteSettings:
    try:
        if config_file is None:
            config_file, note = default_config_file()
            if note is not None:
                click.echo(note, err=True)
        return load_settings(config_file, list_files=list_files)
    except SettingsError as error:
        raise click.UsageError(str(error)) from error


def _schema(settings: SiteSettings) -> Schema:
    return Schema(
        field_paths=settings.field_paths,
        scale=settings.scale,
        unrated_as_null=settings.review_field == "score",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bookreviews")
def main() -> None:
    """Check, start and import book reviews for an MkDocs site with the bookreviews plugin."""


@main.command()
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one warning a line and a summary; json: one object for scripts.",
)
def check(config_file: Path | None, output_format: str) -> None:
    """Validate every review as the plugin does, without building the site.

    Exits 1 when there is any problem, 2 when the config cannot be used (with the errors
    `mkdocs build` stops with), 0 otherwise.
    """
    settings = _settings(config_file)
    pages, unreadable = _pages(settings)
    # Month names are read in the site's language, as the build reads them ("juin").
    with language.using(settings.language or language.ENGLISH_LANGUAGE):
        report = check_pages(
            pages,
            fields=settings.fields,
            scale=settings.scale,
            known_files=settings.known_files,
            unreadable=unreadable,
            review_field=settings.review_field,
            covers=settings.cover_finder(),
            scope=settings.reviews_dir,
        )
    if output_format == "json":
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(problem.message)
        click.echo(report.summary)
    sys.exit(1 if report.problems else 0)


def _pages(settings: SiteSettings) -> tuple[list[tuple[str, str]], list[Problem]]:
    """The pages under reviews_dir as the build reads them, and those that cannot be read."""
    prefix = settings.reviews_dir + "/" if settings.reviews_dir else ""
    pages: list[tuple[str, str]] = []
    unreadable: list[Problem] = []
    for src_uri in settings.markdown_pages:
        if not src_uri.startswith(prefix):
            continue
        try:
            data = (settings.docs_dir / src_uri).read_bytes()
        except OSError as error:
            unreadable.append(Problem(src_uri, "file", f"cannot be read ({error})", "check it"))
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            unreadable.append(
                Problem(src_uri, "text", f"is not UTF-8 ({error.reason})", "save it as UTF-8")
            )
        # As MkDocs (and the plugin) read it: no byte order mark, `\n` line ends.
        pages.append((src_uri, mend(data)))
    return pages, unreadable


@main.command()
@click.argument("title")
@click.option("--author", "authors", multiple=True, required=True, help="Repeat for co-authors.")
@click.option("--score", type=float, help="On the site's scale (default 0 to 5), like 3.25.")
@click.option("--genre", "genres", multiple=True, help="Repeat for more genres.")
@click.option(
    "--date",
    "dates",
    multiple=True,
    help="When you read it: YYYY-MM-DD, YYYY-MM or YYYY; repeat for re-reads. Default: today.",
)
@click.option("--dnf", is_flag=True, help="You did not finish the book.")
@click.option(
    "--status",
    help='read (the default), reading, "want to read" or "did not finish": a book being read '
    "or wanted gets a page of its own (no date unless --date, no score) and the reading page.",
)
@config_option
def new(
    title: str,
    authors: tuple[str, ...],
    score: float | None,
    genres: tuple[str, ...],
    dates: tuple[str, ...],
    dnf: bool,
    status: str | None,
    config_file: Path | None,
) -> None:
    """Start a review: write reviews_dir/<slug>.md and print its path."""
    settings = _settings(config_file, list_files=False)
    title = " ".join(title.split())
    if not title:
        raise click.BadParameter("is empty", param_hint="TITLE")
    if any(not author.strip() for author in authors):
        # A review needs an author: "   " would write one without.
        raise click.BadParameter("is empty: write the author's name", param_hint="--author")
    if score is not None and not 0 <= score <= settings.scale:
        raise click.BadParameter(f"use a number from 0 to {settings.scale}", param_hint="--score")
    for date in dates:
        try:
            read_date(date)  # as the plugin will read it
        except Bad:
            raise click.BadParameter(
                f"{date!r}: use YYYY-MM-DD, YYYY-MM or YYYY", param_hint="--date"
            ) from None
    try:
        chosen = parse_status(status) if status is not None else READ
    except Bad as bad:
        raise click.BadParameter(f"{bad.found}; {bad.fix}", param_hint="--status") from None
    if dnf and chosen in (READING, WANTED):
        raise click.BadParameter(f"{chosen!r} and --dnf: give one", param_hint="--status")
    unread = chosen in (READING, WANTED)
    book = ImportedBook(
        source="",
        source_id="",
        title=title,
        authors=[" ".join(a.split()) for a in authors],
        status="did-not-finish" if dnf or chosen == DID_NOT_FINISH else chosen,
        score=score,
        dates=sorted(dates) if dates or unread else [dt.date.today().isoformat()],
        genres=list(dict.fromkeys(g.strip() for g in genres if g.strip())),
    )
    folder = settings.reviews_path
    name = file_name(title, (), ())
    path = folder / name
    text = review_page(book, _schema(settings), score_scale=settings.scale, body=NEW_REVIEW_BODY)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        click.echo(f"{_shown(path)}: already exists; it was left as it is", err=True)
        sys.exit(1)
    click.echo(_shown(path))


@main.command(name="import")
@click.argument("export", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@config_option
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write reviews into. Default: docs_dir/reviews_dir.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
@click.option(
    "--shelf",
    "shelves",
    multiple=True,
    help="Also import books with this status or exclusive shelf: currently-reading and "
    "to-read land with `status: reading` and `status: want to read`; 'all' imports every "
    "book. Read and did-not-finish books are always imported.",
)
@click.option(
    "--genre-shelf",
    "genre_shelves",
    multiple=True,
    metavar="NAME",
    help="Make this shelf (StoryGraph: tag) a genre, though it says what you think of a book, "
    "whether you own it, its format or a date (favorites, owned, kindle, 2024...), which are "
    "not genres by default. Repeat for more.",
)
@click.option(
    "--not-genre-shelf",
    "not_genre_shelves",
    multiple=True,
    metavar="NAME",
    help="Keep this shelf (StoryGraph: tag) out of the genres. Repeat for more.",
)
@click.option(
    "--covers",
    "with_covers",
    is_flag=True,
    help="Then fetch the new books' covers from Open Library, as `bookreviews covers` does "
    "(the contact comes from BOOKREVIEWS_CONTACT).",
)
def import_export(
    export: Path,
    config_file: Path | None,
    into: Path | None,
    dry_run: bool,
    shelves: tuple[str, ...],
    genre_shelves: tuple[str, ...],
    not_genre_shelves: tuple[str, ...],
    with_covers: bool,
) -> None:
    """Import a Goodreads or StoryGraph CSV export as reviews.

    Books already imported (same tracker id, or same ISBN) are left alone, so importing a newer
    export only adds new books; a book with the title and an author of a page already there
    (your own review of it) is matched to that page and not written. Shelves and tags become
    genres, except those that are not (favorites, owned, kindle, 2024...). Exits 1 when some rows
    could not be read (each is named), 2 when the file is not an export.
    """
    rule = _shelf_rule(genre_shelves, not_genre_shelves)
    settings = _settings(config_file, list_files=False)
    schema = _schema(settings)
    try:
        parsed = read_export(export.read_bytes())
    except (ExportError, OSError) as error:
        click.echo(f"{export}: {error}", err=True)
        sys.exit(2)
    folder = into if into is not None else settings.reviews_path
    if into is not None and (wrong := _into_mistake(into, settings)) is not None:
        click.echo(wrong, err=True)
        sys.exit(2)
    unusable = _unusable_folder(folder, create=not dry_run)
    if unusable is not None:
        click.echo(f"{'--into ' if into is not None else ''}{_shown(folder)}: {unusable}", err=True)
        sys.exit(2)
    existing = scan(folder, schema)
    wanted = DEFAULT_SHELVES | {shelf_name(shelf) for shelf in shelves}
    actions = plan(parsed.books, existing, shelves=wanted)
    writes = [action for action in actions if action.kind == "write"]
    report = choose_genres(parsed.books, (action.book for action in writes), rule)
    if dry_run:
        for action in writes:
            click.echo(f"would write {_shown(folder / action.path)}  ({_label(action)})")
    else:
        # A bar only where it helps: a long import, on a terminal (click hides it elsewhere).
        bar_file = sys.stderr if len(writes) >= PROGRESS_FROM else io.StringIO()
        written: list[Path] = []
        try:
            with click.progressbar(
                length=len(writes), label="Writing reviews", file=bar_file
            ) as bar:
                for path in write(writes, folder, schema):
                    written.append(path)
                    bar.update(1)
        except OSError as error:  # the disk filled up, or the folder was taken away meanwhile
            for path in written:
                click.echo(f"wrote {_shown(path)}")
            failed = folder / writes[len(written)].path
            click.echo(f"{_shown(failed)}: cannot be written ({_reason(error)})", err=True)
            sys.exit(2)
        for path in written:
            click.echo(f"wrote {_shown(path)}")
    for action in actions:
        if action.kind == "match":
            click.echo(f"matched {_shown(folder / action.path)}  ({_label(action)})")
    for action in actions:
        if action.kind in ("exists", "match") and action.path in existing.broken:
            click.echo(
                f"{_shown(folder / action.path)}: front matter is not valid YAML "
                f"({existing.broken[action.path]}); recognised by its "
                f"{_recognised_by(action)} and left as it is: fix it (bookreviews check shows "
                "it)",
                err=True,
            )
        note = _shared_isbn_note(action, folder) or _alike_note(action, folder)
        if note is not None:
            click.echo(f"{export}: {note}", err=True)
    for problem in parsed.problems:
        click.echo(f"{export}: {problem}", err=True)
    singular, plural = parsed.tracker.shelf_words
    for line in _shelf_lines(report, parsed.tracker.label, singular, plural):
        click.echo(line)
    for name in report.unknown:
        option = "--genre-shelf" if name in rule.genres else "--not-genre-shelf"
        click.echo(f"{option} {name}: no book in {export} has this {singular}", err=True)
    click.echo(_import_summary(parsed.tracker.label, actions, len(parsed.problems), dry_run))
    code = 1 if parsed.problems else 0
    if with_covers:
        new_pages = [folder / action.path for action in writes]
        code = max(code, _covers_of_imported(config_file, new_pages, dry_run=dry_run))
    sys.exit(code)


def _covers_of_imported(config_file: Path | None, pages: list[Path], *, dry_run: bool) -> int:
    """`import --covers`: the covers of the pages just written, into whose front matter
    `image:` may go (they are the importer's, not yet the reader's)."""
    if not pages:
        click.echo("--covers: no new reviews, so no covers to fetch")
        return 0
    if dry_run:
        click.echo(f"--covers: would look up the covers of the {len(pages):,} new reviews")
        return 0
    settings = _settings(config_file)  # again, with the files just written
    docs = settings.docs_dir.resolve()
    src_uris = {
        page.resolve().relative_to(docs).as_posix()
        for page in pages
        if page.resolve().is_relative_to(docs)
    }
    if not src_uris:
        click.echo(
            "--covers: the reviews were written outside docs_dir, where the site does not read "
            "them: no covers fetched",
            err=True,
        )
        return 1
    return _fetch(
        settings,
        only=src_uris,
        image_pages=src_uris,
        always_image=False,
        dry_run=False,
        contact=os.environ.get("BOOKREVIEWS_CONTACT") or None,
        rate=RATE,
        timeout=TIMEOUT,
        refresh=False,
    )


@main.command(name="covers")
@config_option
@click.option(
    "--dry-run",
    is_flag=True,
    help="List the reviews whose covers would be looked up and where each would go; send nothing.",
)
@click.option(
    "--contact",
    envvar="BOOKREVIEWS_CONTACT",
    metavar="EMAIL",
    help="Your e-mail address, sent in the User-Agent so Open Library can reach you; it then "
    "allows up to 3 requests a second. Default: BOOKREVIEWS_CONTACT.",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0, min_open=True),
    metavar="N",
    default=RATE,
    show_default=True,
    help=f"Requests a second. Open Library asks for at most {RATE:g}, or "
    f"{RATE_WITH_CONTACT:g} with --contact; any rate for a stand-in at {URL_VARIABLE}.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    default=TIMEOUT,
    show_default=True,
    help="Seconds to wait to connect and for each read; a whole answer gets three times that.",
)
@click.option(
    "--write-image",
    is_flag=True,
    help="Also write `image:` into each review whose cover is fetched (one line added to its "
    "front matter). Without it no review page is changed, and covers go where a covers: "
    "pattern finds them.",
)
@click.option(
    "--refresh",
    is_flag=True,
    help=f"Ask again for books the cache ({CACHE_NAME}) says were fetched or have no cover.",
)
def covers_command(
    config_file: Path | None,
    dry_run: bool,
    contact: str | None,
    rate: float,
    timeout: float,
    write_image: bool,
    refresh: bool,
) -> None:
    """Fetch a cover from Open Library for every review without one.

    A review without a cover has no image: and no file found by the covers: patterns. Its cover
    is looked up by ISBN, else by title and author, checked to be an image, and saved where the
    first covers: pattern finds it; with --write-image and no such pattern, as
    covers/<review>.jpg beside the review, with `image:` written into it. Books already
    fetched, or known to have none, are not asked for again. Exits 1 when a cover could not be
    fetched or Open Library asked to stop, 2 when nothing says where covers go, 130 when
    interrupted.
    """
    settings = _settings(config_file)
    sys.exit(
        _fetch(
            settings,
            only=None,
            image_pages=(),
            always_image=write_image,
            dry_run=dry_run,
            contact=contact,
            rate=rate,
            timeout=timeout,
            refresh=refresh,
        )
    )


def _fetch(
    settings: SiteSettings,
    *,
    only: set[str] | None,
    image_pages: Collection[str],
    always_image: bool,
    dry_run: bool,
    contact: str | None,
    rate: float,
    timeout: float,
    refresh: bool,
) -> int:
    """Plan and fetch covers; print what happened; the exit code."""
    try:
        endpoints = Endpoints.from_environment()
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    contact = contact.strip() if contact else None
    if contact and (why := contact_problem(contact)) is not None:
        raise click.BadParameter(
            f"{contact!r}: {why}", param_hint="--contact / BOOKREVIEWS_CONTACT"
        )
    most = RATE_WITH_CONTACT if contact else RATE
    if endpoints.official and rate > most:
        raise click.BadParameter(
            f"Open Library asks for at most {RATE:g} request a second, or "
            f"{RATE_WITH_CONTACT:g} with --contact",
            param_hint="--rate",
        )
    library = _library(settings)
    wanted = needing_covers(library.reviews.values())
    if only is not None:
        if not only & library.reviews.keys():
            where = settings.reviews_dir or "docs_dir"
            click.echo(
                f"--covers: the new pages are not reviews the site reads (they are outside "
                f"reviews_dir {where!r}): no covers fetched",
                err=True,
            )
            return 1
        wanted = [review for review in wanted if review.src_uri in only]
    if not library.reviews:
        click.echo("No reviews here: nothing to fetch")
        return 0
    if not wanted:
        click.echo("Every review has a cover: nothing to fetch")
        return 0
    planned = plan_covers(
        list(library.reviews.values()),
        wanted,
        patterns=settings.covers,
        fields=settings.fields,
        image_pages=image_pages,
        always_image=always_image,
    )
    placed = [item for item in planned if item.target is not None]
    unplaced = [item for item in planned if item.target is None]
    if not placed:
        click.echo(_nowhere(settings, unplaced), err=True)
        return 2
    cache = CoverCache.load(settings.config_file.parent / CACHE_NAME)
    if cache.problem is not None:
        click.echo(f"{_shown(cache.path)}: {cache.problem}", err=True)
    if dry_run:
        for item in planned:
            click.echo(_planned_line(item, cache, refresh))
        click.echo(f"{len(wanted):,} reviews without a cover; nothing was sent (--dry-run)")
        return 0
    # Where this command writes: the covers' folders, the reviews' (for `image:`), the cache's.
    folders = {(settings.docs_dir / item.target).parent for item in placed if item.target}
    folders |= {(settings.docs_dir / item.review.src_uri).parent for item in placed}
    folders.add(cache.path.parent)
    for leftover in leftover_parts(folders):
        leftover.unlink(missing_ok=True)
        click.echo(f"removed {_shown(leftover)}, left by an interrupted run", err=True)
    client = Client(endpoints, contact=contact, rate=rate, timeout=timeout)
    run = Run()
    outcomes: list[Outcome] = []
    interrupted = False
    # On a terminal, a bar with the counts, and each book's line after it; elsewhere (a log, a
    # pipe) each line as it happens, and no bar.
    bar_shown = sys.stderr.isatty()
    try:
        with click.progressbar(
            length=len(placed),
            label=_counts_label(run),
            file=sys.stderr if bar_shown else io.StringIO(),
            show_pos=True,
            item_show_func=_outcome_shown,
        ) as bar:
            for outcome in fetch_covers(
                placed, docs_dir=settings.docs_dir, client=client, cache=cache, refresh=refresh,
                run=run,
            ):  # fmt: skip
                outcomes.append(outcome)
                if not bar_shown:
                    _echo_outcome(outcome)
                bar.label = _counts_label(run)
                bar.update(1, outcome)
    except KeyboardInterrupt:
        interrupted = True
    if bar_shown:
        for outcome in outcomes:
            _echo_outcome(outcome)
    for item in unplaced:
        click.echo(f"{item.review.src_uri}: not fetched: {item.why_not}", err=True)
    for note in client.notes:
        click.echo(note, err=True)
    counts = run.counts
    click.echo(
        f"Covers: {counts['found']:,} found, {counts['none']:,} none on Open Library, "
        f"{counts['failed'] + len(unplaced):,} failed, {counts['known']:,} known from "
        f"{CACHE_NAME}; {client.requests:,} request{'' if client.requests == 1 else 's'} sent"
    )
    if interrupted:
        left = len(placed) - len(outcomes)
        click.echo(
            f"Interrupted: {left:,} review{'' if left == 1 else 's'} not looked up; every cover "
            "saved is whole, and running the command again fetches the rest",
            err=True,
        )
        return 130
    if run.stopped is not None:
        left = len(placed) - len(outcomes)
        click.echo(
            f"{run.stopped} ({left:,} review{'' if left == 1 else 's'} not looked up)", err=True
        )
        return 1
    return 1 if counts["failed"] or unplaced else 0


def _echo_outcome(outcome: Outcome) -> None:
    if outcome.result in ("found", "none"):
        click.echo(outcome.message)
    elif outcome.result == "failed":
        click.echo(outcome.message, err=True)


def _outcome_shown(outcome: Outcome | None) -> str | None:
    return outcome.src_uri if outcome is not None else None


def _library(settings: SiteSettings) -> Library:
    pages, _ = _pages(settings)
    with language.using(settings.language or language.ENGLISH_LANGUAGE):  # months, as built
        return read_library(
            pages,
            fields=settings.fields,
            scale=settings.scale,
            known_files=settings.known_files,
            review_field=settings.review_field,
            covers=settings.cover_finder(),
            scope=settings.reviews_dir,
        )


def _counts_label(run: Run) -> str:
    counts = run.counts
    return f"Covers: {counts['found']} found, {counts['none']} none, {counts['failed']} failed"


def _nowhere(settings: SiteSettings, unplaced: list[Wanted]) -> str:
    """Why no cover can be fetched: no place the build would find it, and the one line to add."""
    count = f"{len(unplaced):,} review{'' if len(unplaced) == 1 else 's'}"
    why = {item.why_not for item in unplaced}
    if why != {"no covers: pattern places it"}:
        return f"{count} without a cover: " + "; ".join(sorted(why))
    where = settings.reviews_dir or "docs_dir"
    return (
        f"{count} without a cover, and nowhere to save one that the build would find: add\n"
        f"      covers: [{SUGGESTED_PATTERN}]\n"
        f"under `- bookreviews:` in {_shown(settings.config_file)} (each cover is then saved as "
        f"{where}/covers/<review>.jpg and shown), or run with --write-image to add `image:` to "
        "each review instead"
    )


def _planned_line(item: Wanted, cache: CoverCache, refresh: bool) -> str:
    src = item.review.src_uri
    if item.target is None:
        return f"{src}: not fetched: {item.why_not}"
    entry = None if refresh else cache.get(item.key)
    if entry is not None:
        said = "no cover" if entry["result"] == "none" else f"fetched into {entry.get('file')}"
        return f"{src}: known from {CACHE_NAME} ({said} on {entry.get('asked', '?')}): not asked"
    how = f"ISBN {item.isbn}, else " if item.isbn else ""
    image = f", and write `{item.image_line}:` into the review" if item.image_line else ""
    return f"would look up {src} (by {how}title and author) into {item.target}{image}"


def _shelf_rule(genre_shelves: tuple[str, ...], not_genre_shelves: tuple[str, ...]) -> ShelfRule:
    """The shelves the reader made genres and kept out; a name that is empty or in both is a
    usage error."""
    given = {"--genre-shelf": genre_shelves, "--not-genre-shelf": not_genre_shelves}
    for option, names in given.items():
        if any(not shelf_key(name) for name in names):
            raise click.BadParameter("is empty: give the shelf's name", param_hint=option)
    rule = ShelfRule.of(genre_shelves, not_genre_shelves)
    if both := sorted(rule.genres & rule.not_genres):
        raise click.BadParameter(
            f"{', '.join(both)} is also given to --genre-shelf: give each shelf to one of them",
            param_hint="--not-genre-shelf",
        )
    return rule


def _shelf_lines(report: ShelfReport, label: str, singular: str, plural: str) -> list[str]:
    """Which shelves of the books written became genres and which did not, most books first."""

    def listed(counts: dict[str, int]) -> str:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], shelf_key(item[0])))
        return ", ".join(f"{name} ({count:,})" for name, count in ordered)

    lines = []
    if report.genres:
        lines.append(f"{label} {plural} made genres: {listed(report.genres)}")
    if report.left_out:
        lines.append(
            f"{label} {plural} not made genres: {listed(report.left_out)} (--genre-shelf NAME "
            f"makes a {singular} a genre)"
        )
    return lines


def _recognised_by(action: Action) -> str:
    """What found a book's page, for a message about that page."""
    if action.reason == "same title and author":
        return "title and author"
    if action.reason == "same ISBN and title":
        return "ISBN and title"
    return f"source_id {action.book.source_id!r}"


def _alike_note(action: Action, folder: Path) -> str | None:
    """What to say about a book written though a page already there has its title."""
    page = action.alike
    if action.kind != "write" or page is None:
        return None
    book = f"row {action.book.row} ({action.book.title})"
    if not page.people:
        return (
            f"{book}: {_shown(folder / page.path)} has its title but names no author: written "
            "as another book (give that page its author to have it matched)"
        )
    return (
        f"{book}: {_shown(folder / page.path)} has its title but not its author "
        f"({', '.join(page.people)}): written as another book"
    )


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _into_mistake(into: Path, settings: SiteSettings) -> str | None:
    """What is wrong with `--into`, by the rule every path option follows (paths.py): its
    parts' names anywhere, and inside docs_dir all that `reviews_dir` is checked for."""
    try:
        inside_root("--into", str(into), example="reviews", anchored=False)
        docs = settings.docs_dir.resolve()
        where = into.resolve()
        if not where.is_relative_to(docs):
            return None  # a folder of the user's choosing, outside the site
        relative = where.relative_to(docs).as_posix()
        inside_root("--into", relative, example="reviews", empty_ok=True)
    except PathError as error:
        return str(error)
    return in_a_view(f"--into {str(into)!r}", relative, settings.view_folders)


def _unusable_folder(folder: Path, *, create: bool) -> str | None:
    """Why reviews cannot be written into `folder` (None when they can); it is created when
    `create` (a dry run only looks)."""
    if folder.exists() and not folder.is_dir():
        return "is a file, not a folder"
    if not create:
        above = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if above is None or above == folder:
            return (
                None
                if above is None or os.access(folder, os.W_OK | os.X_OK)
                else ("cannot be written to (it is read-only)")
            )
        if not above.is_dir():
            return f"cannot be created ({_shown(above)} is a file)"
        if not os.access(above, os.W_OK | os.X_OK):
            return f"cannot be created ({_shown(above)} is read-only)"
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot be created ({_reason(error)})"
    if not os.access(folder, os.W_OK | os.X_OK):
        return "cannot be written to (it is read-only)"
    return None


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when it is inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _shared_isbn_note(action: Action, folder: Path) -> str | None:
    """What to say about a book whose ISBN another book has: written as another book (titles
    differ), or taken as a book of this same export (silent for a page imported before: that
    is how a second tracker's export finds the books it shares with the first)."""
    shares = action.shares
    if shares is None:
        return None
    page = _shown(folder / shares.path)
    other = (
        f"row {shares.row} ({shares.title}, {page})"
        if shares.row is not None
        else f"{page} ({shares.title})"
    )
    book = f"row {action.book.row} ({action.book.title})"
    value = action.book.isbn if shares.what == "ISBN" else action.book.source_id
    if action.kind == "write":
        return (
            f"{book}: shares {shares.what} {value} with {other} but not its title: written "
            f"as another book; check the {shares.what}"
        )
    if shares.row is not None:
        return f"{book}: has the {shares.what} of {other}: taken as the same book, not written"
    return None


def _label(action: Action) -> str:
    return f"row {action.book.row}: {action.book.title}"


def _import_summary(label: str, actions: list[Action], problems: int, dry_run: bool) -> str:
    counts: dict[str, int] = {"write": 0, "exists": 0, "match": 0, "skip": 0}
    for action in actions:
        counts[action.kind] += 1
    verb = "would write" if dry_run else "wrote"
    parts: list[Any] = [
        f"{label} export: {verb} {counts['write']:,} new",
        # Only when there are any: the line is otherwise as it was before matching by title.
        *([f"{counts['match']:,} matched"] if counts["match"] else []),
        f"{counts['exists']:,} already imported",
        f"{counts['skip']:,} not on an imported shelf",
        f"{problems:,} row problem{'' if problems == 1 else 's'}",
    ]
    return ", ".join(parts)
