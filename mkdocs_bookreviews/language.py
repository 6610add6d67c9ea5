"""The site's language: every text the plugin writes for readers, and how it writes numbers,
dates and month names, reads month names, and sorts titles and names.

Nothing here imports MkDocs. One `Language` is active at a time (`use`, `using`, `active`):
the glue makes it from the theme's language (or the `language` option, and the `strings`
option's wording) in on_config, and every text of the plugin is looked up through it:

- **Messages** come from gettext catalogs, `locales/<lang>/LC_MESSAGES/bookreviews.po`, read
  with Babel at the first build that needs them (`catalog`: the `.po` is compiled in memory,
  no `.mo` file is shipped) and kept for the process. The message ids are the English texts,
  so a message a catalog lacks (or has no translation for) is written in English, never as a
  key. Plural forms follow each catalog's `Plural-Forms` (Babel's CLDR rules: Arabic has six,
  Polish three, Japanese one). The `strings` option overrides any message, for every language
  or for one. Templates reach the same messages through Jinja2's i18n extension (`_`,
  `ngettext`; see `render.make_environment`), Python through `gettext` and `ngettext` here,
  the shelf's script through `shelf_strings`. Warnings stay in English.
- **Numbers, dates, months** through Babel's CLDR data for the language: "3,25", "12.345",
  "Februar 2025", "2025年2月", the month names of charts. Digits are Latin (0-9) in every
  language, as Babel writes dates.
- **Month names read** from front matter: the language's, and English always (`month_number`).
- **Sorting**: `title_key` leaves out the language's leading articles (`ARTICLES`), and
  `collation_key` is a documented approximation of the language's alphabetical order (see it).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as gettext_module
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from markupsafe import Markup

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "bookreviews"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
ENGLISH = "en"

# Leading articles a title sort leaves out ("The Dispossessed" under D), per language: words
# followed by a space, and (`PREFIXES`) articles written onto the next word ("L'Étranger"
# under E; Arabic's ال). Hebrew's article ה is left alone: too many words begin with the letter.
ARTICLES: dict[str, tuple[str, ...]] = {
    "en": ("the", "a", "an"),
    "de": ("der", "die", "das", "ein", "eine"),
    "fr": ("le", "la", "les", "un", "une"),
    "es": ("el", "la", "los", "las", "un", "una", "unos", "unas"),
    "it": ("il", "lo", "la", "i", "gli", "le", "un", "uno", "una"),
    "pt": ("o", "a", "os", "as", "um", "uma", "uns", "umas"),
    "nl": ("de", "het", "een", "'t", "'n"),
    "sv": ("en", "ett", "den", "det", "de"),
}
PREFIXES: dict[str, tuple[str, ...]] = {
    "fr": ("l'",),
    "it": ("l'", "un'"),
    "ar": ("ال",),
}
# Letters a language files after a letter of their own, not with their base letter (which
# the rest of Unicode's accented letters are, "ä" with "a" in German): Swedish å, ä, ö after
# z; Spanish ñ after n; Polish ą after a, ł after l, ź and ż after z. Each is replaced, in
# the sort key only, by its base letter and characters that sort after every letter.
_LAST = "\U0010ffff"
_AFTER_Z = ("z\U0010fffd", "z\U0010fffe", "z" + _LAST)
LETTERS_AFTER: dict[str, dict[str, str]] = {
    "sv": dict(zip("åäö", _AFTER_Z, strict=True)) | {"æ": _AFTER_Z[1], "ø": _AFTER_Z[2]},
    "es": {"ñ": "n" + _LAST},
    "pl": {
        "ą": "a" + _LAST,
        "ć": "c" + _LAST,
        "ę": "e" + _LAST,
        "ł": "l" + _LAST,
        "ń": "n" + _LAST,
        "ó": "o" + _LAST,
        "ś": "s" + _LAST,
        "ź": "z\U0010fffe",
        "ż": "z" + _LAST,
    },
}
# Hebrew's final letters sort as the letters they end (ך with כ), in every language.
_FINAL_LETTERS = str.maketrans("ךםןףץ", "כמנפצ")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is declared, to be translated when shown."""
    return message


@functools.cache
def shipped() -> tuple[str, ...]:
    """The languages the plugin ships: English and each language with a catalog."""
    found = {path.parent.parent.name for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted({ENGLISH, *found}))


