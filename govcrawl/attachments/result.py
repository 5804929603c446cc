"""What extracting an attachment yields: its content for the parser and findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from govcrawl.model import Finding

# Finding kinds, so callers and tests can tell the failures apart.
UNKNOWN_KIND = "attachment_unknown_kind"
TOO_LARGE = "attachment_too_large"
PAGE_CAP = "attachment_page_cap"
NEEDS_OCR = "attachment_needs_ocr"
EMPTY = "attachment_empty"
TRUNCATED = "attachment_truncated"
BROKEN = "attachment_broken"
UNSAFE_ARCHIVE = "attachment_unsafe_archive"
UNSUPPORTED = "attachment_unsupported"
NO_TABLES = "attachment_no_tables"
DECOMPRESSION_BOMB = "attachment_decompression_bomb"
TOO_SLOW = "attachment_too_slow"
# Read by the second PDF reader (pypdf) after PDFium could not: which one read it.
SECOND_READER = "attachment_second_reader"


@dataclass
class Extracted:
    """An attachment as the parser reads it.

    `html` holds paragraphs as <p> and tables as <table> with colspan/rowspan, for
    govcrawl.parse.parse_report; `text` is the same content with table rows flattened
    to ' | '-separated lines. Both are empty when nothing could be read, and then
    `findings` says why."""

    kind: str | None
    name: str
    html: str = ""
    text: str = ""
    pages: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def content(self) -> str:
        return self.html or self.text

    def find(self, kind: str, message: str) -> None:
        self.findings.append(Finding(kind, message, self.name))

    def find_no_tables(self, images: int) -> None:
        """Text without a single table: reports paste their tables as pictures, or
        draw them without rules, and the parser then finds no numbers."""
        self.find(
            NO_TABLES,
            f"{self.kind} has text but no tables; {images} picture(s) in it. Tables "
            "printed as pictures need OCR, and tables drawn without rules are not "
            "recognised",
        )
