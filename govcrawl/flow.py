"""The clean -> parse -> validate stages as one call, the only one: a crawl's pipeline,
`govcrawl load`, `parse`, `reparse`, `bench` and `demo` all hand a `Document` to
`clean_parse_validate`, so a report reads the same whichever way it came in.

What a document is (HTML page, text, or a PDF/DOCX/DOC/WPS/OFD attachment) is decided
here once, from its bytes and Content-Type; a name's suffix only tells apart formats
whose bytes do not (a .wps from a .doc), never HTML from text (a .jsp report is HTML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govcrawl.attachments import attachment_kind, extract
from govcrawl.clean import clean_page
from govcrawl.config import Config
from govcrawl.model import CleanResult, Finding, Report
from govcrawl.parse.page import parse_cleaned
from govcrawl.validate import validate

UNREADABLE = "unreadable_page"
SCRIPT = "script"
ENCODING = "encoding"
SCRIPT_NOTE = "traditional characters converted to simplified"
# What may come before a page's first "<": a UTF-8 byte-order mark and blanks.
MARKUP_LEAD = b"\xef\xbb\xbf \t\r\n"
# Servers that name an attachment only by its Content-Type (download.jsp?id=…).
ATTACHMENT_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/ofd": "ofd",
    "application/wps-office.wps": "wps",
    "application/kswps": "wps",
}


@dataclass(frozen=True)
class Listed:
    """What the list row (or the report page linking an attachment) said; it fills
    what the document itself does not print."""

    title: str | None = None
    year: int | None = None
    published: str | None = None


@dataclass(frozen=True)
class Document:
    """A report as fetched. `source` names it in the report and its findings (a
    local file's path as typed); the URL by default."""

    body: bytes
    url: str
    content_type: str | None = None
    listed: Listed = field(default_factory=Listed)
    source: str | None = None

    @classmethod
    def from_file(cls, path: Path) -> Document:
        """A local file: no Content-Type, so its bytes decide what it is."""
        return cls(path.read_bytes(), url=path.resolve().as_uri(), source=str(path))

    @property
    def name(self) -> str:
        return self.source or self.url


@dataclass
class FlowResult:
    """kind: html, text, or the attachment format (pdf, docx, doc, wps, ofd).
    unreadable: why nothing could be cleaned (empty or binary page), else None; the
    report then carries the reason as an `unreadable_page` finding.
    cleaned.html is empty for an HTML page: parse reads the clean stage's tree and
    nothing stored reads the fragment (`govcrawl clean` and clean_page render it);
    an attachment's html is what its extractor made of it."""

    kind: str
    cleaned: CleanResult
    report: Report
    unreadable: str | None = None


def clean_parse_validate(
    document: Document, config: Config | None = None
) -> FlowResult:
    """Clean, parse and validate one document; what cannot be read is a finding.
    Findings are in stage order: reading the file first, then parsing."""
    config = config or Config()
    kind = document_kind(document)
    unreadable = None
    if kind is None:
        cleaned, findings, unreadable = _clean(document, config)
        kind = "html" if cleaned.tree is not None else "text"
    else:
        cleaned, findings = _extract(document, kind, config)
    report = _parse(cleaned, document, nothing_read=bool(findings))
    report.findings[:0] = findings
    validate(report, strict=config.strict_blanks, text=cleaned.text)
    # The tree has served parse; the result crosses to the store's process without it
    # (an lxml element cannot be pickled).
    cleaned.tree = cleaned.reading = None
    return FlowResult(kind, cleaned, report, unreadable)


def ready() -> bool:
    """Nothing: a worker process that runs it has imported the flow."""
    return True


def document_kind(document: Document) -> str | None:
    """The attachment format, or None for a page (HTML or text) the clean stage reads."""
    kind = attachment_kind(document.url, document.body)
    if kind is None and not document.body.lstrip(MARKUP_LEAD).startswith(b"<"):
        media = (document.content_type or "").split(";", 1)[0].strip().lower()
        kind = ATTACHMENT_TYPES.get(media)
    return kind


def _clean(
    document: Document, config: Config
) -> tuple[CleanResult, list[Finding], str | None]:
    try:
        cleaned = clean_page(
            document.body,
            url=document.url,
            content_type=document.content_type,
            max_bytes=config.max_page_bytes,
            fragment_html=False,
        )
    except ValueError as error:
        # An empty or binary page is still stored, with the reason on its report:
        # nothing fetched is dropped.
        finding = Finding(UNREADABLE, str(error), document.url)
        return CleanResult(text="", html=""), [finding], str(error)
    return cleaned, [], None


def _extract(
    document: Document, kind: str, config: Config
) -> tuple[CleanResult, list[Finding]]:
    extracted = extract(
        document.body, name=document.name, limits=config.limits, kind=kind
    )
    cleaned = CleanResult(text=extracted.text, html=extracted.html, encoding=kind)
    return cleaned, extracted.findings


def _parse(cleaned: CleanResult, document: Document, *, nothing_read: bool) -> Report:
    """The parse stage on the clean stage's output, with the listed metadata as the
    last resort (parse_cleaned's order). A document that could not be read is not
    parsed: its reading findings say why, without a missing-table finding per table."""
    listed = document.listed
    if nothing_read and not (cleaned.html or cleaned.text):
        return Report(
            source=document.name,
            title=listed.title or None,
            year=listed.year,
            published=listed.published,
        )
    report = parse_cleaned(
        cleaned,
        source=document.name,
        title=listed.title,
        year=listed.year,
        published=listed.published,
    )
    # The clean stage converted a traditional page; parse then sees simplified text
    # and would not say so itself.
    if cleaned.script == "traditional" and not report_has(report, SCRIPT):
        report.find(SCRIPT, SCRIPT_NOTE)
    # An overruled charset or replaced bytes: the report is read, and says so.
    for removal in cleaned.removed:
        if removal.kind == ENCODING:
            report.find(ENCODING, removal.text, document.url)
    return report


def report_has(report: Report, kind: str) -> bool:
    return any(finding.kind == kind for finding in report.findings)
