"""The registry of page kinds, and the config written once: every kind's options, the fields
and the reach options are declared once, and what the core reads is derived from, or checked
against, the plugin's config classes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from mkdocs_bookreviews import listings
from mkdocs_bookreviews.glue.config import (
    NUMBER_BOUNDS,
    OPTION_NAMES,
    BookReviewsConfig,
    FieldNamesConfig,
)
from mkdocs_bookreviews.model import FieldNames
from mkdocs_bookreviews.paths import view_folders
from mkdocs_bookreviews.reach import ReachOptions
from mkdocs_bookreviews.views.registry import KIND_NAMES, KINDS

TEMPLATES = Path(__file__).parent.parent / "mkdocs_bookreviews" / "templates"


def defaults(config_class: type) -> dict[str, object]:
    """Each option of a MkDocs config class with its default."""
    return {name: option.default for name, option in config_class._schema}  # type: ignore[attr-defined]


def test_every_kind_has_its_options_in_the_config() -> None:
    options = defaults(BookReviewsConfig)
    for kind in KINDS:
        assert options[kind.name] is kind.on
        assert options[f"{kind.name}_dir"] == kind.name
        assert options[f"{kind.name}_title"] == kind.title
        for option in kind.options:
            name = f"{kind.name}_{option.name}"
            assert options[name] == option.default
            assert NUMBER_BOUNDS.get(name) == option.bounds
    # The kinds' options stand together, in the registry's order, after `nav_limit`.
    names = list(OPTION_NAMES)
    start = names.index("nav_limit") + 1
    expected = [name for kind in KINDS for name in kind.option_names()]
    assert names[start : start + len(expected)] == expected


def test_kind_options_read_back_from_a_validated_config() -> None:
    config = BookReviewsConfig()
    config.load_dict({"authors_min_reviews": 3, "years_dir": "read", "stats_title": "Numbers"})
    errors, _ = config.validate()
    assert not errors
    by_name = {kind.name: kind.options_of(config) for kind in KINDS}
    assert by_name["authors"].more == {"min_reviews": 3}
    assert by_name["years"].folder == "read"
    assert by_name["stats"].title == "Numbers"
    assert all(options.goals == {} for options in by_name.values())
    assert view_folders(config) == {
        **{name: name for name in KIND_NAMES},
        "years": "read",
    }


def test_field_options_are_the_model_fields() -> None:
    assert defaults(FieldNamesConfig) == dataclasses.asdict(FieldNames())


def test_reach_options_are_the_plugin_options_with_their_defaults() -> None:
    options = defaults(BookReviewsConfig)
    for field in dataclasses.fields(ReachOptions):
        assert options[field.name] == field.default, field.name


def test_kinds_are_named_once_and_ship_their_templates() -> None:
    assert len(set(KIND_NAMES)) == len(KINDS)
    for kind in KINDS:
        assert kind.templates, kind.name
        for template in kind.templates:
            assert (TEMPLATES / template).is_file(), template


def test_listing_keys_come_from_the_kinds() -> None:
    filters = [kind.marker.key for kind in KINDS if kind.marker is not None]
    assert filters == ["status", "genre", "author", "series", "year"]
    assert ("recent", "limit", *filters, "sort", "as") == listings.KEYS
    assert len(set(listings.KEYS)) == len(listings.KEYS)


def test_goals_reach_every_kind_read_from_a_validated_config() -> None:
    config = BookReviewsConfig()
    config.load_dict({"goals": {2026: 52, "2025": 40}})
    errors, _ = config.validate()
    assert not errors
    assert {kind.name: kind.options_of(config).goals for kind in KINDS}["years"] == {
        2026: 52,
        2025: 40,
    }