def catalog_of(tag: str) -> str | None:
    """The shipped language for a language tag as themes write it ("de", "pt-BR", "pt_BR",
    "zh-Hant", "DE"), by the tag, then its language alone; None when none is shipped."""
    locale = _parse(tag)
    if locale is None:
        return None
    languages = shipped()
    for candidate in (str(locale), f"{locale.language}_{locale.territory}", locale.language):
        if candidate in languages:
            return candidate
    return None


def _parse(tag: str) -> Locale | None:
    text = tag.strip().replace("-", "_")
    if not text or not all(part.isalnum() and part.isascii() for part in text.split("_")):
        return None
    try:
        return Locale.parse(text)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@functools.cache
def catalog(tag: str) -> NullTranslations:
    """The messages of a shipped language, read from its `.po` file and compiled in memory
    (once per process); English has none (its messages are the ids)."""
    path = LOCALES / tag / "LC_MESSAGES" / f"{DOMAIN}.po"
    if tag == ENGLISH or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        return compiled(po, tag)


def compiled(po: IO[bytes], tag: str) -> Translations:
    """A `.po` file's messages, compiled in memory as gettext reads them: an untranslated or
    fuzzy message is left out, so that its English id is written instead."""
    messages = read_po(po, locale=tag, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, messages)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


@functools.cache
def message_ids() -> dict[str, str | None]:
    """Every message the plugin writes, from the catalogs' template: its id and, for a message
    with plural forms, its plural id."""
    with TEMPLATE.open("rb") as pot:
        template = read_po(pot, domain=DOMAIN)
    found: dict[str, str | None] = {}
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            found[str(message.id[0])] = str(message.id[1])
        else:
            found[str(message.id)] = None
    return found


def placeholders(message: str) -> set[str]:
    """The names of a message's placeholders: {"date"} for "Read in %(date)s"."""
    return set(_PLACEHOLDER.findall(message))


