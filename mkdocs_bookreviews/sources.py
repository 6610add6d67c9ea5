"""Reading pages' text and front matter: mended when it is not UTF-8, each version parsed once.

Under `mkdocs serve` the plugin instance outlives rebuilds, so the cache, keyed by source path
and checked against a digest of the page's text, lets a rebuild after one edit parse only the
edited page's YAML. The text itself is read on every build (MkDocs reads it anyway, and gets
it from us): a file's time stamp and size can stay the same across an edit (`cp -p`, `rsync
-t`, one-second time stamps), its text cannot. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib

from .front_matter import FrontMatter, split_front_matter


def mend(raw: bytes) -> str:
    """The text of a file that is not UTF-8, as MkDocs would read a UTF-8 one: a leading byte
    order mark dropped, bad bytes replaced with U+FFFD, and line endings made `\\n` (the text
    mode of `open()` does that for files that decode)."""
    text = raw.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class FrontMatterCache:
    """Parsed front matter by src_uri, valid while the page's text is the same."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[bytes, FrontMatter]] = {}
        self.parses = 0

    def parse(self, src_uri: str, text: str, *, keep: bool = True) -> FrontMatter:
        """The front matter of a page's text: from the cache when this text was parsed before,
        otherwise parsed now (and, with `keep`, remembered for the next build)."""
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        cached = self._entries.get(src_uri)
        if cached is not None and cached[0] == digest:
            return cached[1]
        parsed = split_front_matter(text)
        self.parses += 1
        if keep:
            self._entries[src_uri] = (digest, parsed)
        return parsed
