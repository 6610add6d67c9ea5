"""The MkDocs glue: the only modules of the package that import MkDocs (or ProperDocs, which
stands in for it). Everything outside this folder takes and returns plain values.

Nothing is imported here: `settings.use_host` must decide whose `mkdocs` is imported before
anything imports it, and `bookreviews --help` loads neither.
"""