def _folded(text: str, letters: Mapping[int, str] | None = None) -> str:
    """Without case, and without accents but for a language's own letters (`letters`)."""
    if text.isascii():
        return text.casefold()
    folded = unicodedata.normalize("NFC", text).casefold()
    if letters:
        folded = folded.translate(letters)
    decomposed = unicodedata.normalize("NFKD", folded.translate(_FINAL_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _month_key(name: str) -> str:
    """A month name as `month_number` compares it: no case, accents, spaces or final dot."""
    return _folded(name.strip()).rstrip(".'\u2019\u05f3").strip()


class Language:
    """One language of the plugin's texts, with the user's wording (`strings`) over it.

    `tag` is the shipped catalog ("de"); `locale` the Babel locale the tag named, which may be
    a region's ("pt_BR", "de_CH"): its numbers, dates and month names are used. `strings`
    maps an English message to the text to write instead (a list of plural forms for a
    message that has them), or a language tag to such a mapping for that language only.
    `page_tag` is the language of the page around the plugin's markup (the theme's), when
    known: the markup says its own language where the two differ.
    """

    def __init__(
        self,
        tag: str = ENGLISH,
        *,
        locale: Locale | str | None = None,
        strings: Mapping[str, Any] | None = None,
        page_tag: str | None = None,
    ) -> None:
        self.tag = tag
        parsed = _parse(str(locale)) if locale is not None else None
        self.locale: Locale = parsed or Locale.parse(tag)
        self.translations = catalog(tag)
        self.rtl = self.locale.character_order == "right-to-left"
        self.strings = _strings_for(strings or {}, tag, str(self.locale))
        self._plural_index = gettext_module.c2py(get_plural(self.locale).plural_expr)
        self._letters = str.maketrans(LETTERS_AFTER.get(tag, {}))
        # What has been looked up or formatted once in this build, by what was asked.
        self._messages: dict[str, str] = {}
        self._plurals: dict[tuple[str, int], str] = {}
        self._numbers: dict[int | float, str] = {}
        self._dates: dict[tuple[int, int], str] = {}
        words = "|".join(re.escape(word) for word in ARTICLES.get(tag, ()))
        prefixes = "|".join(re.escape(prefix) for prefix in PREFIXES.get(tag, ()))
        alternatives = [f"(?:{words})\\s+" if words else "", f"(?:{prefixes})" if prefixes else ""]
        pattern = "|".join(part for part in alternatives if part)
        self._article = re.compile(f"^(?:{pattern})(?=\\S)", re.IGNORECASE) if pattern else None
        self.attributes = self._attributes(page_tag)

    def __repr__(self) -> str:
        return f"Language({self.tag!r}, locale={str(self.locale)!r})"

    # --- messages ------------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        """The text of `message` in this language (the user's wording first)."""
        found = self._messages.get(message)
        if found is None:
            own = self.strings.get(message)
            if own is not None:
                found = own if isinstance(own, str) else own[0]
            else:
                found = self.translations.gettext(message)
            self._messages[message] = found
        return found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form of a message for the number `n`."""
        key = (singular, n)
        found = self._plurals.get(key)
        if found is None:
            own = self.strings.get(singular)
            if isinstance(own, str):
                found = own
            elif own is not None:
                found = own[min(self._plural_index(n), len(own) - 1)]
            else:
                found = self.translations.ngettext(singular, plural, n)
            self._plurals[key] = found
        return found

    def pgettext(self, context: str, message: str) -> str:
        """A message with a context (for Jinja2's `pgettext`); the plugin uses none."""
        return str(self.translations.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """A plural message with a context (for Jinja2's `npgettext`)."""
        return str(self.translations.npgettext(context, singular, plural, n))

    def markup_callables(self) -> dict[str, Callable[..., Markup]]:
        """gettext, ngettext, pgettext and npgettext for templates: each text escaped (`&`,
        `<`, `>` and `"`), so that a translation or a user's wording is text, never markup;
        Jinja2's i18n extension then fills in the (escaped) values."""
        return {
            "gettext": lambda message: _text(self.gettext(message)),
            "ngettext": lambda one, many, n: _text(self.ngettext(one, many, n)),
            "pgettext": lambda context, message: _text(self.pgettext(context, message)),
            "npgettext": lambda c, one, many, n: _text(self.npgettext(c, one, many, n)),
        }

    # --- numbers and dates ---------------------------------------------------------------

    def number(self, value: int) -> str:
        """A whole number, grouped as the language groups digits: "12,345", "12.345"."""
        if value not in self._numbers:
            self._numbers[value] = format_decimal(value, locale=self.locale)
        return self._numbers[value]

    def decimal(self, value: float) -> str:
        """A score or a step, to two decimals at most: "3.25", "3,25", "4"."""
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        found = self._numbers.get(value)
        if found is None:
            found = self._numbers[value] = format_decimal(
                Decimal(text), format="#,##0.##", locale=self.locale
            )
        return found

    def month_name(self, month: int) -> str:
        """A month's name standing alone (a chart's bar, a table's column): "Februar"."""
        return _month_names(str(self.locale), "wide")[month - 1]

    def month_initial(self, month: int) -> str:
        """A month's shortest name, for a chart's axis: "F", "2"."""
        return _month_names(str(self.locale), "narrow")[month - 1]

    def month_year(self, year: int, month: int) -> str:
        """A month of a year: "February 2025", "février 2025", "2025年2月"."""
        key = (year, month)
        if key not in self._dates:
            when = dt.date(year, month, 1)
            self._dates[key] = format_skeleton("yMMMM", when, locale=self.locale)
        return self._dates[key]

    def month_number(self, name: str) -> int | None:
        """The month a name stands for, in this language or in English, written in full or
        abbreviated, in any case, with or without accents or a final dot ("juin", "Feb.",
        "févr", "2月"); None for anything else."""
        return _month_numbers(str(self.locale)).get(_month_key(name))

    # --- sorting -------------------------------------------------------------------------

    def collation_key(self, text: str) -> str:
        """The alphabetical order of `text` in this language, approximated: without case,
        and without accents except for letters the language files apart (`LETTERS_AFTER`);
        Han characters, kana and other scripts in Unicode's order. Ties (texts equal
        without case and accents) are for the caller to break."""
        return _folded(text, self._letters)

    def without_article(self, title: str) -> str:
        """A title without its leading article: "The Dispossessed" -> "Dispossessed"."""
        if self._article is None:
            return title
        stripped = title.strip().replace("\u2019", "'")
        return self._article.sub("", stripped, count=1)

    def title_key(self, title: str) -> tuple[str, str]:
        """How titles sort: by `collation_key` without the leading article, then by case."""
        return self.collation_key(self.without_article(title)), title.casefold()

    # --- the page ------------------------------------------------------------------------

    @property
    def bcp47(self) -> str:
        """The language as HTML and browsers name it: "de", "pt-BR", "zh-Hans-CN"."""
        return str(self.locale).replace("_", "-")

    def _attributes(self, page_tag: str | None) -> Markup:
        """`lang` and `dir` for the plugin's containers, where the page around them (the
        theme's language) does not already say them; empty for an English page in English."""
        page = _parse(page_tag) if page_tag else Locale.parse(ENGLISH)
        attributes = ""
        if page is None or page.language != self.locale.language:
            attributes += f' lang="{self.bcp47}"'
        page_rtl = page is not None and page.character_order == "right-to-left"
        if self.rtl:
            attributes += ' dir="rtl"'
        elif page_rtl:
            attributes += ' dir="ltr"'
        return Markup(attributes)

    def shelf_strings(self) -> dict[str, str]:
        """What the shelf's script writes, in this language, as data attributes of its status
        line (by name, without `data-`): `showing-<category>` and `all-<category>`, its two
        status messages in each plural category the language has (CLDR's, as the browser's
        Intl.PluralRules names them: "one", "few", "other"), with `{shown}`, `{total}` and
        `{hidden}` for the numbers; `count`, a filter's option with how many books it would
        show (`{name}`, `{count}`); `lang`, the language tag it collates and writes numbers
        in; `articles` and `prefixes`, what a title sort leaves out."""
        fill = {"shown": "{shown}", "total": "{total}", "hidden": "{hidden}", "num": "{total}"}
        samples = _plural_samples(str(self.locale))
        found = {
            "lang": self.bcp47,
            "articles": " ".join(ARTICLES.get(self.tag, ())),
            "prefixes": " ".join(PREFIXES.get(self.tag, ())),
        }
        for category, n in samples.items():
            found[f"showing-{category}"] = (
                self.ngettext(
                    "Showing %(shown)s of %(total)s book \u2014 %(hidden)s hidden by the filters.",
                    "Showing %(shown)s of %(total)s books \u2014 %(hidden)s hidden by the filters.",
                    n,
                )
                % fill
            )
        # A filter's option and how many books it would show: "{name} ({count})".
        found["count"] = self.gettext("%(name)s (%(count)s)") % {
            "name": "{name}",
            "count": "{count}",
        }
        for category, n in samples.items():
            found[f"all-{category}"] = (
                self.ngettext("Showing all %(total)s book.", "Showing all %(total)s books.", n)
                % fill
            )
        return found


def _text(text: str) -> Markup:
    """Text as template markup: `&`, `<`, `>` and `"` escaped (an apostrophe is text)."""
    return Markup(
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
    )


def _strings_for(strings: Mapping[str, Any], tag: str, locale: str) -> dict[str, str | list[str]]:
    """The `strings` option's wording for one language: its own mapping (by the catalog's tag
    or the locale's) over the mapping for every language."""
    chosen: dict[str, str | list[str]] = {}
    languages = [key for key in strings if isinstance(strings[key], Mapping)]
    for key, value in strings.items():
        if not isinstance(value, Mapping):
            chosen[key] = value if isinstance(value, str) else list(value)
    for key in languages:
        named = _parse(key)
        if named is not None and str(named) in (tag, locale):
            chosen.update(
                (k, v if isinstance(v, str) else list(v)) for k, v in strings[key].items()
            )
    return chosen


@functools.cache
def _month_names(locale: str, width: Literal["wide", "narrow"]) -> tuple[str, ...]:
    names = get_month_names(width, "stand-alone", locale)
    return tuple(str(names[month]) for month in range(1, 13))


@functools.cache
def _month_numbers(locale: str) -> dict[str, int]:
    """Every month name and abbreviation of the language and of English, as `_month_key`
    writes them, with its month; the language's own win where the two differ."""
    found: dict[str, int] = {"sept": 9}
    for tag in (ENGLISH, locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for month, name in get_month_names(width, context, tag).items():
                    found[_month_key(str(name))] = month
    return found


@functools.cache
def _plural_samples(locale: str) -> dict[str, int]:
    """A number of each plural category of the language (CLDR's: "one", "few", "other")."""
    rule = Locale.parse(locale).plural_form
    samples: dict[str, int] = {}
    for n in (*range(0, 200), 1_000_000):
        samples.setdefault(rule(n), n)
    return samples


# --- the active language ---------------------------------------------------------------------

_active = Language()


def active() -> Language:
    """The language the plugin writes in now (English until a build says otherwise)."""
    return _active


def use(language: Language) -> Language:
    """Write in `language` from now on; returns the language that was active."""
    global _active
    before, _active = _active, language
    return before


def reset() -> None:
    """Back to English, as before any build (the end of a build calls it)."""
    use(ENGLISH_LANGUAGE)


@contextmanager
def using(language: Language) -> Iterator[Language]:
    """Write in `language` while the block runs."""
    before = use(language)
    try:
        yield language
    finally:
        use(before)


ENGLISH_LANGUAGE = _active


def gettext(message: str) -> str:
    """`message` in the active language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The active language's plural form of a message for `n`."""
    return _active.ngettext(singular, plural, n)


def join(items: Sequence[str]) -> str:
    """Items as a list of the active language: "A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    # TRANSLATORS: what separates the items of a list (names, dates): ", " in English.
    separator = _active.gettext(", ")
    return _active.gettext("%(names)s and %(last)s") % {
        "names": separator.join(items[:-1]),
        "last": items[-1],
    }


# --- checking the `language` and `strings` options --------------------------------------------


def language_problem(tag: str) -> str | None:
    """Why the `language` option cannot be used, or None."""
    return _not_a_language(tag) if catalog_of(tag) is None else None


def _not_a_language(tag: object) -> str:
    return f"{tag!r} is not a language the plugin writes; the languages are: " + ", ".join(
        shipped()
    )


def strings_problems(strings: object) -> list[str]:
    """What is wrong with the `strings` option: a mapping of English messages to your wording
    (a list of plural forms for a message with plural forms), or of a language to such a
    mapping."""
    if not isinstance(strings, Mapping):
        return [
            "expected a mapping of the plugin's English texts to yours "
            "(or of a language, like de, to such a mapping)"
        ]
    problems: list[str] = []
    for key, value in strings.items():
        if isinstance(value, Mapping) and isinstance(key, str) and catalog_of(key) is not None:
            problems.extend(f"{key}: {problem}" for problem in _wording_problems(value))
        elif isinstance(value, Mapping):
            problems.append(_not_a_language(key))
        else:
            problems.extend(_wording_problems({key: value}))
    return problems


def _wording_problems(wording: Mapping[Any, Any]) -> list[str]:
    import difflib

    known = message_ids()
    problems = []
    for key, value in wording.items():
        if not isinstance(key, str) or key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            problems.append(
                f"{key!r} is not a text the plugin writes{hint} (every text is in "
                f"mkdocs_bookreviews/locales/{DOMAIN}.pot)"
            )
            continue
        plural = known[key]
        forms: list[object] = (
            list(value) if isinstance(value, (list, tuple)) and plural is not None else [value]
        )
        if not forms or not all(isinstance(form, str) for form in forms):
            what = "text, or a list of plural forms" if plural is not None else "text"
            problems.append(f"{key!r}: {_shown(value)} is not {what}")
            continue
        names = placeholders(key) | placeholders(plural or "")
        if plural is not None:
            names.add("num")
        for form in forms:
            assert isinstance(form, str)
            extra = placeholders(form) - names
            if extra:
                has = ", ".join(f"%({name})s" for name in sorted(names)) or "none"
                problems.append(
                    f"{key!r}: {form!r} has {', '.join(f'%({n})s' for n in sorted(extra))}, "
                    f"which the text does not fill in (it has: {has})"
                )
                continue
            try:
                form % dict.fromkeys(names, "")
            except (ValueError, TypeError, KeyError):
                problems.append(
                    f"{key!r}: {form!r} is not a text the plugin can fill in: write %% for a "
                    "percent sign, and placeholders as the text has them, like %(date)s"
                )
    return problems


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
