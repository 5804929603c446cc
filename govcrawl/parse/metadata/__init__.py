"""Report metadata (title, agency, year, published) and where each came from."""

from govcrawl.parse.metadata.lines import reading_lines
from govcrawl.parse.metadata.listed import Listed, with_listed
from govcrawl.parse.metadata.resolve import Metadata, apply_metadata, resolve_metadata

__all__ = [
    "Listed",
    "Metadata",
    "apply_metadata",
    "reading_lines",
    "resolve_metadata",
    "with_listed",
]
