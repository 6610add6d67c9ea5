"""`python -m mkdocs_bookreviews`: the `bookreviews` command."""

from mkdocs_bookreviews.cli import main

main(prog_name="bookreviews")
